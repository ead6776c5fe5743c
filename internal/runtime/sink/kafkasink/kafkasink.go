// Package kafkasink writes query output to Kafka with kafka-go's Writer, as
// Spark's Kafka sink does: each row's key, value, headers, topic and
// partition; the sink's topic option overrides the row's topic; a row without
// a partition goes to the Java client's default partitioner (murmur2 of the
// key; keyless rows are spread round-robin).
//
// Delivery is at least once: acks=all by default, retriable errors are retried
// with backoff, reconnecting, until the retry timeout (the retryTimeout
// option, else kafka.delivery.timeout.ms), and a PartitionWriter's Close
// returns only when every row it took is acknowledged, so the engine records
// a batch as committed only after all its output is in Kafka. A replayed
// batch writes its rows again (duplicates, never loss).
package kafkasink

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	kafkago "github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/compress"

	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink"
)

// sinkSettings are the kafka.* settings the sink reads itself.
var sinkSettings = []string{
	"acks", "linger.ms", "batch.size", "max.request.size", "compression.type", "delivery.timeout.ms",
	"retries", "max.in.flight.requests.per.connection", "enable.idempotence", "buffer.memory", "max.block.ms",
}

const (
	// A PartitionWriter hands rows to kafka-go in chunks of this size, with
	// up to maxInFlight chunks being acknowledged at once.
	chunkRows   = 2000
	chunkBytes  = 1 << 20
	maxInFlight = 4
)

// Sink is a Kafka sink. It is safe for concurrent use by the engine's
// partition tasks.
type Sink struct {
	topic string
	w     *kafkago.Writer
	meta  *kafkago.Client
	log   *slog.Logger
	retry kafka.RetryPolicy

	mu     sync.Mutex
	counts map[string]int // partition counts, for checking explicit partitions
}

// New returns a sink from Spark's options: topic (optional, overrides the
// row's topic) and kafka.* producer settings (kafka.bootstrap.servers
// required; see Settings and the security settings of kafka.ClientConfig).
func New(opts map[string]string, log *slog.Logger) (*Sink, error) {
	cfg, err := ParseConfig(opts)
	if err != nil {
		return nil, err
	}
	return NewSink(cfg, nil, log)
}

// NewSink returns a sink for cfg with the run-time overrides (options in
// Spark's names, such as kafka.bootstrap.servers from --bootstrap-servers)
// applied over it by the same definitions as the spec's.
func NewSink(cfg Config, overrides map[string]string, log *slog.Logger) (*Sink, error) {
	if log == nil {
		log = slog.Default()
	}
	if err := cfg.apply(overrides); err != nil {
		return nil, err
	}
	opts := make(map[string]string, len(cfg.Kafka))
	for k, v := range cfg.Kafka {
		opts[kafka.SettingPrefix+k] = v
	}
	cc, err := kafka.ParseClientConfig(opts)
	if err != nil {
		return nil, fmt.Errorf("kafka sink: %w", err)
	}
	cc.RetryTimeout, cc.RetryTimeoutSet = cfg.RetryTimeout, cfg.RetryTimeoutSet
	acks := kafkago.RequireAll
	switch cfg.Acks {
	case AcksLeader:
		acks = kafkago.RequireOne
	case AcksNone:
		acks = kafkago.RequireNone
		log.Warn("kafka sink: acks=0 does not wait for the broker; rows can be lost")
	}
	linger, deliveryTimeout, batchBytes := cfg.Linger, cfg.DeliveryTimeout, cfg.MaxRequestSize
	var comp compress.Compression
	switch cfg.Compression {
	case "":
	case "gzip":
		comp = compress.Gzip
	case "snappy":
		comp = compress.Snappy
	case "lz4":
		comp = compress.Lz4
	case "zstd":
		comp = compress.Zstd
	default:
		return nil, fmt.Errorf("kafka sink: compression %q is not none, gzip, snappy, lz4 or zstd", cfg.Compression)
	}
	for _, k := range cc.UnknownSettings(sinkSettings) {
		log.Warn("kafka sink: setting is not used by streamc and is ignored", "setting", "kafka."+k)
	}
	if linger <= 0 {
		// kafka-go treats 0 as its 1s default.
		linger = time.Millisecond
	}
	sk := &Sink{
		topic:  cfg.Topic,
		meta:   cc.NewClient(),
		log:    log,
		retry:  cc.RetryPolicy(deliveryTimeout),
		counts: map[string]int{},
	}
	sk.w = &kafkago.Writer{
		Addr:     kafkago.TCP(cc.Brokers...),
		Balancer: &balancer{},
		// kafka-go retries a batch itself a few times; past that the sink
		// retries the rows that failed until the delivery timeout.
		MaxAttempts:     3,
		WriteBackoffMin: cc.RetryBackoff,
		WriteBackoffMax: cc.RetryBackoffMax,
		BatchSize:       chunkRows,
		BatchBytes:      int64(batchBytes),
		BatchTimeout:    linger,
		ReadTimeout:     cc.RequestTimeout,
		WriteTimeout:    cc.RequestTimeout,
		RequiredAcks:    acks,
		Compression:     comp,
		Transport:       cc.NewTransport(),
		// As the Java producer, which asks for topics to be created when
		// the broker allows it.
		AllowAutoTopicCreation: true,
	}
	return sk, nil
}

