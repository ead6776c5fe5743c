package gen_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/streamc/streamc/gen"
	"github.com/streamc/streamc/gen/textdiff"
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
// diffed.
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
			pkgs = append(pkgs, runGolden(t, p, filepath.Join(buildRoot, name))...)
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

// runGolden checks one case and writes its output under buildDir; it returns
// the package directories to build (as ./ paths).
func runGolden(t *testing.T, archivePath, buildDir string) []string {
	data, err := os.ReadFile(archivePath)
	if err != nil {
		t.Fatal(err)
	}
	ar := parseTxtar(data)
	inputs := fstest.MapFS{}
	want := map[string][]byte{}
	tests := map[string][]byte{}
	var wantErr []byte
	hasErr := false
	for _, f := range ar.files {
		switch {
		case strings.HasPrefix(f.name, "want:"):
			want[strings.TrimPrefix(f.name, "want:")] = f.data
		case strings.HasPrefix(f.name, "test:"):
			tests[strings.TrimPrefix(f.name, "test:")] = f.data
		case f.name == "error":
			wantErr, hasErr = f.data, true
		default:
			inputs[f.name] = &fstest.MapFile{Data: f.data}
		}
	}
	modPath := "github.com/streamc/streamc/gen/" + filepath.ToSlash(buildDir)
	res, err := gen.Generate(context.Background(), gen.Config{FS: inputs, SpecFile: "pipelines.yaml", ModulePath: modPath})
	if hasErr || err != nil {
		got := ""
		if err != nil {
			got = err.Error() + "\n"
		}
		if *update {
			ar.set("error", []byte(got))
			writeTxtar(t, archivePath, ar)
			return nil
		}
		if got != string(wantErr) {
			t.Errorf("error:\n%s", textdiff.Unified("want", "got", wantErr, []byte(got)))
		}
		return nil
	}
	if *update {
		ar.replaceWants(res.Files)
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

func writeFile(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func writeTxtar(t *testing.T, p string, ar *txtar) {
	t.Helper()
	if err := os.WriteFile(p, ar.format(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// txtar is the archive format of golang.org/x/tools/txtar: a comment, then
// files introduced by "-- name --" lines.
type txtar struct {
	comment []byte
	files   []txtarFile
}

type txtarFile struct {
	name string
	data []byte
}

func parseTxtar(data []byte) *txtar {
	ar := &txtar{}
	var cur *txtarFile
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i+1], data[i+1:]
		} else {
			data = nil
		}
		trimmed := bytes.TrimRight(line, "\n")
		if bytes.HasPrefix(trimmed, []byte("-- ")) && bytes.HasSuffix(trimmed, []byte(" --")) && len(trimmed) > 6 {
			ar.files = append(ar.files, txtarFile{name: string(trimmed[3 : len(trimmed)-3])})
			cur = &ar.files[len(ar.files)-1]
			continue
		}
		if cur == nil {
			ar.comment = append(ar.comment, line...)
		} else {
			cur.data = append(cur.data, line...)
		}
	}
	return ar
}

func (ar *txtar) format() []byte {
	var b bytes.Buffer
	b.Write(ar.comment)
	for _, f := range ar.files {
		b.WriteString("-- " + f.name + " --\n")
		b.Write(f.data)
		if len(f.data) > 0 && f.data[len(f.data)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

func (ar *txtar) set(name string, data []byte) {
	for i := range ar.files {
		if ar.files[i].name == name {
			ar.files[i].data = data
			return
		}
	}
	ar.files = append(ar.files, txtarFile{name: name, data: data})
}

// replaceWants swaps every want: section for the given outputs, keeping
// inputs and tests in place.
func (ar *txtar) replaceWants(out map[string][]byte) {
	var kept []txtarFile
	for _, f := range ar.files {
		if !strings.HasPrefix(f.name, "want:") && f.name != "error" {
			kept = append(kept, f)
		}
	}
	var names []string
	for p := range out {
		names = append(names, p)
	}
	sort.Strings(names)
	for _, p := range names {
		kept = append(kept, txtarFile{name: "want:" + p, data: out[p]})
	}
	ar.files = kept
}
