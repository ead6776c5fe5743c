package filesink

import (
	"fmt"

	"github.com/streamc/streamc/internal/runtime/internal/atomicfile"
)

// writeFileAtomic replaces path with data atomically (see atomicfile).
func writeFileAtomic(path string, data []byte) error {
	if err := atomicfile.WriteFile(path, data); err != nil {
		return fmt.Errorf("filesink: %w", err)
	}
	return nil
}

// syncDir makes renames and removals in dir durable.
func syncDir(dir string) error {
	if err := atomicfile.SyncDir(dir); err != nil {
		return fmt.Errorf("filesink: %w", err)
	}
	return nil
}

// mkdirAll creates dir, fsyncing the parent of each directory it creates.
func mkdirAll(dir string) error {
	if err := atomicfile.MkdirAll(dir); err != nil {
		return fmt.Errorf("filesink: %w", err)
	}
	return nil
}
