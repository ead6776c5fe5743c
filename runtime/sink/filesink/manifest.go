package filesink

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// File is one committed part file, as its batch's manifest lists it.
type File struct {
	Batch int64
	// Name is the path relative to the output directory, as in the manifest.
	Name string
	// Path is Name joined to the directory given to List.
	Path string
	Size int64
	Rows int64
	// CRC32C is the Castagnoli CRC of the whole file.
	CRC32C uint32
	// HeaderBytes is the length of the header line and its separator at the
	// top of the file; 0 without a header.
	HeaderBytes int64
	// LineSep separates rows; never empty.
	LineSep string
}

const (
	manifestVersion = "v1"
	defaultLineSep  = "\n"
)

// entry is one manifest line. Field order is the file's key order.
type entry struct {
	Path        string `json:"path"`
	Size        int64  `json:"size"`
	Rows        int64  `json:"rows"`
	CRC32C      string `json:"crc32c"`
	HeaderBytes int64  `json:"headerBytes,omitempty"`
	LineSep     string `json:"lineSep,omitempty"`
	Action      string `json:"action"`
}

// encodeManifest writes files (sorted by name) in the manifest format.
func encodeManifest(files []File) ([]byte, error) {
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	var b bytes.Buffer
	b.WriteString(manifestVersion)
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, f := range files {
		e := entry{Path: f.Name, Size: f.Size, Rows: f.Rows, CRC32C: fmt.Sprintf("%08x", f.CRC32C),
			HeaderBytes: f.HeaderBytes, Action: "add"}
		if f.LineSep != defaultLineSep {
			e.LineSep = f.LineSep
		}
		b.WriteByte('\n')
		if err := enc.Encode(e); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1) // Encode's newline; Spark ends lines before, not after
	}
	return b.Bytes(), nil
}

// parseManifest reads a manifest; the caller names the file in errors.
func parseManifest(data []byte, batch int64) ([]File, error) {
	lines := bytes.Split(data, []byte("\n"))
	if len(lines) > 1 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1] // tolerate a final newline
	}
	if len(data) == 0 {
		return nil, errors.New("empty file")
	}
	if v := string(bytes.TrimSuffix(lines[0], []byte("\r"))); v != manifestVersion {
		return nil, fmt.Errorf("line 1: bad version line %q, want %q", v, manifestVersion)
	}
	files := make([]File, 0, len(lines)-1)
	seen := map[string]bool{}
	for i, l := range lines[1:] {
		f, err := parseEntry(bytes.TrimSuffix(l, []byte("\r")))
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+2, err)
		}
		if seen[f.Name] {
			return nil, fmt.Errorf("line %d: %q listed twice", i+2, f.Name)
		}
		seen[f.Name] = true
		f.Batch = batch
		files = append(files, f)
	}
	return files, nil
}

// parseEntry reads one manifest line. Unknown fields are ignored, so that
// fields added later do not break older readers.
func parseEntry(line []byte) (File, error) {
	if t := bytes.TrimSpace(line); len(t) == 0 || t[0] != '{' {
		return File{}, errors.New("want a JSON object")
	}
	var e entry
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&e); err != nil {
		return File{}, err
	}
	if dec.More() {
		return File{}, errors.New("data after the JSON object")
	}
	switch {
	case e.Action != "add":
		return File{}, fmt.Errorf("action %q, want \"add\"", e.Action)
	case e.Path == "" || e.Path == "." || e.Path == ".." || strings.ContainsAny(e.Path, `/\`) || filepath.Base(e.Path) != e.Path:
		return File{}, fmt.Errorf("path %q is not a file name in the output directory", e.Path)
	case e.Size < 0 || e.Rows < 0 || e.HeaderBytes < 0 || e.HeaderBytes > e.Size:
		return File{}, errors.New("negative size, rows or headerBytes, or header larger than the file")
	case len(e.CRC32C) != 8:
		return File{}, fmt.Errorf("crc32c %q is not 8 hex digits", e.CRC32C)
	}
	crc, err := strconv.ParseUint(e.CRC32C, 16, 32)
	if err != nil {
		return File{}, fmt.Errorf("crc32c %q is not 8 hex digits", e.CRC32C)
	}
	sep := e.LineSep
	if sep == "" {
		sep = defaultLineSep
	}
	return File{Name: e.Path, Size: e.Size, Rows: e.Rows, CRC32C: uint32(crc), HeaderBytes: e.HeaderBytes, LineSep: sep}, nil
}
