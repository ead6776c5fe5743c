package engine_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/sink/consolesink"
	"github.com/streamc/streamc/internal/runtime/sink/filesink"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

// progressLine returns the last progress line of a program's stderr.
func progressLine(t *testing.T, stderr, marker string) string {
	t.Helper()
	var line string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.Contains(l, marker) {
			line = l
		}
	}
	if line == "" {
		t.Fatalf("no progress line in\n%s", stderr)
	}
	return line
}

// Progress lines name each key once, describe sinks as Spark does, and
// under --log-format text print nested values as dotted keys.
func TestExecProgressLines(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	k.CreateTopic("out", 3)
	produce(k, "in", 3, 9, "v")
	root := t.TempDir()
	files := filepath.Join(root, "output")
	qs := []engine.Query{
		{Name: "files", Source: source(k), Checkpoint: "files", Sink: engine.FileSink(files, filesink.Options{Format: "json"}), NewProcessor: upperProcessor("")},
		{Name: "kafka", Source: source(k), Checkpoint: "kafka", Sink: kafkaSinkOf(map[string]string{"topic": "out", "kafka.bootstrap.servers": k.Addr}), NewProcessor: upperProcessor("")},
		{Name: "console", Source: source(k), Checkpoint: "console", Sink: engine.ConsoleSink(consolesink.DefaultOptions()), NewProcessor: upperProcessor("")},
	}
	args := []string{"--trigger", "available-now", "--checkpoint-root", root}
	code, _, errOut := execApp(t, ctxT(t, time.Minute), nil, append(args, "--log-format", "text", "--query", "files"), qs...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	line := progressLine(t, errOut, `msg="query progress"`)
	if strings.Contains(line, "map[") || strings.Contains(line, "{") {
		t.Errorf("text progress line dumps Go values: %s", line)
	}
	for _, want := range []string{" sink.description=FileSink[" + files + "] ", " sink.numOutputRows=9", " durationMs.triggerExecution=",
		" sources.0.description=KafkaV2[Subscribe[in]] ", " sources.0.startOffset.in.0=0 ", " sources.0.endOffset.in.2=3 ", " batchId=0 "} {
		if !strings.Contains(line, want) {
			t.Errorf("text progress line lacks %q: %s", want, line)
		}
	}
	for _, key := range []string{" id=", " runId=", " name="} {
		if n := strings.Count(line, key); n != 1 {
			t.Errorf("text progress line has %q %d times: %s", key, n, line)
		}
	}

	for name, desc := range map[string]string{"kafka": "KafkaSink[out]", "console": "ConsoleSink"} {
		code, _, errOut := execApp(t, ctxT(t, time.Minute), nil, append(args, "--query", name), qs...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		line := progressLine(t, errOut, `"msg":"query progress"`)
		if !strings.Contains(line, `"sink":{"description":"`+desc+`","numOutputRows":9}`) {
			t.Errorf("%s: progress line does not describe the sink as %s: %s", name, desc, line)
		}
		for _, key := range []string{`"id":`, `"runId":`} {
			if n := strings.Count(line, key); n != 1 {
				t.Errorf("%s: progress line has %s %d times: %s", name, key, n, line)
			}
		}
	}
}
