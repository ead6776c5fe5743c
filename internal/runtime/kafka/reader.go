package kafka

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	kafkago "github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/protocol"
	fetchAPI "github.com/segmentio/kafka-go/protocol/fetch"

	"github.com/streamc/streamc/internal/runtime/sink"
)

// ErrDataLoss marks errors about offsets that can no longer be read
// (retention deleted them, a partition or topic was deleted, a log was
// truncated) while failOnDataLoss is true.
var ErrDataLoss = errors.New("data loss")

// DataLossHint ends data-loss messages the way Spark's do.
const DataLossHint = "Some data may have been lost because they are not available in Kafka any more; either the data was aged out by Kafka or the topic may have been deleted before all the data in the topic was processed. If you don't want your streaming query to fail on such cases, set the source option \"failOnDataLoss\" to \"false\"."

// chunksPerReader is how many fetched responses a reader buffers: one being
// processed while the next is fetched. Each holds up to
// kafka.max.partition.fetch.bytes, so this bounds a reader's memory.
const chunksPerReader = 2

// Chunk is one fetch response, converted: the rows of one partition, in
// offset order, with their bytes copied into a buffer the reader reuses.
type Chunk struct {
	Rows []Row
	// Next is the offset to read after this chunk (past any control or
	// aborted records it covered).
	Next int64
	// HighWatermark is the partition's high-water mark when fetched.
	HighWatermark int64

	arena   []byte
	headers []sink.Header
	spans   []span
}

type span struct {
	key, val     int // start in arena, -1 for null
	klen, vlen   int
	hstart, hend int // range in headers
}

// PartitionReader reads one partition. It has its own connections, so a long
// poll on one partition never delays another's fetch. Methods must not be
// called concurrently.
type PartitionReader struct {
	src    *Source
	tp     TopicPartition
	client *kafkago.Client
	free   chan *Chunk
}

// NewReader returns a reader of tp; Close it when done.
func (s *Source) NewReader(tp TopicPartition) *PartitionReader {
	r := &PartitionReader{src: s, tp: tp, client: s.cfg.Client.NewClient(), free: make(chan *Chunk, chunksPerReader)}
	for range chunksPerReader {
		r.free <- new(Chunk)
	}
	return r
}

// Partition returns what r reads.
func (r *PartitionReader) Partition() TopicPartition { return r.tp }

// Close releases r's connections.
func (r *PartitionReader) Close() {
	if t, ok := r.client.Transport.(*kafkago.Transport); ok {
		t.CloseIdleConnections()
	}
}

// ReadStats describe one ReadRange.
type ReadStats struct {
	Rows int64
	// Skipped counts offsets in the range lost to failOnDataLoss=false.
	Skipped int64
}

