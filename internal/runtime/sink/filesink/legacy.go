package filesink

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// LegacyMetadataDir is the manifest log of output written by streamc
// before it wrote Spark's _spark_metadata. It is still read, and New
// converts it to _spark_metadata before writing more.
const LegacyMetadataDir = "_streamc_metadata"

// legacyEntry is one line of a legacy manifest: a path relative to the
// output directory and the file's size (the other fields it had, rows,
// crc32c, headerBytes and lineSep, are not needed to read the files).
type legacyEntry struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	Action string `json:"action"`
}

// parseLegacyManifest reads one legacy manifest of batch in output
// directory dir; the caller names the file in errors.
func parseLegacyManifest(data []byte, dir string, batch int64) ([]File, error) {
	if len(data) == 0 {
		return nil, errors.New("empty file")
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	if v := string(bytes.TrimSuffix(lines[0], []byte("\r"))); v != logVersion {
		return nil, fmt.Errorf("line 1: bad version line %q, want %q", v, logVersion)
	}
	var files []File
	for i, l := range lines[1:] {
		var e legacyEntry
		if err := decodeObject(bytes.TrimSuffix(l, []byte("\r")), &e); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+2, err)
		}
		switch {
		case e.Action != "add":
			return nil, fmt.Errorf("line %d: action %q, want \"add\"", i+2, e.Action)
		case e.Path == "" || e.Path == "." || e.Path == ".." || strings.ContainsAny(e.Path, `/\`):
			return nil, fmt.Errorf("line %d: path %q is not a file name in the output directory", i+2, e.Path)
		case e.Size < 0:
			return nil, fmt.Errorf("line %d: negative size", i+2)
		}
		files = append(files, File{Batch: batch, Name: e.Path, Path: filepath.Join(dir, e.Path), Size: e.Size})
	}
	return files, nil
}

// decodeObject decodes one JSON object and nothing after it.
func decodeObject(line []byte, v any) error {
	if t := bytes.TrimSpace(line); len(t) == 0 || t[0] != '{' {
		return errors.New("want a JSON object")
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("data after the JSON object")
	}
	return nil
}

// legacyBatches lists the batches of a legacy manifest log, in order.
func legacyBatches(dir string) ([]int64, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var batches []int64
	for _, e := range entries {
		if b, ok := parseBatchName(e.Name()); ok && e.Type().IsRegular() {
			batches = append(batches, b)
		}
	}
	slices.Sort(batches)
	return batches, nil
}

// readLegacyBatch reads batch's legacy manifest in dir, for output
// directory out.
func readLegacyBatch(dir, out string, batch int64) ([]File, error) {
	p := filepath.Join(dir, strconv.FormatInt(batch, 10))
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("filesink: %w", err)
	}
	files, err := parseLegacyManifest(data, out, batch)
	if err != nil {
		return nil, fmt.Errorf("filesink: corrupt manifest %s: %w", p, err)
	}
	return files, nil
}

// readLegacy returns every file a legacy manifest log lists.
func readLegacy(dir, out string) ([]File, error) {
	batches, err := legacyBatches(dir)
	if err != nil {
		return nil, fmt.Errorf("filesink: %w", err)
	}
	var files []File
	for _, b := range batches {
		listed, err := readLegacyBatch(dir, out, b)
		if err != nil {
			return nil, err
		}
		files = append(files, listed...)
	}
	return files, nil
}
