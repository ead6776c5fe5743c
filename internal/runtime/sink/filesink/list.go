package filesink

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// List returns the committed part files of the output directory path, as
// its manifest log lists them: in batch order and, within a batch, by
// name. Part files of uncommitted batches and temporary files are not
// listed. Output written by an older streamc (LegacyMetadataDir only) is
// read too. A directory without a manifest log gives an error wrapping
// fs.ErrNotExist; a log file that cannot be read gives an error naming it.
func List(path string) ([]File, error) {
	dir := filepath.Clean(path)
	metaDir := filepath.Join(dir, MetadataDir)
	files, err := readLog(metaDir)
	missing := errors.Is(err, fs.ErrNotExist) && !isDir(metaDir)
	if legacy := filepath.Join(dir, LegacyMetadataDir); (missing || err == nil && len(files) == 0) && isDir(legacy) {
		// Not converted yet: no sink has opened the directory since.
		return readLegacy(legacy, dir)
	}
	if missing {
		return nil, fmt.Errorf("filesink: %s holds no file sink output (no %s): %w", dir, MetadataDir, err)
	}
	if err != nil {
		return nil, fmt.Errorf("filesink: %w", err)
	}
	return files, nil
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// ReadOptions say how the part files frame rows; a reader must know them,
// as Spark's reader is given the sink's options.
type ReadOptions struct {
	// Header skips each file's first line (CSV with header=true).
	Header bool
	// LineSep separates rows; "" means "\n".
	LineSep string
}

// ReadLines calls fn with every row of the committed output under path,
// file by file in List's order, without separators: ReadLinesWith and the
// default ReadOptions (JSON lines).
func ReadLines(path string, fn func(line []byte) error) error {
	return ReadLinesWith(path, ReadOptions{}, fn)
}

// ReadLinesWith calls fn with every row line of the committed output
// under path, file by file in List's order, without headers or
// separators. line is valid only during the call. Each file must have the
// size its manifest entry gives (checked before reading). An error from
// fn stops the walk and is returned as is.
func ReadLinesWith(path string, opts ReadOptions, fn func(line []byte) error) error {
	if opts.LineSep == "" {
		opts.LineSep = defaultLineSep
	}
	files, err := List(path)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := readFile(f, opts, fn); err != nil {
			return err
		}
	}
	return nil
}

func readFile(f File, opts ReadOptions, fn func([]byte) error) error {
	r, err := os.Open(f.Path)
	if err != nil {
		return fmt.Errorf("filesink: committed file of batch %d: %w", f.Batch, err)
	}
	defer r.Close()
	fi, err := r.Stat()
	if err != nil {
		return fmt.Errorf("filesink: %w", err)
	}
	if fi.Size() != f.Size {
		return fmt.Errorf("filesink: %s has %d bytes, its manifest says %d (truncated or replaced?)", f.Path, fi.Size(), f.Size)
	}
	sc := bufio.NewScanner(io.LimitReader(r, f.Size))
	sc.Buffer(make([]byte, 64<<10), 1<<30)
	sc.Split(splitOn([]byte(opts.LineSep)))
	header := opts.Header
	for sc.Scan() {
		if header {
			header = false
			continue
		}
		if err := fn(sc.Bytes()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("filesink: read %s: %w", f.Path, err)
	}
	return nil
}

// splitOn is a bufio.SplitFunc for rows ended by sep.
func splitOn(sep []byte) bufio.SplitFunc {
	return func(data []byte, atEOF bool) (int, []byte, error) {
		if i := bytes.Index(data, sep); i >= 0 {
			return i + len(sep), data[:i], nil
		}
		if atEOF && len(data) > 0 {
			return len(data), data, nil
		}
		return 0, nil, nil
	}
}
