package engine_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/checkpoint"
	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

// logWriter sends log lines to the test log, so failures show what the
// engine did.
type logWriter struct{ t testing.TB }

func (w logWriter) Write(p []byte) (int, error) {
	w.t.Log(string(bytes.TrimRight(p, "\n")))
	return len(p), nil
}

func testLogger(t testing.TB) *slog.Logger {
	if os.Getenv("STREAMC_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(logWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.NewTextHandler(logWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// upper is a processor as generated code writes them: it keeps scratch
// buffers, reuses its output message, and fails on a chosen value.
type upper struct {
	msg    sink.Message
	buf    []byte
	failOn string
}

func (u *upper) Process(row *kafka.Row, emit engine.Emit) error {
	if u.failOn != "" && string(row.Value) == u.failOn {
		return fmt.Errorf("cannot process value %q", row.Value)
	}
	u.buf = append(u.buf[:0], bytes.ToUpper(row.Value)...)
	u.msg = sink.Message{Key: row.Key, Value: u.buf, Partition: -1}
	return emit(&u.msg)
}

func upperProcessor(failOn string) func() engine.Processor {
	return func() engine.Processor { return &upper{failOn: failOn} }
}

// recSink records what each batch wrote, and commits.
type recSink struct {
	mu      sync.Mutex
	rows    map[int64][]string // batch -> values, in write order per task
	tasks   map[int64][]sink.Task
	commits []int64
	// failCommit, when set, fails Commit of that batch.
	failCommit int64
	delay      time.Duration // per row
}

func newRecSink() *recSink {
	return &recSink{rows: map[int64][]string{}, tasks: map[int64][]sink.Task{}, failCommit: -1}
}

func (s *recSink) factory() engine.SinkFactory {
	return engine.SinkFunc(func(engine.SinkEnv) (sink.Sink, error) { return s, nil })
}

func (s *recSink) Open(_ context.Context, batch int64, task sink.Task) (sink.PartitionWriter, error) {
	s.mu.Lock()
	s.tasks[batch] = append(s.tasks[batch], task)
	s.mu.Unlock()
	return &recWriter{s: s, batch: batch}, nil
}

func (s *recSink) Commit(_ context.Context, batch int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if batch == s.failCommit {
		return fmt.Errorf("commit of batch %d refused by the test", batch)
	}
	s.commits = append(s.commits, batch)
	return nil
}

func (s *recSink) Close() error { return nil }

// committedRows returns the values of committed batches.
func (s *recSink) committedRows() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, b := range s.commits {
		out = append(out, s.rows[b]...)
	}
	return out
}

func (s *recSink) batchRows(b int64) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.rows[b]...)
}

type recWriter struct {
	s     *recSink
	batch int64
	rows  []string
}

func (w *recWriter) Write(_ context.Context, m *sink.Message) error {
	if w.s.delay > 0 {
		time.Sleep(w.s.delay)
	}
	w.rows = append(w.rows, string(m.Value))
	return nil
}

func (w *recWriter) Close(context.Context) error {
	w.s.mu.Lock()
	w.s.rows[w.batch] = append(w.s.rows[w.batch], w.rows...)
	w.s.mu.Unlock()
	return nil
}

func (w *recWriter) Abort() {}

// source returns source options for topic on k (nil: no broker listens).
func source(k *kafkatest.Cluster, extra ...string) kafka.SourceConfig {
	addr := "127.0.0.1:1"
	if k != nil {
		addr = k.Addr
	}
	o := map[string]string{"subscribe": "in", "startingOffsets": "earliest", "kafka.bootstrap.servers": addr, "kafka.metadata.max.age.ms": "100"}
	for i := 0; i+1 < len(extra); i += 2 {
		o[extra[i]] = extra[i+1]
	}
	return sourceOf(o)
}

// sourceOf is the source with options opts, as generated code has it.
func sourceOf(opts map[string]string) kafka.SourceConfig {
	c, _, err := kafka.ParseSourceOptions(opts)
	if err != nil {
		panic(err)
	}
	return c
}

// produce writes n values "<prefix><i>" round-robin over the partitions of
// "in" (partition i%parts).
func produce(k *kafkatest.Cluster, topic string, parts int32, n int, prefix string) {
	var recs []*kafkatest.Record
	for i := range n {
		recs = append(recs, &kafkatest.Record{Topic: topic, Partition: int32(i) % parts, Key: []byte(prefix + strconv.Itoa(i)), Value: []byte(prefix + strconv.Itoa(i))})
	}
	k.Produce(recs...)
}

func opts(t testing.TB, extra ...func(*engine.Options)) engine.Options {
	o := engine.Options{Logger: testLogger(t), CheckpointRoot: t.TempDir()}
	for _, f := range extra {
		f(&o)
	}
	return o
}

func ctxT(t testing.TB, d time.Duration) context.Context {
	c, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return c
}

// waitFor polls cond until it holds or the time is up.
func waitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// readCheckpoint opens a stopped query's checkpoint.
func readCheckpoint(t testing.TB, dir string) (lastOffsets int64, seq checkpoint.OffsetSeq, lastCommit int64) {
	t.Helper()
	d, err := checkpoint.Open(dir, checkpoint.Options{Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	b, s, ok, err := d.LatestOffsets()
	if err != nil || !ok {
		t.Fatalf("no offsets in %s: %v", dir, err)
	}
	c, ok, err := d.LatestCommit()
	if err != nil || !ok {
		t.Fatalf("no commit in %s: %v", dir, err)
	}
	return b, s, c
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}

func names(prefix string, from, to int) []string {
	var out []string
	for i := from; i < to; i++ {
		out = append(out, prefix+strconv.Itoa(i))
	}
	return out
}

func equalSets(a, b []string) bool {
	return slicesEqual(sorted(a), sorted(b))
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func cpDir(o engine.Options, name string) string { return filepath.Join(o.CheckpointRoot, name) }
