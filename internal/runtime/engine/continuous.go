package engine

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/streamc/streamc/internal/runtime/checkpoint"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink"
)

// The continuous trigger (Spark's Trigger.Continuous): one long-lived reader
// and processor per partition, rows written as they arrive (sinks that
// buffer are flushed whenever a partition has no more input at hand), and
// every checkpoint interval an epoch is sealed: each partition closes its
// sink writer (its rows are durable), then the epoch's end offsets are
// written as offsets/N, the sink commits and commits/N is written. Epochs
// without progress are not recorded. Partitions are paused only while an
// epoch is sealed.
//
// Delivery is at least once. On restart the query resumes from the last
// committed epoch; an epoch whose offsets were written but not its commit is
// replayed as a micro-batch over exactly its ranges first, and rows written
// after the last recorded epoch are read and written again.

// sealReq asks a partition worker to end the current epoch.
type sealReq struct {
	reply  chan sealReply
	resume chan int64 // the next epoch's id, sent once the epoch is recorded
}

type sealReply struct {
	pos     int64
	in, out int64
	err     error
}

type contWorker struct {
	r     *queryRun
	tp    kafka.TopicPartition
	pos   int64
	epoch int64
	seal  chan sealReq
	done  chan struct{}
	err   error

	w       sink.PartitionWriter
	in, out int64
}

func (r *queryRun) continuous(ctx context.Context, stop <-chan struct{}) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := map[kafka.TopicPartition]*contWorker{}
	var started []*contWorker
	defer func() {
		cancel()
		for _, w := range started {
			<-w.done
		}
	}()
	startNew := func() error {
		parts, err := r.src.Partitions(ctx)
		if err != nil {
			return err
		}
		var added []kafka.TopicPartition
		for _, tp := range parts {
			if workers[tp] == nil {
				added = append(added, tp)
			}
		}
		starts := kafka.Offsets{}
		var fresh []kafka.TopicPartition
		for _, tp := range added {
			if off, ok := r.committed.Get(tp); ok {
				starts.Set(tp, off)
			} else {
				fresh = append(fresh, tp)
			}
		}
		if len(fresh) > 0 {
			earliest, err := r.src.EarliestOffsets(ctx, fresh)
			if err != nil {
				return err
			}
			for _, tp := range fresh {
				e, _ := earliest.Get(tp)
				if e != 0 {
					if err := r.dataLoss(tp, r.warnedNewLoss, fmt.Sprintf("added partition %s starts from offset %d instead of 0", tp, e)); err != nil {
						return err
					}
				}
				r.log.Info("new partition; reading it from its earliest offset", "topic", tp.Topic, "partition", tp.Partition, "offset", e)
				starts.Set(tp, e)
			}
		}
		for _, tp := range added {
			pos, _ := starts.Get(tp)
			w := &contWorker{r: r, tp: tp, pos: pos, epoch: r.nextBatch, seal: make(chan sealReq), done: make(chan struct{})}
			workers[tp] = w
			started = append(started, w)
			go w.run(ctx, r.reader(tp), r.processor(tp))
		}
		return nil
	}
	if err := startNew(); err != nil {
		return err
	}
	ticker := time.NewTicker(r.trigger.Interval)
	defer ticker.Stop()
	epochStart := time.Now()
	for {
		stopping := false
		select {
		case <-ticker.C:
		case <-stop:
			stopping = true
		case <-ctx.Done():
			return ctx.Err()
		}
		t0 := time.Now()
		// Seal: every worker closes its writer and reports its position.
		resume := make(chan int64, len(started))
		end := r.committed.Clone()
		var in, out int64
		var errs []error
		var sealed []*contWorker
		for _, w := range started {
			req := sealReq{reply: make(chan sealReply, 1), resume: resume}
			select {
			case w.seal <- req:
				rep := <-req.reply
				sealed = append(sealed, w)
				if rep.err != nil {
					errs = append(errs, rep.err)
				}
				end.Set(w.tp, rep.pos)
				in += rep.in
				out += rep.out
			case <-w.done:
				if w.err != nil && !errors.Is(w.err, context.Canceled) {
					errs = append(errs, w.err)
				}
				end.Set(w.tp, w.pos)
			}
		}
		if len(errs) > 0 {
			return fmt.Errorf("epoch %d: %w", r.nextBatch, errors.Join(errs...))
		}
		id := r.nextBatch
		if in > 0 || !end.Equal(r.committed) {
			if err := r.recordEpoch(ctx, id, epochStart, t0, end, in, out); err != nil {
				return err
			}
		}
		for range sealed {
			resume <- r.nextBatch
		}
		epochStart = t0
		if stopping {
			return nil
		}
		if err := startNew(); err != nil {
			r.log.Warn("looking for new partitions failed", "error", err.Error())
		}
	}
}

