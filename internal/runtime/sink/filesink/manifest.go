package filesink

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/streamc/streamc/internal/runtime/jsonx"
)

// File is one committed part file, as the manifest log lists it.
type File struct {
	// Batch is the batch that wrote the file. Entries of a compacted log
	// file do not say; it is then read from the part file's name, or is
	// the compaction's batch for names streamc did not write.
	Batch int64
	// Name is the file's base name, Path its local path.
	Name string
	Path string
	Size int64
	// ModTime is the file's modification time in Unix milliseconds when it
	// was committed.
	ModTime int64
}

const (
	// MetadataDir is the manifest log's directory inside the output
	// directory, Spark's FileStreamSink.metadataDir.
	MetadataDir = "_spark_metadata"
	// logVersion is the first line of every log file (FileStreamSinkLog.VERSION).
	logVersion    = "v1"
	compactSuffix = ".compact"
	// DefaultCompactInterval is Spark's
	// spark.sql.streaming.fileSink.log.compactInterval: every tenth batch's
	// log file also holds the entries of all batches before it.
	DefaultCompactInterval = 10
	// localBlockSize and localReplication are what Hadoop's local file
	// system reports (fs.local.block.size is 32 MiB), so that entries read
	// as Spark's own for the same files.
	localBlockSize   = 32 << 20
	localReplication = 1
)

// entry is a SinkFileStatus as Spark's json4s reads and writes it.
type entry struct {
	Path             string `json:"path"`
	Size             int64  `json:"size"`
	IsDir            bool   `json:"isDir"`
	ModificationTime int64  `json:"modificationTime"`
	BlockReplication int    `json:"blockReplication"`
	BlockSize        int64  `json:"blockSize"`
	Action           string `json:"action"`
}

// encodeLog writes files in the log format: "v1", then one SinkFileStatus
// per line, in the given order, no final newline (as
// CompactibleFileStreamLog.serialize).
func encodeLog(files []File) []byte {
	b := []byte(logVersion)
	for _, f := range files {
		b = append(b, "\n{\"path\":"...)
		b = jsonx.AppendString(b, fileURI(f.Path))
		b = append(b, ",\"size\":"...)
		b = strconv.AppendInt(b, f.Size, 10)
		b = append(b, ",\"isDir\":false,\"modificationTime\":"...)
		b = strconv.AppendInt(b, f.ModTime, 10)
		b = append(b, ",\"blockReplication\":"...)
		b = strconv.AppendInt(b, localReplication, 10)
		b = append(b, ",\"blockSize\":"...)
		b = strconv.AppendInt(b, localBlockSize, 10)
		b = append(b, ",\"action\":\"add\"}"...)
	}
	return b
}

