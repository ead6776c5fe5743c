package filesink

import (
	"fmt"
	"os"
	"path/filepath"
)

// writeFileAtomic replaces path with data: a reader or a restart sees the old
// content or the new one, never a part. (Same discipline as the checkpoint
// package; kept separate so the sink does not depend on it.)
func writeFileAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("filesink: write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("filesink: write %s: %w", path, err)
	}
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("filesink: write %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("filesink: fsync %s: %w", tmp, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("filesink: write %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("filesink: rename %s: %w", tmp, err)
	}
	return syncDir(dir)
}

// syncDir makes renames in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("filesink: fsync directory %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("filesink: fsync directory %s: %w", dir, err)
	}
	return nil
}

// mkdirAll creates dir and fsyncs the parent of each directory it creates.
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
		return fmt.Errorf("filesink: %w", err)
	}
	return syncDir(parent)
}
