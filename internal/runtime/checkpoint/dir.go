package checkpoint

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Options configure Open.
type Options struct {
	// Keep is how many batches pruning keeps (Spark's
	// spark.sql.streaming.minBatchesToRetain); 0 means 100.
	Keep int
	// Logger receives what the directory does on its own (creation, cleanup
	// of leftovers, pruning); nil means slog.Default().
	Logger *slog.Logger
}

// DefaultKeep is Options.Keep's default, Spark's minBatchesToRetain.
const DefaultKeep = 100

// Names inside the checkpoint directory, as Spark's.
const (
	lockName     = ".lock"
	metadataName = "metadata"
	offsetsDir   = "offsets"
	commitsDir   = "commits"
	sourceDir    = "sources/0" // our single source is source 0
	initialName  = "0"         // the source log's only batch
)

// Dir is an open, locked checkpoint directory. Its methods are safe for
// concurrent use.
type Dir struct {
	path string
	id   string
	keep int
	log  *slog.Logger

	mu   sync.Mutex
	lock *os.File // nil once closed
}

// Open creates dir if needed, locks it, writes metadata on first use and
// removes temporary files a crash left behind. A directory another query
// holds gives an error wrapping ErrLocked that names the path and its pid.
func Open(dir string, opts Options) (*Dir, error) {
	if opts.Keep < 0 {
		return nil, fmt.Errorf("checkpoint: Keep must not be negative, got %d", opts.Keep)
	}
	if opts.Keep == 0 {
		opts.Keep = DefaultKeep
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	dir = filepath.Clean(dir)
	if err := mkdirAll(dir); err != nil {
		return nil, err
	}
	lock, err := acquire(dir)
	if err != nil {
		return nil, err
	}
	d := &Dir{path: dir, keep: opts.Keep, log: opts.Logger.With("checkpoint", dir), lock: lock}
	if err := d.init(); err != nil {
		lock.Close()
		return nil, err
	}
	return d, nil
}

// acquire locks dir/.lock and records our pid in it for the error message
// of whoever comes next.
func acquire(dir string) (*os.File, error) {
	p := filepath.Join(dir, lockName)
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("checkpoint: open lock file %s: %w", p, err)
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("checkpoint: lock %s: %w", p, err)
	}
	if held {
		b, _ := os.ReadFile(p)
		f.Close()
		owner := "unknown pid"
		if pid := strings.TrimSpace(string(b)); pid != "" {
			owner = "pid " + pid
		}
		return nil, fmt.Errorf("checkpoint: %s is in use by another query (%s): %w", dir, owner, ErrLocked)
	}
	if err := f.Truncate(0); err == nil {
		_, err = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("checkpoint: write lock file %s: %w", p, err)
	}
	return f, nil
}

func (d *Dir) init() error {
	for _, sub := range []string{offsetsDir, commitsDir} {
		if err := mkdirAll(filepath.Join(d.path, sub)); err != nil {
			return err
		}
	}
	for _, sub := range []string{"", offsetsDir, commitsDir, sourceDir} {
		removed, err := removeTemps(filepath.Join(d.path, sub))
		for _, r := range removed {
			d.log.Info("checkpoint: removed temporary file left by an interrupted write", "file", r)
		}
		if err != nil {
			return err
		}
	}
	p := filepath.Join(d.path, metadataName)
	data, err := os.ReadFile(p)
	switch {
	case err == nil:
		id, err := parseMetadata(data)
		if err != nil {
			return &CorruptError{Path: p, Err: err}
		}
		d.id = id
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("checkpoint: %w", err)
	}
	if d.id, err = newUUID(); err != nil {
		return fmt.Errorf("checkpoint: new query id: %w", err)
	}
	if err := writeFileAtomic(p, encodeMetadata(d.id)); err != nil {
		return err
	}
	d.log.Info("checkpoint: new query", "id", d.id)
	return nil
}

// Path returns the directory (cleaned).
func (d *Dir) Path() string { return d.path }

// QueryID returns the id in metadata, stable across restarts (Spark's id).
func (d *Dir) QueryID() string { return d.id }

// Close releases the lock. Later calls do nothing.
func (d *Dir) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.lock == nil {
		return nil
	}
	err := d.lock.Close() // closing the descriptor drops the flock
	d.lock = nil
	if err != nil {
		return fmt.Errorf("checkpoint: unlock %s: %w", d.path, err)
	}
	return nil
}

// begin locks d.mu for a method and fails once the directory is closed.
func (d *Dir) begin() error {
	d.mu.Lock()
	if d.lock == nil {
		d.mu.Unlock()
		return fmt.Errorf("checkpoint: %s: %w", d.path, ErrClosed)
	}
	return nil
}
