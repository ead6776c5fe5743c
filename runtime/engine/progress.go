package engine

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/streamc/streamc/runtime/kafka"
)

// Progress describes one batch (or continuous epoch) of one query, with the
// fields of Spark's StreamingQueryProgress. The engine logs it as one JSON
// line per batch and passes it to Options.OnProgress.
type Progress struct {
	ID                     string           `json:"id"`
	RunID                  string           `json:"runId"`
	Name                   string           `json:"name"`
	Timestamp              string           `json:"timestamp"`
	BatchID                int64            `json:"batchId"`
	NumInputRows           int64            `json:"numInputRows"`
	InputRowsPerSecond     float64          `json:"inputRowsPerSecond"`
	ProcessedRowsPerSecond float64          `json:"processedRowsPerSecond"`
	DurationMs             map[string]int64 `json:"durationMs"`
	Sources                []SourceProgress `json:"sources"`
	Sink                   SinkProgress     `json:"sink"`
}

// SourceProgress is StreamingQueryProgress.sources[i]. Offsets are
// topic -> partition -> offset, as Spark prints them.
type SourceProgress struct {
	Description            string                      `json:"description"`
	StartOffset            map[string]map[string]int64 `json:"startOffset"`
	EndOffset              map[string]map[string]int64 `json:"endOffset"`
	LatestOffset           map[string]map[string]int64 `json:"latestOffset"`
	NumInputRows           int64                       `json:"numInputRows"`
	InputRowsPerSecond     float64                     `json:"inputRowsPerSecond"`
	ProcessedRowsPerSecond float64                     `json:"processedRowsPerSecond"`
	Metrics                map[string]string           `json:"metrics"`
}

// SinkProgress is StreamingQueryProgress.sink.
type SinkProgress struct {
	Description   string `json:"description"`
	NumOutputRows int64  `json:"numOutputRows"`
}

// jsonOffsets turns offsets into Spark's JSON shape (partition keys are
// strings).
func jsonOffsets(o kafka.Offsets) map[string]map[string]int64 {
	if o == nil {
		return nil
	}
	out := make(map[string]map[string]int64, len(o))
	for t, ps := range o {
		m := make(map[string]int64, len(ps))
		for p, v := range ps {
			m[strconv.Itoa(int(p))] = v
		}
		out[t] = m
	}
	return out
}

// behindLatest is Spark's Kafka source metrics: how far the batch's end is
// from the latest offsets.
func behindLatest(end, latest kafka.Offsets) map[string]string {
	var n, sum, lo, hi int64
	for t, ps := range latest {
		for p, l := range ps {
			e, ok := end[t][p]
			if !ok {
				continue
			}
			d := max(l-e, 0)
			if n == 0 || d < lo {
				lo = d
			}
			hi = max(hi, d)
			sum += d
			n++
		}
	}
	avg := 0.0
	if n > 0 {
		avg = float64(sum) / float64(n)
	}
	return map[string]string{
		"avgOffsetsBehindLatest": strconv.FormatFloat(avg, 'f', 1, 64),
		"maxOffsetsBehindLatest": strconv.FormatInt(hi, 10),
		"minOffsetsBehindLatest": strconv.FormatInt(lo, 10),
	}
}

func perSecond(n int64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

func (p *Progress) log(ctx context.Context, l *slog.Logger) {
	l.LogAttrs(ctx, slog.LevelInfo, "query progress",
		slog.String("id", p.ID),
		slog.String("runId", p.RunID),
		slog.String("name", p.Name),
		slog.String("timestamp", p.Timestamp),
		slog.Int64("batchId", p.BatchID),
		slog.Int64("numInputRows", p.NumInputRows),
		slog.Float64("inputRowsPerSecond", p.InputRowsPerSecond),
		slog.Float64("processedRowsPerSecond", p.ProcessedRowsPerSecond),
		slog.Any("durationMs", p.DurationMs),
		slog.Any("sources", p.Sources),
		slog.Any("sink", p.Sink),
	)
}
