package filesink

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/streamc/streamc/internal/runtime/sink"
)

func logFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, MetadataDir))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	slices.SortFunc(out, func(a, b string) int {
		x, _, _ := parseLogName(a)
		y, _, _ := parseLogName(b)
		return int(x - y)
	})
	return out
}

// Every tenth batch's log file is "<N>.compact" and holds the entries of
// all batches before it (spark.sql.streaming.fileSink.log.compactInterval
// = 10): batches 9 and 19 below. Readers need only the last compaction and
// what follows, as Spark's, which deletes the older files.
func TestCompaction(t *testing.T) {
	dir := t.TempDir()
	s := newSink(t, dir, Options{})
	var want []string
	for b := range int64(23) {
		if b%4 != 3 { // some batches without rows
			row := fmt.Sprintf("row %d", b)
			writeTask(t, s, b, p0, row)
			want = append(want, row)
		}
		commit(t, s, b)
	}
	var wantNames []string
	for b := range 23 {
		wantNames = append(wantNames, logName(int64(b), 10))
	}
	if got := logFiles(t, dir); !slices.Equal(got, wantNames) || got[9] != "9.compact" || got[19] != "19.compact" {
		t.Fatalf("log files %v", got)
	}
	// 9.compact is batches 0-9 in order; 19.compact extends it.
	c9, _ := os.ReadFile(filepath.Join(dir, MetadataDir, "9.compact"))
	c19, _ := os.ReadFile(filepath.Join(dir, MetadataDir, "19.compact"))
	if n := strings.Count(string(c9), "\n"); n != 8 { // batches 3 and 7 wrote nothing
		t.Errorf("9.compact has %d entries:\n%s", n, c9)
	}
	b10, _ := os.ReadFile(filepath.Join(dir, MetadataDir, "10"))
	if !strings.HasPrefix(string(c19), string(c9)+strings.TrimPrefix(string(b10), "v1")) {
		t.Errorf("19.compact does not extend 9.compact with batch 10:\n%s", c19)
	}
	if got := readAll(t, dir); !slices.Equal(got, want) {
		t.Errorf("ReadLines = %v, want %v", got, want)
	}
	files, _ := List(dir)
	if files[0].Batch != 0 || files[len(files)-1].Batch != 22 || files[8].Batch != 10 {
		t.Errorf("batches from a compacted log: %v", names(files))
	}
	// What Spark's retention deletes is not needed.
	for b := range 19 {
		os.Remove(filepath.Join(dir, MetadataDir, logName(int64(b), 10)))
	}
	if got := readAll(t, dir); !slices.Equal(got, want) {
		t.Errorf("ReadLines after deleting old log files = %v", got)
	}

	// A restart continues the log; replays of old batches write nothing.
	s2 := newSink(t, dir, Options{})
	writeTask(t, s2, 5, p1, "replay of an old batch")
	commit(t, s2, 5)
	writeTask(t, s2, 23, p0, "row 23")
	commit(t, s2, 23)
	if got := readAll(t, dir); !slices.Equal(got, append(want, "row 23")) {
		t.Errorf("after restart: %v", got)
	}
}

