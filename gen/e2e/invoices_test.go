package e2e

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

// target is a way of running the invoices app: the programs run one after
// the other in one working directory, and how to read the flattened rows
// they committed.
type target struct {
	programs []string
	args     func(k *kafkatest.Cluster) []string
	lines    func(t testing.TB, dir string) []string
	files    func(t testing.TB, dir string) []string
	// progress: the programs log Spark's progress lines.
	progress bool
}

func generated(t testing.TB, programs ...string) target {
	tg := target{args: appArgs, lines: committedLines, files: committedFiles, progress: true}
	for _, p := range programs {
		tg.programs = append(tg.programs, build(t, "generated/cmd/"+p))
	}
	return tg
}

// The app program runs both queries; over the fixture invoices it writes
// exactly Spark's records and rows, and a second run adds nothing.
func TestInvoicesApp(t *testing.T) {
	t.Parallel()
	checkFixture(t, generated(t, "invoices"))
}

// The per-query programs, run one after the other in one directory, do
// what the app program does.
func TestQueryPrograms(t *testing.T) {
	t.Parallel()
	checkFixture(t, generated(t, "invoices-notify", "invoices-flatten"))
}

// The hand-written baseline of the benchmarks gives the same answers, so
// the benchmarks compare like with like.
func TestBaseline(t *testing.T) {
	t.Parallel()
	checkFixture(t, target{
		programs: []string{build(t, "internal/testutil/baseline")},
		args: func(k *kafkatest.Cluster) []string {
			return []string{"--trigger", "available-now", "--bootstrap-servers", k.Addr}
		},
		lines: baselineLines,
		files: baselineFiles,
	})
}

func checkFixture(t *testing.T, tg target) {
	k := cluster(t)
	produce(t, k, readLines(t, fixture(t, "invoices.jsonl")))
	wantNotes := expectedNotes(t, fixture(t, "expected-notifications.jsonl"))
	wantRows := sortedStrings(readLines(t, fixture(t, "expected-flattened.jsonl")))
	dir := t.TempDir()
	var totals []map[string][2]int64
	for _, p := range tg.programs {
		r := runProgram(t, p, dir, tg.args(k)...)
		totals = append(totals, progressTotals(t, r.stderr))
	}
	checkNotes(t, notes(t, k), wantNotes)
	checkLines(t, "flattened rows", tg.lines(t, dir), wantRows)
	if tg.progress {
		got := map[string][2]int64{}
		for _, m := range totals {
			maps.Copy(got, m)
		}
		want := map[string][2]int64{"notify": {500, 500}, "flatten": {500, int64(len(wantRows))}}
		if !maps.Equal(got, want) {
			t.Errorf("progress lines: (input, output) rows per query %v, want %v", got, want)
		}
	}

	// A second run finds everything committed: no new records, files or
	// rows.
	offsets, files := k.Offsets(outTopic), tg.files(t, dir)
	for _, p := range tg.programs {
		r := runProgram(t, p, dir, tg.args(k)...)
		if tg.progress {
			for q, v := range progressTotals(t, r.stderr) {
				if v != [2]int64{} {
					t.Errorf("second run of %s: query %s read %d and wrote %d rows", filepath.Base(p), q, v[0], v[1])
				}
			}
		}
	}
	if got := k.Offsets(outTopic); !maps.Equal(got, offsets) {
		t.Errorf("second run wrote notifications: end offsets %v, before %v", got, offsets)
	}
	if got := tg.files(t, dir); !slices.Equal(got, files) {
		t.Errorf("second run changed the committed files:\n%s\nbefore:\n%s", strings.Join(got, "\n"), strings.Join(files, "\n"))
	}
	checkLines(t, "flattened rows after the second run", tg.lines(t, dir), wantRows)
}

// baselineLines reads the baseline's output files.
func baselineLines(t testing.TB, dir string) []string {
	t.Helper()
	var out []string
	for _, f := range baselineFiles(t, dir) {
		data, err := os.ReadFile(filepath.Join(dir, "output", strings.Fields(f)[0]))
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

func baselineFiles(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "output"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %d", e.Name(), info.Size()))
	}
	return out
}
