package filesink

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/streamc/streamc/internal/runtime/sink"
)

// Options configure a Sink.
type Options struct {
	// Format is "json" (the default) or "csv": the part files' extension.
	// Rows arrive encoded; the sink only frames them.
	Format string
	// Header, for CSV, is a line (without separator) written at the top of
	// every part file; nil for none.
	Header []byte
	// LineSep ends every row and the header; "" means "\n".
	LineSep string
	// Logger; nil means slog.Default().
	Logger *slog.Logger
	// CompactInterval is Spark's spark.sql.streaming.fileSink.log.compactInterval;
	// 0 means DefaultCompactInterval. A log that has compaction files keeps
	// the interval they imply, as in Spark.
	CompactInterval int
	// CreateFile creates a part file's temporary file, empty, for writing;
	// nil means the operating system's (mode 0644). It is where tests
	// inject I/O errors.
	CreateFile func(path string) (PartFile, error)
}

// PartFile is a part file being written.
type PartFile interface {
	Write(p []byte) (int, error)
	Sync() error
	Close() error
}

func createFile(path string) (PartFile, error) {
	return os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
}

// Sink writes batches to a directory; see the package documentation.
type Sink struct {
	dir     string
	metaDir string
	ext     string
	header  []byte
	sep     []byte
	log     *slog.Logger
	create  func(string) (PartFile, error)

	mu      sync.Mutex
	pending map[int64]map[string]File // closed part files of uncommitted batches
	state   logState                  // the manifest log; written by Commit only
	closed  bool
}

var _ sink.Sink = (*Sink)(nil)

// New opens (creating if needed) the output directory path; a relative
// path is taken from the working directory, as the manifest log holds
// absolute paths.
func New(path string, opts Options) (*Sink, error) {
	ext := opts.Format
	switch ext {
	case "":
		ext = "json"
	case "json", "csv":
	default:
		return nil, fmt.Errorf("filesink: format %q: want json or csv", opts.Format)
	}
	if opts.Header != nil && ext != "csv" {
		return nil, fmt.Errorf("filesink: a header needs format csv, not %s", ext)
	}
	if opts.LineSep == "" {
		opts.LineSep = defaultLineSep
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.CompactInterval < 0 {
		return nil, fmt.Errorf("filesink: compact interval %d: want a positive number", opts.CompactInterval)
	}
	if opts.CompactInterval == 0 {
		opts.CompactInterval = DefaultCompactInterval
	}
	if opts.CreateFile == nil {
		opts.CreateFile = createFile
	}
	dir, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("filesink: output path %s: %w", path, err)
	}
	s := &Sink{
		dir:     dir,
		metaDir: filepath.Join(dir, MetadataDir),
		ext:     ext,
		header:  slices.Clone(opts.Header),
		sep:     []byte(opts.LineSep),
		log:     opts.Logger.With("sink", "file", "path", dir),
		create:  opts.CreateFile,
		pending: map[int64]map[string]File{},
	}
	if err := mkdirAll(s.metaDir); err != nil {
		return nil, err
	}
	if s.state, err = readLogDir(s.metaDir, opts.CompactInterval); err != nil {
		return nil, fmt.Errorf("filesink: manifest log: %w", err)
	}
	if err := s.convertLegacy(); err != nil {
		return nil, err
	}
	return s, nil
}

const defaultLineSep = "\n"

// Path returns the output directory.
func (s *Sink) Path() string { return s.dir }

// Description names the sink in progress reports, as Spark's FileSink does.
func (s *Sink) Description() string { return "FileSink[" + s.dir + "]" }

