package checkpoint

import (
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func quietLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func openTemp(t *testing.T, opts Options) *Dir {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "chk", "q"), opts)
}

func openAt(t *testing.T, dir string, opts Options) *Dir {
	t.Helper()
	if opts.Logger == nil {
		opts.Logger = quietLogger()
	}
	d, err := Open(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func TestRoundTrip(t *testing.T) {
	d := openTemp(t, Options{})
	if _, _, ok, err := d.LatestOffsets(); ok || err != nil {
		t.Fatalf("fresh dir: ok=%v err=%v", ok, err)
	}
	if _, ok, err := d.LatestCommit(); ok || err != nil {
		t.Fatalf("fresh dir: ok=%v err=%v", ok, err)
	}
	if _, ok, err := d.InitialOffsets(); ok || err != nil {
		t.Fatalf("fresh dir: ok=%v err=%v", ok, err)
	}
	init := PartitionOffsets{"a": {0: 0, 1: 3}, "b.c-d_e": {0: 9}}
	if err := d.WriteInitialOffsets(init); err != nil {
		t.Fatal(err)
	}
	seqs := []OffsetSeq{
		{BatchTimestampMs: 1, Offsets: PartitionOffsets{"a": {0: 5, 1: 3}, "b.c-d_e": {0: 9}}, Conf: map[string]string{}},
		{BatchTimestampMs: 2, Offsets: PartitionOffsets{"a": {0: 8, 1: 4, 2: 1 << 40}, "b.c-d_e": {0: 10}},
			Conf: map[string]string{"k": "v \"q\" \\ \t é"}},
	}
	for i, s := range seqs {
		if err := d.WriteOffsets(int64(i), s); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.WriteCommit(0); err != nil {
		t.Fatal(err)
	}
	path, id := d.Path(), d.QueryID()
	d.Close()

	// A restart sees everything, under the same query id.
	d = openAt(t, path, Options{})
	if d.QueryID() != id {
		t.Errorf("query id changed: %s -> %s", id, d.QueryID())
	}
	got, ok, err := d.InitialOffsets()
	if err != nil || !ok || !reflect.DeepEqual(got, init) {
		t.Errorf("InitialOffsets = %v %v %v, want %v", got, ok, err, init)
	}
	b, seq, ok, err := d.LatestOffsets()
	if err != nil || !ok || b != 1 || !reflect.DeepEqual(seq, seqs[1]) {
		t.Errorf("LatestOffsets = %d %+v %v %v", b, seq, ok, err)
	}
	if seq, err := d.Offsets(0); err != nil || !reflect.DeepEqual(seq, seqs[0]) {
		t.Errorf("Offsets(0) = %+v %v", seq, err)
	}
	if c, ok, err := d.LatestCommit(); err != nil || !ok || c != 0 {
		t.Errorf("LatestCommit = %d %v %v", c, ok, err)
	}
	if _, err := d.Offsets(7); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Offsets(7) = %v, want not exist", err)
	}
}

// A replay rewrites the same plan; a different plan for a written batch is
// refused, and so is committing a batch that was never planned.
func TestWriteOnce(t *testing.T) {
	d := openTemp(t, Options{})
	s := OffsetSeq{BatchTimestampMs: 5, Offsets: PartitionOffsets{"t": {0: 1}}}
	if err := d.WriteOffsets(3, s); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteOffsets(3, s); err != nil {
		t.Errorf("same plan again: %v", err)
	}
	s.Offsets = PartitionOffsets{"t": {0: 2}}
	err := d.WriteOffsets(3, s)
	want := "checkpoint: " + filepath.Join(d.Path(), "offsets", "3") + " already exists with other content; a batch is planned once and replayed as planned"
	if err == nil || err.Error() != want {
		t.Errorf("other plan: %v\nwant %s", err, want)
	}
	for range 2 {
		if err := d.WriteCommit(3); err != nil {
			t.Errorf("commit: %v", err)
		}
	}
	if err := d.WriteCommit(4); err == nil || !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "commit batch 4 without its offsets") {
		t.Errorf("commit without offsets: %v", err)
	}
	if err := d.WriteOffsets(-1, s); err == nil {
		t.Error("negative batch accepted")
	}
	if err := d.WriteInitialOffsets(PartitionOffsets{"t": {0: 0}}); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteInitialOffsets(PartitionOffsets{"t": {0: 1}}); err == nil {
		t.Error("second, different initial offsets accepted")
	}
}

func TestClosed(t *testing.T) {
	d := openTemp(t, Options{})
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, _, _, err := d.LatestOffsets(); !errors.Is(err, ErrClosed) {
		t.Errorf("LatestOffsets after Close: %v", err)
	}
	if err := d.WriteCommit(0); !errors.Is(err, ErrClosed) {
		t.Errorf("WriteCommit after Close: %v", err)
	}
}

func TestBadOptions(t *testing.T) {
	if _, err := Open(t.TempDir(), Options{Keep: -1}); err == nil {
		t.Error("negative Keep accepted")
	}
	f := filepath.Join(t.TempDir(), "file")
	os.WriteFile(f, nil, 0o644)
	if _, err := Open(filepath.Join(f, "chk"), Options{}); err == nil {
		t.Error("checkpoint under a regular file accepted")
	}
}

func TestPartitionOffsetsHelpers(t *testing.T) {
	a := PartitionOffsets{"t": {0: 1, 1: 2}, "u": {0: 3}}
	mine := a.Filter(func(topic string, p int32) bool { return topic == "t" && p == 1 })
	if !reflect.DeepEqual(mine, PartitionOffsets{"t": {1: 2}}) {
		t.Errorf("Filter = %v", mine)
	}
	m := a.Merge(PartitionOffsets{"t": {1: 7, 2: 8}, "v": {0: 1}})
	want := PartitionOffsets{"t": {0: 1, 1: 7, 2: 8}, "u": {0: 3}, "v": {0: 1}}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("Merge = %v, want %v", m, want)
	}
	if a["t"][1] != 2 {
		t.Error("Merge changed its receiver")
	}
	c := a.Clone()
	c["t"][0] = 99
	if a["t"][0] != 1 {
		t.Error("Clone shares maps")
	}
}
