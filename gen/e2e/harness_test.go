package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/streamc/streamc/internal/runtime/sink/filesink"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

const (
	modulePath = "github.com/streamc/streamc"
	// repoRoot is the module's root from this package's directory.
	repoRoot = "../.."
	// fixturesDir holds the invoices and Spark's output for them.
	fixturesDir = "../../schemas/fixtures"
	inTopic     = "invoices"
	outTopic    = "notifications"
	partitions  = 3
)

var (
	binDir   string
	buildMu  sync.Mutex
	builtErr = map[string]error{}
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "streamc-e2e-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// build returns the path of the executable of the main package at dir
// (relative to the repository root), built as `make build` builds it.
// Builds happen once per test binary; a missing package fails the test.
func build(t testing.TB, dir string) string {
	t.Helper()
	name := filepath.Base(dir)
	out := filepath.Join(binDir, name)
	buildMu.Lock()
	defer buildMu.Unlock()
	err, done := builtErr[dir]
	if !done {
		if _, serr := os.Stat(filepath.Join(repoRoot, dir)); serr != nil {
			err = fmt.Errorf("%s does not exist (run `go generate ./...` at the repository root): %w", dir, serr)
		} else {
			touchSources(t)
			cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w -buildid=", "-o", out, modulePath+"/"+dir)
			cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
			if b, berr := cmd.CombinedOutput(); berr != nil {
				err = fmt.Errorf("go build %s: %w\n%s", dir, berr, b)
			}
		}
		builtErr[dir] = err
	}
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// touchSources reads the module's Go files and go.mod, so that go test's
// cache, which tracks the files a test opens but not those a child `go
// build` reads, reruns these tests when the programs' sources change.
func touchSources(t testing.TB) {
	t.Helper()
	err := filepath.WalkDir(repoRoot, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && p != repoRoot && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "bin"):
			return filepath.SkipDir
		case !d.IsDir() && (strings.HasSuffix(p, ".go") || d.Name() == "go.mod" || d.Name() == "go.sum"):
			_, err = os.ReadFile(p)
		}
		return err
	})
	if err != nil {
		t.Fatalf("reading the sources: %v", err)
	}
}

// cluster starts a broker with the app's topics.
func cluster(t testing.TB) *kafkatest.Cluster {
	t.Helper()
	k := kafkatest.New(t)
	k.CreateTopic(inTopic, partitions)
	k.CreateTopic(outTopic, partitions)
	return k
}

// produce writes one keyless record per line, round-robin over the
// partitions, in order within each.
func produce(t testing.TB, k *kafkatest.Cluster, lines [][]byte) {
	t.Helper()
	const chunk = 2000
	for start := 0; start < len(lines); start += chunk {
		var recs []*kafkatest.Record
		for i := start; i < min(start+chunk, len(lines)); i++ {
			recs = append(recs, &kafkatest.Record{Topic: inTopic, Partition: int32(i % partitions), Value: lines[i]})
		}
		k.Produce(recs...)
	}
}

// readLines returns the non-empty lines of a file.
func readLines(t testing.TB, path string) [][]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("test data: %v", err)
	}
	var out [][]byte
	for _, l := range bytes.Split(data, []byte("\n")) {
		if len(l) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// fixture returns the path of a file of schemas/fixtures.
func fixture(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(fixturesDir, name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("invoice fixture missing (expected at %s relative to gen/e2e): %v", fixturesDir, err)
	}
	return p
}

// run is one finished run of a program.
type run struct {
	stderr string
	wall   time.Duration
	// cpu is user + system time; maxRSS is in bytes.
	cpu    time.Duration
	maxRSS int64
	// firstBatch is the time from start to the first progress line (zero
	// when there was none).
	firstBatch time.Duration
}

// progressWatch records when the first progress line arrives on stderr.
type progressWatch struct {
	mu    sync.Mutex
	start time.Time
	buf   bytes.Buffer
	first time.Duration
}

var progressMsg = []byte(`"msg":"query progress"`)

func (w *progressWatch) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, _ := w.buf.Write(p)
	if w.first == 0 && bytes.Contains(w.buf.Bytes(), progressMsg) {
		w.first = time.Since(w.start)
	}
	return n, nil
}

// runProgram runs bin in dir with the arguments and fails the test unless
// it exits 0 within the timeout.
func runProgram(t testing.TB, bin, dir string, args ...string) run {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	w := &progressWatch{}
	cmd.Stderr = w
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	w.start = time.Now()
	err := cmd.Start()
	var peak int64
	if err == nil {
		stop := make(chan struct{})
		sampled := make(chan int64, 1)
		go func() { sampled <- sampleHWM(cmd.Process.Pid, filepath.Base(cmd.Path), stop) }()
		err = cmd.Wait()
		close(stop)
		peak = <-sampled
	}
	wall := time.Since(w.start)
	w.mu.Lock()
	defer w.mu.Unlock()
	if err != nil {
		t.Fatalf("%s %s: %v\nstdout:\n%s\nstderr:\n%s", filepath.Base(bin), strings.Join(args, " "), err, stdout.String(), tail(w.buf.String(), 6000))
	}
	r := run{stderr: w.buf.String(), wall: wall, firstBatch: w.first}
	r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	r.maxRSS = peak
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && peak == 0 {
		// Without /proc. Linux carries the forking process's high-water
		// mark into the child's ru_maxrss across exec, so this may be the
		// test process's peak rather than the program's.
		r.maxRSS = int64(ru.Maxrss) * 1024
	}
	return r
}

