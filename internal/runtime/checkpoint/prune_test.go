package checkpoint

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

func TestPrune(t *testing.T) {
	d := openTemp(t, Options{Keep: 3})
	seq := func(i int64) OffsetSeq { return OffsetSeq{Offsets: PartitionOffsets{"t": {0: i}}} }
	for i := range int64(9) {
		if err := d.WriteOffsets(i, seq(i)); err != nil {
			t.Fatal(err)
		}
		if err := d.WriteCommit(i); err != nil {
			t.Fatal(err)
		}
	}
	// Batch 9 is planned, not committed; a crash happened before commits/9.
	if err := d.WriteOffsets(9, seq(9)); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteCommit(8); err != nil { // a replayed commit prunes too
		t.Fatal(err)
	}
	if got := names(t, d, "offsets"); !slices.Equal(got, []string{"6", "7", "8", "9"}) {
		t.Errorf("offsets = %v", got)
	}
	if got := names(t, d, "commits"); !slices.Equal(got, []string{"6", "7", "8"}) {
		t.Errorf("commits = %v", got)
	}
	write(t, d.Path(), "offsets/.6.crc", "") // Spark's checksum goes with its file
	if err := d.WriteCommit(9); err != nil {
		t.Fatal(err)
	}
	if got := names(t, d, "offsets"); !slices.Equal(got, []string{"7", "8", "9"}) {
		t.Errorf("offsets = %v", got)
	}

	// Gaps (pruned or removed by hand) are fine.
	os.Remove(filepath.Join(d.Path(), "offsets", "8"))
	b, s, ok, err := d.LatestOffsets()
	if err != nil || !ok || b != 9 || s.Offsets["t"][0] != 9 {
		t.Errorf("LatestOffsets = %d %v %v %v", b, s, ok, err)
	}
	if s, err := d.Offsets(7); err != nil || s.Offsets["t"][0] != 7 {
		t.Errorf("Offsets(7) = %v %v", s, err)
	}
	if c, ok, err := d.LatestCommit(); err != nil || !ok || c != 9 {
		t.Errorf("LatestCommit = %d %v %v", c, ok, err)
	}
}

func TestPruneDefaultKeep(t *testing.T) {
	d := openTemp(t, Options{})
	for i := range int64(102) {
		if err := d.WriteOffsets(i, OffsetSeq{}); err != nil {
			t.Fatal(err)
		}
		if err := d.WriteCommit(i); err != nil {
			t.Fatal(err)
		}
	}
	got := names(t, d, "offsets")
	if len(got) != 100 || got[0] != "2" {
		t.Errorf("kept %d offsets from %s, want 100 from 2", len(got), got[0])
	}
}

func names(t *testing.T, d *Dir, sub string) []string {
	t.Helper()
	ids, err := batchIDs(filepath.Join(d.Path(), sub))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, id := range ids {
		out = append(out, strconv.FormatInt(id, 10))
	}
	entries, _ := os.ReadDir(filepath.Join(d.Path(), sub))
	for _, e := range entries {
		if _, ok := parseBatchName(e.Name()); !ok {
			t.Errorf("%s/%s left behind", sub, e.Name())
		}
	}
	return out
}
