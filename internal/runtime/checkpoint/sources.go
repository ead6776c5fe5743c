package checkpoint

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// InitialOffsets returns the source's start offsets (sources/0/0) recorded
// on the query's first start; ok is false before that.
func (d *Dir) InitialOffsets() (PartitionOffsets, bool, error) {
	if err := d.begin(); err != nil {
		return nil, false, err
	}
	defer d.mu.Unlock()
	p := filepath.Join(d.path, sourceDir, initialName)
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("checkpoint: %w", err)
	}
	offs, err := parseInitialOffsets(data)
	if err != nil {
		return nil, false, &CorruptError{Path: p, Err: err}
	}
	return offs, true, nil
}

// WriteInitialOffsets records the source's start offsets once, so that
// startingOffsets applies only on a query's first start. Writing again
// succeeds only with the same offsets.
func (d *Dir) WriteInitialOffsets(p PartitionOffsets) error {
	if err := d.begin(); err != nil {
		return err
	}
	defer d.mu.Unlock()
	if err := mkdirAll(filepath.Join(d.path, sourceDir)); err != nil {
		return err
	}
	return d.writeOnce(sourceDir, 0, encodeInitialOffsets(p))
}
