package gen_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/streamc/streamc/gen"
	"github.com/streamc/streamc/gen/internal/txtar"
	"github.com/streamc/streamc/internal/compiler/check"
	"github.com/streamc/streamc/internal/ir"
)

// irSpecs are specs that generate: the repo's, the examples' and the
// golden cases that are not rejections, each as the FS rooted at its
// directory.
func irSpecs(t *testing.T) map[string]fs.FS {
	t.Helper()
	specs := map[string]fs.FS{"pipelines.yaml": os.DirFS("..")}
	dirs, err := filepath.Glob("../examples/*/pipelines.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range dirs {
		specs[p] = os.DirFS(filepath.Dir(p))
	}
	goldens, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range goldens {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		inputs := fstest.MapFS{}
		rejected := false
		for _, f := range txtar.Parse(data).Files {
			switch {
			case f.Name == "error":
				rejected = true
			case !strings.Contains(f.Name, ":"):
				inputs[f.Name] = &fstest.MapFile{Data: f.Data}
			}
		}
		if !rejected {
			specs[p] = inputs
		}
	}
	// A struct read from a Spark schema and written as Avro: the checker
	// gives the written type the .avsc's Avro shape.
	specs["spark-struct-as-avro"] = fstest.MapFS{
		"pipelines.yaml": {Data: []byte(`version: "1"
kafka: {bootstrap.servers: localhost:9092}
schemas:
  reading: {ddl: "deviceId STRING, speed DOUBLE"}
  out: schemas/out.avsc
apps:
  a:
    queries:
      q:
        readStream:
          format: kafka
          options: {subscribe: in}
          value: {format: json, schema: reading}
        transform:
          - select: [value]
        writeStream:
          format: kafka
          options: {topic: out, checkpointLocation: chk/q}
          value: {format: avro, schema: out}
`)},
		"schemas/out.avsc": {Data: []byte(`{"type": "record", "name": "Reading", "namespace": "t", "fields": [
  {"name": "deviceId", "type": ["null", "string"]},
  {"name": "speed", "type": ["null", "double"]}]}
`)},
	}
	return specs
}

func dumpIR(t *testing.T, r *ir.Result) string {
	t.Helper()
	var b bytes.Buffer
	if err := ir.Dump(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// `streamc check --dump-ir` of the repo's spec, as a golden: a change to
// what the front end hands the back end shows here first.
func TestDumpIRGolden(t *testing.T) {
	c, err := gen.Load(context.Background(), gen.Config{FS: os.DirFS(".."), SpecFile: "pipelines.yaml", ModulePath: "github.com/streamc/streamc"})
	if err != nil {
		t.Fatal(err)
	}
	got := dumpIR(t, c.Queries)
	golden := filepath.Join("testdata", "ir", "pipelines.ir")
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("IR of pipelines.yaml differs from %s (go test -update rewrites it):\n%s", golden, lineDiff(string(want), got))
	}
	if again := dumpIR(t, c.Queries); again != got {
		t.Error("dumping the IR twice gave different text")
	}
}

// No phase writes into another's output: checking leaves the loaded
// schemas as they were, planning and emitting leave the checked IR as the
// checker made it, and emitting twice from one checked result gives the
// same bytes.
func TestPhasesDoNotMutate(t *testing.T) {
	for name, fsys := range irSpecs(t) {
		t.Run(name, func(t *testing.T) {
			cfg := gen.Config{FS: fsys, SpecFile: "pipelines.yaml", ModulePath: "example.com/m"}

			s, schemas, err := gen.LoadSchemas(cfg)
			if err != nil {
				t.Fatal(err)
			}
			types := map[string]*ir.Type{}
			for n, sc := range schemas {
				types[n] = sc.Type
			}
			before := dumpIR(t, &ir.Result{Schemas: types})
			checked, err := check.Check(s, schemas)
			if err != nil {
				t.Fatal(err)
			}
			unplanned := dumpIR(t, checked)
			if after := dumpIR(t, &ir.Result{Schemas: types}); after != before {
				t.Errorf("checking changed the loaded schemas:\n%s", lineDiff(before, after))
			}

			c, err := gen.Load(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			planned := dumpIR(t, c.Queries)
			if planned != unplanned {
				t.Errorf("planning changed the checked IR:\n%s", lineDiff(unplanned, planned))
			}
			first, err := gen.Emit(context.Background(), c)
			if err != nil {
				t.Fatal(err)
			}
			second, err := gen.Emit(context.Background(), c)
			if err != nil {
				t.Fatal(err)
			}
			if after := dumpIR(t, c.Queries); after != planned {
				t.Errorf("emitting changed the checked IR:\n%s", lineDiff(planned, after))
			}
			if len(first.Files) != len(second.Files) {
				t.Fatalf("emitting twice gave %d and %d files", len(first.Files), len(second.Files))
			}
			for p, b := range first.Files {
				if !bytes.Equal(b, second.Files[p]) {
					t.Errorf("emitting twice gave two versions of %s", p)
				}
			}
		})
	}
}

// lineDiff lists the lines of b that a does not have at the same place.
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out strings.Builder
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			out.WriteString("- " + x + "\n+ " + y + "\n")
		}
	}
	return out.String()
}
