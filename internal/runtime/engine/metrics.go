package engine

import (
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the engine's Prometheus metrics. They are registered on the
// registry given to NewMetrics (one per process, never the global default
// one), labelled by query.
type Metrics struct {
	inputRows     *prometheus.CounterVec
	outputRows    *prometheus.CounterVec
	batches       *prometheus.CounterVec
	batchDuration *prometheus.HistogramVec
	lag           *prometheus.GaugeVec
	errors        *prometheus.CounterVec
	lastBatch     *prometheus.GaugeVec
	malformed     *prometheus.CounterVec
}

// NewMetrics creates and registers the metrics on reg.
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		inputRows: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "streamc_input_records_total", Help: "Records read from Kafka.",
		}, []string{"query"}),
		outputRows: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "streamc_output_records_total", Help: "Rows written to the sink.",
		}, []string{"query"}),
		batches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "streamc_batches_total", Help: "Batches (or continuous epochs) committed.",
		}, []string{"query"}),
		batchDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "streamc_batch_duration_seconds", Help: "Time from planning a batch to committing it.",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 15),
		}, []string{"query"}),
		lag: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "streamc_partition_lag", Help: "Offsets behind the latest offset, per source partition.",
		}, []string{"query", "topic", "partition"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "streamc_errors_total", Help: "Errors: failed batches (kind=batch) and failed consumer-group commits (kind=group_commit).",
		}, []string{"query", "kind"}),
		lastBatch: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "streamc_last_committed_batch", Help: "Id of the last committed batch.",
		}, []string{"query"}),
		malformed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "streamc_malformed_records_total", Help: "Records a query's decoders found malformed and reported (SinkEnv.Malformed), by reason.",
		}, []string{"query", "reason"}),
	}
	for _, c := range []prometheus.Collector{m.inputRows, m.outputRows, m.batches, m.batchDuration, m.lag, m.errors, m.lastBatch, m.malformed} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// queryMetrics are one query's children of Metrics; all methods are no-ops
// on a nil receiver, so the engine needs no checks when metrics are off.
type queryMetrics struct {
	m                          *Metrics
	name                       string
	in, out, batches, failures prometheus.Counter
	groupErrs                  prometheus.Counter
	duration                   prometheus.Observer
	last                       prometheus.Gauge
}

func (m *Metrics) forQuery(name string) *queryMetrics {
	if m == nil {
		return nil
	}
	return &queryMetrics{
		m:         m,
		name:      name,
		in:        m.inputRows.WithLabelValues(name),
		out:       m.outputRows.WithLabelValues(name),
		batches:   m.batches.WithLabelValues(name),
		failures:  m.errors.WithLabelValues(name, "batch"),
		groupErrs: m.errors.WithLabelValues(name, "group_commit"),
		duration:  m.batchDuration.WithLabelValues(name),
		last:      m.lastBatch.WithLabelValues(name),
	}
}

func (q *queryMetrics) batch(id, in, out int64, seconds float64) {
	if q == nil {
		return
	}
	q.in.Add(float64(in))
	q.out.Add(float64(out))
	q.batches.Inc()
	q.duration.Observe(seconds)
	q.last.Set(float64(id))
}

func (q *queryMetrics) failed() {
	if q != nil {
		q.failures.Inc()
	}
}

func (q *queryMetrics) malformedRecord(reason string) {
	if q != nil {
		q.m.malformed.WithLabelValues(q.name, reason).Inc()
	}
}

func (q *queryMetrics) groupCommitFailed() {
	if q != nil {
		q.groupErrs.Inc()
	}
}

func (q *queryMetrics) setLag(topic string, partition int32, lag int64) {
	if q != nil {
		q.m.lag.WithLabelValues(q.name, topic, strconv.Itoa(int(partition))).Set(float64(lag))
	}
}
