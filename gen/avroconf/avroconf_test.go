package avroconf_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/gen/avroconf"
	"github.com/streamc/streamc/gen/plan"
	"github.com/streamc/streamc/gen/schema"
	"github.com/streamc/streamc/templates/avrogen"
	"github.com/streamc/streamc/templates/genutil"
	"github.com/streamc/streamc/templates/typesgen"
)

const (
	// buildRoot holds the generated package; go builds it by directory
	// although testdata keeps it out of ./... (and git ignores it).
	buildRoot  = "testdata/_build"
	importRoot = "github.com/streamc/streamc/gen/avroconf/" + buildRoot
	app        = "conf"
)

// TestGeneratedDecoders generates one record per vector (see the package
// comment), builds the package with a test that decodes each vector's datum
// with the generated DecodeAvro, runs it, and checks that every vector
// passes.
func TestGeneratedDecoders(t *testing.T) {
	vectorsPath := os.Getenv(avroconf.VectorsEnv)
	if vectorsPath == "" {
		vectorsPath = avroconf.DefaultVectors
		if _, err := os.Stat(vectorsPath); errors.Is(err, os.ErrNotExist) {
			t.Skipf("no vectors at %s (set %s)", vectorsPath, avroconf.VectorsEnv)
		}
	}
	vectorsPath, err := filepath.Abs(vectorsPath)
	if err != nil {
		t.Fatal(err)
	}
	vectors, err := avroconf.Load(vectorsPath)
	if err != nil {
		t.Fatal(err)
	}
	files, cases, unbuilt := generate(t, vectors)

	if err := os.RemoveAll(buildRoot); err != nil {
		t.Fatal(err)
	}
	var dir string
	for p, b := range files {
		dir = filepath.Dir(p)
		writeFile(t, p, b)
	}
	writeFile(t, filepath.Join(dir, "vectors_test.go"), casesFile(t, cases))

	resultsPath := filepath.Join(t.TempDir(), "results.json")
	cmd := exec.Command("go", "test", "-count=1", "-run", "^TestVectors$", "./"+filepath.ToSlash(dir))
	cmd.Env = append(os.Environ(), avroconf.VectorsEnv+"="+vectorsPath, avroconf.ResultsEnv+"="+resultsPath)
	out, runErr := cmd.CombinedOutput()
	data, err := os.ReadFile(resultsPath)
	if err != nil {
		// No results: the generated package did not build (or the run
		// broke down), which the output shows.
		t.Fatalf("go test ./%s: %v (%v)\n%s", dir, runErr, err, out)
	}
	var results []avroconf.Result
	if err := json.Unmarshal(data, &results); err != nil {
		t.Fatal(err)
	}
	byName := map[string]avroconf.Result{}
	for _, r := range results {
		byName[r.Vector] = r
	}

	var decPass, decFail, rtPass, rtFail int
	for _, v := range vectors {
		ok := t.Run(v.Name, func(t *testing.T) {
			if v.Note != "" {
				t.Logf("note: %s", v.Note)
			}
			if why, ok := unbuilt[v.Name]; ok {
				t.Fatalf("no generated decoder: %s", why)
			}
			r, ok := byName[v.Name]
			if !ok {
				t.Fatal("the generated test reported nothing")
			}
			if r.Decode != "" {
				t.Error(r.Decode)
			}
			if r.RoundTrip != "" {
				rtFail++
				t.Error("round trip: " + r.RoundTrip)
			} else if r.Decode == "" && v.Error == nil {
				rtPass++
			}
		})
		if _, built := unbuilt[v.Name]; !built && byName[v.Name].Decode == "" && byName[v.Name].Vector != "" {
			decPass++
		} else {
			decFail++
		}
		_ = ok
	}
	summary := fmt.Sprintf("avro.jsonl (generated decoders): %d passed, %d failed\n"+
		"avro.jsonl (generated encoders, decoded again): %d passed, %d failed", decPass, decFail, rtPass, rtFail)
	t.Log(summary)
	fmt.Println(summary)
	if runErr != nil && !t.Failed() {
		t.Fatalf("go test ./%s: %v\n%s", dir, runErr, out)
	}
}

