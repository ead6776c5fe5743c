package e2e

import (
	"bufio"
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

// benchInvoices is how many invoices the end-to-end benchmarks process:
// the fixture invoices replicated (STREAMC_E2E_INVOICES overrides).
func benchInvoices(b *testing.B) int {
	if s := os.Getenv("STREAMC_E2E_INVOICES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			b.Fatalf("STREAMC_E2E_INVOICES=%q: want a positive count", s)
		}
		return n
	}
	return 150_000
}

// benchCluster is a broker holding n invoices on topic invoices.
func benchCluster(b *testing.B, n int) *kafkatest.Cluster {
	fixture := readLines(b, fixture(b, "invoices.jsonl"))
	lines := make([][]byte, n)
	for i := range lines {
		lines[i] = fixture[i%len(fixture)]
	}
	k := cluster(b)
	produce(b, k, lines)
	return k
}

// contender is one way of processing the invoices, run as a child process.
type contender struct {
	name string
	bin  string
	args []string
	// records reads, from a finished run, how many invoices each query
	// read, so a run that skipped work cannot pass for a fast one.
	records func(b *testing.B, r run) map[string]int64
}

// BenchmarkInvoicesE2E runs the invoices app over the same records three
// ways, each a child process draining topic invoices (available-now) in a
// fresh working directory: the generated program (both queries), the
// hand-written kafka-go + encoding/json program, and reading alone.
// ns/op is one whole run; internal/devtools/cmd/benchratio prints the ratios.
func BenchmarkInvoicesE2E(b *testing.B) {
	n := benchInvoices(b)
	app := build(b, "generated/cmd/invoices")
	base := build(b, "internal/testutil/baseline")
	k := benchCluster(b, n)
	args := []string{"--trigger", "available-now", "--bootstrap-servers", k.Addr}
	for _, c := range []contender{
		{"streamc", app, append(args, "--log-level", "info"), streamcRecords},
		{"baseline=handwritten", base, append(args, "--mode", "app"), baselineRecords},
		{"baseline=ceiling", base, append(args, "--mode", "consume"), baselineRecords},
	} {
		b.Run(c.name, func(b *testing.B) {
			var sum run
			for b.Loop() {
				r := runProgram(b, c.bin, b.TempDir(), c.args...)
				for q, got := range c.records(b, r) {
					if got != int64(n) {
						b.Fatalf("%s: query %s read %d invoices, want %d", c.name, q, got, n)
					}
				}
				sum.wall += r.wall
				sum.cpu += r.cpu
				sum.maxRSS = max(sum.maxRSS, r.maxRSS)
			}
			runs := float64(b.N)
			b.ReportMetric(float64(n)*runs/sum.wall.Seconds(), "invoices/s")
			b.ReportMetric(sum.cpu.Seconds()/runs/float64(n)*1e6, "cpu-s/Minvoices")
			b.ReportMetric(float64(sum.maxRSS)/(1<<20), "peak-RSS-MB")
			b.ReportMetric(fileMB(b, c.bin), "binary-MB")
		})
	}
}

// BenchmarkInvoicesStartup measures how soon the generated program has
// committed its first batch: from exec to its first progress line, over
// the 500 fixture invoices in a fresh directory.
func BenchmarkInvoicesStartup(b *testing.B) {
	app := build(b, "generated/cmd/invoices")
	k := benchCluster(b, 500)
	var sum run
	for b.Loop() {
		r := runProgram(b, app, b.TempDir(), appArgs(k)...)
		if r.firstBatch == 0 {
			b.Fatal("no progress line")
		}
		sum.firstBatch += r.firstBatch
		sum.maxRSS = max(sum.maxRSS, r.maxRSS)
	}
	b.ReportMetric(float64(sum.firstBatch.Milliseconds())/float64(b.N), "first-batch-ms")
	b.ReportMetric(float64(sum.maxRSS)/(1<<20), "peak-RSS-MB")
	b.ReportMetric(fileMB(b, app), "binary-MB")
}

func fileMB(b *testing.B, path string) float64 {
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	return float64(info.Size()) / (1 << 20)
}

func streamcRecords(b *testing.B, r run) map[string]int64 {
	out := map[string]int64{}
	for q, v := range progressTotals(b, r.stderr) {
		out[q] = v[0]
	}
	if len(out) != 2 {
		b.Fatalf("progress lines of %d queries, want 2", len(out))
	}
	return out
}

// baselineRecords reads the baseline's closing log line.
func baselineRecords(b *testing.B, r run) map[string]int64 {
	sc := bufio.NewScanner(strings.NewReader(r.stderr))
	for sc.Scan() {
		var l struct {
			Msg     string `json:"msg"`
			Mode    string `json:"mode"`
			Records int64  `json:"records"`
		}
		if json.Unmarshal(sc.Bytes(), &l) == nil && l.Msg == "done" {
			return map[string]int64{l.Mode: l.Records}
		}
	}
	b.Fatalf("baseline logged no summary:\n%s", r.stderr)
	return nil
}
