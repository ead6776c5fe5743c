package kafka_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

// Every source call rides out its connections being reset just before it:
// kafka-go reports the partitions of a ListOffsets whose connection broke
// as [-1] Unknown, which must be retried like the I/O error it stands for.
func TestSourceRidesOutConnectionResets(t *testing.T) {
	k := kafkatest.New(t, kafkatest.BehindProxy())
	k.CreateTopic("t", 3)
	for p := range int32(3) {
		k.ProduceN("t", p, 50, fmt.Sprintf("p%d-", p))
	}
	s := newSource(t, k, map[string]string{"subscribe": "t"})
	c := ctx(t)
	for round := range 4 {
		k.Proxy.DropAll()
		parts, err := s.Partitions(c)
		if err != nil || len(parts) != 3 {
			t.Fatalf("round %d: partitions %v, %v", round, parts, err)
		}
		k.Proxy.DropAll()
		latest, err := s.LatestOffsets(c, parts)
		if err != nil {
			t.Fatalf("round %d: latest offsets: %v", round, err)
		}
		k.Proxy.DropAll()
		if _, err := s.EarliestOffsets(c, parts); err != nil {
			t.Fatalf("round %d: earliest offsets: %v", round, err)
		}
		k.Proxy.DropAll()
		if err := s.CommitGroup(c, latest); err != nil {
			t.Fatalf("round %d: commit group: %v", round, err)
		}
		tp := parts[round%3]
		r := s.NewReader(tp)
		if _, err := r.ReadRange(c, 0, 25, func(*kafka.Chunk) error { return nil }); err != nil {
			t.Fatalf("round %d: read: %v", round, err)
		}
		k.Proxy.DropAll()
		rows := 0
		if _, err := r.ReadRange(c, 25, 50, func(ch *kafka.Chunk) error { rows += len(ch.Rows); return nil }); err != nil || rows != 25 {
			t.Fatalf("round %d: read after a reset: %d rows, %v", round, rows, err)
		}
		r.Close()
	}
	if k.Proxy.Dropped() == 0 || k.Proxy.Accepted() < 2 {
		t.Errorf("proxy accepted %d connections and dropped %d: the faults did not happen", k.Proxy.Accepted(), k.Proxy.Dropped())
	}
	if d := k.DirectConnections(); len(d) > 0 {
		t.Errorf("connections bypassed the proxy: %v", d)
	}
}

// A blackhole shorter than the retry budget only delays a call.
func TestSourceRidesOutBlackhole(t *testing.T) {
	k := kafkatest.New(t, kafkatest.BehindProxy())
	k.CreateTopic("t", 2)
	k.ProduceN("t", 0, 10, "v")
	s := newSource(t, k, map[string]string{"subscribe": "t", "kafka.request.timeout.ms": "500"})
	parts, err := s.Partitions(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	k.Proxy.Blackhole(true)
	time.AfterFunc(2*time.Second, func() { k.Proxy.Blackhole(false) })
	t0 := time.Now()
	latest, err := s.LatestOffsets(ctx(t), parts)
	if err != nil {
		t.Fatalf("latest offsets across a blackhole: %v", err)
	}
	if off, _ := latest.Get(kafka.TopicPartition{Topic: "t", Partition: 0}); off != 10 {
		t.Errorf("latest offset of t-0 is %d, want 10", off)
	}
	if took := time.Since(t0); took < time.Second {
		t.Errorf("the call took %s: the blackhole did not hold it", took)
	}
}

// closedAddr is a loopback address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// With no broker listening, a call retries for the retry timeout, says so
// once at warn level (what, against which broker, why, for how long), and
// then fails naming the call, the broker and the time spent.
func TestRetryGivesUp(t *testing.T) {
	addr := closedAddr(t)
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	cfg, _, err := kafka.ParseSourceConfig(map[string]string{"subscribe": "invoices", "kafka.bootstrap.servers": addr, "retryTimeout": "1500ms"})
	if err != nil {
		t.Fatal(err)
	}
	s := kafka.NewSource(cfg, "", log)
	defer s.Close()
	t0 := time.Now()
	_, err = s.Partitions(ctx(t))
	took := time.Since(t0)
	if err == nil {
		t.Fatal("no error without a broker")
	}
	if took < 1500*time.Millisecond || took > 4*time.Second {
		t.Errorf("gave up after %s, want about 1.5s", took)
	}
	for _, want := range []string{"kafka source: discover partitions: gave up retrying kafka metadata for invoices against broker " + addr + " after 1.5", "(retry timeout 1.5s)", "connection refused"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	warns := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if !strings.Contains(warns[0], `msg="retrying kafka metadata for invoices (broker `+addr+` unreachable: `) || !strings.Contains(warns[0], "giving up in 1.5s") {
		t.Errorf("first warning: %s", warns[0])
	}
	if len(warns) > 2 {
		t.Errorf("%d warnings in 1.5s of retries, want the first and at most one reminder:\n%s", len(warns), logs.String())
	}
}

// retryTimeout wins over kafkaConsumer.pollTimeoutMs, which applies without it.
func TestRetryTimeoutPrecedence(t *testing.T) {
	for _, c := range []struct {
		opts map[string]string
		want time.Duration
	}{
		{map[string]string{}, kafka.DefaultRetryTimeout},
		{map[string]string{"kafkaConsumer.pollTimeoutMs": "5000"}, 5 * time.Second},
		{map[string]string{"kafkaConsumer.pollTimeoutMs": "5000", "retryTimeout": "1m30s"}, 90 * time.Second},
		{map[string]string{"retryTimeout": "0s"}, 0},
	} {
		o := map[string]string{"subscribe": "t", "kafka.bootstrap.servers": "127.0.0.1:1"}
		maps.Copy(o, c.opts)
		cfg, warnings, err := kafka.ParseSourceConfig(o)
		if err != nil || len(warnings) > 0 {
			t.Fatalf("%v: %v %v", c.opts, err, warnings)
		}
		if got := cfg.Client.RetryPolicy(cfg.PollTimeout).Timeout; got != c.want {
			t.Errorf("%v: retry timeout %s, want %s", c.opts, got, c.want)
		}
	}
	if _, _, err := kafka.ParseSourceConfig(map[string]string{"subscribe": "t", "kafka.bootstrap.servers": "127.0.0.1:1", "retryTimeout": "soon"}); err == nil || !strings.Contains(err.Error(), `retryTimeout: "soon" is not a duration`) {
		t.Errorf("bad retryTimeout: %v", err)
	}
}
