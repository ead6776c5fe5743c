package filesink

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/streamc/streamc/internal/runtime/sink"
)

// partWriter writes one task's rows to a temporary file, created at the
// first row so that empty tasks leave no file, and renames it on Close.
type partWriter struct {
	s     *Sink
	batch int64
	name  string

	tmp  string // the temporary file's path, once created
	f    PartFile
	w    *bufio.Writer
	size int64
	done bool
}

func (p *partWriter) Write(_ context.Context, msg *sink.Message) error {
	if p.done {
		return fmt.Errorf("filesink: write to closed %s", filepath.Join(p.s.dir, p.name))
	}
	if p.f == nil {
		if err := p.create(); err != nil {
			return err
		}
	}
	return p.put(msg.Value)
}

func (p *partWriter) create() error {
	tmp := filepath.Join(p.s.dir, tempName(p.name))
	f, err := p.s.create(tmp)
	if err != nil {
		return fmt.Errorf("filesink: create %s: %w", tmp, unwrapPath(err))
	}
	p.tmp, p.f, p.w = tmp, f, bufio.NewWriterSize(f, 64<<10)
	if p.s.header != nil {
		return p.put(p.s.header)
	}
	return nil
}

// put writes b and the line separator.
func (p *partWriter) put(b []byte) error {
	p.w.Write(b)
	_, err := p.w.Write(p.s.sep) // bufio errors are sticky
	if err != nil {
		return fmt.Errorf("filesink: write %s: %w", p.tmp, unwrapPath(err))
	}
	p.size += int64(len(b) + len(p.s.sep))
	return nil
}

// unwrapPath drops an *os.PathError's own operation and path, which the
// caller's message already names.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// Close makes the part file durable under its final name. The directory
// entry is fsynced once per batch, by Commit.
func (p *partWriter) Close(context.Context) error {
	if p.done {
		return nil
	}
	p.done = true
	if p.f == nil {
		return nil // no rows, no file
	}
	final := filepath.Join(p.s.dir, p.name)
	what, err := "write", p.w.Flush()
	if err == nil {
		what, err = "fsync", p.f.Sync()
	}
	if cerr := p.f.Close(); err == nil {
		what, err = "close", cerr
	}
	if err != nil {
		os.Remove(p.tmp)
		return fmt.Errorf("filesink: %s %s: %w", what, p.tmp, unwrapPath(err))
	}
	if err := os.Rename(p.tmp, final); err != nil {
		os.Remove(p.tmp)
		return fmt.Errorf("filesink: %w", err)
	}
	fi, err := os.Stat(final)
	if err != nil {
		return fmt.Errorf("filesink: %w", err)
	}
	p.s.closedFile(File{Batch: p.batch, Name: p.name, Path: final, Size: p.size, ModTime: fi.ModTime().UnixMilli()})
	return nil
}

// Abort drops the temporary file; nothing of this attempt stays.
func (p *partWriter) Abort() {
	if p.done {
		return
	}
	p.done = true
	if p.f != nil {
		p.f.Close()
		os.Remove(p.tmp)
	}
}

// discardWriter stands in for the tasks of a batch committed before.
type discardWriter struct{}

func (discardWriter) Write(context.Context, *sink.Message) error { return nil }
func (discardWriter) Close(context.Context) error                { return nil }
func (discardWriter) Abort()                                     {}
