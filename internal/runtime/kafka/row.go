package kafka

import (
	"github.com/streamc/streamc/internal/runtime/sink"
	"github.com/streamc/streamc/runtime/sqltypes"
)

// Timestamp types of a record, as Spark's timestampType column.
const (
	CreateTime    int32 = 0
	LogAppendTime int32 = 1
)

// Row is one Kafka record as Spark's Kafka source presents it. Key, Value and
// Headers point into a buffer the reader reuses: they are valid only until
// the callback that received the row returns, so code that keeps them copies.
type Row struct {
	// Key and Value are nil for a null key or value, never empty for null.
	Key   []byte
	Value []byte
	Topic string
	// Partition and Offset locate the record.
	Partition int32
	Offset    int64
	// Timestamp is milliseconds since the Unix epoch.
	Timestamp int64
	// TimestampType is CreateTime or LogAppendTime. For LogAppendTime
	// topics Timestamp is still the producer's time: kafka-go does not
	// expose the batch's max timestamp that the broker sets.
	TimestampType int32
	// Headers is nil when the record has none (Spark gives null, not an
	// empty array), and also when the source option includeHeaders is not
	// true, as Spark has no headers column then.
	Headers []sink.Header
}

// SQLTimestamp returns Timestamp as Spark's timestamp column (microseconds).
func (r *Row) SQLTimestamp() sqltypes.Timestamp {
	return sqltypes.Timestamp(r.Timestamp * 1000)
}
