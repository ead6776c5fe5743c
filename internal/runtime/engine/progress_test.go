package engine

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

// testProgress is a batch's progress with every field set.
func testProgress() Progress {
	return Progress{
		ID: "q-id", RunID: "run-id", Name: "notify", Timestamp: "2026-01-02T03:04:05.678Z", BatchID: 7,
		NumInputRows: 12, InputRowsPerSecond: 2.5, ProcessedRowsPerSecond: 40,
		DurationMs: map[string]int64{"walCommit": 1, "addBatch": 20, "triggerExecution": 30},
		Sources: []SourceProgress{{
			Description:  "KafkaV2[Subscribe[invoices]]",
			StartOffset:  map[string]map[string]int64{"invoices": {"10": 5, "2": 3}},
			EndOffset:    map[string]map[string]int64{"invoices": {"10": 9, "2": 11}},
			LatestOffset: map[string]map[string]int64{"invoices": {"10": 9, "2": 11}},
			NumInputRows: 12, InputRowsPerSecond: 2.5, ProcessedRowsPerSecond: 40,
			Metrics: map[string]string{"maxOffsetsBehindLatest": "0", "avgOffsetsBehindLatest": "0.0"},
		}},
		Sink: SinkProgress{Description: "FileSink[output]", NumOutputRows: 4},
	}
}

// logLine logs p through h as the engine does (the query's logger names
// it) and returns the line without its time.
func logLine(t *testing.T, p Progress, h func(*bytes.Buffer, *slog.HandlerOptions) slog.Handler) string {
	t.Helper()
	var buf bytes.Buffer
	noTime := func(groups []string, a slog.Attr) slog.Attr {
		if len(groups) == 0 && a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}
	l := slog.New(h(&buf, &slog.HandlerOptions{ReplaceAttr: noTime})).With("app", "invoices").With("query", p.Name, "id", p.ID, "runId", p.RunID)
	p.log(context.Background(), l)
	return strings.TrimSuffix(buf.String(), "\n")
}

func TestProgressTextLine(t *testing.T) {
	got := logLine(t, testProgress(), func(b *bytes.Buffer, o *slog.HandlerOptions) slog.Handler { return slog.NewTextHandler(b, o) })
	want := `level=INFO msg="query progress" app=invoices query=notify id=q-id runId=run-id name=notify timestamp=2026-01-02T03:04:05.678Z batchId=7 numInputRows=12 inputRowsPerSecond=2.5 processedRowsPerSecond=40 ` +
		`durationMs.addBatch=20 durationMs.triggerExecution=30 durationMs.walCommit=1 ` +
		`sources.0.description=KafkaV2[Subscribe[invoices]] sources.0.startOffset.invoices.2=3 sources.0.startOffset.invoices.10=5 ` +
		`sources.0.endOffset.invoices.2=11 sources.0.endOffset.invoices.10=9 sources.0.latestOffset.invoices.2=11 sources.0.latestOffset.invoices.10=9 ` +
		`sources.0.numInputRows=12 sources.0.inputRowsPerSecond=2.5 sources.0.processedRowsPerSecond=40 ` +
		`sources.0.metrics.avgOffsetsBehindLatest=0.0 sources.0.metrics.maxOffsetsBehindLatest=0 ` +
		`sink.description=FileSink[output] sink.numOutputRows=4`
	if got != want {
		t.Errorf("text progress line\n got %s\nwant %s", got, want)
	}
}

func TestProgressJSONLine(t *testing.T) {
	got := logLine(t, testProgress(), func(b *bytes.Buffer, o *slog.HandlerOptions) slog.Handler { return slog.NewJSONHandler(b, o) })
	want := `{"level":"INFO","msg":"query progress","app":"invoices","query":"notify","id":"q-id","runId":"run-id","name":"notify","timestamp":"2026-01-02T03:04:05.678Z","batchId":7,"numInputRows":12,"inputRowsPerSecond":2.5,"processedRowsPerSecond":40,` +
		`"durationMs":{"addBatch":20,"triggerExecution":30,"walCommit":1},` +
		`"sources":[{"description":"KafkaV2[Subscribe[invoices]]","startOffset":{"invoices":{"10":5,"2":3}},"endOffset":{"invoices":{"10":9,"2":11}},"latestOffset":{"invoices":{"10":9,"2":11}},"numInputRows":12,"inputRowsPerSecond":2.5,"processedRowsPerSecond":40,"metrics":{"avgOffsetsBehindLatest":"0.0","maxOffsetsBehindLatest":"0"}}],` +
		`"sink":{"description":"FileSink[output]","numOutputRows":4}}`
	if got != want {
		t.Errorf("JSON progress line\n got %s\nwant %s", got, want)
	}
}
