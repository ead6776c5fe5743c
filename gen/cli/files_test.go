package cli

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/runtime/sink"
	"github.com/streamc/streamc/internal/runtime/sink/filesink"
)

// files list/cat show committed batches only: batch 1 below is written but
// never committed, as after a crash.
func TestFilesListAndCat(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := filesink.New(dir, filesink.Options{Format: "json"})
	if err != nil {
		t.Fatal(err)
	}
	write := func(batch int64, rows ...string) {
		w, err := s.Open(ctx, batch, sink.Task{Topic: "in", Partition: 0})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if err := w.Write(ctx, &sink.Message{Value: []byte(r), Partition: -1}); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(ctx); err != nil {
			t.Fatal(err)
		}
	}
	write(0, `{"a":1}`, `{"a":2}`)
	if err := s.Commit(ctx, 0); err != nil {
		t.Fatal(err)
	}
	write(1, `{"a":3}`)
	s.Close()

	code, out, stderr := run(t, "files", "list", dir)
	if want := "0\t16\t" + filepath.Join(dir, "part-00000-in-0.json") + "\n"; code != 0 || out != want {
		t.Errorf("files list: exit %d\n%s%s\nwant %s", code, out, stderr, want)
	}
	code, out, stderr = run(t, "files", "cat", dir)
	if code != 0 || out != "{\"a\":1}\n{\"a\":2}\n" {
		t.Errorf("files cat: exit %d\n%q%s", code, out, stderr)
	}
}

// files cat is told the CSV sink's framing, as Spark's reader is.
func TestFilesCatCSV(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := filesink.New(dir, filesink.Options{Format: "csv", Header: []byte("a,b"), LineSep: "\r\n"})
	if err != nil {
		t.Fatal(err)
	}
	for b := range int64(2) {
		w, _ := s.Open(ctx, b, sink.Task{Topic: "in", Partition: 0})
		w.Write(ctx, &sink.Message{Value: []byte("1,x" + strconv.FormatInt(b, 10)), Partition: -1})
		if err := w.Close(ctx); err != nil {
			t.Fatal(err)
		}
		if err := s.Commit(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	code, out, stderr := run(t, "files", "cat", "--header", "--line-sep", "\r\n", dir)
	if code != 0 || out != "1,x0\n1,x1\n" {
		t.Errorf("files cat: exit %d\n%q%s", code, out, stderr)
	}
	// A directory that is no file sink's output says so.
	if code, _, stderr := run(t, "files", "list", t.TempDir()); code == 0 || !strings.Contains(stderr, "holds no file sink output (no _spark_metadata)") {
		t.Errorf("files list of an empty directory: exit %d\n%s", code, stderr)
	}
}