// Description names the sink in progress reports.
func (s *Sink) Description() string {
	if s.topic != "" {
		return "KafkaSink[" + s.topic + "]"
	}
	return "KafkaSink"
}

// Open starts a task's share of a batch.
func (s *Sink) Open(ctx context.Context, batch int64, task sink.Task) (sink.PartitionWriter, error) {
	pw := &partWriter{s: s, batch: batch, task: task, free: make(chan *chunk, maxInFlight+1), sem: make(chan struct{}, maxInFlight)}
	pw.ctx, pw.cancel = context.WithCancel(context.WithoutCancel(ctx))
	pw.cur = pw.getChunk()
	return pw, nil
}

// Commit does nothing: every row was acknowledged when its writer closed.
func (s *Sink) Commit(context.Context, int64) error { return nil }

// Close flushes and closes the producer.
func (s *Sink) Close() error {
	err := s.w.Close()
	if t, ok := s.meta.Transport.(*kafkago.Transport); ok {
		t.CloseIdleConnections()
	}
	if err != nil {
		return fmt.Errorf("kafka sink: close: %w", err)
	}
	return nil
}

// partitionCount returns topic's partition count, refreshing the cached one
// when refresh is set (an explicit partition past it may be a new one).
func (s *Sink) partitionCount(ctx context.Context, topic string, refresh bool) (int, error) {
	s.mu.Lock()
	n, ok := s.counts[topic]
	s.mu.Unlock()
	if ok && !refresh {
		return n, nil
	}
	var md *kafkago.MetadataResponse
	err := kafka.Retry(ctx, s.log, "metadata for topic "+topic, s.retry, func(ctx context.Context) error {
		var err error
		md, err = s.meta.Metadata(ctx, &kafkago.MetadataRequest{Topics: []string{topic}})
		return err
	})
	if err != nil {
		return 0, err
	}
	for _, t := range md.Topics {
		if t.Name == topic {
			if t.Error != nil {
				return 0, t.Error
			}
			n = len(t.Partitions)
		}
	}
	s.mu.Lock()
	s.counts[topic] = n
	s.mu.Unlock()
	return n, nil
}

// balancer is the Java client's default partitioner, for the partition
// chosen by the writer (Message.Partition -1 means "choose").
type balancer struct{ rr atomic.Uint32 }

func (b *balancer) Balance(msg kafkago.Message, partitions ...int) int {
	switch {
	case msg.Partition >= 0:
		return msg.Partition
	case msg.Key == nil:
		// Java sticks to one partition per batch; round-robin spreads the
		// same way over time and needs no batch awareness.
		return partitions[int(b.rr.Add(1)-1)%len(partitions)]
	default:
		return partitions[kafka.KeyPartition(msg.Key, len(partitions))]
	}
}

type chunk struct {
	msgs  []kafkago.Message
	arena []byte
}

// partWriter buffers rows into chunks and sends each chunk in the background
// while the next fills.
type partWriter struct {
	s      *Sink
	batch  int64
	task   sink.Task
	ctx    context.Context
	cancel context.CancelFunc
	cur    *chunk
	free   chan *chunk
	sem    chan struct{}
	wg     sync.WaitGroup

	errMu sync.Mutex
	err   error
}

func (pw *partWriter) getChunk() *chunk {
	select {
	case c := <-pw.free:
		return c
	default:
		return &chunk{msgs: make([]kafkago.Message, 0, 64)}
	}
}

func (pw *partWriter) failed() error {
	pw.errMu.Lock()
	defer pw.errMu.Unlock()
	return pw.err
}

func (pw *partWriter) fail(err error) {
	pw.errMu.Lock()
	if pw.err == nil {
		pw.err = err
	}
	pw.errMu.Unlock()
}