// generate plans one package with a wrapper record per vector and emits its
// types and Avro codecs as gen's emitter does (no JSON or CSV codecs). It
// returns the files by path, the cases of the records it made, and why it
// made none for the other vectors.
func generate(t *testing.T, vectors []*avroconf.Vector) (map[string][]byte, []caseSpec, map[string]string) {
	t.Helper()
	unbuilt := map[string]string{}
	in := plan.AppInput{Name: app}
	byType := map[*schema.Type]*avroconf.Vector{}
	for _, v := range vectors {
		file := v.Namespace() + ".avsc"
		typ, err := schema.ParseAvroSchema(file, []byte(v.Wrap(v.Reader())))
		if err != nil {
			unbuilt[v.Name] = "gen/schema: " + err.Error()
			continue
		}
		byType[typ] = v
		in.Schemas = append(in.Schemas, plan.SchemaInput{Name: v.RecordName(), Source: file, Type: typ})
	}
	p, err := plan.Build(plan.Input{SpecFile: "avro.jsonl", OutDir: buildRoot, ImportPath: importRoot, Apps: []plan.AppInput{in}})
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	if len(p.Packages) != 1 {
		t.Fatalf("plan made %d packages, want 1", len(p.Packages))
	}
	pkg := p.Packages[0]
	files := map[string][]byte{}
	render := func(name string, f *jen.File) error {
		b, err := genutil.Render(f, path.Join(pkg.Dir, name))
		if err == nil {
			files[path.Join(pkg.Dir, name)] = b
		}
		return err
	}
	if err := render("doc.go", typesgen.GenDoc(pkg)); err != nil {
		t.Fatal(err)
	}
	var cases []caseSpec
	for _, r := range pkg.Records {
		v := byType[r.Type]
		if v == nil {
			t.Fatalf("record %s is no vector's", r.GoName)
		}
		if err := emitRecord(pkg, r, render); err != nil {
			unbuilt[v.Name] = err.Error()
			continue
		}
		cases = append(cases, caseSpec{vector: v.Name, goName: r.GoName})
	}
	return files, cases, unbuilt
}

// emitRecord emits r's types and Avro codecs; an emitter that panics fails
// this record only.
func emitRecord(pkg *plan.Package, r *plan.Record, render func(string, *jen.File) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("emitter panic: %v", p)
		}
	}()
	if err := plan.UseAvro(r); err != nil {
		return fmt.Errorf("plan.UseAvro: %w", err)
	}
	types, avro := typesgen.GenRecord(pkg, r), avrogen.Gen(pkg, r)
	if err := render(r.FileBase+".go", types); err != nil {
		return err
	}
	return render(r.FileBase+"_avro.go", avro)
}

type caseSpec struct {
	vector, goName string
}

// casesFile is the generated package's test: a Case per record.
func casesFile(t *testing.T, cases []caseSpec) []byte {
	t.Helper()
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by gen/avroconf's test. DO NOT EDIT.\n\npackage %s\n\n", app)
	b.WriteString("import (\n\t\"testing\"\n\n\t\"github.com/streamc/streamc/gen/avroconf\"\n)\n\n")
	b.WriteString("var cases = []avroconf.Case{\n")
	for _, c := range cases {
		fmt.Fprintf(&b, "\t{Vector: %s, Schema: %sAvroSchema, New: func() avroconf.Record { return new(%s) }},\n",
			strconv.Quote(c.vector), c.goName, c.goName)
	}
	b.WriteString("}\n\nfunc TestVectors(t *testing.T) { avroconf.Run(t, cases) }\n")
	out, err := format.Source(b.Bytes())
	if err != nil {
		t.Fatalf("vectors_test.go: %v\n%s", err, b.Bytes())
	}
	return out
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

var _ = strings.TrimSpace