// parseLog reads one log file of batch. Unknown fields are ignored, as
// json4s ignores them. A "delete" entry hides the path's "add"s (Spark's
// FileStreamSinkLog.compactLogs), in this file and, for the caller to
// apply, in the log files before; directory entries are refused, since
// the sink never writes them. The caller names the file in errors.
func parseLog(data []byte, batch int64, compact bool) ([]File, map[string]bool, error) {
	if len(data) == 0 {
		return nil, nil, errors.New("empty file (Spark: incomplete log file)")
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n"))
	if v := string(bytes.TrimSuffix(lines[0], []byte("\r"))); v != logVersion {
		return nil, nil, fmt.Errorf("line 1: log version %q, want %q", v, logVersion)
	}
	var files []File
	deleted := map[string]bool{}
	for i, l := range lines[1:] {
		var e entry
		if err := decodeObject(bytes.TrimSuffix(l, []byte("\r")), &e); err != nil {
			return nil, nil, fmt.Errorf("line %d: %w", i+2, err)
		}
		p, err := localPath(e.Path)
		if err != nil {
			return nil, nil, fmt.Errorf("line %d: %w", i+2, err)
		}
		switch {
		case e.Action == "delete":
			deleted[p] = true
			continue
		case e.Action != "add":
			return nil, nil, fmt.Errorf("line %d: action %q, want \"add\" or \"delete\"", i+2, e.Action)
		case e.IsDir:
			return nil, nil, fmt.Errorf("line %d: %s is a directory entry", i+2, e.Path)
		case e.Size < 0:
			return nil, nil, fmt.Errorf("line %d: negative size", i+2)
		}
		f := File{Batch: batch, Name: filepath.Base(p), Path: p, Size: e.Size, ModTime: e.ModificationTime}
		if b, ok := partBatch(f.Name); ok && compact {
			f.Batch = b
		}
		files = append(files, f)
	}
	if len(deleted) > 0 {
		files = slices.DeleteFunc(files, func(f File) bool { return deleted[f.Path] })
	}
	return files, deleted, nil
}

// fileURI is path as Hadoop's Path.toUri().toString() gives it for the
// local file system: "file://" and the absolute path, with the characters
// java.net.URI does not allow in a path percent-encoded (always '%').
func fileURI(path string) string {
	path = filepath.ToSlash(path)
	if !strings.HasPrefix(path, "/") {
		path = "/" + path // a Windows volume: file:///C:/...
	}
	var b strings.Builder
	b.WriteString("file://")
	for i := 0; i < len(path); {
		r, n := utf8.DecodeRuneInString(path[i:])
		if uriPathChar(r) && !(r == utf8.RuneError && n == 1) {
			b.WriteString(path[i : i+n])
		} else {
			for _, c := range []byte(path[i : i+n]) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		}
		i += n
	}
	return b.String()
}

// uriPathChar reports whether java.net.URI keeps r as is in a path:
// unreserved and punctuation characters, '/', and "other" characters (not
// ASCII, not control, not space).
func uriPathChar(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	case r < utf8.RuneSelf:
		return strings.ContainsRune("-_.!~*'();:@&=+$,/", r)
	default:
		return !unicode.IsControl(r) && !unicode.In(r, unicode.Zs, unicode.Zl, unicode.Zp)
	}
}

// localPath reads a log entry's path: a file: URI (file:///p, file:/p,
// file://localhost/p) or a bare absolute path, percent-decoded.
func localPath(s string) (string, error) {
	rest := s
	switch {
	case strings.HasPrefix(s, "file://"):
		rest = s[len("file://"):]
		if i := strings.IndexByte(rest, '/'); i > 0 {
			if host := rest[:i]; host != "localhost" {
				return "", fmt.Errorf("path %q is on host %q, not a local file", s, host)
			}
			rest = rest[i:]
		}
	case strings.HasPrefix(s, "file:"):
		rest = s[len("file:"):]
	case strings.Contains(s, ":/"):
		return "", fmt.Errorf("path %q is not a local file", s)
	}
	if !strings.HasPrefix(rest, "/") {
		return "", fmt.Errorf("path %q is not absolute", s)
	}
	p, err := percentDecode(rest)
	if err != nil {
		return "", fmt.Errorf("path %q: %w", s, err)
	}
	if len(p) > 3 && p[0] == '/' && p[2] == ':' && p[3] == '/' && filepath.Separator == '\\' {
		p = p[1:] // /C:/x is C:/x on Windows
	}
	return filepath.FromSlash(p), nil
}

func percentDecode(s string) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		if i+2 >= len(s) {
			return "", errors.New("bad percent escape")
		}
		v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			return "", errors.New("bad percent escape")
		}
		b = append(b, byte(v))
		i += 2
	}
	return string(b), nil
}

// logName is batch's log file name: "<batch>", or "<batch>.compact" for a
// compaction batch.
func logName(batch int64, interval int) string {
	if isCompaction(batch, interval) {
		return strconv.FormatInt(batch, 10) + compactSuffix
	}
	return strconv.FormatInt(batch, 10)
}

