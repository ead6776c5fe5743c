package gen_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/streamc/streamc/gen"
	"github.com/streamc/streamc/gen/internal/txtar"
	"github.com/streamc/streamc/internal/textdiff"
)

var update = flag.Bool("update", os.Getenv("STREAMC_GOLDEN_UPDATE") != "", "rewrite golden files")

// Golden cases live in testdata/golden/*.txtar:
//
//	-- pipelines.yaml --          inputs: the spec and its schemas
//	-- schemas/x.avsc --
//	-- want:generated/a/x.go --   every expected output, byte for byte
//	-- test:generated/a/x_test.go --  a behavioural test run against the output
//	-- error --                   or: the expected error text
//
// Every case's output is then built and its tests run, so no golden is only
// diffed. An error section is never empty: update mode refuses to record
// one for a spec that generates, and such a case fails until it is given
// want: sections by hand.
func TestGolden(t *testing.T) {
	paths, err := filepath.Glob("testdata/golden/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	buildRoot := filepath.Join("testdata", "_build")
	if err := os.RemoveAll(buildRoot); err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".txtar")
		t.Run(name, func(t *testing.T) {
			pkgs = append(pkgs, runGolden(t, p, filepath.Join(buildRoot, name), *update)...)
		})
	}
	if t.Failed() || len(pkgs) == 0 {
		return
	}
	t.Run("build-and-test", func(t *testing.T) {
		sort.Strings(pkgs)
		args := append([]string{"test", "-count=1"}, pkgs...)
		cmd := exec.Command("go", args...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		t.Logf("%s", out)
	})
}

// reporter is the part of *testing.T runGolden uses, so a test can watch
// what it reports.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
	Fatal(args ...any)
}

// runGolden checks one case (or, with update, rewrites its expectations)
// and writes its output under buildDir; it returns the package directories
// to build (as ./ paths).
func runGolden(t reporter, archivePath, buildDir string, update bool) []string {
	data, err := os.ReadFile(archivePath)
	if err != nil {
		t.Fatal(err)
	}
	ar := txtar.Parse(data)
	inputs := fstest.MapFS{}
	want := map[string][]byte{}
	tests := map[string][]byte{}
	var wantErr []byte
	hasErr := false
	for _, f := range ar.Files {
		switch {
		case strings.HasPrefix(f.Name, "want:"):
			want[strings.TrimPrefix(f.Name, "want:")] = f.Data
		case strings.HasPrefix(f.Name, "test:"):
			tests[strings.TrimPrefix(f.Name, "test:")] = f.Data
		case f.Name == "error":
			wantErr, hasErr = f.Data, true
		default:
			inputs[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	modPath := "github.com/streamc/streamc/gen/" + filepath.ToSlash(buildDir)
	res, err := gen.Generate(context.Background(), gen.Config{FS: inputs, SpecFile: "pipelines.yaml", ModulePath: modPath})
	if hasErr && err == nil {
		// An empty error section would make the case compare and build
		// nothing: a case that now generates is rewritten by hand.
		t.Errorf("%s: the error section expects a rejection, but the spec generates; replace it with want: sections", archivePath)
		return nil
	}
	if err != nil {
		got := err.Error() + "\n"
		if update {
			ar.Set("error", []byte(got))
			writeTxtar(t, archivePath, ar)
			return nil
		}
		if got != string(wantErr) {
			t.Errorf("error:\n%s", textdiff.Unified("want", "got", wantErr, []byte(got)))
		}
		return nil
	}
	if update {
		replaceWants(ar, res.Files)
		writeTxtar(t, archivePath, ar)
	} else {
		for _, p := range res.Paths() {
			w, ok := want[p]
			if !ok {
				t.Errorf("unexpected output %s (run with -update)", p)
				continue
			}
			if d := textdiff.Unified("want:"+p, "got:"+p, w, res.Files[p]); d != "" {
				t.Errorf("%s differs (run with -update):\n%s", p, d)
			}
		}
		for p := range want {
			if _, ok := res.Files[p]; !ok {
				t.Errorf("missing output %s", p)
			}
		}
	}
	dirs := map[string]bool{}
	for p, b := range res.Files {
		writeFile(t, filepath.Join(buildDir, p), b)
		dirs[filepath.Dir(p)] = true
	}
	for p, b := range tests {
		writeFile(t, filepath.Join(buildDir, p), b)
		dirs[filepath.Dir(p)] = true
	}
	var pkgs []string
	for d := range dirs {
		pkgs = append(pkgs, "./"+filepath.ToSlash(filepath.Join(buildDir, d)))
	}
	return pkgs
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

func writeTxtar(t reporter, p string, ar *txtar.Archive) {
	t.Helper()
	if err := os.WriteFile(p, ar.Format(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// replaceWants swaps every want: section for the given outputs, keeping
// inputs and tests in place.
func replaceWants(ar *txtar.Archive, out map[string][]byte) {
	var kept []txtar.File
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want:") && f.Name != "error" {
			kept = append(kept, f)
		}
	}
	var names []string
	for p := range out {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		kept = append(kept, txtar.File{Name: "want:" + p, Data: out[p]})
	}
	ar.Files = kept
}

// recorder is a reporter that keeps Errorf's messages.
type recorder struct {
	*testing.T
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// A case whose spec generates but which holds an error section (empty, as
// update mode once wrote it) must fail in both modes and never be
// rewritten: otherwise it compares and builds nothing from then on.
func TestGoldenRefusesEmptyErrorSection(t *testing.T) {
	archive := []byte(`A spec that generates.
-- pipelines.yaml --
version: "1"
schemas:
  reading: {ddl: "Meter STRING"}
apps:
  meter:
    queries:
      q:
        readStream:
          format: kafka
          options: {subscribe: t}
          value: {format: json, schema: reading}
        transform:
          - selectExpr: ["value.Meter AS value"]
        writeStream:
          format: kafka
          options: {topic: out, checkpointLocation: chk}
-- error --
`)
	for _, update := range []bool{false, true} {
		dir := t.TempDir()
		p := filepath.Join(dir, "case.txtar")
		if err := os.WriteFile(p, archive, 0o644); err != nil {
			t.Fatal(err)
		}
		r := &recorder{T: t}
		pkgs := runGolden(r, p, filepath.Join(dir, "build"), update)
		if len(r.errs) == 0 {
			t.Errorf("update=%v: no error reported for a generating spec with an error section", update)
		}
		if len(pkgs) != 0 {
			t.Errorf("update=%v: packages to build %v, want none until the case is fixed", update, pkgs)
		}
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, archive) {
			t.Errorf("update=%v: the case was rewritten:\n%s", update, got)
		}
	}
}