// recordEpoch writes offsets/N, commits the sink, writes commits/N.
func (r *queryRun) recordEpoch(ctx context.Context, id int64, epochStart, t0 time.Time, end kafka.Offsets, in, out int64) error {
	start := r.committed
	if err := r.dir.WriteOffsets(id, checkpoint.OffsetSeq{BatchTimestampMs: t0.UnixMilli(), Offsets: checkpoint.PartitionOffsets(end)}); err != nil {
		return err
	}
	tWal := time.Now()
	if err := r.sink.Commit(ctx, id); err != nil {
		return fmt.Errorf("epoch %d: sink commit: %w", id, err)
	}
	if err := r.dir.WriteCommit(id); err != nil {
		return fmt.Errorf("epoch %d: %w", id, err)
	}
	r.committed = end
	r.nextBatch = id + 1
	r.commitGroup(ctx, end)
	latest, err := r.src.LatestOffsets(ctx, end.Partitions())
	if err != nil {
		r.log.Warn("latest offsets for the progress report", "error", err.Error())
		latest = nil
	}
	durations := map[string]int64{
		"walCommit":     tWal.Sub(t0).Milliseconds(),
		"commitOffsets": time.Since(tWal).Milliseconds(),
	}
	r.report(ctx, id, epochStart, durations, start, end, latest, in, out)
	return nil
}

// run reads the partition until ctx ends, serving seal requests between
// chunks.
func (w *contWorker) run(ctx context.Context, rd *kafka.PartitionReader, proc Processor) {
	defer close(w.done)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream := rd.Stream(ctx, w.pos)
	defer func() {
		cancel()
		_ = stream.Drain()
	}()
	emit := Emit(func(m *sink.Message) error {
		w.out++
		return sinkWriteError(w.w.Write(ctx, m))
	})
	fail := func(err error) {
		w.err = err
		if w.w != nil {
			w.w.Abort()
			w.w = nil
		}
		// Keep answering seals with the error until the query stops.
		for {
			select {
			case req := <-w.seal:
				req.reply <- sealReply{pos: w.pos, err: err}
				select {
				case <-req.resume:
				case <-ctx.Done():
					return
				}
			case <-ctx.Done():
				return
			}
		}
	}
	c := stream.C
	for {
		select {
		case chunk, ok := <-c:
			if !ok {
				err := stream.Err()
				if ctx.Err() != nil {
					return
				}
				if err == nil {
					// The partition is gone and failOnDataLoss is false:
					// stay, answering seals at the last position.
					c = nil
					continue
				}
				fail(err)
				return
			}
			err := w.process(ctx, chunk, proc, emit)
			if err == nil {
				w.pos = chunk.Next
			}
			stream.Release(chunk)
			if err != nil {
				fail(err)
				return
			}
		case req := <-w.seal:
			var err error
			if w.w != nil {
				err = w.w.Close(ctx)
				w.w = nil
			}
			req.reply <- sealReply{pos: w.pos, in: w.in, out: w.out, err: err}
			w.in, w.out = 0, 0
			select {
			case w.epoch = <-req.resume:
			case <-ctx.Done():
				return
			}
			if err != nil {
				fail(err)
				return
			}
		case <-ctx.Done():
			return
		}
	}
}

func (w *contWorker) process(ctx context.Context, c *kafka.Chunk, proc Processor, emit Emit) error {
	if w.w == nil {
		pw, err := w.r.sink.Open(ctx, w.epoch, sink.Task{Topic: w.tp.Topic, Partition: w.tp.Partition})
		if err != nil {
			return fmt.Errorf("sink: open %s: %w", w.tp, err)
		}
		w.w = pw
	}
	for i := range c.Rows {
		row := &c.Rows[i]
		if err := proc.Process(row, emit); err != nil {
			return recordError(row, err)
		}
	}
	w.in += int64(len(c.Rows))
	if f, ok := w.w.(sink.Flusher); ok && len(c.Rows) > 0 {
		return f.Flush(ctx)
	}
	return nil
}
