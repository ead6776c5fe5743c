package broker

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/kerr"
)

// CreateTopic creates topic with the given partition count (0: the
// broker's default). An existing topic is grown to that many partitions if
// it has fewer, and otherwise left alone, so that running `streamc dev`
// again over a kept DataDir is not an error.
func (b *Broker) CreateTopic(ctx context.Context, topic string, partitions int) error {
	c, err := b.running()
	if err != nil {
		return err
	}
	if partitions <= 0 {
		partitions = b.cfg.Partitions
	}
	err = c.CreateTopic(topic, int32(partitions), nil)
	if errors.Is(err, kerr.TopicAlreadyExists) {
		if n := b.Partitions(topic); n < partitions {
			return b.AddPartitions(ctx, topic, partitions)
		}
		return nil
	}
	if err != nil {
		return fmt.Errorf("broker: create topic %q: %w", topic, err)
	}
	return nil
}

// AddPartitions grows topic to total partitions, as kafka-topics --alter
// --partitions does. It goes through the protocol (kfake has no direct call
// for it), so a client's view of the change is exactly a real broker's.
func (b *Broker) AddPartitions(ctx context.Context, topic string, total int) error {
	if _, err := b.running(); err != nil {
		return err
	}
	// A private transport: the shared default pools connections, which a
	// Restart would leave dead.
	tr := &kafka.Transport{}
	defer tr.CloseIdleConnections()
	cl := &kafka.Client{Addr: kafka.TCP(b.addr), Timeout: 10 * time.Second, Transport: tr}
	resp, err := cl.CreatePartitions(ctx, &kafka.CreatePartitionsRequest{
		Topics: []kafka.TopicPartitionsConfig{{Name: topic, Count: int32(total)}},
	})
	if err == nil {
		err = resp.Errors[topic]
	}
	if err != nil {
		return fmt.Errorf("broker: grow topic %q to %d partitions: %w", topic, total, err)
	}
	return nil
}

// DeleteTopic removes topic and its records.
func (b *Broker) DeleteTopic(topic string) error {
	c, err := b.running()
	if err != nil {
		return err
	}
	if err := c.DeleteTopic(topic); err != nil {
		return fmt.Errorf("broker: delete topic %q: %w", topic, err)
	}
	return nil
}

// DeleteRecords makes offset the first offset of the partition (-1: the end),
// as retention would; tests use it to make offsets disappear under a
// consumer (failOnDataLoss).
func (b *Broker) DeleteRecords(topic string, partition int, offset int64) error {
	c, err := b.running()
	if err != nil {
		return err
	}
	if err := c.DeleteRecords(topic, int32(partition), offset); err != nil {
		return fmt.Errorf("broker: delete records of %s/%d before %d: %w", topic, partition, offset, err)
	}
	return nil
}

// Partitions is the partition count of topic, 0 when it does not exist or
// the broker is stopped.
func (b *Broker) Partitions(topic string) int {
	c, err := b.running()
	if err != nil {
		return 0
	}
	return len(c.PartitionInfos(topic))
}

// Offsets is the [start, end) offsets of each partition of topic, indexed by
// partition: end is the high watermark, the offset the next record gets.
func (b *Broker) Offsets(topic string) ([]Range, error) {
	c, err := b.running()
	if err != nil {
		return nil, err
	}
	infos := c.PartitionInfos(topic)
	if infos == nil {
		return nil, fmt.Errorf("broker: topic %q does not exist", topic)
	}
	out := make([]Range, len(infos))
	for i, pi := range infos {
		out[i] = Range{Start: pi.LogStartOffset, End: pi.HighWatermark}
	}
	return out, nil
}

// Range is a partition's offsets: Start is the first readable offset and End
// the high watermark.
type Range struct{ Start, End int64 }
