package broker_test

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/streamc/streamc/internal/devtools/broker"
)

func start(t *testing.T, cfg broker.Config) *broker.Broker {
	t.Helper()
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	b, err := broker.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Error(err)
		}
	})
	return b
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// produce writes n keyed records with kafka-go's Java-compatible murmur2
// balancer and returns how many go to each of 3 partitions.
func produce(t *testing.T, ctx context.Context, addr, topic string, from, n int) map[int]int {
	t.Helper()
	w := &kafka.Writer{
		Addr:         kafka.TCP(addr),
		Topic:        topic,
		Balancer:     kafka.Murmur2Balancer{},
		RequiredAcks: kafka.RequireAll,
		BatchTimeout: 10 * time.Millisecond,
	}
	defer w.Close()
	msgs := make([]kafka.Message, n)
	for i := range msgs {
		msgs[i] = kafka.Message{Key: fmt.Appendf(nil, "key-%d", from+i), Value: fmt.Appendf(nil, "value-%d", from+i)}
	}
	if err := w.WriteMessages(ctx, msgs...); err != nil {
		t.Fatalf("write: %v", err)
	}
	per := map[int]int{}
	for _, m := range msgs {
		per[kafka.Murmur2Balancer{}.Balance(m, 0, 1, 2)]++
	}
	return per
}

func TestDevBrokerKafkaGoProduceConsume(t *testing.T) {
	ctx := testContext(t)
	b := start(t, broker.Config{})
	if err := b.CreateTopic(ctx, "events", 0); err != nil {
		t.Fatal(err)
	}
	if got := b.Partitions("events"); got != 3 {
		t.Fatalf("partitions = %d, want 3", got)
	}

	// Metadata as any client sees it.
	conn, err := kafka.DialContext(ctx, "tcp", b.Addr())
	if err != nil {
		t.Fatal(err)
	}
	parts, err := conn.ReadPartitions("events")
	conn.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 3 {
		t.Fatalf("ReadPartitions: %d partitions, want 3", len(parts))
	}
	for _, p := range parts {
		if got := fmt.Sprintf("%s:%d", p.Leader.Host, p.Leader.Port); got != b.Addr() {
			t.Errorf("partition %d leader %s, want %s", p.ID, got, b.Addr())
		}
	}

	per := produce(t, ctx, b.Addr(), "events", 0, 60)
	if len(per) != 3 {
		t.Fatalf("records went to partitions %v, want all 3", per)
	}
	offs, err := b.Offsets("events")
	if err != nil {
		t.Fatal(err)
	}
	for p, r := range offs {
		if r.End != int64(per[p]) {
			t.Errorf("partition %d end offset %d, want %d", p, r.End, per[p])
		}
	}

	// Each partition read back with a partition reader, in order.
	for p := range 3 {
		r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{b.Addr()}, Topic: "events", Partition: p, MaxWait: 100 * time.Millisecond})
		var prev int64 = -1
		for range per[p] {
			m, err := r.ReadMessage(ctx)
			if err != nil {
				t.Fatalf("partition %d: %v", p, err)
			}
			if want := (kafka.Murmur2Balancer{}).Balance(kafka.Message{Key: m.Key}, 0, 1, 2); want != p {
				t.Fatalf("key %s in partition %d, murmur2 says %d", m.Key, p, want)
			}
			if m.Offset != prev+1 || m.Partition != p {
				t.Fatalf("partition %d: got offset %d partition %d after %d", p, m.Offset, m.Partition, prev)
			}
			prev = m.Offset
			if want := "value-" + string(m.Key[len("key-"):]); string(m.Value) != want {
				t.Fatalf("value %q for key %q", m.Value, m.Key)
			}
		}
		r.Close()
	}
}

func TestDevBrokerConsumerGroupCommit(t *testing.T) {
	ctx := testContext(t)
	b := start(t, broker.Config{})
	if err := b.CreateTopic(ctx, "orders", 3); err != nil {
		t.Fatal(err)
	}
	produce(t, ctx, b.Addr(), "orders", 0, 30)

	read := func(n int) []string {
		r := kafka.NewReader(kafka.ReaderConfig{
			Brokers:        []string{b.Addr()},
			GroupID:        "g1",
			Topic:          "orders",
			MaxWait:        100 * time.Millisecond,
			StartOffset:    kafka.FirstOffset,
			CommitInterval: 0, // synchronous commits
		})
		defer r.Close()
		var got []string
		for range n {
			m, err := r.FetchMessage(ctx)
			if err != nil {
				t.Fatalf("fetch: %v", err)
			}
			if err := r.CommitMessages(ctx, m); err != nil {
				t.Fatalf("commit: %v", err)
			}
			got = append(got, string(m.Key))
		}
		return got
	}
	first := read(30)

	cl := &kafka.Client{Addr: kafka.TCP(b.Addr())}
	resp, err := cl.OffsetFetch(ctx, &kafka.OffsetFetchRequest{GroupID: "g1", Topics: map[string][]int{"orders": {0, 1, 2}}})
	if err != nil {
		t.Fatal(err)
	}
	offs, _ := b.Offsets("orders")
	for _, p := range resp.Topics["orders"] {
		if p.Error != nil || p.CommittedOffset != offs[p.Partition].End {
			t.Errorf("partition %d committed %d (%v), want %d", p.Partition, p.CommittedOffset, p.Error, offs[p.Partition].End)
		}
	}

	// A new member of the group resumes after the commits.
	produce(t, ctx, b.Addr(), "orders", 30, 6)
	second := read(6)
	all := append(first, second...)
	sort.Strings(all)
	for i := 1; i < len(all); i++ {
		if all[i] == all[i-1] {
			t.Fatalf("key %s read twice", all[i])
		}
	}
	if len(all) != 36 {
		t.Fatalf("read %d records, want 36", len(all))
	}
}

