package checkpoint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/streamc/streamc/internal/runtime/internal/atomicfile"
)

// writeFileAtomic replaces path with data atomically (see atomicfile).
func writeFileAtomic(path string, data []byte) error {
	if err := atomicfile.WriteFile(path, data); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

// syncDir makes renames and removals in dir durable.
func syncDir(dir string) error {
	if err := atomicfile.SyncDir(dir); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

// mkdirAll creates dir, fsyncing the parent of each directory it creates.
func mkdirAll(dir string) error {
	if err := atomicfile.MkdirAll(dir); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	return nil
}

const tempSuffix = atomicfile.TempSuffix

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
