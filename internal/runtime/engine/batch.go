package engine

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/streamc/streamc/internal/runtime/checkpoint"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink"
)

// Polling delays of the default trigger when there is no new data (Spark's
// spark.sql.streaming.pollingDelay is 10ms; backing off to 100ms keeps an
// idle query from flooding the brokers with offset requests).
const (
	pollMin = 10 * time.Millisecond
	pollMax = 100 * time.Millisecond
)

// recover sets committed and nextBatch from the checkpoint, resolving
// startingOffsets on a query's first start and replaying a batch that was
// planned but not committed with exactly its recorded offsets.
func (r *queryRun) recover(ctx context.Context, stop <-chan struct{}) error {
	initial, hasInitial, err := r.dir.InitialOffsets()
	if err != nil {
		return err
	}
	last, seq, hasOffsets, err := r.dir.LatestOffsets()
	if err != nil {
		return err
	}
	commit, hasCommit, err := r.dir.LatestCommit()
	if err != nil {
		return err
	}
	if !hasOffsets {
		if !hasInitial {
			parts, err := r.src.Partitions(ctx)
			if err != nil {
				return err
			}
			start, err := r.src.StartingOffsets(ctx, parts)
			if err != nil {
				return err
			}
			if err := r.dir.WriteInitialOffsets(checkpoint.PartitionOffsets(start)); err != nil {
				return err
			}
			r.log.Info("first start: startingOffsets resolved", "startingOffsets", logOffsets(start))
			initial = checkpoint.PartitionOffsets(start)
		}
		r.committed = kafka.Offsets(initial)
		r.nextBatch = 0
		return nil
	}
	if hasCommit && commit >= last {
		r.committed = kafka.Offsets(seq.Offsets)
		r.nextBatch = last + 1
		return nil
	}
	var start kafka.Offsets
	if hasCommit {
		prev, err := r.dir.Offsets(commit)
		if err != nil {
			return fmt.Errorf("offsets of the last committed batch %d: %w", commit, err)
		}
		start = kafka.Offsets(prev.Offsets)
	} else {
		if !hasInitial {
			return fmt.Errorf("checkpoint %s: batch %d is not committed and sources/0/0 (its start offsets) is missing", r.dirPath, last)
		}
		start = kafka.Offsets(initial)
	}
	r.committed = start
	r.nextBatch = last
	if isClosed(stop) {
		return nil
	}
	r.log.Info("replaying uncommitted batch with its recorded offsets", "batchId", last, "startOffset", logOffsets(start), "endOffset", logOffsets(kafka.Offsets(seq.Offsets)))
	t0 := time.Now()
	return r.runBatch(ctx, last, start, kafka.Offsets(seq.Offsets), nil, t0, map[string]int64{"walCommit": 0, "latestOffset": 0})
}

// microBatches is the loop of the processing-time and available-now
// triggers.
func (r *queryRun) microBatches(ctx context.Context, stop <-chan struct{}) error {
	var snapshot kafka.Offsets
	if r.trigger.Kind == AvailableNowTrigger {
		parts, err := r.src.Partitions(ctx)
		if err != nil {
			return err
		}
		if snapshot, err = r.src.LatestOffsets(ctx, parts); err != nil {
			return err
		}
		r.log.Info("available-now: processing up to the offsets at start", "endOffset", logOffsets(snapshot))
	}
	idle := pollMin
	for !isClosed(stop) {
		t0 := time.Now()
		ran, err := r.step(ctx, stop, snapshot, t0)
		if err != nil {
			return err
		}
		if snapshot != nil && !ran && !isClosed(stop) {
			r.log.Info("available-now: all data available at start is processed")
			return nil
		}
		var wait time.Duration
		switch {
		case r.trigger.Interval > 0:
			// Spark's ProcessingTimeExecutor: batches start on multiples of
			// the interval; one that overran starts the next at once.
			iv := r.trigger.Interval.Nanoseconds()
			next := time.Unix(0, (t0.UnixNano()/iv+1)*iv)
			if wait = time.Until(next); wait < 0 {
				wait = 0
			}
			if ran && time.Since(t0) > r.trigger.Interval {
				r.log.Warn("batch took longer than the trigger interval", "interval", r.trigger.Interval.String(), "took", time.Since(t0).String())
			}
		case ran:
			idle = pollMin
			continue
		default:
			wait = idle
			idle = min(2*idle, pollMax)
		}
		if wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-stop:
				t.Stop()
			case <-t.C:
			}
		}
	}
	return nil
}

