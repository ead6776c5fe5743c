package avroconf_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/streamc/streamc/gen/avroconf"
	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/plan"
	"github.com/streamc/streamc/templates"
)

const (
	// buildRoot holds the generated package; go builds it by directory
	// although testdata keeps it out of ./... (and git ignores it).
	buildRoot  = "testdata/_build"
	importRoot = "github.com/streamc/streamc/gen/avroconf/" + buildRoot
	app        = "conf"
)

// extraVectors are vectors in the same format for shapes of the generated
// codecs that the reference vectors do not reach; testdata/make_extra.py made
// them with the reference vectors' primary implementation.
const extraVectors = "testdata/extra.jsonl"

// TestGeneratedDecoders generates one record per vector (see the package
// comment), builds the package with a test that decodes each vector's datum
// with the generated DecodeAvro, runs it, and checks that every vector
// passes.
func TestGeneratedDecoders(t *testing.T) {
	sources := []string{extraVectors}
	if p := os.Getenv(avroconf.VectorsEnv); p != "" {
		sources = append([]string{p}, sources...)
	} else {
		sources = append([]string{avroconf.DefaultVectors}, sources...)
	}
	// One file for the generated test, numbered as loaded here.
	var all []byte
	for _, p := range sources {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, b...)
		if len(b) > 0 && b[len(b)-1] != '\n' {
			all = append(all, '\n')
		}
	}
	combined := filepath.Join(t.TempDir(), "vectors.jsonl")
	writeFile(t, combined, all)
	vectors, err := avroconf.Load(combined)
	if err != nil {
		t.Fatal(err)
	}
	source := map[string]string{}
	for _, p := range sources {
		vs, err := avroconf.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vs {
			source[v.Name] = filepath.Base(p)
		}
	}
	files, cases, unbuilt := generate(t, vectors)

	env := append(os.Environ(), avroconf.VectorsEnv+"="+combined)
	results, out, runErr := buildAndRun(t, files, cases, unbuilt, env)
	byName := map[string]avroconf.Result{}
	for _, r := range results {
		byName[r.Vector] = r
	}

	type tally struct{ decPass, decFail, rtPass, rtFail int }
	tallies := map[string]*tally{}
	for _, v := range vectors {
		src := source[v.Name]
		if tallies[src] == nil {
			tallies[src] = &tally{}
		}
		n := tallies[src]
		why, notBuilt := unbuilt[v.Name]
		r, reported := byName[v.Name]
		switch {
		case notBuilt || !reported || r.Decode != "":
			n.decFail++
		case r.RoundTrip != "":
			n.decPass++
			n.rtFail++
		default:
			n.decPass++
			if v.Error == nil {
				n.rtPass++
			}
		}
		t.Run(v.Name, func(t *testing.T) {
			if v.Note != "" {
				t.Logf("note: %s", v.Note)
			}
			switch {
			case notBuilt:
				t.Fatalf("no generated decoder: %s", why)
			case !reported:
				t.Fatal("the generated test reported nothing")
			}
			if r.Decode != "" {
				t.Error(r.Decode)
			}
			if r.RoundTrip != "" {
				t.Error("round trip: " + r.RoundTrip)
			}
		})
	}
	for _, p := range sources {
		src := filepath.Base(p)
		n := tallies[src]
		if n == nil {
			continue
		}
		summary := fmt.Sprintf("%s (generated decoders): %d passed, %d failed\n"+
			"%s (generated encoders, decoded again): %d passed, %d failed",
			src, n.decPass, n.decFail, src, n.rtPass, n.rtFail)
		t.Log(summary)
		fmt.Println(summary)
	}
	if runErr != nil && !t.Failed() {
		t.Fatalf("go test of the generated package: %v\n%s", runErr, out)
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
			unbuilt[v.Name] = "internal/compiler/schema: " + err.Error()
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
	render := func(f templates.File) error {
		jf, err := f.Build()
		if err != nil {
			return err
		}
		b, err := templates.Render(jf, f.Path)
		if err == nil {
			files[f.Path] = b
		}
		return err
	}
	if err := render(templates.DocFile(pkg)); err != nil {
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
		cases = append(cases, caseSpec{vector: v.Name, goName: r.GoName, fileBase: r.FileBase})
	}
	return files, cases, unbuilt
}

// emitRecord emits r's types and Avro codecs; an emitter that panics fails
// this record only.
func emitRecord(pkg *plan.Package, r *plan.Record, render func(templates.File) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("emitter panic: %v", p)
		}
	}()
	if err := plan.UseAvro(r); err != nil {
		return fmt.Errorf("plan.UseAvro: %w", err)
	}
	// The types and the Avro codecs: the JSON codec is not what is tested.
	for _, f := range templates.RecordFiles(pkg, r) {
		if name := path.Base(f.Path); name != r.Files.Type && name != r.Files.Avro {
			continue
		}
		if err := render(f); err != nil {
			return err
		}
	}
	return nil
}

type caseSpec struct {
	vector, goName, fileBase string
}

// buildAndRun writes the generated package and runs its test, which
// writes results. Records whose files do not compile are left out and the
// package is built again without them: each is a failed vector (in unbuilt,
// with the compiler's messages), not the end of the run.
func buildAndRun(t *testing.T, files map[string][]byte, cases []caseSpec, unbuilt map[string]string, env []string) ([]avroconf.Result, []byte, error) {
	t.Helper()
	for {
		if err := os.RemoveAll(buildRoot); err != nil {
			t.Fatal(err)
		}
		dir := path.Join(buildRoot, app)
		for p, b := range files {
			writeFile(t, p, b)
		}
		writeFile(t, path.Join(dir, "vectors_test.go"), casesFile(t, cases))
		resultsPath := filepath.Join(t.TempDir(), "results.json")
		cmd := exec.Command("go", "test", "-count=1", "-run", "^TestVectors$", "./"+dir)
		cmd.Env = append(env, avroconf.ResultsEnv+"="+resultsPath)
		out, runErr := cmd.CombinedOutput()
		if data, err := os.ReadFile(resultsPath); err == nil {
			var results []avroconf.Result
			if err := json.Unmarshal(data, &results); err != nil {
				t.Fatal(err)
			}
			return results, out, runErr
		}
		// No results: find the records whose files the compiler named.
		bad := map[string][]string{}
		for _, m := range compileError.FindAllStringSubmatch(string(out), -1) {
			bad[m[1]] = append(bad[m[1]], m[0])
		}
		var kept []caseSpec
		for _, c := range cases {
			msgs, ok := bad[c.fileBase]
			if !ok {
				kept = append(kept, c)
				continue
			}
			unbuilt[c.vector] = "the generated code does not compile:\n" + strings.Join(msgs, "\n")
			delete(files, path.Join(dir, c.fileBase+".go"))
			delete(files, path.Join(dir, c.fileBase+"_avro.go"))
		}
		if len(kept) == len(cases) {
			t.Fatalf("go test ./%s: %v\n%s", dir, runErr, out)
		}
		cases = kept
	}
}

// compileError matches a compiler message about a record's file, giving
// the file's base name.
var compileError = regexp.MustCompile(`(?m)^\S*/` + app + `/(\w+?)(?:_avro)?\.go:\d+:\d+: .*$`)

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
