package engine_test

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	kafkago "github.com/segmentio/kafka-go"

	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

const (
	benchRecords = 60000 // over 3 partitions
	benchValue   = 100   // bytes
)

func benchTopic(b *testing.B, k *kafkatest.Cluster, topic string) {
	k.CreateTopic(topic, 3)
	val := make([]byte, benchValue)
	for i := range val {
		val[i] = 'a' + byte(i%26)
	}
	var recs []*kafkatest.Record
	for i := range benchRecords {
		recs = append(recs, &kafkatest.Record{Topic: topic, Partition: int32(i % 3), Key: []byte(strconv.Itoa(i)), Value: val})
		if len(recs) == 5000 {
			k.Produce(recs...)
			recs = recs[:0]
		}
	}
}

// discardSink writes nothing, to measure the engine alone.
type discardSink struct{}

func (discardSink) Open(context.Context, int64, sink.Task) (sink.PartitionWriter, error) {
	return discardWriter{}, nil
}
func (discardSink) Commit(context.Context, int64) error { return nil }
func (discardSink) Close() error                        { return nil }

type discardWriter struct{}

func (discardWriter) Write(context.Context, *sink.Message) error { return nil }
func (discardWriter) Close(context.Context) error                { return nil }
func (discardWriter) Abort()                                     {}

// passThrough emits each row as it is.
type passThrough struct{ msg sink.Message }

func (p *passThrough) Process(row *kafka.Row, emit engine.Emit) error {
	p.msg = sink.Message{Key: row.Key, Value: row.Value, Headers: row.Headers, Partition: -1}
	return emit(&p.msg)
}

// readerBaseline consumes topic with one kafka-go Reader per partition.
func readerBaseline(b *testing.B, addr, topic string, each func(kafkago.Message)) {
	var wg sync.WaitGroup
	for p := range 3 {
		wg.Go(func() {
			r := kafkago.NewReader(kafkago.ReaderConfig{Brokers: []string{addr}, Topic: topic, Partition: p, MinBytes: 1, MaxBytes: 1 << 20, MaxWait: 50 * time.Millisecond})
			defer r.Close()
			for n := 0; n < benchRecords/3; n++ {
				m, err := r.ReadMessage(context.Background())
				if err != nil {
					b.Error(err)
					return
				}
				if each != nil {
					each(m)
				}
			}
		})
	}
	wg.Wait()
}

// BenchmarkEngineThroughput: the engine with a pass-through processor and a
// sink that discards, against raw kafka-go consumption of the same topic on
// the same broker (the ceiling).
func BenchmarkEngineThroughput(b *testing.B) {
	k := kafkatest.New(b)
	benchTopic(b, k, "in")
	b.Run("baseline=kafka-go-reader", func(b *testing.B) {
		b.SetBytes(benchRecords * benchValue)
		for b.Loop() {
			readerBaseline(b, k.Addr, "in", nil)
		}
		b.ReportMetric(float64(benchRecords)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	})
	b.Run("streamc", func(b *testing.B) {
		b.SetBytes(benchRecords * benchValue)
		o := engine.Options{Logger: quiet}
		i := 0
		for b.Loop() {
			i++
			o.CheckpointRoot = b.TempDir()
			q := engine.Query{Name: "bench", Source: source(k), Checkpoint: fmt.Sprint("q", i), Trigger: engine.AvailableNow(),
				Sink:         engine.SinkFunc(func(engine.SinkEnv) (sink.Sink, error) { return discardSink{}, nil }),
				NewProcessor: func() engine.Processor { return new(passThrough) }}
			if err := engine.Run(context.Background(), o, q); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(benchRecords)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	})
}

// BenchmarkKafkaToKafka: Kafka to Kafka pass-through by the engine (Kafka
// sink, acks=all, murmur2 partitioner) against a hand-written kafka-go loop
// doing the same (a Reader per partition feeding one Writer in batches).
func BenchmarkKafkaToKafka(b *testing.B) {
	k := kafkatest.New(b)
	benchTopic(b, k, "in")
	k.CreateTopic("out", 3)
	b.Run("baseline=kafka-go-loop", func(b *testing.B) {
		b.SetBytes(benchRecords * benchValue)
		for b.Loop() {
			w := &kafkago.Writer{Addr: kafkago.TCP(k.Addr), Topic: "out", Balancer: &kafkago.Murmur2Balancer{}, RequiredAcks: kafkago.RequireAll, BatchSize: 2000, BatchTimeout: 5e6}
			var wg sync.WaitGroup
			for p := range 3 {
				wg.Go(func() {
					r := kafkago.NewReader(kafkago.ReaderConfig{Brokers: []string{k.Addr}, Topic: "in", Partition: p, MinBytes: 1, MaxBytes: 1 << 20, MaxWait: 50 * time.Millisecond})
					defer r.Close()
					batch := make([]kafkago.Message, 0, 2000)
					for n := 0; n < benchRecords/3; n++ {
						m, err := r.ReadMessage(context.Background())
						if err != nil {
							b.Error(err)
							return
						}
						batch = append(batch, kafkago.Message{Key: m.Key, Value: m.Value})
						if len(batch) == cap(batch) || n == benchRecords/3-1 {
							if err := w.WriteMessages(context.Background(), batch...); err != nil {
								b.Error(err)
								return
							}
							batch = batch[:0]
						}
					}
				})
			}
			wg.Wait()
			w.Close()
		}
		b.ReportMetric(float64(benchRecords)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	})
	b.Run("streamc", func(b *testing.B) {
		b.SetBytes(benchRecords * benchValue)
		o := engine.Options{Logger: quiet}
		i := 0
		for b.Loop() {
			i++
			o.CheckpointRoot = b.TempDir()
			q := engine.Query{Name: "bench", Source: source(k), Checkpoint: fmt.Sprint("q", i), Trigger: engine.AvailableNow(),
				Sink:         kafkaSinkOf(map[string]string{"topic": "out", "kafka.bootstrap.servers": k.Addr}),
				NewProcessor: func() engine.Processor { return new(passThrough) }}
			if err := engine.Run(context.Background(), o, q); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(benchRecords)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	})
}
