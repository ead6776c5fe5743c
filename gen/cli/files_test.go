package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/streamc/streamc/runtime/sink"
	"github.com/streamc/streamc/runtime/sink/filesink"
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
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, "0\t2\t") {
		t.Errorf("files list: exit %d\n%s%s", code, out, stderr)
	}
	code, out, stderr = run(t, "files", "cat", dir)
	if code != 0 || out != "{\"a\":1}\n{\"a\":2}\n" {
		t.Errorf("files cat: exit %d\n%q%s", code, out, stderr)
	}
}
