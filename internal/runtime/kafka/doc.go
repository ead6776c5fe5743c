// Package kafka is the Kafka side of the runtime: the source (partition
// discovery, offset look-ups, per-partition readers), the client settings
// taken from Spark's kafka.* options, and the Java client's murmur2
// partitioner. It is built on github.com/segmentio/kafka-go's low-level
// client, not its Reader, because the engine needs what the Reader hides:
// exact offset ranges, the high-water mark, log start offsets (for
// failOnDataLoss), control batches, aborted transactions and timestamp types.
package kafka
