// Package driver runs the generated queries of the end-to-end corpus: the
// runner package the corpus test writes calls Run with every case's
// queries. It feeds each case's input records through each query's
// processor and real sink (console and file sinks as the engine drives
// them: one writer per source partition, batch 0, then commit), without a
// Kafka broker: Kafka sink rows are recorded as the sink would address
// them.
package driver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink"
	"github.com/streamc/streamc/internal/runtime/sink/consolesink"
	"github.com/streamc/streamc/internal/runtime/sink/filesink"
	"github.com/streamc/streamc/internal/runtime/sink/kafkasink"
)

// Record is one Kafka record, in or out.
type Record struct {
	Key       []byte        `json:"key"`
	Value     []byte        `json:"value"`
	Headers   []sink.Header `json:"headers,omitempty"`
	Topic     string        `json:"topic,omitempty"`
	Partition int32         `json:"partition"`
	Offset    int64         `json:"offset,omitempty"`
	Timestamp int64         `json:"timestamp,omitempty"`
}

// Output is what one query produced.
type Output struct {
	// Sink is "kafka", "file" or "console".
	Sink string `json:"sink"`
	// Records are a Kafka sink's rows.
	Records []Record `json:"records,omitempty"`
	// Text is a file sink's committed files, concatenated, or the console's
	// text.
	Text string `json:"text,omitempty"`
	// Failure is the error that stopped the query, as the engine reports it.
	Failure string `json:"failure,omitempty"`
}

// Case is one case's queries.
type Case struct {
	Name    string
	Queries func() []engine.Query
}

// Run reads every case's input records from the JSON file inPath (case
// name to records), runs the cases and writes their outputs to outPath
// (case name to query name to Output).
func Run(t *testing.T, cases []Case, inPath, outPath string) {
	data, err := os.ReadFile(inPath)
	if err != nil {
		t.Fatal(err)
	}
	var inputs map[string][]Record
	if err := json.Unmarshal(data, &inputs); err != nil {
		t.Fatal(err)
	}
	results := map[string]map[string]Output{}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			// File sink paths are relative to the working directory, as in
			// Spark: each case gets its own.
			t.Chdir(t.TempDir())
			res := map[string]Output{}
			for _, q := range c.Queries() {
				out, err := runQuery(q, inputs[c.Name])
				if err != nil {
					t.Errorf("query %s: %v", q.Name, err)
					continue
				}
				if _, dup := res[q.Name]; dup {
					t.Errorf("two queries named %s: the corpus names outputs by query", q.Name)
				}
				res[q.Name] = out
			}
			results[c.Name] = res
		})
	}
	data, err = json.MarshalIndent(results, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(outPath, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// runQuery feeds records through q. An error is the harness's; a query's
// own failure is Output.Failure.
func runQuery(q engine.Query, records []Record) (Output, error) {
	ctx := context.Background()
	var stdout strings.Builder
	env := engine.SinkEnv{
		Query:      q.Name,
		QueryID:    "00000000-0000-0000-0000-000000000000",
		Checkpoint: filepath.Join("checkpoints", q.Name),
		// No broker is contacted: the Kafka sink is only made, never opened.
		Overrides:   map[string]string{"kafka.bootstrap.servers": "127.0.0.1:9"},
		Malformed:   func(string) {},
		Logger:      slog.New(slog.NewTextHandler(io.Discard, nil)),
		Stdout:      &stdout,
		RegistryURL: "",
	}
	newProc := q.NewProcessor
	if q.Prepare != nil {
		f, err := q.Prepare(env)
		if err != nil {
			return Output{}, fmt.Errorf("prepare: %w", err)
		}
		newProc = f
	}
	s, err := q.Sink.New(env)
	if err != nil {
		return Output{}, fmt.Errorf("sink: %w", err)
	}
	defer s.Close()
	var out Output
	switch s := s.(type) {
	case *kafkasink.Sink:
		out.Sink = "kafka"
		// The sink's topic option overrides the row's topic (Spark's
		// KafkaWriter); the description is the only place it shows.
		topic := strings.TrimSuffix(strings.TrimPrefix(s.Description(), "KafkaSink["), "]")
		if topic == s.Description() {
			topic = ""
		}
		for _, part := range partitions(records) {
			p := newProc()
			for _, r := range part {
				err := p.Process(row(r), func(m *sink.Message) error {
					rec := Record{Key: clone(m.Key), Value: clone(m.Value), Topic: m.Topic, Partition: m.Partition}
					for _, h := range m.Headers {
						rec.Headers = append(rec.Headers, sink.Header{Key: h.Key, Value: clone(h.Value)})
					}
					if topic != "" {
						rec.Topic = topic
					}
					out.Records = append(out.Records, rec)
					return nil
				})
				if err != nil {
					out.Failure = failure(r, err)
					return out, nil
				}
			}
		}
		return out, nil
	case *filesink.Sink:
		out.Sink = "file"
	case *consolesink.Sink:
		out.Sink = "console"
	default:
		return Output{}, fmt.Errorf("sink %T is not one the corpus knows", s)
	}
	for _, part := range partitions(records) {
		w, err := s.Open(ctx, 0, sink.Task{Topic: part[0].Topic, Partition: part[0].Partition})
		if err != nil {
			return Output{}, err
		}
		p := newProc()
		for _, r := range part {
			if err := p.Process(row(r), func(m *sink.Message) error { return w.Write(ctx, m) }); err != nil {
				// The batch fails and is never committed, as in Spark.
				w.Abort()
				out.Failure = failure(r, err)
				return out, nil
			}
		}
		if err := w.Close(ctx); err != nil {
			return Output{}, err
		}
	}
	if err := s.Commit(ctx, 0); err != nil {
		return Output{}, err
	}
	if fs, ok := s.(*filesink.Sink); ok {
		files, err := filesink.List(fs.Path())
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return Output{}, err
		}
		var b strings.Builder
		for _, f := range files {
			data, err := os.ReadFile(f.Path)
			if err != nil {
				return Output{}, err
			}
			b.Write(data)
		}
		out.Text = b.String()
	} else {
		out.Text = stdout.String()
	}
	return out, nil
}

// partitions groups records by source partition in order of first
// appearance: the engine runs one processor and one sink writer each.
func partitions(records []Record) [][]Record {
	var keys []string
	groups := map[string][]Record{}
	for _, r := range records {
		k := fmt.Sprintf("%s-%d", r.Topic, r.Partition)
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], r)
	}
	out := make([][]Record, len(keys))
	for i, k := range keys {
		out[i] = groups[k]
	}
	return out
}

func row(r Record) *kafka.Row {
	return &kafka.Row{
		Key: r.Key, Value: r.Value, Topic: r.Topic, Partition: r.Partition,
		Offset: r.Offset, Timestamp: r.Timestamp, TimestampType: kafka.CreateTime,
		Headers: r.Headers,
	}
}

// failure is the query's error as the engine reports a record's failure.
func failure(r Record, err error) string {
	return (&engine.RecordError{Topic: r.Topic, Partition: r.Partition, Offset: r.Offset, Err: err}).Error()
}

func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte{}, b...)
}
