// Package sink defines what the engine writes query output to. Each batch is
// written by one PartitionWriter per source partition (in parallel), then
// committed once; implementations live in subpackages (kafkasink, filesink,
// consolesink).
//
// The contract, which makes Spark's guarantees hold:
//   - A batch may be written more than once (a replay after a crash) with
//     exactly the same input; a sink that is idempotent per (batch, task)
//     gives exactly-once output, others at-least-once.
//   - Commit(batch) is called only after every writer of the batch closed
//     without error, and before the engine records commits/N.
//   - Close on a PartitionWriter returns only when everything written is
//     durable (Kafka: acknowledged by all in-sync replicas).
package sink

import "context"

// Header is a Kafka record header.
type Header struct {
	Key   string
	Value []byte
}

// Message is one output row. Kafka sinks use every field but Cells; file
// sinks take Value as the encoded row (one line, without separator); the
// console sink takes Cells.
type Message struct {
	Key   []byte
	Value []byte
	// Cells are the row's columns as text, for the console sink (see
	// consolesink.Row).
	Cells   [][]byte
	Headers []Header
	// Topic overrides the sink's default topic when non-empty (and the sink
	// has no topic option, which wins as in Spark).
	Topic string
	// Partition is the target partition, or -1 to let the partitioner choose
	// (murmur2 of the key, as Kafka's Java client).
	Partition int32
}

// Task identifies one partition's share of a batch.
type Task struct {
	// Topic and Partition of the source partition this task reads.
	Topic     string
	Partition int32
}

// Sink receives batches.
type Sink interface {
	// Open starts writing batch for one task.
	Open(ctx context.Context, batch int64, task Task) (PartitionWriter, error)
	// Commit makes batch visible/final after all its writers closed.
	Commit(ctx context.Context, batch int64) error
	// Close releases the sink.
	Close() error
}

// PartitionWriter writes one task's rows of one batch.
type PartitionWriter interface {
	// Write adds a row. The sink may keep msg's slices only until Write
	// returns (callers reuse buffers), so it copies what it keeps.
	Write(ctx context.Context, msg *Message) error
	// Close flushes and waits until every row is durable.
	Close(ctx context.Context) error
	// Abort discards what can be discarded after a failure.
	Abort()
}

// Flusher is implemented by PartitionWriters that buffer rows. In continuous
// mode the engine calls Flush whenever it has no more input at hand, so that
// buffered rows go out at once instead of at the end of the epoch. Flush
// starts sending and need not wait for durability (Close does).
type Flusher interface {
	Flush(ctx context.Context) error
}

// Describer is implemented by sinks that name themselves in progress
// reports (StreamingQueryProgress's sink.description).
type Describer interface {
	Description() string
}
