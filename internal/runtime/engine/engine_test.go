package engine_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/checkpoint"
	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink/kafkasink"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

func TestAvailableNowKafkaToKafka(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	k.CreateTopic("out", 3)
	produce(k, "in", 3, 3000, "v")
	o := opts(t)
	var progress []engine.Progress
	o.OnProgress = func(p engine.Progress) { progress = append(progress, p) }
	q := engine.Query{
		Name: "upper", Source: source(k), Checkpoint: "upper", Trigger: engine.AvailableNow(),
		Sink:         kafkaSinkOf(map[string]string{"topic": "out", "kafka.bootstrap.servers": k.Addr}),
		NewProcessor: upperProcessor(""),
	}
	if err := engine.Run(ctxT(t, time.Minute), o, q); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range k.ReadAll("out") {
		got = append(got, string(r.Value))
		if want := kafka.KeyPartition(r.Key, 3); int(r.Partition) != want {
			t.Fatalf("key %s on partition %d, want %d", r.Key, r.Partition, want)
		}
	}
	if !equalSets(got, names("V", 0, 3000)) {
		t.Fatalf("output: %d rows", len(got))
	}
	if len(progress) != 1 || progress[0].NumInputRows != 3000 || progress[0].Sink.NumOutputRows != 3000 || progress[0].BatchID != 0 {
		t.Fatalf("progress %+v", progress)
	}
	p := progress[0]
	if p.Sources[0].EndOffset["in"]["0"] != 1000 || p.Sources[0].StartOffset["in"]["2"] != 0 || p.Sources[0].Description != "KafkaV2[Subscribe[in]]" {
		t.Errorf("source progress %+v", p.Sources[0])
	}
	b, seq, c := readCheckpoint(t, cpDir(o, "upper"))
	if b != 0 || c != 0 || seq.Offsets["in"][1] != 1000 {
		t.Errorf("checkpoint: offsets %d %v, commit %d", b, seq.Offsets, c)
	}
	// Nothing new: a second run ends at once without a batch.
	progress = nil
	if err := engine.Run(ctxT(t, time.Minute), o, q); err != nil || len(progress) != 0 {
		t.Fatalf("second run: %v, %d batches", err, len(progress))
	}
}

// startingOffsets is resolved once, on the first start; later starts go on
// from the checkpoint whatever the option says.
func TestStartingOffsetsOnlyOnFirstStart(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	produce(k, "in", 3, 30, "old")
	cases := []struct {
		name, starting string
		want           []string
	}{
		{"earliest", "earliest", names("old", 0, 30)},
		{"latest", "latest", nil},
		// Partition 0 holds old0, old3, ... old27 (offsets 0..9).
		{"json", `{"in":{"0":-2,"1":-1,"2":7}}`, append(names("old", 0, 30)[0:0], "old0", "old3", "old6", "old9", "old12", "old15", "old18", "old21", "old24", "old27", "old23", "old26", "old29")},
	}
	o := opts(t)
	for _, c := range cases {
		rs := newRecSink()
		q := engine.Query{Name: c.name, Source: source(k, "startingOffsets", c.starting), Checkpoint: c.name,
			Trigger: engine.AvailableNow(), Sink: rs.factory(), NewProcessor: upperProcessor("")}
		if err := engine.Run(ctxT(t, time.Minute), o, q); err != nil {
			t.Fatal(err)
		}
		if got := rs.committedRows(); !equalSets(got, upperAll(c.want)) {
			t.Errorf("%s: first run read %v, want %v", c.name, sorted(got), sorted(upperAll(c.want)))
		}
	}
	produce(k, "in", 3, 6, "new")
	for _, c := range cases {
		rs := newRecSink()
		// The option changed; it must not matter any more.
		q := engine.Query{Name: c.name, Source: source(k, "startingOffsets", "earliest"), Checkpoint: c.name,
			Trigger: engine.AvailableNow(), Sink: rs.factory(), NewProcessor: upperProcessor("")}
		if err := engine.Run(ctxT(t, time.Minute), o, q); err != nil {
			t.Fatal(err)
		}
		if got := rs.committedRows(); !equalSets(got, upperAll(names("new", 0, 6))) {
			t.Errorf("%s: second run read %v, want only the new rows", c.name, sorted(got))
		}
	}
}

func upperAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = strings.ToUpper(v)
	}
	return out
}

func TestMaxOffsetsPerTrigger(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	k.ProduceN("in", 0, 300, "a")
	k.ProduceN("in", 1, 200, "b")
	k.ProduceN("in", 2, 100, "c")
	var progress []engine.Progress
	o := opts(t, func(o *engine.Options) { o.OnProgress = func(p engine.Progress) { progress = append(progress, p) } })
	rs := newRecSink()
	q := engine.Query{Name: "q", Source: source(k, "maxOffsetsPerTrigger", "60"), Checkpoint: "q",
		Trigger: engine.AvailableNow(), Sink: rs.factory(), NewProcessor: upperProcessor("")}
	if err := engine.Run(ctxT(t, time.Minute), o, q); err != nil {
		t.Fatal(err)
	}
	if n := len(rs.committedRows()); n != 600 {
		t.Fatalf("%d rows, want 600", n)
	}
	if len(progress) != 10 {
		t.Errorf("%d batches, want 10", len(progress))
	}
	for _, p := range progress {
		if p.NumInputRows > 60 {
			t.Errorf("batch %d read %d rows, more than maxOffsetsPerTrigger", p.BatchID, p.NumInputRows)
		}
	}
	// The first batch splits 60 in proportion to the backlogs 300:200:100.
	if e := progress[0].Sources[0].EndOffset["in"]; e["0"] != 30 || e["1"] != 20 || e["2"] != 10 {
		t.Errorf("first batch ends at %v, want 30/20/10", e)
	}
}

func TestNewPartitionsAndGracefulStop(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	produce(k, "in", 3, 30, "a")
	rs := newRecSink()
	o := opts(t)
	q := engine.Query{Name: "q", Source: source(k), Checkpoint: "q", Sink: rs.factory(), NewProcessor: upperProcessor("")}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- engine.Run(ctx, o, q) }()
	waitFor(t, 20*time.Second, "the first rows", func() bool { return len(rs.committedRows()) == 30 })
	k.AddPartitions("in", 5)
	produce(k, "in", 5, 50, "b")
	waitFor(t, 20*time.Second, "rows of the new partitions", func() bool { return len(rs.committedRows()) == 80 })
	if !equalSets(rs.committedRows(), upperAll(append(names("a", 0, 30), names("b", 0, 50)...))) {
		t.Fatalf("rows %v", sorted(rs.committedRows()))
	}
	// Stop while a batch runs: it must finish and commit.
	rs.mu.Lock()
	rs.delay = time.Millisecond
	rs.mu.Unlock()
	produce(k, "in", 5, 500, "c")
	time.Sleep(150 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run after stop: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not return after the stop")
	}
	b, _, c := readCheckpoint(t, cpDir(o, "q"))
	if b != c {
		t.Errorf("stopped with batch %d planned but %d committed", b, c)
	}
}

func TestFailOnDataLoss(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	k.ProduceN("in", 0, 10, "a")
	o := opts(t)
	run := func(failOnDataLoss string) (*recSink, error) {
		rs := newRecSink()
		q := engine.Query{Name: "q", Source: source(k, "failOnDataLoss", failOnDataLoss), Checkpoint: "q",
			Trigger: engine.AvailableNow(), Sink: rs.factory(), NewProcessor: upperProcessor("")}
		return rs, engine.Run(ctxT(t, time.Minute), o, q)
	}
	if _, err := run("true"); err != nil {
		t.Fatal(err)
	}
	// Retention deletes records the query has not read yet.
	k.ProduceN("in", 0, 100, "b") // offsets 10..109
	k.DeleteRecords("in", 0, 50)
	_, err := run("true")
	if !errors.Is(err, kafka.ErrDataLoss) || !strings.Contains(err.Error(), `query "q"`) || !strings.Contains(err.Error(), "in-0") {
		t.Fatalf("failOnDataLoss=true: got %v", err)
	}
	t.Logf("error: %v", err)
	rs, err := run("false")
	if err != nil {
		t.Fatal(err)
	}
	if got := rs.committedRows(); len(got) != 60 || got[0] != "B40" {
		t.Errorf("failOnDataLoss=false read %d rows from %v", len(got), got[:min(1, len(got))])
	}
}