// step plans and runs the next batch; it reports whether one ran.
func (r *queryRun) step(ctx context.Context, stop <-chan struct{}, snapshot kafka.Offsets, t0 time.Time) (bool, error) {
	// Planning, unlike a running batch, gives way to a stop at once (it may
	// be retrying against a broker that is down).
	pctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-stop:
			cancel()
		case <-pctx.Done():
		}
	}()
	start, end, latest, ok, err := r.plan(pctx, snapshot)
	if err != nil && isClosed(stop) && ctx.Err() == nil {
		return false, nil
	}
	if err != nil || !ok {
		return false, err
	}
	tPlanned := time.Now()
	id := r.nextBatch
	if err := r.dir.WriteOffsets(id, checkpoint.OffsetSeq{BatchTimestampMs: t0.UnixMilli(), Offsets: checkpoint.PartitionOffsets(end)}); err != nil {
		return false, err
	}
	durations := map[string]int64{
		"latestOffset": tPlanned.Sub(t0).Milliseconds(),
		"walCommit":    time.Since(tPlanned).Milliseconds(),
	}
	return true, r.runBatch(ctx, id, start, end, latest, t0, durations)
}

// plan computes the next batch's offset ranges; ok is false when there is
// nothing to do.
func (r *queryRun) plan(ctx context.Context, snapshot kafka.Offsets) (start, end, latest kafka.Offsets, ok bool, err error) {
	parts, err := r.src.Partitions(ctx)
	if err != nil {
		return nil, nil, nil, false, err
	}
	current := map[kafka.TopicPartition]bool{}
	for _, tp := range parts {
		current[tp] = true
	}
	for _, tp := range r.committed.Partitions() {
		if current[tp] {
			continue
		}
		off, _ := r.committed.Get(tp)
		if err := r.dataLoss(tp, r.warnedGone, fmt.Sprintf("partition %s is gone (its next offset was %d)", tp, off)); err != nil {
			return nil, nil, nil, false, err
		}
	}
	start = kafka.Offsets{}
	var added []kafka.TopicPartition
	for _, tp := range parts {
		if off, ok := r.committed.Get(tp); ok {
			start.Set(tp, off)
		} else {
			added = append(added, tp)
		}
	}
	if len(added) > 0 {
		earliest, err := r.src.EarliestOffsets(ctx, added)
		if err != nil {
			return nil, nil, nil, false, err
		}
		for _, tp := range added {
			e, _ := earliest.Get(tp)
			if e != 0 {
				// As Spark: a new partition should start at 0; if it does
				// not, records were deleted before we saw them.
				if err := r.dataLoss(tp, r.warnedNewLoss, fmt.Sprintf("added partition %s starts from offset %d instead of 0", tp, e)); err != nil {
					return nil, nil, nil, false, err
				}
			}
			if !r.warnedNewLoss[tp] {
				r.log.Info("new partition; reading it from its earliest offset", "topic", tp.Topic, "partition", tp.Partition, "offset", e)
			}
			start.Set(tp, e)
		}
	}
	latest, err = r.src.LatestOffsets(ctx, parts)
	if err != nil {
		return nil, nil, nil, false, err
	}
	end = latest.Clone()
	for _, tp := range parts {
		s, _ := start.Get(tp)
		l, _ := latest.Get(tp)
		if l < s {
			if err := r.dataLoss(tp, nil, fmt.Sprintf("partition %s's offset went back from %d to %d (the topic was recreated or its log truncated)", tp, s, l)); err != nil {
				return nil, nil, nil, false, err
			}
			continue // end = l: the batch records the jump, reads nothing
		}
		if snapshot != nil {
			snap, ok := snapshot.Get(tp)
			if !ok {
				snap = s // not there at start: not part of this run
			}
			end.Set(tp, max(s, min(l, snap)))
		}
	}
	if m := r.cfg.MaxOffsetsPerTrigger; m > 0 {
		end = kafka.RateLimit(m, start, nil, end)
	}
	changed, total := false, int64(0)
	for _, tp := range parts {
		s, _ := start.Get(tp)
		e, _ := end.Get(tp)
		if e != s {
			changed = true
		}
		if e > s {
			total += e - s
		}
		l, _ := latest.Get(tp)
		r.metrics.setLag(tp.Topic, tp.Partition, l-s)
	}
	if !changed {
		return nil, nil, nil, false, nil
	}
	if m := r.cfg.MinOffsetsPerTrigger; m > 0 && snapshot == nil && total < m && !r.lastBatchEnd.IsZero() && time.Since(r.lastBatchEnd) < r.cfg.MaxTriggerDelay {
		return nil, nil, nil, false, nil
	}
	return start, end, latest, true, nil
}

