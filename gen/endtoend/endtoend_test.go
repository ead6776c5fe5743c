package endtoend_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/streamc/streamc/gen"
	"github.com/streamc/streamc/gen/endtoend/internal/driver"
	"github.com/streamc/streamc/gen/internal/txtar"
)

var update = flag.Bool("update", os.Getenv("STREAMC_GOLDEN_UPDATE") != "", "rewrite the cases' expected outputs and stderr")

const (
	casesDir  = "testdata/cases"
	buildRoot = "testdata/_build"
	// modRoot is buildRoot's import path.
	modRoot = "github.com/streamc/streamc/gen/endtoend/" + buildRoot
)

// TestEndToEnd runs every case of testdata/cases (see README.md): a
// rejection's stderr is compared at once; the generated packages of all
// other cases are compiled into one runner test, run with the cases'
// input records, and what each query wrote is compared with its case.
func TestEndToEnd(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(casesDir, "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	if err := os.RemoveAll(buildRoot); err != nil {
		t.Fatal(err)
	}
	var runs []*caseRun
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".txtar")
		t.Run(name, func(t *testing.T) {
			if c := generateCase(t, name, p, *update); c != nil {
				runs = append(runs, c)
			}
		})
	}
	if len(runs) == 0 {
		return
	}
	results := runAll(t, runs)
	for _, c := range runs {
		t.Run(c.name, func(t *testing.T) {
			res, ok := results[c.name]
			if !ok {
				t.Fatal("the runner reported nothing for this case")
			}
			checkOutputs(t, c, res, *update)
		})
	}
}

// caseRun is a case that generated: what the runner needs.
type caseRun struct {
	name, path string
	ar         *txtar.Archive
	records    []driver.Record
	// ctors are the query constructors the generated mains call, as
	// import path and function name.
	ctors [][2]string
}

// reporter is the part of *testing.T the checks use, so a test can watch
// what they report.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
	Fatal(args ...any)
}

// generateCase generates one case (with update, recording a rejection's
// stderr). It returns nil for a rejection, which it checks, or a case it
// could not set up, after reporting why.
func generateCase(t reporter, name, path string, update bool) *caseRun {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ar := txtar.Parse(data)
	if strings.TrimSpace(string(ar.Comment)) == "" {
		t.Errorf("%s: the comment must say what the case shows and how its expectation is known", path)
	}
	inputs := fstest.MapFS{}
	var input []byte
	hasInput := false
	wantStderr, hasStderr := []byte(nil), false
	for _, f := range ar.Files {
		switch {
		case f.Name == "stderr":
			wantStderr, hasStderr = f.Data, true
		case f.Name == "input":
			input, hasInput = f.Data, true
		case strings.HasPrefix(f.Name, "output:"), strings.HasPrefix(f.Name, "failure:"):
		default:
			inputs[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	modPath := modRoot + "/" + name
	res, err := gen.Generate(context.Background(), gen.Config{FS: inputs, SpecFile: "pipelines.yaml", ModulePath: modPath})
	if err != nil || hasStderr {
		got := ""
		if err != nil {
			// What `streamc generate` prints on stderr (fmt.Fprintln).
			got = err.Error() + "\n"
		}
		switch {
		case got == "":
			// A rejection that now generates has no stderr to record: its
			// expectation changed in kind, which is for a person to write.
			t.Errorf("%s: expected a rejection, but the spec generates; replace the stderr section with input and outputs", path)
		case hasInput || hasSections(ar, "output:", "failure:"):
			t.Errorf("%s: the spec is rejected but the case expects outputs:\n%s", path, got)
		case update:
			ar.Set("stderr", []byte(got))
			writeArchive(t, path, ar)
		case len(wantStderr) == 0:
			t.Errorf("%s: empty stderr section (run with -update to record it):\n%s", path, got)
		default:
			if d := cmp.Diff(string(wantStderr), got); d != "" {
				t.Errorf("%s: stderr differs (-want +got):\n%s", path, d)
			}
		}
		return nil
	}
	if !hasInput {
		t.Errorf("%s: a case that generates needs an input section", path)
		return nil
	}
	records, err := parseRecords(input, true)
	if err != nil {
		t.Errorf("%s: input: %v", path, err)
		return nil
	}
	c := &caseRun{name: name, path: path, ar: ar, records: records}
	dir := filepath.Join(buildRoot, name)
	seen := map[[2]string]bool{}
	for _, p := range res.Paths() {
		writeFile(t, filepath.Join(dir, p), res.Files[p])
		if filepath.Base(p) != "main.go" || !strings.Contains(p, "/cmd/") {
			continue
		}
		ctors, err := mainQueries(res.Files[p])
		if err != nil {
			t.Errorf("%s: %s: %v", path, p, err)
			return nil
		}
		for _, k := range ctors {
			if !seen[k] {
				seen[k] = true
				c.ctors = append(c.ctors, k)
			}
		}
	}
	if len(c.ctors) == 0 {
		t.Errorf("%s: the generated mains run no query", path)
		return nil
	}
	sort.Slice(c.ctors, func(i, j int) bool { return c.ctors[i][0]+c.ctors[i][1] < c.ctors[j][0]+c.ctors[j][1] })
	return c
}

// mainQueries returns the query constructors a generated main passes to
// rt.Main: the generated code's own entry points, whatever the plan
// names them.
func mainQueries(src []byte) ([][2]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", src, 0)
	if err != nil {
		return nil, err
	}
	imports := map[string]string{}
	for _, s := range f.Imports {
		p, _ := strconv.Unquote(s.Path.Value)
		name := p[strings.LastIndex(p, "/")+1:]
		if s.Name != nil {
			name = s.Name.Name
		}
		imports[name] = p
	}
	var out [][2]string
	var bad error
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || !isSel(call.Fun, "rt", "Main") {
			return true
		}
		for _, a := range call.Args[1:] {
			q, ok := a.(*ast.CallExpr)
			var sel *ast.SelectorExpr
			if ok {
				sel, ok = q.Fun.(*ast.SelectorExpr)
			}
			var pkg *ast.Ident
			if ok {
				pkg, ok = sel.X.(*ast.Ident)
			}
			if !ok || len(q.Args) != 0 || imports[pkg.Name] == "" {
				bad = fmt.Errorf("rt.Main argument is not a call of an imported query constructor")
				return false
			}
			out = append(out, [2]string{imports[pkg.Name], sel.Sel.Name})
		}
		return false
	})
	return out, bad
}

func isSel(e ast.Expr, pkg, name string) bool {
	s, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := s.X.(*ast.Ident)
	return ok && id.Name == pkg && s.Sel.Name == name
}

// runAll writes the runner package (one test linking every case's
// generated packages, so the corpus compiles in one go invocation), runs
// it and returns its results.
func runAll(t *testing.T, runs []*caseRun) map[string]map[string]driver.Output {
	var src strings.Builder
	src.WriteString("// Code generated by the end-to-end corpus test. DO NOT EDIT.\n\npackage runner\n\nimport (\n\t\"testing\"\n\n")
	src.WriteString("\t\"github.com/streamc/streamc/gen/endtoend/internal/driver\"\n\t\"github.com/streamc/streamc/internal/runtime/engine\"\n")
	aliases := map[string]string{}
	var paths []string
	for _, c := range runs {
		for _, k := range c.ctors {
			if _, ok := aliases[k[0]]; !ok {
				aliases[k[0]] = fmt.Sprintf("p%d", len(aliases))
				paths = append(paths, k[0])
			}
		}
	}
	for _, p := range paths {
		fmt.Fprintf(&src, "\t%s %q\n", aliases[p], p)
	}
	src.WriteString(")\n\nvar cases = []driver.Case{\n")
	inputs := map[string][]driver.Record{}
	for _, c := range runs {
		inputs[c.name] = c.records
		fmt.Fprintf(&src, "\t{Name: %q, Queries: func() []engine.Query {\n\t\treturn []engine.Query{", c.name)
		for i, k := range c.ctors {
			if i > 0 {
				src.WriteString(", ")
			}
			fmt.Fprintf(&src, "%s.%s()", aliases[k[0]], k[1])
		}
		src.WriteString("}\n\t}},\n")
	}
	src.WriteString("}\n\nfunc TestRun(t *testing.T) { driver.Run(t, cases, \"inputs.json\", \"results.json\") }\n")
	dir := filepath.Join(buildRoot, "runner")
	code, err := format.Source([]byte(src.String()))
	if err != nil {
		t.Fatalf("runner: %v\n%s", err, src.String())
	}
	writeFile(t, filepath.Join(dir, "runner_test.go"), code)
	data, err := json.Marshal(inputs)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "inputs.json"), data)
	cmd := exec.Command("go", "test", "-count=1", "./"+filepath.ToSlash(dir))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test %s: %v\n%s", dir, err, out)
	}
	data, err = os.ReadFile(filepath.Join(dir, "results.json"))
	if err != nil {
		t.Fatal(err)
	}
	var results map[string]map[string]driver.Output
	if err := json.Unmarshal(data, &results); err != nil {
		t.Fatal(err)
	}
	return results
}