// A log Spark wrote (another compact interval, file:/ paths, percent
// escapes, a deleted file, fields in another order) reads as Spark reads
// it, and the sink continues it with Spark's interval.
func TestSparkWrittenLog(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "spark out")
	meta := filepath.Join(dir, MetadataDir)
	os.MkdirAll(meta, 0o755)
	part := func(name, content string) string {
		os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644)
		return strings.ReplaceAll(filepath.ToSlash(filepath.Join(dir, name)), " ", "%20")
	}
	a := part("part-00000-0f1e4c2a-c000.json", "a\n")
	b := part("part-00000-9a8b77e1-c000.json", "b\n")
	c := part("part-00001-77aa0b3d-c000.json", "c\n")
	e := `{"path":"file:%s","size":2,"isDir":false,"modificationTime":1700000000000,"blockReplication":1,"blockSize":33554432,"action":"%s"}`
	os.WriteFile(filepath.Join(meta, "2.compact"), []byte("v1\n"+fmt.Sprintf(e, a, "add")+"\n"+fmt.Sprintf(e, b, "add")), 0o644)
	os.WriteFile(filepath.Join(meta, "3"), []byte("v1\n"+`{"action":"add","size":2,"path":"file://`+c+`","extra":1}`+"\n"+fmt.Sprintf(e, b, "delete")+"\n"), 0o644)
	var got []string
	if err := ReadLines(dir, func(l []byte) error { got = append(got, string(l)); return nil }); err != nil || !slices.Equal(got, []string{"a", "c"}) {
		t.Fatalf("ReadLines = %v, %v", got, err)
	}
	files, _ := List(dir)
	if len(files) != 2 || files[0].Batch != 2 || files[1].Batch != 3 || files[0].ModTime != 1700000000000 || files[0].Path != filepath.Join(dir, "part-00000-0f1e4c2a-c000.json") {
		t.Errorf("List = %+v", files)
	}
	// One compaction at 2: Spark derives interval 3 (deriveCompactInterval).
	s := newSink(t, dir, Options{})
	commit(t, s, 4)
	writeTask(t, s, 5, p0, "d")
	commit(t, s, 5)
	if got := logFiles(t, dir); !slices.Equal(got, []string{"2.compact", "3", "4", "5.compact"}) {
		t.Errorf("log files %v", got)
	}
	got = nil
	if err := ReadLines(dir, func(l []byte) error { got = append(got, string(l)); return nil }); err != nil || !slices.Equal(got, []string{"a", "c", "d"}) {
		t.Errorf("ReadLines = %v, %v", got, err)
	}
}

func TestDeriveCompactInterval(t *testing.T) {
	// Worked through CompactibleFileStreamLog.deriveCompactInterval.
	for _, tc := range []struct {
		def    int
		latest int64
		want   int
	}{{5, 4, 5}, {5, 0, 1}, {4, 9, 5}, {4, 14, 5}, {5, 11, 6}, {3, 5, 6}, {5, 12, 13}} {
		if got := deriveCompactInterval(tc.def, tc.latest); got != tc.want {
			t.Errorf("deriveCompactInterval(%d, %d) = %d, want %d", tc.def, tc.latest, got, tc.want)
		}
	}
}

func TestFileURI(t *testing.T) {
	for _, tc := range []struct{ path, uri string }{
		{"/tmp/out/part-00000-t-0.json", "file:///tmp/out/part-00000-t-0.json"},
		{"/a b/100%/x#y?z[1]", "file:///a%20b/100%25/x%23y%3Fz%5B1%5D"},
		{"/données/ü;@&=+$,~*'()!", "file:///données/ü;@&=+$,~*'()!"},
		{"/tab\there/nbsp\u00a0/\xff", "file:///tab%09here/nbsp%C2%A0/%FF"},
	} {
		if got := fileURI(tc.path); got != tc.uri {
			t.Errorf("fileURI(%q) = %q, want %q", tc.path, got, tc.uri)
		}
		if back, err := localPath(tc.uri); err != nil || back != tc.path {
			t.Errorf("localPath(%q) = %q, %v", tc.uri, back, err)
		}
	}
}