// dataLoss applies failOnDataLoss: an error, or a warning (once per
// partition when warned is given).
func (r *queryRun) dataLoss(tp kafka.TopicPartition, warned map[kafka.TopicPartition]bool, what string) error {
	if r.cfg.FailOnDataLoss {
		return fmt.Errorf("%w: %s. %s", kafka.ErrDataLoss, what, kafka.DataLossHint)
	}
	if warned == nil || !warned[tp] {
		r.log.Warn("possible data loss (failOnDataLoss=false): "+what, "topic", tp.Topic, "partition", tp.Partition)
	}
	if warned != nil {
		warned[tp] = true
	}
	return nil
}

// task is one partition's share of a batch.
type task struct {
	tp         kafka.TopicPartition
	start, end int64
	reader     *kafka.PartitionReader
	proc       Processor
	in, out    int64
}

// runBatch runs batch id over [start, end) of every partition in parallel,
// commits the sink, then the checkpoint, then the consumer group.
func (r *queryRun) runBatch(ctx context.Context, id int64, start, end, latest kafka.Offsets, t0 time.Time, durations map[string]int64) error {
	tAdd := time.Now()
	var tasks []*task
	var missing []kafka.TopicPartition
	for _, tp := range end.Partitions() {
		if _, ok := start.Get(tp); !ok {
			missing = append(missing, tp)
		}
	}
	if len(missing) > 0 {
		// A replayed batch that added partitions: Spark too starts them
		// from their earliest offsets again.
		earliest, err := r.src.EarliestOffsets(ctx, missing)
		if err != nil {
			return err
		}
		start = start.Clone()
		for _, tp := range missing {
			e, _ := earliest.Get(tp)
			start.Set(tp, e)
		}
	}
	for _, tp := range end.Partitions() {
		s, _ := start.Get(tp)
		e, _ := end.Get(tp)
		if e > s {
			tasks = append(tasks, &task{tp: tp, start: s, end: e, reader: r.reader(tp), proc: r.processor(tp)})
		}
	}
	bctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make([]error, len(tasks))
	var failed atomic.Bool
	for i, t := range tasks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := r.runTask(bctx, id, t); err != nil {
				errs[i] = err
				failed.Store(true)
				cancel()
			}
		}()
	}
	wg.Wait()
	if failed.Load() {
		return fmt.Errorf("batch %d: %w", id, firstCause(errs))
	}
	if err := r.sink.Commit(ctx, id); err != nil {
		return fmt.Errorf("batch %d: sink commit: %w", id, err)
	}
	durations["addBatch"] = time.Since(tAdd).Milliseconds()
	tCommit := time.Now()
	if err := r.dir.WriteCommit(id); err != nil {
		return fmt.Errorf("batch %d: %w", id, err)
	}
	durations["commitOffsets"] = time.Since(tCommit).Milliseconds()
	r.committed = end
	r.nextBatch = id + 1
	r.commitGroup(ctx, end)
	var in, out int64
	for _, t := range tasks {
		in += t.in
		out += t.out
	}
	r.report(ctx, id, t0, durations, start, end, latest, in, out)
	return nil
}

// firstCause returns the error that made the batch fail rather than one
// of the cancellations it caused.
func firstCause(errs []error) error {
	var first error
	for _, e := range errs {
		if e == nil {
			continue
		}
		if !errors.Is(e, context.Canceled) {
			return e
		}
		if first == nil {
			first = e
		}
	}
	return first
}

func (r *queryRun) reader(tp kafka.TopicPartition) *kafka.PartitionReader {
	rd := r.readers[tp]
	if rd == nil {
		rd = r.src.NewReader(tp)
		r.readers[tp] = rd
	}
	return rd
}

func (r *queryRun) processor(tp kafka.TopicPartition) Processor {
	p := r.procs[tp]
	if p == nil {
		p = r.newProcessor()
		r.procs[tp] = p
	}
	return p
}