// parseLogName accepts log file names: "<batch>" and "<batch>.compact",
// batch a plain non-negative decimal. Temporary files and anything else
// are not log files (Spark's isBatchFile).
func parseLogName(name string) (batch int64, compact, ok bool) {
	base, compact := strings.CutSuffix(name, compactSuffix)
	b, ok := parseBatchName(base)
	return b, compact, ok
}

// isCompaction reports whether batch's log file is a compaction
// (CompactibleFileStreamLog.isCompactionBatch).
func isCompaction(batch int64, interval int) bool { return (batch+1)%int64(interval) == 0 }

// logState is what the log directory holds: the latest batch, and the
// compact interval its compaction files imply.
type logState struct {
	latest   int64 // -1 for none
	interval int
	files    map[int64]string // batch -> log file name
}

// readLogDir lists dir's log files and derives the compact interval as
// Spark does (CompactibleFileStreamLog.compactInterval), so that a log
// started with another interval keeps it.
func readLogDir(dir string, defaultInterval int) (logState, error) {
	st := logState{latest: -1, interval: defaultInterval, files: map[int64]string{}}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return st, err
	}
	var compacts []int64
	for _, e := range entries {
		b, compact, ok := parseLogName(e.Name())
		if !ok || !e.Type().IsRegular() {
			continue
		}
		st.files[b] = e.Name()
		st.latest = max(st.latest, b)
		if compact {
			compacts = append(compacts, b)
		}
	}
	slices.Sort(compacts)
	switch n := len(compacts); {
	case n >= 2:
		st.interval = int(compacts[n-1] - compacts[n-2])
	case n == 1:
		st.interval = deriveCompactInterval(defaultInterval, compacts[0])
	}
	return st, nil
}

// deriveCompactInterval is CompactibleFileStreamLog.deriveCompactInterval:
// an interval that makes the one compaction file seen a compaction batch,
// as close to the default as possible.
func deriveCompactInterval(def int, latestCompact int64) int {
	n := latestCompact + 1
	if n <= int64(def) {
		return int(n)
	}
	if int64(def) < n/2 {
		for i := int64(def); i <= n/2; i++ {
			if n%i == 0 {
				return int(i)
			}
		}
	}
	return int(n)
}

// upTo returns the batches whose log files together list every file up
// to batch last: the latest compaction at or before it and the batches
// after. In a log written without gaps from batch 0 these are Spark's
// (CompactibleFileStreamLog.getAllValidBatches); a log that starts later
// (the output directory is newer than the checkpoint) or whose old files
// were deleted after a compaction is read from what it has.
func (st logState) upTo(last int64) []int64 {
	var ids []int64
	for b := range st.files {
		if b <= last {
			ids = append(ids, b)
		}
	}
	slices.Sort(ids)
	for i := len(ids) - 1; i >= 0; i-- {
		if strings.HasSuffix(st.files[ids[i]], compactSuffix) {
			return ids[i:]
		}
	}
	return ids
}

// readLog returns every file the log in metaDir lists, in batch order.
func readLog(metaDir string) ([]File, error) {
	st, err := readLogDir(metaDir, DefaultCompactInterval)
	if err != nil {
		return nil, err
	}
	return st.read(metaDir, st.upTo(st.latest))
}

// read concatenates the given batches' log files.
func (st logState) read(metaDir string, batches []int64) ([]File, error) {
	var files []File
	for _, b := range batches {
		name := st.files[b]
		p := filepath.Join(metaDir, name)
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		listed, del, err := parseLog(data, b, strings.HasSuffix(name, compactSuffix))
		if err != nil {
			return nil, fmt.Errorf("corrupt manifest %s: %w", p, err)
		}
		if len(del) > 0 {
			files = slices.DeleteFunc(files, func(f File) bool { return del[f.Path] })
		}
		files = append(files, listed...)
	}
	return files, nil
}
