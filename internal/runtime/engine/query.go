// Package engine runs streaming queries the way Spark Structured Streaming
// runs them: micro-batches planned from Kafka offsets and recorded in a
// checkpoint before they run (offsets/N), every source partition processed
// in parallel, sinks committed, then the batch recorded as done (commits/N);
// a batch left uncommitted by a crash is replayed with exactly its recorded
// offset ranges. It also runs the continuous (record-at-a-time) trigger,
// several queries in one process (Run), and the command line of generated
// programs (Main).
//
// Generated code describes each query with a Query value:
//
//	engine.Query{
//		Name:         "notify",
//		Source:       kafka.SourceConfig{Subscribe: []string{"invoices"}, StartingOffsets: kafka.StartingOffsets{Default: kafka.OffsetEarliest}, ...},
//		Checkpoint:   "chk-point-dir/notify",
//		Sink:         engine.KafkaSink(kafkasink.Config{Topic: "notifications", Kafka: map[string]string{"bootstrap.servers": "localhost:9092"}, ...}),
//		NewProcessor: func() engine.Processor { return new(notifyProcessor) },
//	}
//
// and its main function is one call: engine.Main("invoices", q1, q2).
package engine

import (
	"fmt"
	"io"
	"log/slog"
	"maps"

	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink"
	"github.com/streamc/streamc/internal/runtime/sink/consolesink"
	"github.com/streamc/streamc/internal/runtime/sink/filesink"
	"github.com/streamc/streamc/internal/runtime/sink/kafkasink"
)

// Processor turns one source row into zero or more output rows, calling
// emit for each. The engine calls NewProcessor once per source partition
// and then only from one goroutine at a time, so a processor may keep
// scratch buffers; emit copies what it keeps, so the message and its slices
// may be reused as soon as emit returns. row and its slices are valid only
// during the call.
//
// An error stops the query (Spark's FAILFAST); the engine adds the record's
// topic, partition and offset (see RecordError).
type Processor interface {
	Process(row *kafka.Row, emit Emit) error
}

// Emit hands one output row to the sink.
type Emit func(msg *sink.Message) error

// ProcessorFunc adapts a function with no state to Processor.
type ProcessorFunc func(row *kafka.Row, emit Emit) error

// Process calls f.
func (f ProcessorFunc) Process(row *kafka.Row, emit Emit) error { return f(row, emit) }

// Query is one streaming query.
type Query struct {
	// Name identifies the query in logs, metrics, flags (--query) and the
	// consumer group (streamc-<name> unless kafka.group.id is set).
	Name string
	// Source is the Kafka source's options as typed values (generated code
	// writes the spec's, resolved by the generator; by hand, start from
	// kafka.DefaultSourceConfig or kafka.ParseSourceOptions). Run-time
	// overrides (--bootstrap-servers, --retry-timeout) apply over it.
	Source kafka.SourceConfig
	// Checkpoint is the checkpoint directory; a relative path is taken
	// from the checkpoint root (Options.CheckpointRoot) or the working
	// directory.
	Checkpoint string
	// Trigger defaults to ProcessingTime(0).
	Trigger Trigger
	// Sink makes the query's sink when it starts.
	Sink SinkFactory
	// NewProcessor makes one processor per source partition.
	NewProcessor func() Processor
	// Prepare, when set, is called once as the query starts, after its
	// sink is made, and returns the query's processor factory in place of
	// NewProcessor. It is for what processors share and can only be made
	// from run-time settings: an Avro format's Schema Registry client
	// (env.RegistryURL) and its schema cache. An error stops the query
	// before it reads anything.
	Prepare func(env SinkEnv) (func() Processor, error)
}

// SinkFactory makes a query's sink from what is known at start, and names
// its format so that a trigger given at run time can be checked against it
// before anything opens.
type SinkFactory struct {
	// Format is the writeStream format: kafka, json, csv or console; ""
	// for a sink of another kind, which any trigger may drive.
	Format string
	New    func(env SinkEnv) (sink.Sink, error)
}

// SinkFunc is the factory of a sink of no spec format (tests, embedders).
func SinkFunc(f func(env SinkEnv) (sink.Sink, error)) SinkFactory {
	return SinkFactory{New: f}
}

// CheckTrigger says why q cannot run with trigger t, or nil when it can:
// the rule the generator applies to the spec's trigger.
func (q Query) CheckTrigger(t Trigger) error {
	if t.Kind == ContinuousTrigger {
		return sink.CheckContinuous(q.Sink.Format)
	}
	return nil
}

// SinkEnv is what a SinkFactory gets.
type SinkEnv struct {
	// Query is the query's name, QueryID its checkpoint's id, Checkpoint
	// the checkpoint directory (resolved).
	Query      string
	QueryID    string
	Checkpoint string
	// Overrides are settings given on the command line that take
	// precedence over the spec's sink options (kafka.bootstrap.servers
	// from --bootstrap-servers).
	Overrides map[string]string
	// RegistryURL is the Schema Registry URL from --registry-url, empty
	// when not given (the spec's then applies).
	RegistryURL string
	// Malformed counts one record the query's decoders found malformed,
	// by reason (streamc_malformed_records_total), so that what a
	// PERMISSIVE query reads as NULL is seen. Never nil.
	Malformed func(reason string)
	Logger    *slog.Logger
	// Stdout is where the console sink prints.
	Stdout io.Writer
}

// Options returns opts with the overrides applied, as a new map.
func (e SinkEnv) Options(opts map[string]string) map[string]string {
	out := maps.Clone(opts)
	if out == nil {
		out = map[string]string{}
	}
	maps.Copy(out, e.Overrides)
	return out
}

// KafkaSink is the factory of a Kafka sink with the typed options cfg
// (generated code writes the spec's, resolved by the generator; by hand,
// start from kafkasink.DefaultConfig or kafkasink.ParseConfig). Run-time
// overrides (--bootstrap-servers, --retry-timeout) apply over it.
func KafkaSink(cfg kafkasink.Config) SinkFactory {
	return SinkFactory{Format: "kafka", New: func(env SinkEnv) (sink.Sink, error) {
		return kafkasink.NewSink(cfg, env.Overrides, env.Logger)
	}}
}

// ConsoleSink is the factory of a console sink with options o (generated
// code writes the spec's, resolved by the generator) printing the given
// columns; see package consolesink.
func ConsoleSink(o consolesink.Options, columns ...string) SinkFactory {
	return SinkFactory{Format: "console", New: func(env SinkEnv) (sink.Sink, error) {
		return consolesink.New(o, env.Stdout, columns...), nil
	}}
}

// FileSink is the factory of an exactly-once file sink writing part files
// and a manifest log under path (Spark's path option, relative to the
// working directory); see package filesink.
func FileSink(path string, opts filesink.Options) SinkFactory {
	return SinkFactory{Format: opts.Format, New: func(env SinkEnv) (sink.Sink, error) {
		if opts.Logger == nil {
			opts.Logger = env.Logger
		}
		return filesink.New(path, opts)
	}}
}

// RecordError is a processor's error for one record, naming it.
type RecordError struct {
	Topic     string
	Partition int32
	Offset    int64
	Err       error
}

func (e *RecordError) Error() string {
	return fmt.Sprintf("record %s-%d offset %d: %v", e.Topic, e.Partition, e.Offset, e.Err)
}

func (e *RecordError) Unwrap() error { return e.Err }
