package engine

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/streamc/streamc/internal/runtime/checkpoint"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink"
)

// Options configure Run. The zero value works: JSON logs to stderr, no
// metrics, the queries' own settings.
type Options struct {
	// Logger receives progress lines and events; nil means JSON on stderr.
	Logger *slog.Logger
	// Metrics, when set, receives the queries' metrics.
	Metrics *Metrics
	// BootstrapServers, when set, replaces kafka.bootstrap.servers of every
	// source and Kafka sink (the --bootstrap-servers flag).
	BootstrapServers string
	// Trigger, when set, replaces every query's trigger (--trigger).
	Trigger *Trigger
	// RegistryURL, when set, replaces the Schema Registry URL of every
	// Avro format (--registry-url); sinks and Query.Prepare get it in
	// SinkEnv.
	RegistryURL string
	// CheckpointRoot is where relative checkpoint locations are taken from
	// (--checkpoint-root); empty means the working directory.
	CheckpointRoot string
	// Stdout is where console sinks print; nil means os.Stdout.
	Stdout io.Writer
	// OnProgress, when set, is called after each committed batch, from the
	// query's goroutine.
	OnProgress func(Progress)
	// GracePeriod bounds how long a stop (ctx cancelled, or another query
	// failed) waits for running batches before abandoning them (they are
	// replayed on the next start); zero waits as long as they take.
	GracePeriod time.Duration
}

// Run runs queries until all have ended, as spark.streams.awaitAnyTermination
// in a driver that exits afterwards:
//
//   - ctx being cancelled (SIGINT/SIGTERM through SignalContext) stops every
//     query at a batch boundary, after committing the running batch; Run then
//     returns nil.
//   - a query that fails makes the others stop the same way, and Run returns
//     an error naming the failed query and why.
//   - a query with the available-now trigger ends successfully when it has
//     processed what was there at start; the others go on.
//
// Every checkpoint is opened (and locked) before any query starts, so a
// checkpoint held by another process stops Run before anything runs.
func Run(ctx context.Context, opts Options, queries ...Query) error {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if len(queries) == 0 {
		return errors.New("engine: no query to run")
	}
	runs := make([]*queryRun, 0, len(queries))
	closeAll := func() {
		for _, r := range runs {
			r.close()
		}
	}
	seenName := map[string]bool{}
	seenDir := map[string]string{}
	for _, q := range queries {
		r, err := prepare(q, &opts)
		if err == nil && seenName[q.Name] {
			err = errors.New("another query has the same name")
		}
		if err == nil {
			if other, dup := seenDir[r.dirPath]; dup {
				err = fmt.Errorf("checkpoint %s is also query %q's", r.dirPath, other)
			}
		}
		if err != nil {
			closeAll()
			return fmt.Errorf("query %q: %w", q.Name, err)
		}
		seenName[q.Name] = true
		seenDir[r.dirPath] = q.Name
		runs = append(runs, r)
	}
	for _, r := range runs {
		if err := r.open(); err != nil {
			closeAll()
			return fmt.Errorf("query %q: %w", r.q.Name, err)
		}
	}

	// stop asks queries to end at their next batch boundary; work is the
	// context batches run in, cancelled only when abandoning them.
	stop := make(chan struct{})
	var stopOnce sync.Once
	requestStop := func() { stopOnce.Do(func() { close(stop) }) }
	work, abandon := context.WithCancelCause(context.WithoutCancel(ctx))
	defer abandon(context.Canceled)
	go func() {
		select {
		case <-ctx.Done():
			opts.Logger.Info("stopping all queries at the next batch boundary", "cause", context.Cause(ctx).Error())
			requestStop()
		case <-stop:
		}
		if opts.GracePeriod > 0 {
			select {
			case <-time.After(opts.GracePeriod):
				opts.Logger.Warn("grace period over; abandoning running batches (they are replayed on restart)", "gracePeriod", opts.GracePeriod.String())
				abandon(errAbandoned)
			case <-work.Done():
			}
		}
	}()

	type result struct {
		r   *queryRun
		err error
	}
	results := make(chan result, len(runs))
	for _, r := range runs {
		go func() {
			err := r.run(work, stop)
			results <- result{r, err}
		}()
	}
	var errs []error
	for range runs {
		res := <-results
		if res.err != nil {
			res.r.log.Error("query failed", "error", res.err.Error())
			if len(errs) == 0 && !isClosed(stop) {
				opts.Logger.Info("a query failed; stopping the others at their next batch boundary", "failed", res.r.q.Name)
			}
			errs = append(errs, fmt.Errorf("query %q failed: %w", res.r.q.Name, res.err))
			requestStop()
		} else {
			res.r.log.Info("query ended")
		}
	}
	requestStop()
	return errors.Join(errs...)
}

