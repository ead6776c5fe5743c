package engine_test

import (
	"context"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

func TestContinuous(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	k.CreateTopic("out", 3)
	produce(k, "in", 3, 30, "a")
	o := opts(t)
	q := engine.Query{Name: "c", Source: source(k), Checkpoint: "c", Trigger: engine.Continuous(300 * time.Millisecond),
		Sink:         kafkaSinkOf(map[string]string{"topic": "out", "kafka.bootstrap.servers": k.Addr}),
		NewProcessor: upperProcessor("")}
	total := func() int64 {
		n := int64(0)
		for _, off := range k.Offsets("out") {
			n += off
		}
		return n
	}
	run := func(body func()) {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- engine.Run(ctx, o, q) }()
		body()
		cancel()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	run(func() {
		waitFor(t, 20*time.Second, "the first rows", func() bool { return total() == 30 })
		// Rows go out as they arrive, well before the epoch ends.
		t0 := time.Now()
		produce(k, "in", 3, 3, "late")
		waitFor(t, 5*time.Second, "a row written record by record", func() bool { return total() == 33 })
		t.Logf("latency of 3 rows: %v", time.Since(t0))
		// A new partition is picked up at an epoch boundary.
		k.AddPartitions("in", 4)
		k.ProduceN("in", 3, 5, "p3-")
		waitFor(t, 20*time.Second, "rows of the new partition", func() bool { return total() == 38 })
	})
	b, seq, c := readCheckpoint(t, cpDir(o, "c"))
	if b != c || seq.Offsets["in"][0] != 11 || seq.Offsets["in"][3] != 5 {
		t.Fatalf("after stop: offsets/%d %v, commits/%d", b, seq.Offsets, c)
	}
	// A restart goes on from the last epoch: nothing read twice.
	produce(k, "in", 3, 6, "b")
	run(func() {
		waitFor(t, 20*time.Second, "rows after restart", func() bool { return total() == 44 })
		time.Sleep(500 * time.Millisecond)
	})
	if n := total(); n != 44 {
		t.Errorf("%d rows written, want 44 (no duplicates after a clean stop)", n)
	}
}
