// Package produce writes records to Kafka from lines of text, one record
// value per line, for `streamc dev produce`: plain values, or Confluent Avro
// values encoded from JSON lines with the schema registered first.
//
// Keys are hashed with kafka-go's Murmur2Balancer, which is the Java
// client's default partitioner (murmur2 of the key bytes, positive, modulo
// the partition count), so records land where a Java or Spark producer
// would put them.
package produce

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"
)

// Formats of the value.
const (
	// FormatRaw sends each line's bytes as they are.
	FormatRaw = "raw"
	// FormatConfluentAvro encodes each JSON line as Avro under a
	// registered schema: 0x00, the 4-byte big-endian schema id, the body.
	FormatConfluentAvro = "confluent-avro"
)

// Options say what to produce where.
type Options struct {
	// BootstrapServers is a comma-separated list of host:port.
	BootstrapServers string
	Topic            string
	// KeyField names a top-level field of each JSON line whose value is the
	// record key (a string as is, anything else as its JSON text, null or
	// missing as no key).
	KeyField string
	// Partition, when >= 0, sends every record to that partition instead of
	// hashing keys.
	Partition int
	// Format is FormatRaw (default) or FormatConfluentAvro.
	Format string
	// Schema is the Avro schema text (.avsc) for FormatConfluentAvro.
	Schema []byte
	// RegistryURL is the Schema Registry; user:password@ in it, or
	// RegistryAuth, is sent as basic auth.
	RegistryURL  string
	RegistryAuth string
	// Subject to register the schema under (default "<topic>-value",
	// Confluent's TopicNameStrategy).
	Subject string
	Logger  *slog.Logger
}

// Result tells what was written.
type Result struct {
	Records  int
	SchemaID int // for FormatConfluentAvro
}

// batch is how many records go to the writer at once: large enough to
// batch well, small enough to report an early bad line quickly.
const batch = 500

// Run reads records from in, one per line (empty lines are skipped), and
// writes them to the topic with acks=all. It stops at the first line that
// cannot be encoded, after writing the lines before it.
func Run(ctx context.Context, opts Options, in io.Reader) (Result, error) {
	var res Result
	if opts.Topic == "" {
		return res, errors.New("produce: no topic")
	}
	brokers := splitList(opts.BootstrapServers)
	if len(brokers) == 0 {
		return res, errors.New("produce: no bootstrap servers")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	enc, err := newEncoder(ctx, &opts)
	if err != nil {
		return res, err
	}
	res.SchemaID = enc.schemaID

	// A private transport, so its pooled connections go away with it.
	tr := &kafka.Transport{}
	defer tr.CloseIdleConnections()
	var balancer kafka.Balancer = kafka.Murmur2Balancer{}
	if opts.Partition >= 0 {
		if err := checkPartition(ctx, tr, brokers, opts.Topic, opts.Partition); err != nil {
			return res, err
		}
		balancer = fixed(opts.Partition)
	}
	w := &kafka.Writer{
		Addr:                   kafka.TCP(brokers...),
		Topic:                  opts.Topic,
		Balancer:               balancer,
		RequiredAcks:           kafka.RequireAll,
		BatchSize:              batch,
		BatchTimeout:           10 * time.Millisecond,
		AllowAutoTopicCreation: true,
		Transport:              tr,
	}
	msgs := make([]kafka.Message, 0, batch)
	flush := func() error {
		if len(msgs) == 0 {
			return nil
		}
		if err := w.WriteMessages(ctx, msgs...); err != nil {
			return fmt.Errorf("produce: write to %s: %w", opts.Topic, err)
		}
		res.Records += len(msgs)
		msgs = msgs[:0]
		return nil
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if text == "" {
			continue
		}
		m, err := enc.message([]byte(text))
		if err != nil {
			err = errors.Join(fmt.Errorf("produce: line %d: %w", line, err), flush(), w.Close())
			return res, err
		}
		msgs = append(msgs, m)
		if len(msgs) == batch {
			if err := flush(); err != nil {
				w.Close()
				return res, err
			}
		}
	}
	if err := sc.Err(); err != nil {
		return res, errors.Join(fmt.Errorf("produce: reading line %d: %w", line+1, err), flush(), w.Close())
	}
	if err := errors.Join(flush(), w.Close()); err != nil {
		return res, err
	}
	opts.Logger.Info("produced", "topic", opts.Topic, "records", res.Records)
	return res, nil
}

// fixed is a balancer that always picks one partition.
type fixed int

func (f fixed) Balance(kafka.Message, ...int) int { return int(f) }

// checkPartition fails unless topic exists and has partition p: kafka-go
// would otherwise retry a write to a missing partition until it gives up.
func checkPartition(ctx context.Context, tr *kafka.Transport, brokers []string, topic string, p int) error {
	cl := &kafka.Client{Addr: kafka.TCP(brokers...), Transport: tr, Timeout: 10 * time.Second}
	md, err := cl.Metadata(ctx, &kafka.MetadataRequest{Topics: []string{topic}})
	if err != nil {
		return fmt.Errorf("produce: metadata of %s: %w", topic, err)
	}
	for _, t := range md.Topics {
		if t.Name != topic {
			continue
		}
		if t.Error != nil {
			return fmt.Errorf("produce: topic %s: %w", topic, t.Error)
		}
		if p >= len(t.Partitions) {
			return fmt.Errorf("produce: topic %s has %d partitions, no partition %d", topic, len(t.Partitions), p)
		}
		return nil
	}
	return fmt.Errorf("produce: topic %s does not exist", topic)
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