// errAbandoned is the cause of the batches' context when a stop's grace
// period runs out: what fails because of it is a stop, not a failure.
var errAbandoned = errors.New("grace period over: running batches abandoned")

// abandoned reports whether err is only the result of the grace period
// running out in ctx, the context the batches ran in.
func abandoned(ctx context.Context, err error) bool {
	return errors.Is(err, context.Canceled) && errors.Is(context.Cause(ctx), errAbandoned)
}

func isClosed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// queryRun is one query while it runs.
type queryRun struct {
	q       Query
	opts    *Options
	log     *slog.Logger
	trigger Trigger
	cfg     *kafka.SourceConfig
	dirPath string
	// tempDir is set when dirPath is a temporary checkpoint to delete.
	tempDir bool
	runID   string

	dir     *checkpoint.Dir
	src     *kafka.Source
	sink    sink.Sink
	sinkDsc string
	metrics *queryMetrics

	readers      map[kafka.TopicPartition]*kafka.PartitionReader
	procs        map[kafka.TopicPartition]Processor
	newProcessor func() Processor // Query.NewProcessor, or what Query.Prepare made

	// committed holds the end offsets of the last committed batch (the
	// start of the next), nextBatch its id + 1.
	committed kafka.Offsets
	nextBatch int64

	lastTrigger   time.Time // start of the previous batch, for inputRowsPerSecond
	lastBatchEnd  time.Time // for minOffsetsPerTrigger's maxTriggerDelay
	warnedGone    map[kafka.TopicPartition]bool
	warnedNewLoss map[kafka.TopicPartition]bool
}

