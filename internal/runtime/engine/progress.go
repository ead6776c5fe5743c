package engine

import (
	"context"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/streamc/streamc/internal/runtime/kafka"
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

// log writes p as one line. The logger already names the query (query,
// id, runId): those keys are not repeated. Nested values are slog groups,
// so a JSON handler writes Spark's JSON shapes and a text handler readable
// dotted keys (durationMs.addBatch=12, sink.description=...); sources,
// an array in Spark's JSON, becomes sources.0.* under a text handler.
func (p *Progress) log(ctx context.Context, l *slog.Logger) {
	var sources slog.Attr
	if _, text := l.Handler().(*slog.TextHandler); text {
		groups := make([]any, len(p.Sources))
		for i, s := range p.Sources {
			groups[i] = slog.Group(strconv.Itoa(i), s.attrs()...)
		}
		sources = slog.Group("sources", groups...)
	} else {
		sources = slog.Any("sources", p.Sources)
	}
	l.LogAttrs(ctx, slog.LevelInfo, "query progress",
		slog.String("name", p.Name),
		slog.String("timestamp", p.Timestamp),
		slog.Int64("batchId", p.BatchID),
		slog.Int64("numInputRows", p.NumInputRows),
		slog.Float64("inputRowsPerSecond", p.InputRowsPerSecond),
		slog.Float64("processedRowsPerSecond", p.ProcessedRowsPerSecond),
		slog.Any("durationMs", int64Group(p.DurationMs)),
		sources,
		slog.Group("sink", slog.String("description", p.Sink.Description), slog.Int64("numOutputRows", p.Sink.NumOutputRows)),
	)
}

// attrs are s's fields as the JSON form has them.
func (s *SourceProgress) attrs() []any {
	metrics := make([]slog.Attr, 0, len(s.Metrics))
	for _, k := range slices.Sorted(maps.Keys(s.Metrics)) {
		metrics = append(metrics, slog.String(k, s.Metrics[k]))
	}
	return []any{
		slog.String("description", s.Description),
		slog.Any("startOffset", jsonOffsetsValue(s.StartOffset)),
		slog.Any("endOffset", jsonOffsetsValue(s.EndOffset)),
		slog.Any("latestOffset", jsonOffsetsValue(s.LatestOffset)),
		slog.Int64("numInputRows", s.NumInputRows),
		slog.Float64("inputRowsPerSecond", s.InputRowsPerSecond),
		slog.Float64("processedRowsPerSecond", s.ProcessedRowsPerSecond),
		slog.Any("metrics", slog.GroupValue(metrics...)),
	}
}

// int64Group is m as a group with sorted keys.
func int64Group(m map[string]int64) slog.Value {
	attrs := make([]slog.Attr, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		attrs = append(attrs, slog.Int64(k, m[k]))
	}
	return slog.GroupValue(attrs...)
}

// jsonOffsetsValue is Spark's JSON offsets (topic -> partition -> offset)
// as a group: partitions in numeric order.
func jsonOffsetsValue(o map[string]map[string]int64) slog.Value {
	attrs := make([]slog.Attr, 0, len(o))
	for _, t := range slices.Sorted(maps.Keys(o)) {
		ps := slices.SortedFunc(maps.Keys(o[t]), func(a, b string) int {
			if len(a) != len(b) {
				return len(a) - len(b)
			}
			return strings.Compare(a, b)
		})
		parts := make([]slog.Attr, 0, len(ps))
		for _, p := range ps {
			parts = append(parts, slog.Int64(p, o[t][p]))
		}
		attrs = append(attrs, slog.Attr{Key: t, Value: slog.GroupValue(parts...)})
	}
	return slog.GroupValue(attrs...)
}

// logOffsets is o as a log value: Spark's JSON shape under a JSON handler,
// topic.partition=offset under a text handler.
func logOffsets(o kafka.Offsets) slog.Value { return jsonOffsetsValue(jsonOffsets(o)) }
