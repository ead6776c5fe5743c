package checkpoint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// writeFileAtomic replaces path with data so that a reader, or a restart
// after a crash at any instant, sees either the old content or the new.
func writeFileAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	f, err := os.CreateTemp(dir, "."+base+".*"+tempSuffix)
	if err != nil {
		return fmt.Errorf("checkpoint: write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	// CreateTemp makes 0600 files; checkpoints are meant to be read by people.
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("checkpoint: write %s: %w", path, err)
	}
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("checkpoint: write %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("checkpoint: fsync %s: %w", tmp, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("checkpoint: write %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("checkpoint: rename %s: %w", tmp, err)
	}
	return syncDir(dir)
}

// syncDir makes renames and removals in dir durable.
func syncDir(dir string) error {
	if dir == "" {
		dir = "."
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("checkpoint: fsync directory %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("checkpoint: fsync directory %s: %w", dir, err)
	}
	return nil
}

const tempSuffix = ".tmp"

// isTemp reports whether name is a temporary file of writeFileAtomic (or
// Spark's CheckpointFileManager, which uses the same shape).
func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.HasSuffix(name, tempSuffix)
}

// removeTemps deletes temporary files a crash left in dir and returns their
// names. Only called with the lock held, so no writer can own them.
func removeTemps(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("checkpoint: %w", err)
	}
	var removed []string
	for _, e := range entries {
		if e.Type().IsRegular() && isTemp(e.Name()) {
			p := filepath.Join(dir, e.Name())
			if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
				return removed, fmt.Errorf("checkpoint: remove leftover %s: %w", p, err)
			}
			removed = append(removed, p)
		}
	}
	return removed, nil
}

// mkdirAll is os.MkdirAll that also fsyncs the parent of every directory it
// creates, so that a file written into a new directory survives a crash.
func mkdirAll(dir string) error {
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
		return nil
	}
	parent := filepath.Dir(dir)
	if parent != dir {
		if err := mkdirAll(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		if os.IsExist(err) {
			return nil
		}
		return fmt.Errorf("checkpoint: %w", err)
	}
	return syncDir(parent)
}