// sampleHWM returns the highest VmHWM (peak resident set) of process pid
// read from /proc until stop closes, in bytes; 0 without /proc. The
// child's rusage cannot be used: Linux keeps the parent's high-water mark
// in it across exec, and this test process holds the broker's data. For the
// same reason samples taken before the exec (while the process still has
// this one's name and memory) are ignored.
func sampleHWM(pid int, name string, stop <-chan struct{}) int64 {
	if len(name) > 15 {
		name = name[:15] // the kernel's comm is at most 15 bytes
	}
	path := fmt.Sprintf("/proc/%d/status", pid)
	var peak int64
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		if data, err := os.ReadFile(path); err == nil && strings.Contains(string(data), "Name:\t"+name+"\n") {
			for _, line := range strings.Split(string(data), "\n") {
				if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
					kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
					peak = max(peak, kb*1024)
				}
			}
		}
		select {
		case <-stop:
			return peak
		case <-tick.C:
		}
	}
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}

// appArgs is the command line of a generated program run once.
func appArgs(k *kafkatest.Cluster) []string {
	return []string{"--trigger", "available-now", "--bootstrap-servers", k.Addr, "--log-level", "info"}
}

// progressTotals sums, per query, the input and output rows of the
// progress lines in a run's stderr.
func progressTotals(t testing.TB, stderr string) map[string][2]int64 {
	t.Helper()
	out := map[string][2]int64{}
	sc := bufio.NewScanner(strings.NewReader(stderr))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var p struct {
			Msg          string `json:"msg"`
			Name         string `json:"name"`
			NumInputRows int64  `json:"numInputRows"`
			Sink         struct {
				NumOutputRows int64 `json:"numOutputRows"`
			} `json:"sink"`
		}
		if json.Unmarshal(sc.Bytes(), &p) != nil || p.Msg != "query progress" {
			continue
		}
		v := out[p.Name]
		out[p.Name] = [2]int64{v[0] + p.NumInputRows, v[1] + p.Sink.NumOutputRows}
	}
	return out
}

// note is one Kafka record as the comparison sees it.
type note struct {
	partition int32
	key       []byte // nil: null key
	value     string
}

func (n note) String() string {
	k := "null"
	if n.key != nil {
		k = fmt.Sprintf("%q", n.key)
	}
	return fmt.Sprintf("partition %d key %s value %q", n.partition, k, n.value)
}

// expectedNotes reads expected-notifications.jsonl.
func expectedNotes(t testing.TB, path string) []note {
	t.Helper()
	var out []note
	for _, l := range readLines(t, path) {
		var e struct {
			Key       *string `json:"key"`
			Value     string  `json:"value"`
			Partition int32   `json:"partition"`
		}
		if err := json.Unmarshal(l, &e); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		n := note{partition: e.Partition, value: e.Value}
		if e.Key != nil {
			n.key = []byte(*e.Key)
		}
		out = append(out, n)
	}
	return out
}

// notes reads every record of topic notifications.
func notes(t testing.TB, k *kafkatest.Cluster) []note {
	t.Helper()
	var out []note
	for _, r := range k.ReadAll(outTopic) {
		out = append(out, note{partition: r.Partition, key: r.Key, value: string(r.Value)})
	}
	return out
}

// sameMultiset reports the elements only in got and only in want, by their
// string forms.
func sameMultiset[T fmt.Stringer](got, want []T) (extra, missing []string) {
	count := map[string]int{}
	for _, g := range got {
		count[g.String()]++
	}
	for _, w := range want {
		count[w.String()]--
	}
	for s, c := range count {
		for ; c > 0; c-- {
			extra = append(extra, s)
		}
		for ; c < 0; c++ {
			missing = append(missing, s)
		}
	}
	sort.Strings(extra)
	sort.Strings(missing)
	return extra, missing
}

func checkNotes(t testing.TB, got, want []note) {
	t.Helper()
	extra, missing := sameMultiset(got, want)
	if len(extra)+len(missing) > 0 {
		t.Errorf("notifications: %d records, want %d; %d unexpected, %d missing\nunexpected (first 5):\n  %s\nmissing (first 5):\n  %s",
			len(got), len(want), len(extra), len(missing), strings.Join(first(extra, 5), "\n  "), strings.Join(first(missing, 5), "\n  "))
	}
}

func first(s []string, n int) []string { return s[:min(n, len(s))] }

// committedLines returns the rows of the file sink's committed output under
// dir/output, sorted.
func committedLines(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	err := filesink.ReadLines(filepath.Join(dir, "output"), func(l []byte) error {
		out = append(out, string(l))
		return nil
	})
	if err != nil {
		t.Fatalf("committed output: %v", err)
	}
	sort.Strings(out)
	return out
}

// committedFiles lists the committed part files under dir/output.
func committedFiles(t testing.TB, dir string) []string {
	t.Helper()
	files, err := filesink.List(filepath.Join(dir, "output"))
	if err != nil {
		t.Fatalf("committed output: %v", err)
	}
	var out []string
	for _, f := range files {
		out = append(out, fmt.Sprintf("%s %d", f.Name, f.Size))
	}
	return out
}

func checkLines(t testing.TB, what string, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	g, w := "(none)", "(none)"
	if i < len(got) {
		g = got[i]
	}
	if i < len(want) {
		w = want[i]
	}
	t.Errorf("%s: %d lines, want %d; first difference at sorted line %d:\n got: %s\nwant: %s", what, len(got), len(want), i+1, g, w)
}

func sortedStrings(lines [][]byte) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = string(l)
	}
	sort.Strings(out)
	return out
}

// murmur2Partition is where the Java producer puts a keyed record, computed
// with kafka-go's implementation of its partitioner.
func murmur2Partition(key []byte) int32 {
	parts := make([]int, partitions)
	for i := range parts {
		parts[i] = i
	}
	return int32((&kafka.Murmur2Balancer{}).Balance(kafka.Message{Key: key}, parts...))
}