// Output written before the manifest log became Spark's is still read, and
// a sink opened on it converts the legacy log first: its batches stay
// committed (replays write nothing) and the next batch follows.
func TestLegacyManifest(t *testing.T) {
	dir := t.TempDir()
	legacy := filepath.Join(dir, LegacyMetadataDir)
	os.MkdirAll(legacy, 0o755)
	os.WriteFile(filepath.Join(dir, "part-00000-invoices-0.json"), []byte("{\"a\":1}\n{\"a\":2}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "part-00001-invoices-0.json"), []byte("{\"a\":3}\n"), 0o644)
	os.WriteFile(filepath.Join(legacy, "0"), []byte("v1\n"+`{"path":"part-00000-invoices-0.json","size":16,"rows":2,"crc32c":"1c2d3e4f","action":"add"}`), 0o644)
	os.WriteFile(filepath.Join(legacy, "1"), []byte("v1\n"+`{"path":"part-00001-invoices-0.json","size":8,"rows":1,"crc32c":"00a1b2c3","action":"add"}`), 0o644)
	os.WriteFile(filepath.Join(legacy, "2"), []byte("v1"), 0o644)
	want := []string{`{"a":1}`, `{"a":2}`, `{"a":3}`}
	if got := readAll(t, dir); !slices.Equal(got, want) {
		t.Fatalf("legacy ReadLines = %v", got)
	}

	s := newSink(t, dir, Options{})
	if got := logFiles(t, dir); !slices.Equal(got, []string{"0", "1", "2"}) {
		t.Errorf("converted log %v", got)
	}
	writeTask(t, s, 1, p0, "replayed")
	commit(t, s, 1)
	writeTask(t, s, 3, p0, `{"a":4}`)
	commit(t, s, 3)
	if got := readAll(t, dir); !slices.Equal(got, append(want, `{"a":4}`)) {
		t.Errorf("after conversion: %v", got)
	}
	m, _ := os.ReadFile(filepath.Join(dir, MetadataDir, "0"))
	if want := "v1\n" + wantEntry(t, filepath.Join(dir, "part-00000-invoices-0.json"), 16); string(m) != want {
		t.Errorf("converted manifest %s\nwant %s", m, want)
	}
	newSink(t, dir, Options{}) // converting again does nothing
	if got := logFiles(t, dir); !slices.Equal(got, []string{"0", "1", "2", "3"}) {
		t.Errorf("log after reopening %v", got)
	}
}

// failingFile fails its writes after limit bytes, as a full disk does.
type failingFile struct {
	f     *os.File
	limit int
}

func (f *failingFile) Write(p []byte) (int, error) {
	if len(p) > f.limit {
		return 0, &os.PathError{Op: "write", Path: f.f.Name(), Err: syscall.ENOSPC}
	}
	f.limit -= len(p)
	return f.f.Write(p)
}
func (f *failingFile) Sync() error  { return f.f.Sync() }
func (f *failingFile) Close() error { return f.f.Close() }

// An I/O error names the file, once, and leaves nothing behind.
func TestWriteErrorNamesFile(t *testing.T) {
	dir := t.TempDir()
	s := newSink(t, dir, Options{CreateFile: func(path string) (PartFile, error) {
		f, err := createFile(path)
		if err != nil {
			return nil, err
		}
		return &failingFile{f: f.(*os.File), limit: 10}, nil
	}})
	w, err := s.Open(ctx, 0, sink.Task{Topic: "invoices", Partition: 2})
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("x", 70<<10) // more than the write buffer
	err = w.Write(ctx, &sink.Message{Value: []byte(big)})
	tmp := filepath.Join(dir, ".part-00000-invoices-2.json.tmp")
	if want := "filesink: write " + tmp + ": no space left on device"; err == nil || err.Error() != want || !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("write error %v\nwant %s", err, want)
	}
	w.Abort()
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("temporary file left: %v", err)
	}

	// The error at Close, when the buffered rows are flushed.
	w, _ = s.Open(ctx, 0, sink.Task{Topic: "invoices", Partition: 2})
	if err := w.Write(ctx, &sink.Message{Value: []byte("a row longer than ten bytes")}); err != nil {
		t.Fatal(err)
	}
	err = w.Close(ctx)
	if want := "filesink: write " + tmp + ": no space left on device"; err == nil || err.Error() != want {
		t.Errorf("close error %v\nwant %s", err, want)
	}

	s2 := newSink(t, dir, Options{CreateFile: func(path string) (PartFile, error) {
		return nil, &os.PathError{Op: "open", Path: path, Err: syscall.EROFS}
	}})
	w, _ = s2.Open(ctx, 1, p0)
	err = w.Write(ctx, &sink.Message{Value: []byte("x")})
	if want := "filesink: create " + filepath.Join(dir, ".part-00001-invoices-0.json.tmp") + ": read-only file system"; err == nil || err.Error() != want {
		t.Errorf("create error %v\nwant %s", err, want)
	}
}
