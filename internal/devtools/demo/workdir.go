package demo

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/streamc/streamc/internal/runtime/sink/filesink"
)

// markerFile marks a directory as the demo's: only such a directory (or an
// empty one) is cleared, so a mistyped -output cannot delete a user's files.
const markerFile = ".streamc-demo"

// prepareOutput empties dir (creating it) for a new run, refusing a
// non-empty directory the demo did not make.
func prepareOutput(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("demo: output directory: %w", err)
	case len(entries) > 0:
		if _, err := os.Stat(filepath.Join(dir, markerFile)); err != nil {
			return fmt.Errorf("demo: %s is not empty and is not a demo output (it has no %s); remove it or choose another -output", dir, markerFile)
		}
		if err := os.RemoveAll(dir); err != nil {
			return fmt.Errorf("demo: clearing %s: %w", dir, err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("demo: output directory: %w", err)
	}
	note := "Written by `make demo` (internal/devtools/cmd/demo), which clears this directory at its start.\n"
	if err := os.WriteFile(filepath.Join(dir, markerFile), []byte(note), 0o644); err != nil {
		return fmt.Errorf("demo: output directory: %w", err)
	}
	return nil
}

// outputLayout is what a run left in its directory: file sink outputs and
// query checkpoints, as paths under the directory, sorted.
type outputLayout struct {
	fileSinks   []string
	checkpoints []checkpointFiles
}

// checkpointFiles is a checkpoint directory and its files (relative to it).
type checkpointFiles struct {
	dir   string
	files []string
}

// findOutputs walks dir: a directory holding the manifest log is a file
// sink's output, one holding offsets/ and commits/ a checkpoint.
func findOutputs(dir string) (outputLayout, error) {
	var l outputLayout
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if isDir(filepath.Join(p, filesink.MetadataDir)) {
			l.fileSinks = append(l.fileSinks, p)
			return filepath.SkipDir
		}
		if isDir(filepath.Join(p, "offsets")) && isDir(filepath.Join(p, "commits")) {
			c := checkpointFiles{dir: p}
			err := filepath.WalkDir(p, func(f string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || d.Name()[0] == '.' {
					return err // the lock and temporary files say nothing
				}
				rel, err := filepath.Rel(p, f)
				c.files = append(c.files, filepath.ToSlash(rel))
				return err
			})
			if err != nil {
				return err
			}
			l.checkpoints = append(l.checkpoints, c)
			return filepath.SkipDir
		}
		return nil
	})
	if err != nil {
		return l, fmt.Errorf("demo: reading %s: %w", dir, err)
	}
	slices.Sort(l.fileSinks)
	slices.SortFunc(l.checkpoints, func(a, b checkpointFiles) int {
		if a.dir < b.dir {
			return -1
		}
		if a.dir > b.dir {
			return 1
		}
		return 0
	})
	return l, nil
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// printInspect tells how to look at what the run left in dir; streamc is
// the command that runs streamc.
func printInspect(w io.Writer, dir, streamc string, l outputLayout) {
	fmt.Fprintf(w, "\nthe app's working directory is kept in %s/ (cleared by the next demo run):\n", dir)
	for _, s := range l.fileSinks {
		fmt.Fprintf(w, "  file sink   %s/  (part files; manifest log in %s/)\n", s, filepath.Join(s, filesink.MetadataDir))
		fmt.Fprintf(w, "                %s files list %s   # its committed files\n", streamc, s)
		fmt.Fprintf(w, "                %s files cat %s    # their rows\n", streamc, s)
	}
	for _, c := range l.checkpoints {
		fmt.Fprintf(w, "  checkpoint  %s/\n", c.dir)
		for _, f := range c.files {
			fmt.Fprintf(w, "                %s\n", filepath.Join(c.dir, f))
		}
	}
}