// runTask reads one partition's range through its processor into a sink
// writer and closes the writer (all rows durable) or aborts it.
func (r *queryRun) runTask(ctx context.Context, id int64, t *task) error {
	w, err := r.sink.Open(ctx, id, sink.Task{Topic: t.tp.Topic, Partition: t.tp.Partition})
	if err != nil {
		return fmt.Errorf("sink: open %s: %w", t.tp, err)
	}
	emit := Emit(func(m *sink.Message) error {
		t.out++
		return sinkWriteError(w.Write(ctx, m))
	})
	proc := t.proc
	st, err := t.reader.ReadRange(ctx, t.start, t.end, func(c *kafka.Chunk) error {
		for i := range c.Rows {
			// A chunk can hold a long batch's worth of rows: an abandoned
			// batch (or a failed sibling task) stops between rows.
			if err := ctx.Err(); err != nil {
				return err
			}
			row := &c.Rows[i]
			if err := proc.Process(row, emit); err != nil {
				return recordError(row, err)
			}
		}
		return nil
	})
	t.in = st.Rows
	if err != nil {
		w.Abort()
		return err
	}
	if err := w.Close(ctx); err != nil {
		return fmt.Errorf("sink: %s: %w", t.tp, err)
	}
	return nil
}

// sinkError is an error of the sink's Write passed up through a
// processor: the sink's trouble (a full disk, a broker down), which the
// record did not cause, so it is reported with the batch, not the record.
type sinkError struct{ err error }

func (e *sinkError) Error() string { return e.err.Error() }
func (e *sinkError) Unwrap() error { return e.err }

func sinkWriteError(err error) error {
	if err == nil {
		return nil
	}
	return &sinkError{err}
}

// recordError names the record a processor failed on, unless the sink
// failed.
func recordError(row *kafka.Row, err error) error {
	var se *sinkError
	if errors.As(err, &se) {
		return se.err
	}
	return &RecordError{Topic: row.Topic, Partition: row.Partition, Offset: row.Offset, Err: err}
}

// commitGroup tells the consumer group where the query is; failures are
// only logged, the checkpoint being the source of truth.
func (r *queryRun) commitGroup(ctx context.Context, end kafka.Offsets) {
	if ctx.Err() != nil {
		// Abandoned by a stop: the next start commits the group.
		r.log.Debug("consumer group not committed: the query is stopping", "group", r.src.GroupID())
		return
	}
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := r.src.CommitGroup(cctx, end); err != nil {
		r.metrics.groupCommitFailed()
		r.log.Warn("committing offsets to the consumer group failed (the checkpoint has them)", "group", r.src.GroupID(), "error", err.Error())
	}
}

// report logs the batch's progress and updates the metrics.
func (r *queryRun) report(ctx context.Context, id int64, t0 time.Time, durations map[string]int64, start, end, latest kafka.Offsets, in, out int64) {
	took := time.Since(t0)
	durations["triggerExecution"] = took.Milliseconds()
	inRate := 0.0
	if !r.lastTrigger.IsZero() {
		inRate = perSecond(in, t0.Sub(r.lastTrigger))
	}
	r.lastTrigger = t0
	r.lastBatchEnd = time.Now()
	src := SourceProgress{
		Description:            r.cfg.Description(),
		StartOffset:            jsonOffsets(start),
		EndOffset:              jsonOffsets(end),
		LatestOffset:           jsonOffsets(latest),
		NumInputRows:           in,
		InputRowsPerSecond:     inRate,
		ProcessedRowsPerSecond: perSecond(in, took),
	}
	if latest != nil {
		src.Metrics = behindLatest(end, latest)
		for _, tp := range latest.Partitions() {
			l, _ := latest.Get(tp)
			e, ok := end.Get(tp)
			if ok {
				r.metrics.setLag(tp.Topic, tp.Partition, max(l-e, 0))
			}
		}
	}
	p := Progress{
		ID:                     r.dir.QueryID(),
		RunID:                  r.runID,
		Name:                   r.q.Name,
		Timestamp:              t0.UTC().Format("2006-01-02T15:04:05.000Z"),
		BatchID:                id,
		NumInputRows:           in,
		InputRowsPerSecond:     inRate,
		ProcessedRowsPerSecond: src.ProcessedRowsPerSecond,
		DurationMs:             durations,
		Sources:                []SourceProgress{src},
		Sink:                   SinkProgress{Description: r.sinkDsc, NumOutputRows: out},
	}
	p.log(ctx, r.log)
	r.metrics.batch(id, in, out, took.Seconds())
	if r.opts.OnProgress != nil {
		r.opts.OnProgress(p)
	}
}