// ReadRange reads offsets [start, end), calling fn with each fetched chunk
// of rows, in order. Offsets without a data record (control records,
// aborted or compacted records) are skipped; the range ends at end even if
// its last offsets hold no data. Fetching runs ahead of fn by one chunk.
func (r *PartitionReader) ReadRange(ctx context.Context, start, end int64, fn func(*Chunk) error) (ReadStats, error) {
	var st ReadStats
	if start >= end {
		return st, nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := r.open(ctx, start, end)
	var procErr error
	for c := range s.C {
		if procErr == nil {
			st.Rows += int64(len(c.Rows))
			if procErr = fn(c); procErr != nil {
				cancel()
			}
		}
		s.Release(c)
	}
	err := s.Err()
	st.Skipped = s.skipped
	if procErr != nil {
		return st, procErr
	}
	return st, err
}

// Stream is an unbounded read in the background (the continuous trigger's
// long-lived reader): chunks arrive on C as records do; each must be given
// back with Release once processed. C closes when the context ends or
// reading fails; Err tells which.
type Stream struct {
	C       <-chan *Chunk
	r       *PartitionReader
	err     error
	skipped int64
	done    chan struct{}
}

// Stream starts reading from start until ctx ends.
func (r *PartitionReader) Stream(ctx context.Context, start int64) *Stream {
	return r.open(ctx, start, math.MaxInt64)
}

func (r *PartitionReader) open(ctx context.Context, start, end int64) *Stream {
	ready := make(chan *Chunk, chunksPerReader)
	s := &Stream{C: ready, r: r, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		defer close(ready)
		s.skipped, s.err = r.fetchLoop(ctx, start, end, ready)
	}()
	return s
}

// Release gives a processed chunk back for reuse.
func (s *Stream) Release(c *Chunk) { s.r.free <- c }

// Err returns why the stream ended; call it after C is closed.
func (s *Stream) Err() error {
	<-s.done
	return s.err
}

// fetchLoop fetches [pos, end) into chunks sent on ready.
func (r *PartitionReader) fetchLoop(ctx context.Context, pos, end int64, ready chan<- *Chunk) (skipped int64, err error) {
	cfg := r.src.cfg
	bounded := end != math.MaxInt64
	maxBytes := cfg.MaxPartitionBytes
	for pos < end {
		var c *Chunk
		select {
		case c = <-r.free:
		case <-ctx.Done():
			return skipped, ctx.Err()
		}
		wait := cfg.FetchMaxWait
		if bounded {
			// The data is there (end is at most the high-water mark when
			// planned); do not let the broker hold an empty answer.
			wait = 10 * time.Millisecond
		}
		var p *fetchAPI.ResponsePartition
		err := Retry(ctx, r.src.log.With("topic", r.tp.Topic, "partition", r.tp.Partition), fmt.Sprintf("fetch %s at offset %d", r.tp, pos), r.src.retry(), func(ctx context.Context) error {
			var err error
			p, err = r.fetch(ctx, pos, maxBytes, wait)
			if errors.Is(err, kafkago.UnknownTopicOrPartition) {
				if gone, gerr := r.gone(ctx); gerr == nil && gone {
					return fmt.Errorf("%w: partition no longer exists", errPartitionGone)
				}
			}
			return err
		})
		if err != nil {
			r.free <- c
			switch {
			case errors.Is(err, kafkago.OffsetOutOfRange):
				next, n, lerr := r.outOfRange(ctx, pos, end)
				if lerr != nil {
					return skipped, lerr
				}
				skipped += n
				pos = next
				continue
			case errors.Is(err, errPartitionGone):
				if cfg.FailOnDataLoss {
					return skipped, fmt.Errorf("kafka source: %w: %s was deleted while offsets [%d, %d) were still to be read. %s", ErrDataLoss, r.tp, pos, end, DataLossHint)
				}
				r.src.log.Warn("partition deleted; skipping the rest of its range (failOnDataLoss=false)", "topic", r.tp.Topic, "partition", r.tp.Partition, "from", pos, "until", end)
				if bounded {
					skipped += end - pos
				}
				return skipped, nil
			}
			return skipped, fmt.Errorf("kafka source: fetch %s at offset %d: %w", r.tp, pos, err)
		}
		next, err := r.convert(c, p, pos, end)
		if err != nil {
			r.free <- c
			return skipped, fmt.Errorf("kafka source: read %s at offset %d: %w", r.tp, pos, err)
		}
		if next == pos {
			r.free <- c
			if !bounded {
				continue // long poll came back empty
			}
			hw := p.HighWatermark
			if cfg.IsolationLevel == kafkago.ReadCommitted {
				hw = p.LastStableOffset
			}
			if maxBytes < 64<<20 {
				// A batch that did not fit may have been cut off; ask for
				// more before concluding that the range has no data left.
				maxBytes *= 4
				continue
			}
			if hw >= end {
				// Nothing readable in [pos, end): compacted away, or only
				// control/aborted records there and beyond.
				return skipped, nil
			}
			// The log ends before the planned end: it was truncated.
			if cfg.FailOnDataLoss {
				return skipped, fmt.Errorf("kafka source: %w: %s now ends at offset %d, before the planned end %d (the log was truncated or the topic recreated). %s", ErrDataLoss, r.tp, hw, end, DataLossHint)
			}
			r.src.log.Warn("partition ends before the planned offset; skipping (failOnDataLoss=false)", "topic", r.tp.Topic, "partition", r.tp.Partition, "from", pos, "until", end, "highWatermark", hw)
			return skipped + end - pos, nil
		}
		maxBytes = cfg.MaxPartitionBytes
		pos = next
		if len(c.Rows) == 0 {
			r.free <- c
			continue
		}
		select {
		case ready <- c:
		case <-ctx.Done():
			r.free <- c
			return skipped, ctx.Err()
		}
	}
	return skipped, nil
}

var errPartitionGone = errors.New("partition gone")

// gone reports whether r's partition has disappeared from the metadata.
func (r *PartitionReader) gone(ctx context.Context) (bool, error) {
	md, err := r.src.client.Metadata(ctx, &kafkago.MetadataRequest{Topics: []string{r.tp.Topic}})
	if err != nil {
		return false, err
	}
	for _, t := range md.Topics {
		if t.Name == r.tp.Topic {
			if t.Error != nil {
				return errors.Is(t.Error, kafkago.UnknownTopicOrPartition), nil
			}
			return int(r.tp.Partition) >= len(t.Partitions), nil
		}
	}
	return true, nil
}

// outOfRange handles a fetch at pos that the broker refused: the records
// there were deleted (pos below the log start) or the log is shorter (pos
// past its end). It returns where to go on, and how many offsets of the
// range were skipped, or a data-loss error.
func (r *PartitionReader) outOfRange(ctx context.Context, pos, end int64) (int64, int64, error) {
	tps := []TopicPartition{r.tp}
	earliest, err := r.src.EarliestOffsets(ctx, tps)
	if err != nil {
		return 0, 0, err
	}
	latest, err := r.src.LatestOffsets(ctx, tps)
	if err != nil {
		return 0, 0, err
	}
	lo, _ := earliest.Get(r.tp)
	hi, _ := latest.Get(r.tp)
	fail := r.src.cfg.FailOnDataLoss
	switch {
	case pos < lo:
		if fail {
			return 0, 0, fmt.Errorf("kafka source: %w: cannot fetch offset %d of %s: offsets [%d, %d) were deleted (the earliest available offset is %d). %s", ErrDataLoss, pos, r.tp, pos, min(lo, end), lo, DataLossHint)
		}
		r.src.log.Warn("offsets were deleted; continuing from the earliest available (failOnDataLoss=false)", "topic", r.tp.Topic, "partition", r.tp.Partition, "from", pos, "earliest", lo)
		next := min(lo, end)
		return next, next - pos, nil
	case pos > hi:
		if fail {
			return 0, 0, fmt.Errorf("kafka source: %w: cannot fetch offset %d of %s: the partition ends at %d (the log was truncated or the topic recreated). %s", ErrDataLoss, pos, r.tp, hi, DataLossHint)
		}
		r.src.log.Warn("offset is past the end of the partition; skipping (failOnDataLoss=false)", "topic", r.tp.Topic, "partition", r.tp.Partition, "from", pos, "latest", hi)
		if end == math.MaxInt64 {
			return lo, 0, nil
		}
		return end, end - pos, nil
	}
	// In range again (a leader change answered out of range): retry.
	return pos, 0, nil
}

func (r *PartitionReader) fetch(ctx context.Context, offset int64, maxBytes int, wait time.Duration) (*fetchAPI.ResponsePartition, error) {
	cfg := r.src.cfg
	req := &fetchAPI.Request{
		ReplicaID:      -1,
		MaxWaitTime:    int32(wait / time.Millisecond),
		MinBytes:       1,
		MaxBytes:       int32(maxBytes),
		IsolationLevel: int8(cfg.IsolationLevel),
		SessionID:      -1,
		SessionEpoch:   -1,
		Topics: []fetchAPI.RequestTopic{{
			Topic: r.tp.Topic,
			Partitions: []fetchAPI.RequestPartition{{
				Partition:          r.tp.Partition,
				CurrentLeaderEpoch: -1,
				FetchOffset:        offset,
				LogStartOffset:     -1,
				PartitionMaxBytes:  int32(maxBytes),
			}},
		}},
	}
	ctx, cancel := context.WithTimeout(ctx, wait+cfg.Client.RequestTimeout)
	defer cancel()
	m, err := r.client.Transport.RoundTrip(ctx, r.client.Addr, req)
	if err != nil {
		return nil, err
	}
	res, ok := m.(*fetchAPI.Response)
	if !ok {
		return nil, fmt.Errorf("unexpected fetch response %T", m)
	}
	if res.ErrorCode != 0 {
		return nil, kafkago.Error(res.ErrorCode)
	}
	if len(res.Topics) != 1 || len(res.Topics[0].Partitions) != 1 {
		return nil, errors.New("fetch response without the partition asked for")
	}
	p := &res.Topics[0].Partitions[0]
	if p.ErrorCode != 0 {
		return nil, kafkago.Error(p.ErrorCode)
	}
	return p, nil
}

// Timestamp type bit of the batch attributes.
const attrLogAppendTime = 1 << 3

// Control record types.
const controlAbort = 0

// convert copies the data records of p with offsets in [pos, end) into c and
// returns the next offset to fetch.
func (r *PartitionReader) convert(c *Chunk, p *fetchAPI.ResponsePartition, pos, end int64) (int64, error) {
	c.Rows, c.headers, c.spans, c.arena = c.Rows[:0], c.headers[:0], c.spans[:0], c.arena[:0]
	c.HighWatermark = p.HighWatermark
	next := pos
	cv := converter{r: r, c: c, pos: pos, end: end, next: &next, headers: r.src.cfg.IncludeHeaders}
	if r.src.cfg.IsolationLevel == kafkago.ReadCommitted && len(p.AbortedTransactions) > 0 {
		cv.pending = p.AbortedTransactions
		cv.aborted = map[int64]bool{}
	}
	if p.RecordSet.Records != nil {
		if err := cv.walk(p.RecordSet.Records); err != nil {
			return pos, err
		}
	}
	// The arena no longer grows: point rows into it.
	for i := range c.Rows {
		s := &c.spans[i]
		row := &c.Rows[i]
		row.Key, row.Value, row.Headers = nil, nil, nil
		if s.key >= 0 {
			row.Key = c.arena[s.key : s.key+s.klen : s.key+s.klen]
		}
		if s.val >= 0 {
			row.Value = c.arena[s.val : s.val+s.vlen : s.val+s.vlen]
		}
		if s.hend > s.hstart {
			row.Headers = c.headers[s.hstart:s.hend:s.hend]
		}
	}
	c.Next = next
	return next, nil
}

type converter struct {
	r        *PartitionReader
	c        *Chunk
	pos, end int64
	next     *int64
	headers  bool
	// Read-committed filtering, as the Java consumer does: an aborted
	// transaction's producer is skipped from its first offset until its
	// abort marker.
	pending []fetchAPI.ResponseTransaction
	aborted map[int64]bool
}

func (cv *converter) walk(rr protocol.RecordReader) error {
	switch b := rr.(type) {
	case *protocol.RecordStream:
		for _, x := range b.Records {
			if err := cv.walk(x); err != nil {
				return err
			}
		}
		return nil
	case *protocol.RecordBatch:
		skip := false
		if cv.aborted != nil {
			cv.admit(b.BaseOffset)
			skip = b.Attributes.Transactional() && cv.aborted[b.ProducerID]
		}
		return cv.records(b.Records, int16(b.Attributes), skip)
	case *protocol.ControlBatch:
		if cv.aborted != nil {
			cv.admit(b.BaseOffset)
		}
		for {
			rec, err := b.Records.ReadRecord()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			cr, err := protocol.ReadControlRecord(rec)
			if err != nil {
				return err
			}
			if cv.aborted != nil && cr.Type == controlAbort {
				delete(cv.aborted, b.ProducerID)
			}
			cv.advance(cr.Offset)
		}
	case *protocol.MessageSet:
		return cv.records(b.Records, int16(b.Attributes), false)
	default:
		return cv.records(rr, 0, false)
	}
}

// admit marks the producers whose aborted transactions start by offset.
func (cv *converter) admit(offset int64) {
	for len(cv.pending) > 0 && cv.pending[0].FirstOffset <= offset {
		cv.aborted[cv.pending[0].ProducerID] = true
		cv.pending = cv.pending[1:]
	}
}

func (cv *converter) advance(offset int64) {
	if offset >= *cv.next && offset < cv.end {
		*cv.next = offset + 1
	}
}

func (cv *converter) records(rr protocol.RecordReader, attrs int16, skip bool) error {
	tsType := CreateTime
	if attrs&attrLogAppendTime != 0 {
		tsType = LogAppendTime
	}
	c := cv.c
	for {
		rec, err := rr.ReadRecord()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		// Compressed batches may start before the offset asked for; the
		// range's end may fall inside a batch.
		if skip || rec.Offset < cv.pos || rec.Offset >= cv.end {
			closeBytes(rec.Key)
			closeBytes(rec.Value)
			cv.advance(rec.Offset)
			continue
		}
		s := span{key: -1, val: -1}
		if s.key, s.klen, err = cv.copyBytes(rec.Key); err != nil {
			return err
		}
		if s.val, s.vlen, err = cv.copyBytes(rec.Value); err != nil {
			return err
		}
		s.hstart = len(c.headers)
		if cv.headers {
			// kafka-go allocates header keys and values per record, so
			// they are ours to keep without a copy.
			for _, h := range rec.Headers {
				c.headers = append(c.headers, sink.Header{Key: h.Key, Value: h.Value})
			}
		}
		s.hend = len(c.headers)
		c.spans = append(c.spans, s)
		c.Rows = append(c.Rows, Row{
			Topic:         cv.r.tp.Topic,
			Partition:     cv.r.tp.Partition,
			Offset:        rec.Offset,
			Timestamp:     rec.Time.UnixMilli(),
			TimestampType: tsType,
		})
		*cv.next = rec.Offset + 1
	}
}

// copyBytes appends b to the arena and releases it; -1 means null.
func (cv *converter) copyBytes(b protocol.Bytes) (int, int, error) {
	if b == nil {
		return -1, 0, nil
	}
	defer b.Close()
	n := b.Len()
	c := cv.c
	start := len(c.arena)
	c.arena = grow(c.arena, n)
	if _, err := io.ReadFull(b, c.arena[start:start+n]); err != nil {
		return -1, 0, err
	}
	return start, n, nil
}

func grow(b []byte, n int) []byte {
	if cap(b)-len(b) < n {
		nb := make([]byte, len(b), 2*cap(b)+n)
		copy(nb, b)
		b = nb
	}
	return b[:len(b)+n]
}

func closeBytes(b protocol.Bytes) {
	if b != nil {
		b.Close()
	}
}

// Drain releases the chunks still queued, after the stream's context ended,
// and returns Err. A reader can start a new read only after its previous
// stream was drained.
func (s *Stream) Drain() error {
	for c := range s.C {
		s.Release(c)
	}
	return s.Err()
}