func TestDevBrokerRestartKeepsDataAndAddress(t *testing.T) {
	ctx := testContext(t)
	b := start(t, broker.Config{})
	addr := b.Addr()
	if err := b.CreateTopic(ctx, "t", 3); err != nil {
		t.Fatal(err)
	}
	per := produce(t, ctx, addr, "t", 0, 12)
	cl := &kafka.Client{Addr: kafka.TCP(addr)}
	if _, err := cl.OffsetCommit(ctx, &kafka.OffsetCommitRequest{
		GroupID: "g", GenerationID: -1,
		Topics: map[string][]kafka.OffsetCommit{"t": {{Partition: 0, Offset: 1}}},
	}); err != nil {
		t.Fatal(err)
	}

	b.Stop()
	if _, err := kafka.DialContext(ctx, "tcp", addr); err == nil {
		t.Fatal("dial succeeded while the broker is stopped")
	}
	if err := b.CreateTopic(ctx, "x", 1); err == nil {
		t.Fatal("CreateTopic succeeded while the broker is stopped")
	}
	if err := b.Restart(); err != nil {
		t.Fatal(err)
	}
	if b.Addr() != addr {
		t.Fatalf("address changed: %s -> %s", addr, b.Addr())
	}
	offs, err := b.Offsets("t")
	if err != nil {
		t.Fatal(err)
	}
	for p, r := range offs {
		if r.End != int64(per[p]) {
			t.Errorf("after restart partition %d ends at %d, want %d", p, r.End, per[p])
		}
	}
	// A fresh transport: kafka-go's shared DefaultTransport pools
	// connections, and the pooled one died with the broker (the first
	// request on it fails with EOF; clients are expected to retry).
	tr := &kafka.Transport{}
	defer tr.CloseIdleConnections()
	cl = &kafka.Client{Addr: kafka.TCP(addr), Transport: tr}
	resp, err := cl.OffsetFetch(ctx, &kafka.OffsetFetchRequest{GroupID: "g", Topics: map[string][]int{"t": {0}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.Topics["t"][0].CommittedOffset; got != 1 {
		t.Errorf("committed offset after restart %d, want 1", got)
	}
	// Writing still works and continues the offsets.
	per2 := produce(t, ctx, addr, "t", 12, 12)
	offs, _ = b.Offsets("t")
	for p, r := range offs {
		if r.End != int64(per[p]+per2[p]) {
			t.Errorf("partition %d ends at %d, want %d", p, r.End, per[p]+per2[p])
		}
	}
}

func TestDevBrokerAddPartitionsAndAutoCreate(t *testing.T) {
	ctx := testContext(t)
	b := start(t, broker.Config{AutoCreateTopics: true, Partitions: 2})
	if err := b.CreateTopic(ctx, "grow", 1); err != nil {
		t.Fatal(err)
	}
	if err := b.AddPartitions(ctx, "grow", 4); err != nil {
		t.Fatal(err)
	}
	if got := b.Partitions("grow"); got != 4 {
		t.Fatalf("partitions after growing = %d, want 4", got)
	}
	// CreateTopic on an existing topic grows it, never shrinks it.
	if err := b.CreateTopic(ctx, "grow", 2); err != nil {
		t.Fatal(err)
	}
	if got := b.Partitions("grow"); got != 4 {
		t.Fatalf("partitions = %d, want 4", got)
	}
	w := &kafka.Writer{Addr: kafka.TCP(b.Addr()), Topic: "auto", AllowAutoTopicCreation: true, BatchTimeout: time.Millisecond, RequiredAcks: kafka.RequireAll}
	defer w.Close()
	var err error
	for range 20 { // the first write may race the topic's creation
		if err = w.WriteMessages(ctx, kafka.Message{Value: []byte("x")}); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Partitions("auto"); got != 2 {
		t.Fatalf("auto-created topic has %d partitions, want 2", got)
	}
}
