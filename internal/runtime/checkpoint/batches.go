package checkpoint

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

// LatestOffsets returns the highest batch id with an offsets file and its
// content; ok is false when there is none.
func (d *Dir) LatestOffsets() (batch int64, seq OffsetSeq, ok bool, err error) {
	if err := d.begin(); err != nil {
		return 0, OffsetSeq{}, false, err
	}
	defer d.mu.Unlock()
	ids, err := batchIDs(filepath.Join(d.path, offsetsDir))
	if err != nil || len(ids) == 0 {
		return 0, OffsetSeq{}, false, err
	}
	batch = ids[len(ids)-1]
	seq, err = d.readOffsets(batch)
	if err != nil {
		return 0, OffsetSeq{}, false, err
	}
	return batch, seq, true, nil
}

// Offsets returns offsets/batch; a missing file gives an error wrapping
// fs.ErrNotExist.
func (d *Dir) Offsets(batch int64) (OffsetSeq, error) {
	if err := d.begin(); err != nil {
		return OffsetSeq{}, err
	}
	defer d.mu.Unlock()
	return d.readOffsets(batch)
}

func (d *Dir) readOffsets(batch int64) (OffsetSeq, error) {
	p := d.batchPath(offsetsDir, batch)
	data, err := os.ReadFile(p)
	if err != nil {
		return OffsetSeq{}, fmt.Errorf("checkpoint: %w", err)
	}
	seq, err := parseOffsetSeq(data)
	if err != nil {
		return OffsetSeq{}, &CorruptError{Path: p, Err: err}
	}
	return seq, nil
}

// WriteOffsets records the plan of batch (offsets/N) before it runs.
// Writing a batch that already exists succeeds only with the same content:
// a replay must reuse the recorded plan, and changing it would break
// exactly-once sinks.
func (d *Dir) WriteOffsets(batch int64, seq OffsetSeq) error {
	if err := d.begin(); err != nil {
		return err
	}
	defer d.mu.Unlock()
	return d.writeOnce(offsetsDir, batch, encodeOffsetSeq(seq))
}

// LatestCommit returns the highest committed batch id; ok is false when no
// batch has committed.
func (d *Dir) LatestCommit() (batch int64, ok bool, err error) {
	if err := d.begin(); err != nil {
		return 0, false, err
	}
	defer d.mu.Unlock()
	ids, err := batchIDs(filepath.Join(d.path, commitsDir))
	if err != nil || len(ids) == 0 {
		return 0, false, err
	}
	batch = ids[len(ids)-1]
	p := d.batchPath(commitsDir, batch)
	data, err := os.ReadFile(p)
	if err != nil {
		return 0, false, fmt.Errorf("checkpoint: %w", err)
	}
	if err := parseCommit(data); err != nil {
		return 0, false, &CorruptError{Path: p, Err: err}
	}
	return batch, true, nil
}

// WriteCommit records that batch finished and its sinks committed
// (commits/N), then prunes batches older than the Keep most recent. The
// batch must have an offsets file. Committing twice is harmless.
func (d *Dir) WriteCommit(batch int64) error {
	if err := d.begin(); err != nil {
		return err
	}
	defer d.mu.Unlock()
	if _, err := os.Stat(d.batchPath(offsetsDir, batch)); err != nil {
		return fmt.Errorf("checkpoint: commit batch %d without its offsets: %w", batch, err)
	}
	if err := d.writeOnce(commitsDir, batch, encodeCommit()); err != nil {
		return err
	}
	return d.prune(batch - int64(d.keep) + 1)
}

// writeOnce writes sub/batch unless it already holds exactly data.
func (d *Dir) writeOnce(sub string, batch int64, data []byte) error {
	if batch < 0 {
		return fmt.Errorf("checkpoint: negative batch id %d", batch)
	}
	p := d.batchPath(sub, batch)
	old, err := os.ReadFile(p)
	switch {
	case err == nil && bytes.Equal(old, data):
		return nil
	case err == nil:
		return fmt.Errorf("checkpoint: %s already exists with other content; a batch is planned once and replayed as planned", p)
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("checkpoint: %w", err)
	}
	return writeFileAtomic(p, data)
}

// prune removes offsets and commits of batches below keepFrom.
func (d *Dir) prune(keepFrom int64) error {
	if keepFrom <= 0 {
		return nil
	}
	for _, sub := range []string{offsetsDir, commitsDir} {
		dir := filepath.Join(d.path, sub)
		ids, err := batchIDs(dir)
		if err != nil {
			return err
		}
		removed := 0
		for _, id := range ids {
			if id >= keepFrom {
				break
			}
			name := strconv.FormatInt(id, 10)
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("checkpoint: prune: %w", err)
			}
			os.Remove(filepath.Join(dir, "."+name+".crc")) // Spark's checksum, if any
			removed++
		}
		if removed > 0 {
			d.log.Debug("checkpoint: pruned old batches", "dir", sub, "files", removed, "keepFrom", keepFrom)
		}
	}
	return nil
}

func (d *Dir) batchPath(sub string, batch int64) string {
	return filepath.Join(d.path, sub, strconv.FormatInt(batch, 10))
}

// batchIDs lists the batch files of dir in ascending order: names that are
// plain non-negative decimals. Anything else (temporary files, Spark's
// .crc files) is not a batch.
func batchIDs(dir string) ([]int64, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	var ids []int64
	for _, e := range entries {
		if id, ok := parseBatchName(e.Name()); ok && !e.IsDir() {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

func parseBatchName(name string) (int64, bool) {
	if name == "" || len(name) > 19 {
		return 0, false
	}
	for i := 0; i < len(name); i++ {
		if name[i] < '0' || name[i] > '9' {
			return 0, false
		}
	}
	id, err := strconv.ParseInt(name, 10, 64)
	return id, err == nil
}
