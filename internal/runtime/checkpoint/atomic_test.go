package checkpoint

import (
	"os"
	"path/filepath"
	"testing"
)

// A crash in the middle of writing offsets/1 leaves a temporary file, never a
// partial offsets/1: the batch does not exist, and Open removes the leftover.
func TestLeftoverTempFiles(t *testing.T) {
	d := openTemp(t, Options{})
	if err := d.WriteOffsets(0, OffsetSeq{Offsets: PartitionOffsets{"t": {0: 1}}}); err != nil {
		t.Fatal(err)
	}
	dir := d.Path()
	d.Close()
	leftovers := []string{"offsets/.1.123456.tmp", "commits/.0.99.tmp", "sources/0/.0.1.tmp", ".metadata.5.tmp"}
	for _, f := range leftovers {
		write(t, dir, f, "v1\n{\"batchWa") // half written
	}

	d = openAt(t, dir, Options{})
	for _, f := range leftovers {
		if _, err := os.Stat(filepath.Join(dir, f)); !os.IsNotExist(err) {
			t.Errorf("%s not cleaned up: %v", f, err)
		}
	}
	b, _, ok, err := d.LatestOffsets()
	if err != nil || !ok || b != 0 {
		t.Errorf("LatestOffsets = %d %v %v", b, ok, err)
	}
	if _, ok, err := d.LatestCommit(); ok || err != nil {
		t.Errorf("LatestCommit = %v %v", ok, err)
	}
}

// Readers ignore temporary files even while they exist (before any Open).
func TestTempFilesAreNotBatches(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, ".12.777.tmp", "x")
	write(t, dir, "3", "x")
	ids, err := batchIDs(dir)
	if err != nil || len(ids) != 1 || ids[0] != 3 {
		t.Errorf("batchIDs = %v %v", ids, err)
	}
}

func TestWriteFileAtomicLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	for _, s := range []string{"one", "two"} {
		if err := writeFileAtomic(p, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("entries: %v", entries)
	}
	if b, _ := os.ReadFile(p); string(b) != "two" {
		t.Errorf("content %q", b)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", fi.Mode())
	}
	// Writing into a missing directory fails cleanly.
	if err := writeFileAtomic(filepath.Join(dir, "nope", "f"), nil); err == nil {
		t.Error("no error")
	}
}
