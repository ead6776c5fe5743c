package filesink

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

// List returns the committed part files under the output directory path,
// in batch order and, within a batch, by name. Part files of uncommitted
// batches and temporary files are not listed. A directory without a
// manifest log gives an error wrapping fs.ErrNotExist; a manifest that
// cannot be read gives an error naming it.
func List(path string) ([]File, error) {
	dir := filepath.Clean(path)
	metaDir := filepath.Join(dir, MetadataDir)
	entries, err := os.ReadDir(metaDir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("filesink: %s holds no file sink output (no %s): %w", dir, MetadataDir, err)
		}
		return nil, fmt.Errorf("filesink: %w", err)
	}
	var batches []int64
	for _, e := range entries {
		if b, ok := parseBatchName(e.Name()); ok && e.Type().IsRegular() {
			batches = append(batches, b)
		}
	}
	slices.Sort(batches)
	var files []File
	for _, b := range batches {
		p := filepath.Join(metaDir, strconv.FormatInt(b, 10))
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("filesink: %w", err)
		}
		listed, err := parseManifest(data, b)
		if err != nil {
			return nil, fmt.Errorf("filesink: corrupt manifest %s: %w", p, err)
		}
		for i := range listed {
			listed[i].Path = filepath.Join(dir, listed[i].Name)
		}
		files = append(files, listed...)
	}
	return files, nil
}

// ReadLines calls fn with every row line of the committed output under
// path, file by file in List's order, without CSV headers or separators.
// line is valid only during the call. Each file must have its manifest's
// size (checked before reading) and CRC (checked at its end, so a damaged
// file may have delivered some lines before the error). An error from fn
// stops the walk and is returned as is.
func ReadLines(path string, fn func(line []byte) error) error {
	files, err := List(path)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := readFile(f, fn); err != nil {
			return err
		}
	}
	return nil
}

func readFile(f File, fn func([]byte) error) error {
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
	crc := crc32.New(castagnoli)
	in := io.TeeReader(r, crc)
	if _, err := io.CopyN(io.Discard, in, f.HeaderBytes); err != nil {
		return fmt.Errorf("filesink: read %s: %w", f.Path, err)
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 1<<30)
	sc.Split(splitOn([]byte(f.LineSep)))
	for sc.Scan() {
		if err := fn(sc.Bytes()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("filesink: read %s: %w", f.Path, err)
	}
	if got := crc.Sum32(); got != f.CRC32C {
		return fmt.Errorf("filesink: %s has CRC-32C %08x, its manifest says %08x", f.Path, got, f.CRC32C)
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