// prepare checks a query and parses its options; nothing is opened.
func prepare(q Query, opts *Options) (*queryRun, error) {
	if q.Name == "" {
		return nil, errors.New("a query needs a name")
	}
	if q.Sink.New == nil || (q.NewProcessor == nil && q.Prepare == nil) {
		return nil, errors.New("a query needs a Sink and a NewProcessor or Prepare")
	}
	// The spec's options were resolved by the generator; only run-time
	// overrides are parsed here, and the client is made from the result.
	cfg := q.Source
	cfg.Kafka = maps.Clone(cfg.Kafka)
	if opts.BootstrapServers != "" {
		if cfg.Kafka == nil {
			cfg.Kafka = map[string]string{}
		}
		cfg.Kafka["bootstrap.servers"] = opts.BootstrapServers
	}
	warnings, err := cfg.Resolve()
	if err != nil {
		return nil, err
	}
	log := opts.Logger.With("query", q.Name)
	for _, w := range warnings {
		log.Warn(w)
	}
	dir, temp := q.Checkpoint, q.Checkpoint == ""
	if temp {
		// Spark gives a console query without checkpointLocation a
		// temporary one, deleted when the query stops.
		d, err := os.MkdirTemp("", "streamc-"+q.Name+"-")
		if err != nil {
			return nil, fmt.Errorf("temporary checkpoint: %w", err)
		}
		dir = d
	}
	if !filepath.IsAbs(dir) && opts.CheckpointRoot != "" {
		dir = filepath.Join(opts.CheckpointRoot, dir)
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	tr := q.Trigger
	if opts.Trigger != nil {
		tr = *opts.Trigger
	}
	if err := q.CheckTrigger(tr); err != nil {
		return nil, err
	}
	if tr.Kind == ContinuousTrigger && tr.Interval <= 0 {
		tr.Interval = time.Second
	}
	return &queryRun{
		q: q, opts: opts, log: log, trigger: tr, cfg: &cfg, dirPath: dir, tempDir: temp, runID: newUUID(),
		readers:       map[kafka.TopicPartition]*kafka.PartitionReader{},
		procs:         map[kafka.TopicPartition]Processor{},
		warnedGone:    map[kafka.TopicPartition]bool{},
		warnedNewLoss: map[kafka.TopicPartition]bool{},
	}, nil
}

// open locks the checkpoint and makes the source and sink.
func (r *queryRun) open() error {
	dir, err := checkpoint.Open(r.dirPath, checkpoint.Options{Logger: r.log})
	if err != nil {
		return err
	}
	r.dir = dir
	r.log = r.log.With("id", dir.QueryID(), "runId", r.runID)
	r.src = kafka.NewSource(r.cfg, r.cfg.GroupID(r.q.Name), r.log)
	env := SinkEnv{Query: r.q.Name, QueryID: dir.QueryID(), Checkpoint: r.dirPath, Logger: r.log, Stdout: r.opts.Stdout, RegistryURL: r.opts.RegistryURL}
	// r.metrics is set below, before any record is processed.
	env.Malformed = func(reason string) { r.metrics.malformedRecord(reason) }
	if r.opts.BootstrapServers != "" {
		env.Overrides = map[string]string{kafka.SettingPrefix + "bootstrap.servers": r.opts.BootstrapServers}
	}
	s, err := r.q.Sink.New(env)
	if err != nil {
		return fmt.Errorf("sink: %w", err)
	}
	r.sink = s
	r.newProcessor = r.q.NewProcessor
	if r.q.Prepare != nil {
		np, err := r.q.Prepare(env)
		if err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
		if np == nil {
			return errors.New("prepare: no processor factory")
		}
		r.newProcessor = np
	}
	r.sinkDsc = fmt.Sprintf("%T", s)
	if d, ok := s.(sink.Describer); ok {
		r.sinkDsc = d.Description()
	}
	r.metrics = r.opts.Metrics.forQuery(r.q.Name)
	return nil
}

// close releases everything open, in reverse order.
func (r *queryRun) close() {
	for _, rd := range r.readers {
		rd.Close()
	}
	if r.sink != nil {
		if err := r.sink.Close(); err != nil {
			r.log.Warn("closing the sink failed", "error", err.Error())
		}
		r.sink = nil
	}
	if r.src != nil {
		r.src.Close()
		r.src = nil
	}
	if r.dir != nil {
		if err := r.dir.Close(); err != nil {
			r.log.Warn("closing the checkpoint failed", "error", err.Error())
		}
		r.dir = nil
	}
	if r.tempDir {
		if err := os.RemoveAll(r.dirPath); err != nil {
			r.log.Warn("removing the temporary checkpoint failed", "error", err.Error())
		}
		r.tempDir = false
	}
}

// run runs the query until stop is closed, it fails, or (available-now) it
// has drained its source.
func (r *queryRun) run(ctx context.Context, stop <-chan struct{}) (err error) {
	defer r.close()
	defer func() {
		if err != nil && abandoned(ctx, err) {
			// Nothing of the batch was committed (or its commit is not
			// recorded): the checkpoint makes the next start run it again.
			if r.tempDir {
				r.log.Info("batch abandoned by the stop; its checkpoint is temporary, so it is not replayed", "batchId", r.nextBatch)
			} else {
				r.log.Info("batch abandoned by the stop; it is replayed on the next start", "batchId", r.nextBatch)
			}
			err = nil
		}
		if err != nil {
			r.metrics.failed()
		}
	}()
	r.log.Info("query starting", "trigger", r.trigger.String(), "checkpoint", r.dirPath, "source", r.cfg.Description(), "sink", r.sinkDsc)
	if err := r.recover(ctx, stop); err != nil {
		return err
	}
	if r.trigger.Kind == ContinuousTrigger {
		return r.continuous(ctx, stop)
	}
	return r.microBatches(ctx, stop)
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
