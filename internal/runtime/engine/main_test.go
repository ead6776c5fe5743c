package engine_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/sink"
	"github.com/streamc/streamc/internal/runtime/sink/consolesink"
	"github.com/streamc/streamc/internal/runtime/sink/filesink"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

func TestParseTrigger(t *testing.T) {
	for in, want := range map[string]engine.Trigger{
		"processing-time=1s":  engine.ProcessingTime(time.Second),
		"processing-time":     engine.ProcessingTime(0),
		"available-now":       engine.AvailableNow(),
		"continuous":          engine.Continuous(time.Second),
		"continuous=250ms":    engine.Continuous(250 * time.Millisecond),
		"ProcessingTime=10ms": engine.ProcessingTime(10 * time.Millisecond),
	} {
		got, err := engine.ParseTrigger(in)
		if err != nil || got != want {
			t.Errorf("ParseTrigger(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "sometimes", "available-now=1s", "continuous=0s", "processing-time=-1s", "processing-time=soon"} {
		if _, err := engine.ParseTrigger(bad); err == nil {
			t.Errorf("ParseTrigger(%q): no error", bad)
		}
	}
}

// exec runs the command line of a generated program in the test process.
func execApp(t *testing.T, ctx context.Context, env map[string]string, args []string, qs ...engine.Query) (int, string, string) {
	t.Helper()
	var stdout, stderr strings.Builder
	code := engine.Exec(ctx, engine.Env{Args: args, Getenv: func(k string) string { return env[k] }, Stdout: &stdout, Stderr: &stderr}, "app", qs...)
	return code, stdout.String(), stderr.String()
}

func TestExec(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	produce(k, "in", 3, 9, "v")
	root := t.TempDir()
	// The spec's brokers are wrong; the flag or the environment fixes them.
	src := source(k)
	src.Kafka["bootstrap.servers"] = "127.0.0.1:1"
	qa := engine.Query{Name: "a", Source: src, Checkpoint: "a", Sink: engine.ConsoleSink(consolesink.Options{NumRows: 2, Truncate: true}), NewProcessor: upperProcessor("")}
	qb := engine.Query{Name: "b", Source: src, Checkpoint: "b", Sink: engine.ConsoleSink(consolesink.DefaultOptions()), NewProcessor: upperProcessor("v4")}

	code, out, errOut := execApp(t, ctxT(t, time.Minute), nil, []string{"--bootstrap-servers", k.Addr, "--trigger", "available-now", "--query", "a", "--checkpoint-root", root}, qa, qb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	_ = out
	code, out, errOut = execApp(t, ctxT(t, time.Minute), map[string]string{"STREAMC_TRIGGER": "available-now", "STREAMC_BOOTSTRAP_SERVERS": k.Addr, "STREAMC_CHECKPOINT_ROOT": root}, []string{"--query", "a"}, qa, qb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	produce(k, "in", 3, 3, "w")
	code, out, errOut = execApp(t, ctxT(t, time.Minute), map[string]string{"STREAMC_TRIGGER": "available-now", "STREAMC_BOOTSTRAP_SERVERS": k.Addr, "STREAMC_CHECKPOINT_ROOT": root, "STREAMC_QUERY": "a"}, nil, qa, qb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "Batch: 1\n") || !strings.Contains(out, "only showing top 2 rows") {
		t.Errorf("console output:\n%s", out)
	}
	// Progress lines are JSON with StreamingQueryProgress's fields.
	var progress map[string]any
	sc := bufio.NewScanner(strings.NewReader(errOut))
	for sc.Scan() {
		var line map[string]any
		if json.Unmarshal(sc.Bytes(), &line) == nil && line["msg"] == "query progress" {
			progress = line
		}
	}
	if progress == nil {
		t.Fatalf("no progress line in\n%s", errOut)
	}
	for _, f := range []string{"id", "runId", "name", "timestamp", "batchId", "numInputRows", "inputRowsPerSecond", "processedRowsPerSecond", "durationMs", "sources", "sink"} {
		if _, ok := progress[f]; !ok {
			t.Errorf("progress line lacks %s: %v", f, progress)
		}
	}
	srcs := progress["sources"].([]any)[0].(map[string]any)
	for _, f := range []string{"description", "startOffset", "endOffset", "latestOffset", "numInputRows", "metrics"} {
		if _, ok := srcs[f]; !ok {
			t.Errorf("progress source lacks %s: %v", f, srcs)
		}
	}
	if progress["batchId"].(float64) != 1 || progress["numInputRows"].(float64) != 3 || progress["name"] != "a" {
		t.Errorf("progress %v", progress)
	}

	// A failing query: exit 1 and a message naming it.
	code, _, errOut = execApp(t, ctxT(t, time.Minute), nil, []string{"--bootstrap-servers", k.Addr, "--trigger", "available-now", "--checkpoint-root", root, "--log-level", "error"}, qa, qb)
	if code != 1 || !strings.Contains(errOut, `app: query "b" failed`) || !strings.Contains(errOut, `in-1 offset 1: cannot process value "v4"`) {
		t.Errorf("exit %d: %s", code, errOut)
	}

	for _, args := range [][]string{{"--trigger", "often"}, {"--query", "nope"}, {"--log-level", "loud"}, {"--nope"}, {"extra"}} {
		if code, _, errOut := execApp(t, ctxT(t, time.Minute), nil, args, qa, qb); code != 2 {
			t.Errorf("%v: exit %d (%s), want 2", args, code, errOut)
		}
	}
	if code, out, _ := execApp(t, ctxT(t, time.Minute), nil, []string{"--version"}, qa); code != 0 || !strings.Contains(out, "streamc") {
		t.Errorf("--version: %d %q", code, out)
	}
	if code, out, _ := execApp(t, ctxT(t, time.Minute), nil, []string{"--list"}, qa, qb); code != 0 || out != "a\ta\nb\tb\n" {
		t.Errorf("--list: %d %q", code, out)
	}
}

func TestMetrics(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	produce(k, "in", 3, 12, "v")
	reg := prometheus.NewRegistry()
	m, err := engine.NewMetrics(reg)
	if err != nil {
		t.Fatal(err)
	}
	o := opts(t)
	o.Metrics = m
	q := engine.Query{Name: "m", Source: source(k, "maxOffsetsPerTrigger", "6"), Checkpoint: "m", Trigger: engine.AvailableNow(), Sink: newRecSink().factory(), NewProcessor: upperProcessor("")}
	if err := engine.Run(ctxT(t, time.Minute), o, q); err != nil {
		t.Fatal(err)
	}
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, f := range families {
		for _, mt := range f.GetMetric() {
			v := mt.GetCounter().GetValue() + mt.GetGauge().GetValue() + float64(mt.GetHistogram().GetSampleCount())
			got[f.GetName()] += v
		}
	}
	for name, want := range map[string]float64{
		"streamc_input_records_total":    12,
		"streamc_output_records_total":   12,
		"streamc_batches_total":          2,
		"streamc_batch_duration_seconds": 2,
		"streamc_last_committed_batch":   1,
		"streamc_partition_lag":          0,
	} {
		if v, ok := got[name]; !ok || v != want {
			t.Errorf("%s = %v (present %v), want %v", name, v, ok, want)
		}
	}

	// The metrics endpoint of Exec.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() {
		code, _, _ := execApp(t, ctx, nil, []string{"--bootstrap-servers", k.Addr, "--metrics-addr", addr, "--trigger", "processing-time=50ms", "--checkpoint-root", t.TempDir()}, q)
		done <- code
	}()
	var body string
	waitFor(t, 20*time.Second, "metrics", func() bool {
		resp, err := http.Get("http://" + addr + "/metrics")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		body = string(b)
		return strings.Contains(body, `streamc_input_records_total{query="m"} 12`)
	})
	if !strings.Contains(body, "go_goroutines") || !strings.Contains(body, `streamc_partition_lag{partition="0",query="m",topic="in"} 0`) {
		t.Errorf("metrics:\n%s", body)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d", code)
	}
}

// An available-now query that drains ends successfully while the others
// go on; Run returns when all have ended.
func TestAvailableNowEndsAlone(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	produce(k, "in", 3, 6, "v")
	o := opts(t)
	ended := make(chan string, 2)
	rs := newRecSink()
	qs := []engine.Query{
		{Name: "once", Source: source(k), Checkpoint: "once", Trigger: engine.AvailableNow(), Sink: newRecSink().factory(), NewProcessor: upperProcessor("")},
		{Name: "forever", Source: source(k), Checkpoint: "forever", Trigger: engine.ProcessingTime(50 * time.Millisecond), Sink: rs.factory(), NewProcessor: upperProcessor("")},
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		ended <- "run"
		if err := engine.Run(ctx, o, qs...); err != nil {
			t.Error(err)
		}
		ended <- "done"
	}()
	<-ended
	waitFor(t, 20*time.Second, "the forever query", func() bool { return len(rs.committedRows()) == 6 })
	produce(k, "in", 3, 3, "w")
	waitFor(t, 20*time.Second, "the forever query to go on", func() bool { return len(rs.committedRows()) == 9 })
	select {
	case <-ended:
		t.Fatal("Run ended while a query was still running")
	default:
	}
	cancel()
	<-ended
}

// --registry-url (or STREAMC_REGISTRY_URL) reaches the sink factory and
// Query.Prepare, whose factory then makes the query's processors.
func TestExecRegistryURL(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	produce(k, "in", 3, 6, "v")
	var (
		mu       sync.Mutex
		sinkURLs []string
		prepURLs []string
	)
	rs := newRecSink()
	q := engine.Query{
		Name: "r", Source: source(k), Checkpoint: "r",
		Sink: engine.SinkFunc(func(env engine.SinkEnv) (sink.Sink, error) {
			mu.Lock()
			sinkURLs = append(sinkURLs, env.RegistryURL)
			mu.Unlock()
			return rs, nil
		}),
		Prepare: func(env engine.SinkEnv) (func() engine.Processor, error) {
			mu.Lock()
			prepURLs = append(prepURLs, env.RegistryURL)
			mu.Unlock()
			return upperProcessor(""), nil
		},
	}
	root := t.TempDir()
	code, _, errOut := execApp(t, ctxT(t, time.Minute), nil, []string{"--bootstrap-servers", k.Addr, "--trigger", "available-now", "--checkpoint-root", root, "--registry-url", " http://u:p@127.0.0.1:8081 "}, q)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	produce(k, "in", 3, 3, "w")
	code, _, errOut = execApp(t, ctxT(t, time.Minute), map[string]string{"STREAMC_REGISTRY_URL": "http://env:8081", "STREAMC_BOOTSTRAP_SERVERS": k.Addr, "STREAMC_TRIGGER": "available-now", "STREAMC_CHECKPOINT_ROOT": root}, nil, q)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := []string{"http://u:p@127.0.0.1:8081", "http://env:8081"}
	if !slicesEqual(sinkURLs, want) || !slicesEqual(prepURLs, want) {
		t.Errorf("sink got %q, prepare got %q; want %q", sinkURLs, prepURLs, want)
	}
	if got := sorted(rs.committedRows()); !slicesEqual(got, []string{"V0", "V1", "V2", "V3", "V4", "V5", "W0", "W1", "W2"}) {
		t.Errorf("rows through the prepared processors: %q", got)
	}

	// A failing Prepare stops the query before it reads.
	bad := q
	bad.Name, bad.Checkpoint = "bad", "bad"
	bad.Prepare = func(engine.SinkEnv) (func() engine.Processor, error) { return nil, errors.New("no registry") }
	if code, _, errOut := execApp(t, ctxT(t, time.Minute), nil, []string{"--bootstrap-servers", k.Addr, "--trigger", "available-now", "--checkpoint-root", root}, bad); code != 1 || !strings.Contains(errOut, "prepare: no registry") {
		t.Errorf("failing prepare: exit %d: %s", code, errOut)
	}
}

// Without --checkpoint-root, relative checkpoint locations and file sink
// paths are taken from the working directory, as Spark takes them.
func TestExecRelativePaths(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	produce(k, "in", 3, 6, "v")
	wd := t.TempDir()
	t.Chdir(wd)
	q := engine.Query{Name: "f", Source: source(k), Checkpoint: "chk-point-dir/f", Sink: engine.FileSink("output", filesink.Options{}), NewProcessor: upperProcessor("")}
	code, _, errOut := execApp(t, ctxT(t, time.Minute), nil, []string{"--bootstrap-servers", k.Addr, "--trigger", "available-now"}, q)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(wd, "chk-point-dir", "f", "commits", "0")); err != nil {
		t.Errorf("checkpoint not under the working directory: %v", err)
	}
	var lines []string
	if err := filesink.ReadLines(filepath.Join(wd, "output"), func(l []byte) error { lines = append(lines, string(l)); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(lines) != 6 {
		t.Errorf("file sink under the working directory has %q", lines)
	}
}

// A trigger given at run time obeys the rule the generator applies to the
// spec's: a file sink cannot run continuously. The program says so and
// exits with the usage status before it opens anything.
func TestExecTriggerSinkRule(t *testing.T) {
	root := t.TempDir()
	src := source(nil)
	files := engine.Query{Name: "files", Source: src, Checkpoint: "files", Sink: engine.FileSink(filepath.Join(root, "out"), filesink.Options{Format: "csv"}), NewProcessor: upperProcessor("")}
	console := engine.Query{Name: "console", Source: src, Checkpoint: "console", Sink: engine.ConsoleSink(consolesink.DefaultOptions()), NewProcessor: upperProcessor("")}
	for _, c := range []struct {
		env  map[string]string
		args []string
	}{
		{nil, []string{"--trigger", "continuous"}},
		{map[string]string{"STREAMC_TRIGGER": "continuous=500ms"}, nil},
	} {
		code, _, errOut := execApp(t, ctxT(t, time.Minute), c.env, append(c.args, "--checkpoint-root", root, "--retry-timeout", "1s"), console, files)
		want := `app: query "files": --trigger continuous: the csv sink does not support the continuous trigger (kafka and console do, as in Spark)`
		if code != engine.ExitUsage || !strings.Contains(errOut, want) {
			t.Errorf("%v %v: exit %d, stderr %q; want exit 2 and %q", c.env, c.args, code, errOut, want)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "files")); !os.IsNotExist(err) {
		t.Errorf("the refused query's checkpoint was opened: %v", err)
	}
	// Run applies the same rule to a Query built by hand.
	tr := engine.Continuous(0)
	err := engine.Run(ctxT(t, time.Minute), engine.Options{Trigger: &tr, CheckpointRoot: root}, files)
	if err == nil || !strings.Contains(err.Error(), "the csv sink does not support the continuous trigger") {
		t.Errorf("Run: %v", err)
	}
}
