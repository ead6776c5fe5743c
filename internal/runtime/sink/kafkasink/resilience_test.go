package kafkasink_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/sink"
	"github.com/streamc/streamc/internal/runtime/sink/kafkasink"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

// Rows written while the sink's connections are reset over and over are
// all acknowledged, and all arrive (at least once).
func TestSinkRidesOutConnectionResets(t *testing.T) {
	k := kafkatest.New(t, kafkatest.BehindProxy())
	k.CreateTopic("out", 3)
	s := newSink(t, k, map[string]string{"topic": "out", "kafka.linger.ms": "1"})
	defer s.Close()
	const batches, rows = 6, 300
	for b := range batches {
		w, err := s.Open(ctx(t), int64(b), sink.Task{Topic: "src"})
		if err != nil {
			t.Fatal(err)
		}
		for i := range rows {
			if i%100 == 50 {
				k.Proxy.DropAll()
			}
			msg := &sink.Message{Partition: -1, Key: []byte(fmt.Sprintf("k%d", i)), Value: []byte(fmt.Sprintf("b%d-%d", b, i))}
			if err := w.Write(ctx(t), msg); err != nil {
				t.Fatalf("batch %d row %d: %v", b, i, err)
			}
		}
		k.Proxy.DropAll()
		if err := w.Close(ctx(t)); err != nil {
			t.Fatalf("batch %d: %v", b, err)
		}
	}
	seen := map[string]int{}
	for _, r := range k.ReadAll("out") {
		seen[string(r.Value)]++
	}
	dups := 0
	for b := range batches {
		for i := range rows {
			switch n := seen[fmt.Sprintf("b%d-%d", b, i)]; {
			case n == 0:
				t.Fatalf("row b%d-%d lost", b, i)
			case n > 1:
				dups += n - 1
			}
		}
	}
	if k.Proxy.Dropped() == 0 {
		t.Error("no connection was dropped")
	}
	if d := k.DirectConnections(); len(d) > 0 {
		t.Errorf("connections bypassed the proxy: %v", d)
	}
	t.Logf("%d rows, %d duplicates, %d connections dropped", batches*rows, dups, k.Proxy.Dropped())
}

// With no broker listening, a batch's rows are retried for retryTimeout
// (over kafka.delivery.timeout.ms), then Close fails naming the write, the
// broker and the time spent.
func TestSinkGivesUp(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	s, err := kafkasink.New(map[string]string{"kafka.bootstrap.servers": addr, "topic": "out", "kafka.delivery.timeout.ms": "60000", "retryTimeout": "1s"}, log)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	w, err := s.Open(ctx(t), 3, sink.Task{Topic: "src", Partition: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(ctx(t), &sink.Message{Partition: -1, Value: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	t0 := time.Now()
	err = w.Close(ctx(t))
	took := time.Since(t0)
	if err == nil {
		t.Fatal("Close succeeded without a broker")
	}
	if took < time.Second || took > 5*time.Second {
		t.Errorf("gave up after %s, want about 1s", took)
	}
	for _, want := range []string{"kafka sink: 1 rows not acknowledged: gave up retrying kafka produce to out (batch 3, task src-1) against broker " + addr + " after ", "(retry timeout 1s)"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	first, _, _ := strings.Cut(logs.String(), "\n")
	if !strings.Contains(first, `msg="retrying kafka produce to out (batch 3, task src-1) (broker `+addr+` unreachable: `) || !strings.Contains(first, "giving up in 1s") {
		t.Errorf("first warning: %s", first)
	}
}
