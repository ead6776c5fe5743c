package demo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/runtime/sink/filesink"
)

func TestReadyAddr(t *testing.T) {
	addr, err := readyAddr(strings.NewReader("kafka 127.0.0.1:40123\nschema-registry http://127.0.0.1:40124\ntopic invoices 3\nready\n"))
	if err != nil || addr != "127.0.0.1:40123" {
		t.Errorf("readyAddr = %q, %v", addr, err)
	}
	for _, in := range []string{"kafka 127.0.0.1:1\n", "schema-registry http://x\nready\n", ""} {
		if addr, err := readyAddr(strings.NewReader(in)); err == nil {
			t.Errorf("readyAddr(%q) = %q, want an error", in, addr)
		}
	}
}

func TestProgressTotals(t *testing.T) {
	log := `{"time":"x","level":"INFO","msg":"query starting","query":"notify"}
{"level":"INFO","msg":"query progress","name":"flatten","batchId":0,"numInputRows":300,"sink":{"description":"file","numOutputRows":900}}
{"level":"INFO","msg":"query progress","name":"notify","batchId":0,"numInputRows":500,"sink":{"numOutputRows":500}}
not json
{"level":"INFO","msg":"query progress","name":"flatten","batchId":1,"numInputRows":200,"sink":{"numOutputRows":658}}
`
	tot, err := progressTotals(strings.NewReader(log))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tot.String(), "flatten 500 in -> 1558 out, notify 500 in -> 500 out"; got != want {
		t.Errorf("totals %q, want %q", got, want)
	}
}

func TestSameSorted(t *testing.T) {
	if err := sameSorted("rows", []string{"b", "a"}, []string{"a", "b"}, "f"); err != nil {
		t.Error(err)
	}
	err := sameSorted("rows", []string{"a", "c"}, []string{"a", "b"}, "f")
	if err == nil || !strings.Contains(err.Error(), "got: c") || !strings.Contains(err.Error(), "want: b") {
		t.Errorf("error %v", err)
	}
}

func writeFiles(t *testing.T, root string, files ...string) {
	t.Helper()
	for _, f := range files {
		p := filepath.Join(root, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// The output directory is made, cleared when it is the demo's, and
// refused when it holds someone else's files.
func TestPrepareOutput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo-output")
	if err := prepareOutput(dir); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, "output/part-0.json", "chk/notify/offsets/0")
	if err := prepareOutput(dir); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != markerFile {
		t.Errorf("after clearing, %s holds %v", dir, entries)
	}
	foreign := t.TempDir()
	writeFiles(t, foreign, "notes.txt")
	if err := prepareOutput(foreign); err == nil || !strings.Contains(err.Error(), "is not a demo output") {
		t.Errorf("a foreign directory: %v", err)
	}
	if _, err := os.Stat(filepath.Join(foreign, "notes.txt")); err != nil {
		t.Errorf("the foreign directory was touched: %v", err)
	}
}

// What a run left is found and described with the commands that read it.
func TestInspect(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo-output")
	writeFiles(t, dir, markerFile, "output/"+filesink.MetadataDir+"/0", "output/part-00000-0.json",
		"chk-point-dir/notify/metadata", "chk-point-dir/notify/offsets/0", "chk-point-dir/notify/commits/0", "chk-point-dir/notify/.lock",
		"chk-point-dir/flatten/metadata", "chk-point-dir/flatten/offsets/0", "chk-point-dir/flatten/commits/0", "chk-point-dir/flatten/sources/0/0")
	l, err := findOutputs(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	printInspect(&b, dir, "bin/streamc", l)
	want := strings.ReplaceAll(`
the app's working directory is kept in D/ (cleared by the next demo run):
  file sink   D/output/  (part files; manifest log in D/output/M/)
                bin/streamc files list D/output   # its committed files
                bin/streamc files cat D/output    # their rows
  checkpoint  D/chk-point-dir/flatten/
                D/chk-point-dir/flatten/commits/0
                D/chk-point-dir/flatten/metadata
                D/chk-point-dir/flatten/offsets/0
                D/chk-point-dir/flatten/sources/0/0
  checkpoint  D/chk-point-dir/notify/
                D/chk-point-dir/notify/commits/0
                D/chk-point-dir/notify/metadata
                D/chk-point-dir/notify/offsets/0
`, "D", dir)
	want = strings.ReplaceAll(want, "/M/", "/"+filesink.MetadataDir+"/")
	if b.String() != want {
		t.Errorf("inspect text\n got %s\nwant %s", b.String(), want)
	}
}
