package kafkasink_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/sink"
	"github.com/streamc/streamc/internal/runtime/sink/kafkasink"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return c
}

func newSink(t *testing.T, k *kafkatest.Cluster, opts map[string]string) *kafkasink.Sink {
	t.Helper()
	o := map[string]string{"kafka.bootstrap.servers": k.Addr}
	for key, v := range opts {
		o[key] = v
	}
	s, err := kafkasink.New(o, quiet)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// repoFile finds a file of the repository from the package directory.
func repoFile(t *testing.T, rel string) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, rel)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod above the test")
		}
		dir = parent
	}
}

// TestPartitionerMatchesSparkOutput writes the invoices app's expected
// notifications keyed by InvoiceNumber and checks that each lands on the
// partition Spark's (Java client's) producer put it on.
func TestPartitionerMatchesSparkOutput(t *testing.T) {
	f, err := os.Open(repoFile(t, "schemas/fixtures/expected-notifications.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type expected struct {
		Key       string `json:"key"`
		Value     string `json:"value"`
		Partition int32  `json:"partition"`
	}
	var want []expected
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e expected
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		want = append(want, e)
	}
	if len(want) != 500 {
		t.Fatalf("%d expected notifications", len(want))
	}
	k := kafkatest.New(t)
	k.CreateTopic("notifications", 3)
	s := newSink(t, k, map[string]string{"topic": "notifications"})
	// Three tasks write in parallel, as the engine's partition tasks do.
	var wg sync.WaitGroup
	for task := range 3 {
		wg.Go(func() {
			w, err := s.Open(ctx(t), 0, sink.Task{Topic: "invoices", Partition: int32(task)})
			if err != nil {
				t.Error(err)
				return
			}
			msg := &sink.Message{Partition: -1, Topic: "ignored-because-option-wins"}
			for i := task; i < len(want); i += 3 {
				msg.Key = append(msg.Key[:0], want[i].Key...)
				msg.Value = append(msg.Value[:0], want[i].Value...)
				if err := w.Write(ctx(t), msg); err != nil {
					t.Error(err)
					return
				}
			}
			if err := w.Close(ctx(t)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := s.Commit(ctx(t), 0); err != nil {
		t.Fatal(err)
	}
	// Close of every writer returned: everything must be readable now.
	got := map[string]int32{}
	vals := map[string]string{}
	for _, r := range k.ReadAll("notifications") {
		got[string(r.Key)] = r.Partition
		vals[string(r.Key)] = string(r.Value)
	}
	if len(got) != 500 {
		t.Fatalf("read %d records, want 500", len(got))
	}
	bad := 0
	for _, e := range want {
		if got[e.Key] != e.Partition || vals[e.Key] != e.Value {
			bad++
			if bad < 5 {
				t.Errorf("key %s: partition %d, want %d", e.Key, got[e.Key], e.Partition)
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of 500 records on the wrong partition", bad)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestRowFields(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("a", 3)
	k.CreateTopic("b", 3)
	s := newSink(t, k, nil)
	defer s.Close()
	w, err := s.Open(ctx(t), 7, sink.Task{Topic: "src", Partition: 0})
	if err != nil {
		t.Fatal(err)
	}
	msgs := []sink.Message{
		{Topic: "a", Partition: 2, Key: []byte("explicit"), Value: []byte("v1"), Headers: []sink.Header{{Key: "h", Value: []byte("hv")}, {Key: "n"}}},
		{Topic: "b", Partition: -1, Key: []byte("tomb"), Value: nil},
	}
	for i := range 30 {
		msgs = append(msgs, sink.Message{Topic: "b", Partition: -1, Value: []byte("keyless" + strconv.Itoa(i))})
	}
	for i := range msgs {
		if err := w.Write(ctx(t), &msgs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Write(ctx(t), &sink.Message{Topic: "a", Partition: 3, Value: []byte("x")}); err == nil || !strings.Contains(err.Error(), "partition 3 of topic a does not exist") {
		t.Errorf("explicit partition past the end: %v", err)
	}
	if err := w.Write(ctx(t), &sink.Message{Partition: -1, Value: []byte("x")}); err == nil {
		t.Error("row without topic: no error")
	}
	if err := w.Close(ctx(t)); err != nil {
		t.Fatal(err)
	}
	ra := k.ReadAll("a")
	if len(ra) != 1 || ra[0].Partition != 2 || string(ra[0].Value) != "v1" || len(ra[0].Headers) != 2 ||
		ra[0].Headers[0].Key != "h" || string(ra[0].Headers[0].Value) != "hv" || ra[0].Headers[1].Key != "n" {
		t.Errorf("topic a: %+v", ra)
	}
	perPart := map[int32]int{}
	tomb := false
	for _, r := range k.ReadAll("b") {
		if string(r.Key) == "tomb" {
			tomb = r.Value == nil
			continue
		}
		perPart[r.Partition]++
	}
	if !tomb {
		t.Error("null value was not written as a tombstone")
	}
	if len(perPart) != 3 || perPart[0] != 10 {
		t.Errorf("keyless rows are not spread round-robin: %v", perPart)
	}
}

// TestBrokerOutage stops the broker while rows are being written: Close
// must wait, retry and return only when all are acknowledged.
func TestBrokerOutage(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("t", 3)
	s := newSink(t, k, map[string]string{"topic": "t", "kafka.retry.backoff.max.ms": "300"})
	defer s.Close()
	w, err := s.Open(ctx(t), 0, sink.Task{Topic: "src"})
	if err != nil {
		t.Fatal(err)
	}
	const n = 5000
	msg := &sink.Message{Partition: -1}
	write := func(from, to int) {
		for i := from; i < to; i++ {
			msg.Key = strconv.AppendInt(msg.Key[:0], int64(i), 10)
			msg.Value = msg.Key
			if err := w.Write(ctx(t), msg); err != nil {
				t.Fatal(err)
			}
		}
	}
	write(0, n/2)
	k.Stop()
	go func() {
		time.Sleep(2 * time.Second)
		k.Start()
	}()
	write(n/2, n)
	if err := w.Close(ctx(t)); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range k.ReadAll("t") {
		seen[string(r.Key)] = true
	}
	if len(seen) != n {
		t.Fatalf("%d distinct rows in Kafka, want %d", len(seen), n)
	}
}
