package querygen_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/gen"
	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/plan"
	"github.com/streamc/streamc/templates/internal/csvgen"
	"github.com/streamc/streamc/templates/internal/genutil"
	"github.com/streamc/streamc/templates/internal/jsongen"
	"github.com/streamc/streamc/templates/internal/querygen"
	"github.com/streamc/streamc/templates/internal/typesgen"
)

const buildRoot = "testdata/_build"

// TestGeneratedQueries generates the repo's two queries and a set of
// expression queries with their records and codecs, then builds them and
// runs the behavioural tests in testdata/ against them (rows in, messages
// out, compared with Spark's output byte for byte).
func TestGeneratedQueries(t *testing.T) {
	// The invoice schema as the front end reads it for the repo's spec.
	repo, err := gen.Load(context.Background(), gen.Config{FS: os.DirFS("../../.."), SpecFile: "pipelines.yaml", ModulePath: "github.com/streamc/streamc"})
	if err != nil {
		t.Fatal(err)
	}
	invoice := repo.Schemas["invoice"].Type
	rec := exprRecord()
	consoleRec := consoleRecord()
	in := plan.Input{
		SpecFile: "pipelines.yaml", OutDir: "generated",
		ImportPath: "github.com/streamc/streamc/templates/internal/querygen/" + buildRoot + "/generated",
		Apps: []plan.AppInput{
			{Name: "invoices", Queries: []*ir.Query{notifyQuery(invoice), flattenQuery(invoice)},
				Schemas: []plan.SchemaInput{{Name: "invoice", Source: "schemas/invoice.spark.json", Type: invoice, CorruptColumn: "_corrupt_record"}}},
			{Name: "exprs", Queries: exprQueries(rec),
				Schemas: []plan.SchemaInput{{Name: "rec", Source: "pipelines.yaml", Type: rec, CorruptColumn: "_corrupt_record"}}},
			{Name: "console", Queries: []*ir.Query{consoleQuery(consoleRec)},
				Schemas: []plan.SchemaInput{{Name: "crec", Source: "pipelines.yaml", Type: consoleRec}}},
		},
	}
	p, err := plan.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(buildRoot); err != nil {
		t.Fatal(err)
	}
	fixtures, err := filepath.Abs("../../../schemas/fixtures")
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	for _, pkg := range p.Packages {
		dir := filepath.Join(buildRoot, pkg.Dir)
		files := map[string]*jen.File{"doc.go": typesgen.GenDoc(pkg)}
		for _, r := range pkg.Records {
			files[r.FileBase+".go"] = typesgen.GenRecord(pkg, r)
			if r.JSON {
				files[r.FileBase+"_json.go"] = jsongen.Gen(pkg, r)
			}
			if r.CSV {
				files[r.FileBase+"_csv.go"] = csvgen.Gen(pkg, r)
			}
		}
		for _, q := range pkg.Queries {
			f, err := querygen.Gen(q)
			if err != nil {
				t.Fatal(err)
			}
			files[q.FileBase+".go"] = f
		}
		for name, f := range files {
			out, err := genutil.Render(f, name)
			if err != nil {
				t.Fatal(err)
			}
			if f2 := regen(pkg, name); f2 != nil {
				if again, err := genutil.Render(f2, name); err != nil || string(again) != string(out) {
					t.Errorf("%s: output is not deterministic", name)
				}
			}
			checkClean(t, name, out)
			write(t, filepath.Join(dir, name), out)
		}
		test, err := os.ReadFile(filepath.Join("testdata", pkg.Name+"_test.go"))
		if err != nil {
			t.Fatal(err)
		}
		test = []byte(strings.ReplaceAll(string(test), "FIXTURES_DIR", filepath.ToSlash(fixtures)))
		write(t, filepath.Join(dir, "querygen_test.go"), test)
		pkgs = append(pkgs, "./"+filepath.ToSlash(dir))
	}
	args := append([]string{"test", "-count=1", "-bench=.", "-benchtime=200x", "-benchmem"}, pkgs...)
	cmd := exec.Command("go", args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	t.Logf("%s", out)
}

// regen generates a query file a second time, to check determinism.
func regen(pkg *plan.Package, name string) *jen.File {
	for _, q := range pkg.Queries {
		if q.FileBase+".go" == name {
			f, err := querygen.Gen(q)
			if err != nil {
				return nil
			}
			return f
		}
	}
	return nil
}

// checkClean rejects what generated code must never use.
func checkClean(t *testing.T, name string, src []byte) {
	for _, banned := range []string{`"reflect"`, `"encoding/json"`, "map[string]any", "interface{}"} {
		if strings.Contains(string(src), banned) && strings.HasSuffix(name, "_query.go") {
			t.Errorf("%s uses %s", name, banned)
		}
	}
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