// checkOutputs compares (or, with update, records) every query's output
// and failure.
func checkOutputs(t reporter, c *caseRun, res map[string]driver.Output, update bool) {
	got := map[string]string{}
	var empty []string
	for q, o := range res {
		if o.Failure != "" {
			got["failure:"+q] = o.Failure + "\n"
			continue
		}
		text := o.Text
		if o.Sink == "kafka" {
			text = formatRecords(o.Records)
		}
		if text == "" {
			empty = append(empty, q)
			continue
		}
		got["output:"+q] = text
	}
	sort.Strings(empty)
	for _, q := range empty {
		// An empty expectation would compare nothing: the case must feed
		// the query something it writes.
		t.Errorf("%s: query %s wrote nothing; give it input it writes (an empty expected output is never recorded)", c.path, q)
	}
	if update {
		if len(empty) > 0 {
			return
		}
		setOutputs(c.ar, got)
		writeArchive(t, c.path, c.ar)
		return
	}
	want := map[string]string{}
	for _, f := range c.ar.Files {
		if strings.HasPrefix(f.Name, "output:") || strings.HasPrefix(f.Name, "failure:") {
			if len(f.Data) == 0 {
				t.Errorf("%s: section %s is empty (run with -update to record it)", c.path, f.Name)
			}
			want[f.Name] = string(f.Data)
		}
	}
	var names []string
	for n := range want {
		names = append(names, n)
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		w, wok := want[n]
		g, gok := got[n]
		switch {
		case !wok:
			t.Errorf("%s: no section %s for what the query wrote (run with -update):\n%s", c.path, n, g)
		case !gok:
			t.Errorf("%s: section %s, but the query gave nothing of the kind", c.path, n)
		default:
			if d := cmp.Diff(w, g); d != "" {
				t.Errorf("%s: %s differs (-want +got):\n%s", c.path, n, d)
			}
		}
	}
}

func hasSections(ar *txtar.Archive, prefixes ...string) bool {
	for _, f := range ar.Files {
		for _, p := range prefixes {
			if strings.HasPrefix(f.Name, p) {
				return true
			}
		}
	}
	return false
}

func writeFile(t reporter, p string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeArchive(t reporter, p string, ar *txtar.Archive) {
	t.Helper()
	if err := os.WriteFile(p, ar.Format(), 0o644); err != nil {
		t.Fatal(err)
	}
}