// Write copies msg into the current chunk.
func (pw *partWriter) Write(ctx context.Context, msg *sink.Message) error {
	if err := pw.failed(); err != nil {
		return err
	}
	topic := pw.s.topic
	if topic == "" {
		topic = msg.Topic
	}
	if topic == "" {
		return errors.New("kafka sink: row has no topic: set the sink option topic or give the row a topic column")
	}
	part := int(msg.Partition)
	if part >= 0 {
		n, err := pw.s.partitionCount(ctx, topic, false)
		if err == nil && part >= n {
			n, err = pw.s.partitionCount(ctx, topic, true)
		}
		if err != nil {
			return fmt.Errorf("kafka sink: partitions of topic %s: %w", topic, err)
		}
		if part >= n {
			return fmt.Errorf("kafka sink: partition %d of topic %s does not exist (it has %d)", part, topic, n)
		}
	} else {
		part = -1
	}
	c := pw.cur
	// A nil Value stays nil: a tombstone, as Spark's sink allows.
	m := kafkago.Message{Topic: topic, Partition: part, Key: c.copy(msg.Key), Value: c.copy(msg.Value)}
	if len(msg.Headers) > 0 {
		m.Headers = make([]kafkago.Header, len(msg.Headers))
		for i, h := range msg.Headers {
			m.Headers[i] = kafkago.Header{Key: h.Key, Value: c.copy(h.Value)}
		}
	}
	c.msgs = append(c.msgs, m)
	if len(c.msgs) >= chunkRows || len(c.arena) >= chunkBytes {
		return pw.Flush(ctx)
	}
	return nil
}

// copy keeps b in the chunk's arena. Copies of earlier rows stay valid when
// the arena grows, since a grown arena is a new array and the old one is
// left to them.
func (c *chunk) copy(b []byte) []byte {
	if b == nil {
		return nil
	}
	if cap(c.arena)-len(c.arena) < len(b) {
		c.arena = make([]byte, 0, max(64<<10, 2*len(b)))
	}
	start := len(c.arena)
	c.arena = append(c.arena, b...)
	return c.arena[start:len(c.arena):len(c.arena)]
}

// Flush sends the current chunk in the background.
func (pw *partWriter) Flush(ctx context.Context) error {
	c := pw.cur
	if len(c.msgs) == 0 {
		return pw.failed()
	}
	select {
	case pw.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	pw.cur = pw.getChunk()
	pw.wg.Add(1)
	go func() {
		defer pw.wg.Done()
		defer func() { <-pw.sem }()
		if err := pw.send(c.msgs); err != nil {
			pw.fail(err)
			return
		}
		clear(c.msgs)
		c.msgs, c.arena = c.msgs[:0], c.arena[:0]
		select {
		case pw.free <- c:
		default:
		}
	}()
	return pw.failed()
}

// send writes msgs until all are acknowledged, retrying the ones that failed
// with a retriable error until the retry timeout (kafka.delivery.timeout.ms
// unless retryTimeout is set).
func (pw *partWriter) send(msgs []kafkago.Message) error {
	var ep *kafka.Episode
	for {
		t0 := time.Now()
		ctx, cancel := pw.ctx, context.CancelFunc(func() {})
		if ep != nil {
			// A write hanging on a dead connection must not outlast the
			// give-up time.
			ctx, cancel = context.WithDeadline(pw.ctx, ep.Deadline())
		}
		err := pw.s.w.WriteMessages(ctx, msgs...)
		cancel()
		if err == nil {
			ep.Succeeded(pw.ctx)
			return nil
		}
		if pw.ctx.Err() != nil {
			return fmt.Errorf("kafka sink: write aborted: %w", pw.ctx.Err())
		}
		var werrs kafkago.WriteErrors
		if errors.As(err, &werrs) && len(werrs) == len(msgs) {
			var again []kafkago.Message
			for i, e := range werrs {
				if e == nil {
					continue
				}
				if !kafka.Retriable(e) {
					return fmt.Errorf("kafka sink: write to %s: %w", msgs[i].Topic, e)
				}
				err = e
				again = append(again, msgs[i])
			}
			msgs = again
			if len(msgs) == 0 {
				ep.Succeeded(pw.ctx)
				return nil
			}
		} else if !kafka.Retriable(err) {
			return fmt.Errorf("kafka sink: write to %s: %w", msgs[0].Topic, err)
		}
		if ep == nil {
			what := fmt.Sprintf("produce to %s (batch %d, task %s-%d)", msgs[0].Topic, pw.batch, pw.task.Topic, pw.task.Partition)
			ep = pw.s.retry.Begin(pw.s.log, what, t0)
		}
		if err := ep.Next(pw.ctx, err); err != nil {
			if pw.ctx.Err() != nil {
				return fmt.Errorf("kafka sink: write aborted: %w", pw.ctx.Err())
			}
			return fmt.Errorf("kafka sink: %d rows not acknowledged: %w", len(msgs), err)
		}
	}
}

// Close sends what is buffered and waits until every row is acknowledged.
func (pw *partWriter) Close(ctx context.Context) error {
	ferr := pw.Flush(ctx)
	done := make(chan struct{})
	go func() { pw.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		pw.cancel()
		<-done
	}
	pw.cancel()
	if err := pw.failed(); err != nil {
		return err
	}
	return ferr
}

// Abort stops retrying; rows already sent may still arrive (at least once).
func (pw *partWriter) Abort() {
	pw.cancel()
	pw.wg.Wait()
}
