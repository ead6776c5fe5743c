package catalog_test

import (
	"context"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/streamc/streamc/gen"
)

// The record every test query reads: one column per atomic type (named as
// casts refer to them) and a few complex ones for the functions.
const recordDDL = "s STRING, b BOOLEAN, i8 TINYINT, i16 SMALLINT, n INT, l BIGINT, f FLOAT, d DOUBLE, " +
	"dec DECIMAL(10,2), dt DATE, ts TIMESTAMP, ntz TIMESTAMP_NTZ, bin BINARY, " +
	"arr ARRAY<STRING>, m MAP<STRING, INT>, st STRUCT<a: INT, b: STRING>"

var recordColumns = []string{"s", "b", "i8", "i16", "n", "l", "f", "d", "dec", "dt", "ts", "ntz", "bin", "arr", "m", "st"}

// spec is a one-query spec reading the record as JSON and writing
// to_json(struct(*)) of items (SQL select items) to Kafka.
func spec(semantics string, items []string) string {
	return specQueries(semantics, []query{{"q", items}})
}

// query is one query of a spec: its name and select items.
type query struct {
	name  string
	items []string
}

// specQueries is spec with several queries in one app.
func specQueries(semantics string, qs []query) string {
	var b strings.Builder
	fmt.Fprintf(&b, "version: \"1\"\nsemantics: %s\nschemas:\n  rec:\n    ddl: %q\n", semantics, recordDDL)
	b.WriteString("apps:\n  cat:\n    queries:\n")
	for _, q := range qs {
		fmt.Fprintf(&b, "      %s:\n        readStream:\n          format: kafka\n", q.name)
		b.WriteString("          options: {subscribe: in}\n          value: {format: json, schema: rec}\n        transform:\n")
		b.WriteString("          - select: [")
		for i, c := range recordColumns {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("value." + c)
		}
		b.WriteString("]\n          - selectExpr:\n")
		for _, it := range q.items {
			fmt.Fprintf(&b, "            - %q\n", it)
		}
		b.WriteString("          - selectExpr: [\"to_json(struct(*)) AS value\"]\n")
		fmt.Fprintf(&b, "        writeStream:\n          format: kafka\n          options: {topic: out, checkpointLocation: chk/%s}\n", q.name)
	}
	return b.String()
}

// generate runs gen.Generate on a spec for the build directory dir.
func generate(t *testing.T, dir, specText string) (*gen.Result, error) {
	t.Helper()
	fsys := fstest.MapFS{"pipelines.yaml": &fstest.MapFile{Data: []byte(specText)}}
	return gen.Generate(context.Background(), gen.Config{FS: fsys, SpecFile: "pipelines.yaml",
		ModulePath: "github.com/streamc/streamc/internal/compiler/catalog/" + filepath.ToSlash(dir)})
}

// write puts a generation's files and a test under dir; it returns the
// package of the app. QUERY in the test becomes the first query's
// constructor, QUERIES a map of every query's name to its constructor.
func write(t *testing.T, dir string, res *gen.Result, test string) string {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	appDir := ""
	var ctors []string
	ctorRE := regexp.MustCompile(`func (\w+)\(\) rt\.Query`)
	nameRE := regexp.MustCompile(`Name:\s+"([^"]+)"`)
	for _, p := range res.Paths() {
		b := res.Files[p]
		writeFile(t, filepath.Join(dir, p), b)
		if m := ctorRE.FindSubmatch(b); m != nil {
			appDir = filepath.Dir(p)
			n := nameRE.FindSubmatch(b)
			if n == nil {
				t.Fatalf("%s: no query name", p)
			}
			ctors = append(ctors, fmt.Sprintf("%q: %s,", n[1], m[1]))
		}
	}
	if appDir == "" {
		t.Fatalf("no query constructor in %v", res.Paths())
	}
	first := strings.TrimSuffix(strings.SplitN(ctors[0], ": ", 2)[1], ",")
	test = strings.ReplaceAll(test, "QUERIES", "map[string]func() engine.Query{\n"+strings.Join(ctors, "\n")+"\n}")
	test = strings.ReplaceAll(test, "QUERY", first)
	src, err := format.Source([]byte(test))
	if err != nil {
		t.Fatalf("the test: %v\n%s", err, test)
	}
	writeFile(t, filepath.Join(dir, appDir, "run_test.go"), src)
	return "./" + filepath.ToSlash(filepath.Join(dir, appDir))
}

func writeFile(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// goTest runs go test on packages and fails with its output.
func goTest(t *testing.T, pkgs ...string) {
	t.Helper()
	args := append([]string{"test", "-count=1"}, pkgs...)
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// runTest is the test written beside a generated query: each input
// record through the processor, its output (or error) compared.
const runTestHeader = `package cat

import (
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink"
)

var _ = strings.Join

// run processes one record; it returns the output value or the error.
func run(t *testing.T, in string) (string, error) {
	t.Helper()
	return runQuery(QUERY, in)
}

// runQuery processes one record through a query.
func runQuery(q func() engine.Query, in string) (string, error) {
	p := q().NewProcessor()
	var out []string
	err := p.Process(&kafka.Row{Value: []byte(in), Topic: "in"}, func(m *sink.Message) error {
		out = append(out, string(m.Value))
		return nil
	})
	return strings.Join(out, "\n"), err
}
`