func TestQueryFailureStopsTheOthers(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	produce(k, "in", 3, 30, "v")
	good := newRecSink()
	o := opts(t)
	qs := []engine.Query{
		{Name: "good", Source: source(k), Checkpoint: "good", Sink: good.factory(), NewProcessor: upperProcessor("")},
		{Name: "bad", Source: source(k), Checkpoint: "bad", Sink: newRecSink().factory(), NewProcessor: upperProcessor("v13")},
	}
	err := engine.Run(ctxT(t, time.Minute), o, qs...)
	if err == nil {
		t.Fatal("no error")
	}
	// v13 is partition 1, offset 4.
	for _, want := range []string{`query "bad" failed`, "in-1 offset 4", `cannot process value "v13"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	var re *engine.RecordError
	if !errors.As(err, &re) || re.Topic != "in" || re.Partition != 1 || re.Offset != 4 {
		t.Errorf("RecordError %+v", re)
	}
	// The good query may have been stopped before it planned a batch (the
	// bad one can fail first); whatever it planned, it committed.
	d, err := checkpoint.Open(cpDir(o, "good"), checkpoint.Options{Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	planned, _, hasPlanned, err := d.LatestOffsets()
	if err != nil {
		t.Fatal(err)
	}
	committed, hasCommitted, err := d.LatestCommit()
	if err != nil {
		t.Fatal(err)
	}
	if hasPlanned != hasCommitted || planned != committed {
		t.Errorf("the good query stopped with batch %d planned (%v), %d committed (%v)", planned, hasPlanned, committed, hasCommitted)
	}
}

func TestCheckpointLock(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	rs := newRecSink()
	o := opts(t)
	q := engine.Query{Name: "q", Source: source(k), Checkpoint: "q", Sink: rs.factory(), NewProcessor: upperProcessor("")}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var started atomic.Bool
	o1 := o
	o1.OnProgress = func(engine.Progress) { started.Store(true) }
	go func() { done <- engine.Run(ctx, o1, q) }()
	produce(k, "in", 3, 3, "v")
	waitFor(t, 20*time.Second, "the first batch", started.Load)
	err := engine.Run(ctxT(t, time.Minute), o, q)
	if !errors.Is(err, checkpoint.ErrLocked) || !strings.Contains(err.Error(), `query "q"`) {
		t.Errorf("second runner on the same checkpoint: %v", err)
	}
	t.Logf("error: %v", err)
	// Two queries of one app on one checkpoint are refused before start.
	q2 := q
	q2.Name = "q2"
	if err := engine.Run(ctxT(t, time.Minute), o, q, q2); err == nil || !strings.Contains(err.Error(), "checkpoint") {
		t.Errorf("two queries on one checkpoint: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// A batch whose offsets were recorded but which did not commit is replayed
// with exactly the recorded ranges, even if more data arrived since.
func TestReplayUsesRecordedRanges(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	produce(k, "in", 3, 30, "a")
	o := opts(t)
	rs := newRecSink()
	q := engine.Query{Name: "q", Source: source(k), Checkpoint: "q", Trigger: engine.AvailableNow(), Sink: rs.factory(), NewProcessor: upperProcessor("")}
	if err := engine.Run(ctxT(t, time.Minute), o, q); err != nil {
		t.Fatal(err)
	}
	produce(k, "in", 3, 30, "b")
	rs = newRecSink()
	rs.failCommit = 1
	q.Sink = rs.factory()
	if err := engine.Run(ctxT(t, time.Minute), o, q); err == nil || !strings.Contains(err.Error(), "refused by the test") {
		t.Fatalf("batch 1 should fail at commit: %v", err)
	}
	b, seq, c := readCheckpoint(t, cpDir(o, "q"))
	if b != 1 || c != 0 {
		t.Fatalf("offsets %d, commit %d", b, c)
	}
	produce(k, "in", 3, 30, "c")
	rs = newRecSink()
	var progress []engine.Progress
	o.OnProgress = func(p engine.Progress) { progress = append(progress, p) }
	q.Sink = rs.factory()
	if err := engine.Run(ctxT(t, time.Minute), o, q); err != nil {
		t.Fatal(err)
	}
	if len(progress) != 2 || progress[0].BatchID != 1 || progress[1].BatchID != 2 {
		t.Fatalf("batches %+v", progress)
	}
	for p, off := range seq.Offsets["in"] {
		if got := progress[0].Sources[0].EndOffset["in"][itoa(p)]; got != off {
			t.Errorf("replayed batch ends at %d on partition %d, recorded %d", got, p, off)
		}
	}
	if !equalSets(rs.batchRows(1), upperAll(names("b", 0, 30))) || !equalSets(rs.batchRows(2), upperAll(names("c", 0, 30))) {
		t.Errorf("batch 1 %v, batch 2 %v", sorted(rs.batchRows(1)), sorted(rs.batchRows(2)))
	}
}

func itoa(p int32) string { return string(rune('0' + p)) }

// The broker goes away for a few seconds in the middle of a run and comes
// back with its data: the query retries and nothing is lost.
func TestBrokerOutage(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	k.CreateTopic("out", 3)
	produce(k, "in", 3, 300, "a")
	o := opts(t)
	var batches atomic.Int64
	o.OnProgress = func(engine.Progress) { batches.Add(1) }
	q := engine.Query{Name: "q", Source: source(k, "kafka.retry.backoff.max.ms", "300"), Checkpoint: "q",
		Sink:         kafkaSinkOf(map[string]string{"topic": "out", "kafka.bootstrap.servers": k.Addr, "kafka.retry.backoff.max.ms": "300"}),
		NewProcessor: upperProcessor("")}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- engine.Run(ctx, o, q) }()
	waitFor(t, 20*time.Second, "the first batch", func() bool { return batches.Load() > 0 })
	var mu sync.Mutex
	mu.Lock()
	k.Stop()
	time.Sleep(3 * time.Second)
	k.Start()
	mu.Unlock()
	produce(k, "in", 3, 300, "b")
	waitFor(t, 60*time.Second, "all output", func() bool {
		n := int64(0)
		for _, off := range k.Offsets("out") {
			n += off
		}
		return n >= 600
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, r := range k.ReadAll("out") {
		seen[string(r.Value)] = true
	}
	for _, v := range upperAll(append(names("a", 0, 300), names("b", 0, 300)...)) {
		if !seen[v] {
			t.Fatalf("%s lost", v)
		}
	}
}

// With a processing-time interval, batches start on multiples of the
// interval (Spark's ProcessingTimeExecutor), not as soon as data arrives.
func TestProcessingTimeInterval(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	const interval = 300 * time.Millisecond
	var mu sync.Mutex
	var starts []time.Time
	o := opts(t, func(o *engine.Options) {
		o.OnProgress = func(p engine.Progress) {
			ts, err := time.Parse("2006-01-02T15:04:05.000Z", p.Timestamp)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			starts = append(starts, ts)
			mu.Unlock()
		}
	})
	rs := newRecSink()
	q := engine.Query{Name: "q", Source: source(k), Checkpoint: "q", Trigger: engine.ProcessingTime(interval), Sink: rs.factory(), NewProcessor: upperProcessor("")}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- engine.Run(ctx, o, q) }()
	for i := range 3 {
		produce(k, "in", 3, 3, "v"+string(rune('a'+i)))
		waitFor(t, 10*time.Second, "a batch", func() bool { return len(rs.committedRows()) == 3*(i+1) })
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	// The first trigger fires at start; the following ones on boundaries.
	for _, s := range starts[1:] {
		if off := time.Duration(s.UnixNano()) % interval; off > 100*time.Millisecond {
			t.Errorf("batch started %v after an interval boundary", off)
		}
	}
}

// kafkaSinkOf is the Kafka sink of Spark-named options, as the generator
// resolves a spec's.
func kafkaSinkOf(opts map[string]string) engine.SinkFactory {
	cfg, err := kafkasink.ParseConfig(opts)
	if err != nil {
		panic(err)
	}
	return engine.KafkaSink(cfg)
}
