package engine_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/sink/filesink"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

// fullDisk is a part file on a disk that fills up after limit bytes.
type fullDisk struct {
	*os.File
	limit int
}

func (f *fullDisk) Write(p []byte) (int, error) {
	if len(p) > f.limit {
		return 0, &os.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
	}
	f.limit -= len(p)
	return f.File.Write(p)
}

// An I/O error of the sink or the checkpoint is the batch's, not a
// record's: the query's error names the batch and the file, and no record.
func TestIOErrorsNameBatchAndPath(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 1)
	// Rows larger than the sink's write buffer, so that the disk fills up
	// while a record is being written.
	for i := range 3 {
		k.Produce(&kafkatest.Record{Topic: "in", Value: []byte(strings.Repeat(strconv.Itoa(i), 40<<10))})
	}
	noRecord := func(t *testing.T, err error) {
		t.Helper()
		for _, bad := range []string{"record ", "offset "} {
			if strings.Contains(err.Error(), bad) {
				t.Errorf("error %q names a record", err)
			}
		}
	}

	t.Run("sink", func(t *testing.T) {
		out := t.TempDir()
		create := func(path string) (filesink.PartFile, error) {
			f, err := os.Create(path)
			return &fullDisk{File: f, limit: 64}, err
		}
		q := engine.Query{Name: "q", Source: source(k), Checkpoint: "q", NewProcessor: upperProcessor(""),
			Sink: engine.FileSink(out, filesink.Options{CreateFile: create})}
		err := engine.Run(ctxT(t, time.Minute), opts(t), q)
		if err == nil {
			t.Fatal("no error")
		}
		tmp := filepath.Join(out, ".part-00000-in-0.json.tmp")
		if want := "batch 0: filesink: write " + tmp + ": no space left on device"; !strings.Contains(err.Error(), want) {
			t.Errorf("error %q\ndoes not say %q", err, want)
		}
		noRecord(t, err)
	})

	t.Run("continuous", func(t *testing.T) {
		out := t.TempDir()
		create := func(path string) (filesink.PartFile, error) {
			f, err := os.Create(path)
			return &fullDisk{File: f, limit: 64}, err
		}
		q := engine.Query{Name: "q", Source: source(k), Checkpoint: "q", NewProcessor: upperProcessor(""), Trigger: engine.Continuous(time.Second),
			Sink: engine.FileSink(out, filesink.Options{CreateFile: create})}
		err := engine.Run(ctxT(t, time.Minute), opts(t), q)
		if err == nil {
			t.Fatal("no error")
		}
		tmp := filepath.Join(out, ".part-00000-in-0.json.tmp")
		for _, want := range []string{"epoch 0", "filesink: write " + tmp + ": no space left on device"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q\ndoes not say %q", err, want)
			}
		}
		noRecord(t, err)
	})

	t.Run("checkpoint", func(t *testing.T) {
		o := opts(t)
		// commits/0 cannot be written: a directory holds its name.
		if err := os.MkdirAll(filepath.Join(cpDir(o, "q"), "commits", "0", "x"), 0o755); err != nil {
			t.Fatal(err)
		}
		q := engine.Query{Name: "q", Source: source(k), Checkpoint: "q", NewProcessor: upperProcessor(""), Sink: newRecSink().factory()}
		err := engine.Run(ctxT(t, time.Minute), o, q)
		if err == nil {
			t.Fatal("no error")
		}
		for _, want := range []string{"batch 0: ", filepath.Join(cpDir(o, "q"), "commits", "0")} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q\ndoes not say %q", err, want)
			}
		}
		noRecord(t, err)
	})
}
