package filesink

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/streamc/streamc/internal/runtime/sink"
)

var ctx = context.Background()

func newSink(t *testing.T, dir string, opts Options) *Sink {
	t.Helper()
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s, err := New(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// writeTask writes rows as task's share of batch and closes the writer.
func writeTask(t *testing.T, s *Sink, batch int64, task sink.Task, rows ...string) {
	t.Helper()
	if err := writeRows(s, batch, task, rows...); err != nil {
		t.Fatal(err)
	}
}

func writeRows(s *Sink, batch int64, task sink.Task, rows ...string) error {
	w, err := s.Open(ctx, batch, task)
	if err != nil {
		return err
	}
	for _, r := range rows {
		buf := []byte(r)
		if err := w.Write(ctx, &sink.Message{Value: buf, Partition: -1}); err != nil {
			return err
		}
		copy(buf, strings.Repeat("X", len(buf))) // callers reuse buffers
	}
	return w.Close(ctx)
}

func commit(t *testing.T, s *Sink, batch int64) {
	t.Helper()
	if err := s.Commit(ctx, batch); err != nil {
		t.Fatal(err)
	}
}

func readAll(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	if err := ReadLines(dir, func(l []byte) error { out = append(out, string(l)); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func names(files []File) []string {
	var out []string
	for _, f := range files {
		out = append(out, fmt.Sprintf("%d:%s", f.Batch, f.Name))
	}
	return out
}

var (
	p0 = sink.Task{Topic: "invoices", Partition: 0}
	p1 = sink.Task{Topic: "invoices", Partition: 1}
	p2 = sink.Task{Topic: "invoices", Partition: 2}
)

// wantEntry is the log line Spark writes for a committed file.
func wantEntry(t *testing.T, path string, size int64) string {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf(`{"path":"file://%s","size":%d,"isDir":false,"modificationTime":%d,"blockReplication":1,"blockSize":33554432,"action":"add"}`,
		path, size, fi.ModTime().UnixMilli())
}

func TestWriteCommitList(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	s := newSink(t, dir, Options{})
	writeTask(t, s, 0, p0, `{"a":1}`, `{"a":2}`)
	writeTask(t, s, 0, p1, `{"a":3}`)
	writeTask(t, s, 0, p2) // empty: no file
	commit(t, s, 0)
	writeTask(t, s, 1, p1, `{"a":4}`)
	commit(t, s, 1)
	commit(t, s, 2) // a batch without rows

	files, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"0:part-00000-invoices-0.json", "0:part-00000-invoices-1.json", "1:part-00001-invoices-1.json"}
	if got := names(files); !slices.Equal(got, want) {
		t.Errorf("List = %v, want %v", got, want)
	}
	f := files[0]
	content := "{\"a\":1}\n{\"a\":2}\n"
	fi, _ := os.Stat(f.Path)
	if f.Path != filepath.Join(dir, f.Name) || f.Size != int64(len(content)) || f.ModTime != fi.ModTime().UnixMilli() {
		t.Errorf("files[0] = %+v", f)
	}
	if got := readAll(t, dir); !slices.Equal(got, []string{`{"a":1}`, `{"a":2}`, `{"a":3}`, `{"a":4}`}) {
		t.Errorf("ReadLines = %v", got)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "part-00000-invoices-0.json")); string(b) != content {
		t.Errorf("part file %q", b)
	}
	// Spark's _spark_metadata/0, byte for byte: "v1", then one
	// SinkFileStatus per file, no final newline.
	m, err := os.ReadFile(filepath.Join(dir, "_spark_metadata", "0"))
	if err != nil {
		t.Fatal(err)
	}
	wantM := "v1\n" + wantEntry(t, files[0].Path, 16) + "\n" + wantEntry(t, files[1].Path, 8)
	if string(m) != wantM {
		t.Errorf("manifest:\n got %s\nwant %s", m, wantM)
	}
	if m, _ := os.ReadFile(filepath.Join(dir, "_spark_metadata", "2")); string(m) != "v1" {
		t.Errorf("empty batch manifest %q", m)
	}
	assertNoTemps(t, dir)
}

// A relative output path is taken from the working directory: the log
// holds absolute file: URIs, as Spark's does.
func TestRelativePath(t *testing.T) {
	t.Chdir(t.TempDir())
	s := newSink(t, "rel out", Options{})
	writeTask(t, s, 0, p0, "x")
	commit(t, s, 0)
	wd, _ := os.Getwd()
	m, _ := os.ReadFile(filepath.Join("rel out", MetadataDir, "0"))
	if want := `"path":"file://` + filepath.ToSlash(wd) + `/rel%20out/part-00000-invoices-0.json"`; !strings.Contains(string(m), want) {
		t.Errorf("manifest %s\nwant it to contain %s", m, want)
	}
	if got := readAll(t, "rel out"); !slices.Equal(got, []string{"x"}) {
		t.Errorf("ReadLines = %v", got)
	}
}

func TestCSVHeaderAndSeparator(t *testing.T) {
	dir := t.TempDir()
	s := newSink(t, dir, Options{Format: "csv", Header: []byte("id,name"), LineSep: "\r\n"})
	writeTask(t, s, 12, sink.Task{Topic: "a/b c", Partition: 3}, "1,x", "2,\"y\"")
	commit(t, s, 12)
	name := "part-00012-a_b_c-3.csv"
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil || string(b) != "id,name\r\n1,x\r\n2,\"y\"\r\n" {
		t.Fatalf("part file %q %v", b, err)
	}
	files, _ := List(dir)
	if len(files) != 1 || files[0].Size != int64(len(b)) {
		t.Errorf("List = %+v", files)
	}
	var got []string
	err = ReadLinesWith(dir, ReadOptions{Header: true, LineSep: "\r\n"}, func(l []byte) error { got = append(got, string(l)); return nil })
	if err != nil || !slices.Equal(got, []string{"1,x", `2,"y"`}) {
		t.Errorf("ReadLinesWith = %q, %v", got, err)
	}
}

func TestBadOptions(t *testing.T) {
	for _, o := range []Options{{Format: "parquet"}, {Format: "json", Header: []byte("h")}} {
		if _, err := New(t.TempDir(), o); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
}

// The process dies after some tasks of batch 1 wrote (one of them midway),
// before Commit. A new sink replays batch 1 with the same rows: no row is
// lost or doubled, and no leftover survives.
func TestCrashBeforeCommitThenReplay(t *testing.T) {
	dir := t.TempDir()
	s1 := newSink(t, dir, Options{})
	writeTask(t, s1, 0, p0, "a0")
	commit(t, s1, 0)
	writeTask(t, s1, 1, p0, "b0", "b1")
	writeTask(t, s1, 1, p2, "stale row of a task the replay finds empty")
	w, _ := s1.Open(ctx, 1, p1)
	w.Write(ctx, &sink.Message{Value: []byte("half")}) // never closed: the crash
	if _, err := os.Stat(filepath.Join(dir, ".part-00001-invoices-1.json.tmp")); err != nil {
		t.Fatalf("temporary file: %v", err)
	}
	// Before the replay, readers see batch 0 only.
	if got := readAll(t, dir); !slices.Equal(got, []string{"a0"}) {
		t.Fatalf("before replay: %v", got)
	}

	s2 := newSink(t, dir, Options{})
	writeTask(t, s2, 1, p0, "b0", "b1")
	writeTask(t, s2, 1, p1, "c0")
	writeTask(t, s2, 1, p2)
	commit(t, s2, 1)
	if got := readAll(t, dir); !slices.Equal(got, []string{"a0", "b0", "b1", "c0"}) {
		t.Errorf("after replay: %v", got)
	}
	entries, _ := os.ReadDir(dir)
	var onDisk []string
	for _, e := range entries {
		onDisk = append(onDisk, e.Name())
	}
	want := []string{MetadataDir, "part-00000-invoices-0.json", "part-00001-invoices-0.json", "part-00001-invoices-1.json"}
	if !slices.Equal(onDisk, want) {
		t.Errorf("directory = %v, want %v", onDisk, want)
	}
}

// The process dies after the sink committed batch 1 but before the
// checkpoint did; the engine replays batch 1. Nothing is written twice and
// the committed files are not touched.
func TestReplayOfCommittedBatch(t *testing.T) {
	dir := t.TempDir()
	s1 := newSink(t, dir, Options{})
	writeTask(t, s1, 1, p0, "x", "y")
	commit(t, s1, 1)
	before, _ := os.Stat(filepath.Join(dir, "part-00001-invoices-0.json"))
	manifest, _ := os.ReadFile(filepath.Join(dir, MetadataDir, "1"))

	s2 := newSink(t, dir, Options{})
	writeTask(t, s2, 1, p0, "x", "y")
	writeTask(t, s2, 1, p1, "z")
	commit(t, s2, 1)
	commit(t, s2, 1)
	if got := readAll(t, dir); !slices.Equal(got, []string{"x", "y"}) {
		t.Errorf("ReadLines = %v", got)
	}
	after, _ := os.Stat(filepath.Join(dir, "part-00001-invoices-0.json"))
	if !os.SameFile(before, after) {
		t.Error("committed part file was rewritten")
	}
	if m, _ := os.ReadFile(filepath.Join(dir, MetadataDir, "1")); string(m) != string(manifest) {
		t.Errorf("manifest changed: %q", m)
	}
	if _, err := os.Stat(filepath.Join(dir, "part-00001-invoices-1.json")); !os.IsNotExist(err) {
		t.Errorf("replay of a committed batch wrote a file: %v", err)
	}
}

// A batch replayed in the same process (after a failed attempt) overwrites
// its files and lists each once.
func TestReplayInProcessOverwrites(t *testing.T) {
	dir := t.TempDir()
	s := newSink(t, dir, Options{})
	writeTask(t, s, 3, p0, "old")
	w, _ := s.Open(ctx, 3, p1)
	w.Write(ctx, &sink.Message{Value: []byte("aborted")})
	w.Abort()
	writeTask(t, s, 3, p0, "new1", "new2")
	writeTask(t, s, 3, p1, "p1")
	commit(t, s, 3)
	files, _ := List(dir)
	if got := names(files); !slices.Equal(got, []string{"3:part-00003-invoices-0.json", "3:part-00003-invoices-1.json"}) {
		t.Errorf("List = %v", got)
	}
	if got := readAll(t, dir); !slices.Equal(got, []string{"new1", "new2", "p1"}) {
		t.Errorf("ReadLines = %v", got)
	}
	assertNoTemps(t, dir)
}

func TestListIgnoresUncommittedAndTemps(t *testing.T) {
	dir := t.TempDir()
	s := newSink(t, dir, Options{})
	writeTask(t, s, 0, p0, "committed")
	commit(t, s, 0)
	writeTask(t, s, 1, p0, "uncommitted")
	for _, f := range []string{".part-00002-invoices-0.json.tmp", "part-00009-invoices-0.json",
		filepath.Join(MetadataDir, ".1.123.tmp"), filepath.Join(MetadataDir, "1.compact.tmp"), filepath.Join(MetadataDir, "notes")} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("junk\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := List(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(files); !slices.Equal(got, []string{"0:part-00000-invoices-0.json"}) {
		t.Errorf("List = %v", got)
	}
	if got := readAll(t, dir); !slices.Equal(got, []string{"committed"}) {
		t.Errorf("ReadLines = %v", got)
	}
}

func TestConcurrentTasks(t *testing.T) {
	dir := t.TempDir()
	s := newSink(t, dir, Options{})
	const tasks, rows = 8, 500
	for batch := range int64(3) {
		var wg sync.WaitGroup
		for p := range int32(tasks) {
			wg.Go(func() {
				var r []string
				for i := range rows {
					r = append(r, fmt.Sprintf("%d-%d-%d", batch, p, i))
				}
				if err := writeRows(s, batch, sink.Task{Topic: "t", Partition: p}, r...); err != nil {
					t.Error(err) // not Fatal: this is not the test's goroutine
				}
			})
		}
		wg.Wait()
		commit(t, s, batch)
	}
	files, _ := List(dir)
	if len(files) != 3*tasks {
		t.Fatalf("%d files", len(files))
	}
	seen := map[string]bool{}
	for _, l := range readAll(t, dir) {
		if seen[l] {
			t.Fatalf("duplicate %s", l)
		}
		seen[l] = true
	}
	if len(seen) != 3*tasks*rows {
		t.Errorf("%d rows, want %d", len(seen), 3*tasks*rows)
	}
}

func TestReadLinesDetectsDamage(t *testing.T) {
	dir := t.TempDir()
	s := newSink(t, dir, Options{})
	writeTask(t, s, 0, p0, "abc", "def")
	commit(t, s, 0)
	part := filepath.Join(dir, "part-00000-invoices-0.json")

	os.WriteFile(part, []byte("abc\n"), 0o644)
	err := ReadLines(dir, func([]byte) error { return nil })
	if want := "filesink: " + part + " has 4 bytes, its manifest says 8 (truncated or replaced?)"; err == nil || err.Error() != want {
		t.Errorf("truncated file: %v", err)
	}
	os.Remove(part)
	if err := ReadLines(dir, func([]byte) error { return nil }); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	stop := errors.New("stop")
	os.WriteFile(part, []byte("abc\ndef\n"), 0o644)
	if err := ReadLines(dir, func([]byte) error { return stop }); err != stop {
		t.Errorf("fn error: %v", err)
	}
}

func TestCorruptManifest(t *testing.T) {
	for _, tc := range []struct{ content, want string }{
		{"", "empty file (Spark: incomplete log file)"},
		{"v2\n", `line 1: log version "v2", want "v1"`},
		{"v1\n{\"path\":\"file:///p\",\"size\":1", "line 2: unexpected EOF"},
		{"v1\nnull", "line 2: want a JSON object"},
		{"v1\n{\"path\":\"hdfs://nn/out/p\",\"size\":1,\"action\":\"add\"}", `line 2: path "hdfs://nn/out/p" is not a local file`},
		{"v1\n{\"path\":\"file://otherhost/p\",\"size\":1,\"action\":\"add\"}", `line 2: path "file://otherhost/p" is on host "otherhost", not a local file`},
		{"v1\n{\"path\":\"p\",\"size\":1,\"action\":\"add\"}", `line 2: path "p" is not absolute`},
		{"v1\n{\"path\":\"/a%zz\",\"size\":1,\"action\":\"add\"}", `line 2: path "/a%zz": bad percent escape`},
		{"v1\n{\"path\":\"/p\",\"size\":1,\"action\":\"rename\"}", `line 2: action "rename", want "add" or "delete"`},
		{"v1\n{\"path\":\"/p\",\"size\":1,\"isDir\":true,\"action\":\"add\"}", `line 2: /p is a directory entry`},
		{"v1\n{\"path\":\"/p\",\"size\":-1,\"action\":\"add\"}", "line 2: negative size"},
	} {
		dir := t.TempDir()
		newSink(t, dir, Options{})
		p := filepath.Join(dir, MetadataDir, "4")
		os.WriteFile(p, []byte(tc.content), 0o644)
		_, err := List(dir)
		if want := "filesink: corrupt manifest " + p + ": " + tc.want; err == nil || err.Error() != want {
			t.Errorf("%q:\n got %v\nwant %s", tc.content, err, want)
		}
	}
	if _, err := List(t.TempDir()); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "holds no file sink output") {
		t.Errorf("not a sink directory: %v", err)
	}
}

func TestPartName(t *testing.T) {
	for _, tc := range []struct {
		batch int64
		task  sink.Task
		want  string
	}{
		{5, sink.Task{Topic: "invoices", Partition: 2}, "part-00005-invoices-2.json"},
		{123456, sink.Task{Topic: "a.b_c-d", Partition: 10}, "part-123456-a.b_c-d-10.json"},
		{0, sink.Task{Topic: "../é x", Partition: 0}, "part-00000-..____x-0.json"},
		{0, sink.Task{}, "part-00000-_-0.json"},
	} {
		if got := partName(tc.batch, tc.task, "json"); got != tc.want {
			t.Errorf("partName(%d, %+v) = %q, want %q", tc.batch, tc.task, got, tc.want)
		}
		if b, ok := partBatch(tc.want); !ok || b != tc.batch {
			t.Errorf("partBatch(%q) = %d, %v", tc.want, b, ok)
		}
	}
	// Spark's names carry a task number, not a batch.
	for _, name := range []string{"part-00000-0f1e4c2a-8b9d-4c3e-a1b2-c3d4e5f60718-c000.json", "part-00001.json", "x-00001-t-0.json"} {
		if b, ok := partBatch(name); ok {
			t.Errorf("partBatch(%q) = %d", name, b)
		}
	}
}

func TestClosedSink(t *testing.T) {
	s := newSink(t, t.TempDir(), Options{})
	s.Close()
	if _, err := s.Open(ctx, 0, p0); err == nil {
		t.Error("Open after Close")
	}
}

func assertNoTemps(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{dir, filepath.Join(dir, MetadataDir)} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				t.Errorf("temporary file left: %s", filepath.Join(d, e.Name()))
			}
		}
	}
}
