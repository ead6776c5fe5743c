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
	"strconv"
	"sync"

	"github.com/streamc/streamc/runtime/sink"
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
}

// Sink writes batches to a directory; see the package documentation.
type Sink struct {
	dir     string
	metaDir string
	ext     string
	header  []byte
	sep     []byte
	log     *slog.Logger

	mu      sync.Mutex
	pending map[int64]map[string]File // closed part files of uncommitted batches
	closed  bool
}

var _ sink.Sink = (*Sink)(nil)

// New opens (creating if needed) the output directory path.
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
	dir := filepath.Clean(path)
	s := &Sink{
		dir:     dir,
		metaDir: filepath.Join(dir, MetadataDir),
		ext:     ext,
		header:  slices.Clone(opts.Header),
		sep:     []byte(opts.LineSep),
		log:     opts.Logger.With("sink", "file", "path", dir),
		pending: map[int64]map[string]File{},
	}
	if err := mkdirAll(s.metaDir); err != nil {
		return nil, err
	}
	return s, nil
}

// Path returns the output directory.
func (s *Sink) Path() string { return s.dir }

// Open starts task's share of batch. For a batch whose manifest exists (a
// replay after the sink committed but before the checkpoint did), the
// writer discards its rows: the committed files stay as they are.
func (s *Sink) Open(_ context.Context, batch int64, task sink.Task) (sink.PartitionWriter, error) {
	if batch < 0 {
		return nil, fmt.Errorf("filesink: negative batch id %d", batch)
	}
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return nil, errors.New("filesink: sink is closed")
	}
	committed, err := s.committed(batch)
	if err != nil {
		return nil, err
	}
	if committed {
		s.log.Debug("filesink: batch already committed, discarding its replay", "batch", batch, "topic", task.Topic, "partition", task.Partition)
		return discardWriter{}, nil
	}
	name := partName(batch, task, s.ext)
	// Leftovers of a crashed attempt of this task: its temporary file, and its
	// part file in case this attempt writes none.
	for _, p := range []string{tempName(name), name} {
		if err := os.Remove(filepath.Join(s.dir, p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("filesink: remove stale %s: %w", p, err)
		}
	}
	return &partWriter{s: s, batch: batch, name: name}, nil
}

// Commit writes batch's manifest, after making its part files' names
// durable. A batch already committed is left alone.
func (s *Sink) Commit(_ context.Context, batch int64) error {
	committed, err := s.committed(batch)
	if err != nil {
		return err
	}
	s.mu.Lock()
	files := make([]File, 0, len(s.pending[batch]))
	for _, f := range s.pending[batch] {
		files = append(files, f)
	}
	delete(s.pending, batch)
	s.mu.Unlock()
	if committed {
		s.log.Info("filesink: batch was already committed", "batch", batch)
		return nil
	}
	if len(files) > 0 {
		if err := syncDir(s.dir); err != nil { // the part files' renames
			return err
		}
	}
	data, err := encodeManifest(files)
	if err != nil {
		return fmt.Errorf("filesink: manifest of batch %d: %w", batch, err)
	}
	return writeFileAtomic(s.manifestPath(batch), data)
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

func (s *Sink) manifestPath(batch int64) string {
	return filepath.Join(s.metaDir, strconv.FormatInt(batch, 10))
}

func (s *Sink) committed(batch int64) (bool, error) {
	_, err := os.Stat(s.manifestPath(batch))
	if err == nil {
		return true, nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return false, fmt.Errorf("filesink: %w", err)
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