// Open starts task's share of batch. For a batch the manifest log already
// has (a replay after the sink committed but before the checkpoint did),
// the writer discards its rows: the committed files stay as they are.
// Like Spark's FileStreamSink, every batch up to the log's latest counts
// as committed.
func (s *Sink) Open(_ context.Context, batch int64, task sink.Task) (sink.PartitionWriter, error) {
	if batch < 0 {
		return nil, fmt.Errorf("filesink: negative batch id %d", batch)
	}
	s.mu.Lock()
	closed, latest := s.closed, s.state.latest
	s.mu.Unlock()
	if closed {
		return nil, errors.New("filesink: sink is closed")
	}
	if batch <= latest {
		s.log.Debug("filesink: batch already committed, discarding its replay", "batch", batch, "topic", task.Topic, "partition", task.Partition)
		return discardWriter{}, nil
	}
	name := partName(batch, task, s.ext)
	// Leftovers of a crashed attempt of this task: its temporary file, and its
	// part file in case this attempt writes none.
	for _, p := range []string{tempName(name), name} {
		p = filepath.Join(s.dir, p)
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("filesink: remove stale %s: %w", p, err)
		}
	}
	return &partWriter{s: s, batch: batch, name: name}, nil
}

// Commit adds batch's files to the manifest log, after making their
// names durable. A batch already committed is left alone.
func (s *Sink) Commit(_ context.Context, batch int64) error {
	s.mu.Lock()
	files := make([]File, 0, len(s.pending[batch]))
	for _, f := range s.pending[batch] {
		files = append(files, f)
	}
	delete(s.pending, batch)
	latest := s.state.latest
	s.mu.Unlock()
	if batch <= latest {
		s.log.Info("filesink: batch was already committed", "batch", batch)
		return nil
	}
	if len(files) > 0 {
		if err := syncDir(s.dir); err != nil { // the part files' renames
			return err
		}
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	return s.appendLog(batch, files)
}

// appendLog writes batch's log file: its files, and for a compaction batch
// the files of every batch before it too (CompactibleFileStreamLog.add).
func (s *Sink) appendLog(batch int64, files []File) error {
	s.mu.Lock()
	st := s.state
	s.mu.Unlock()
	if isCompaction(batch, st.interval) {
		prev, err := st.read(s.metaDir, st.upTo(batch-1))
		if err != nil {
			return fmt.Errorf("filesink: compacting the manifest log at batch %d: %w", batch, err)
		}
		files = append(prev, files...)
	}
	name := logName(batch, st.interval)
	if err := writeFileAtomic(filepath.Join(s.metaDir, name), encodeLog(files)); err != nil {
		return err
	}
	s.mu.Lock()
	s.state.files[batch] = name
	s.state.latest = max(s.state.latest, batch)
	s.mu.Unlock()
	return nil
}

// convertLegacy copies the batches of a legacy manifest log that the
// manifest log does not have into it, so that output written before keeps
// its exactly-once guarantee. It is idempotent: a crash midway resumes.
func (s *Sink) convertLegacy() error {
	legacy := filepath.Join(s.dir, LegacyMetadataDir)
	batches, err := legacyBatches(legacy)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("filesink: %w", err)
	}
	for _, b := range batches {
		if b <= s.state.latest {
			continue
		}
		files, err := readLegacyBatch(legacy, s.dir, b)
		if err != nil {
			return err
		}
		for i := range files {
			fi, err := os.Stat(files[i].Path)
			if err != nil {
				return fmt.Errorf("filesink: converting %s: committed file of batch %d: %w", legacy, b, err)
			}
			files[i].ModTime = fi.ModTime().UnixMilli()
		}
		if err := s.appendLog(b, files); err != nil {
			return fmt.Errorf("filesink: converting %s: %w", legacy, err)
		}
		s.log.Info("filesink: converted a legacy manifest to "+MetadataDir, "batch", b)
	}
	return nil
}

// Close releases the sink. Part files of uncommitted batches stay until the
// batch is replayed.
func (s *Sink) Close() error {
	s.mu.Lock()
	s.closed = true
	s.pending = map[int64]map[string]File{}
	s.mu.Unlock()
	return nil
}

// closedFile records a part file a task finished, for its batch's manifest.
func (s *Sink) closedFile(f File) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pending[f.Batch] == nil {
		s.pending[f.Batch] = map[string]File{}
	}
	s.pending[f.Batch][f.Name] = f
}
