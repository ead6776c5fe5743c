package filesink

import (
	"bufio"
	"context"
	"fmt"
	"hash"
	"hash/crc32"
	"os"
	"path/filepath"

	"github.com/streamc/streamc/runtime/sink"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// partWriter writes one task's rows to a temporary file, created at the
// first row so that empty tasks leave no file, and renames it on Close.
type partWriter struct {
	s     *Sink
	batch int64
	name  string

	f    *os.File
	w    *bufio.Writer
	crc  hash.Hash32
	size int64
	rows int64
	done bool
}

func (p *partWriter) Write(_ context.Context, msg *sink.Message) error {
	if p.done {
		return fmt.Errorf("filesink: write to closed %s", p.name)
	}
	if p.f == nil {
		if err := p.create(); err != nil {
			return err
		}
	}
	if err := p.put(msg.Value); err != nil {
		return err
	}
	p.rows++
	return nil
}

func (p *partWriter) create() error {
	f, err := os.OpenFile(filepath.Join(p.s.dir, tempName(p.name)), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("filesink: %w", err)
	}
	p.f, p.w, p.crc = f, bufio.NewWriterSize(f, 64<<10), crc32.New(castagnoli)
	if p.s.header != nil {
		return p.put(p.s.header)
	}
	return nil
}

// put writes b and the line separator.
func (p *partWriter) put(b []byte) error {
	p.crc.Write(b)
	p.crc.Write(p.s.sep)
	p.w.Write(b)
	_, err := p.w.Write(p.s.sep) // bufio errors are sticky
	if err != nil {
		return fmt.Errorf("filesink: write %s: %w", tempName(p.name), err)
	}
	p.size += int64(len(b) + len(p.s.sep))
	return nil
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
	tmp := p.f.Name()
	err := p.w.Flush()
	if err == nil {
		err = p.f.Sync()
	}
	if cerr := p.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(p.s.dir, p.name))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("filesink: close %s: %w", p.name, err)
	}
	var header int64
	if p.s.header != nil {
		header = int64(len(p.s.header) + len(p.s.sep))
	}
	p.s.closedFile(File{
		Batch: p.batch, Name: p.name, Path: filepath.Join(p.s.dir, p.name),
		Size: p.size, Rows: p.rows, CRC32C: p.crc.Sum32(), HeaderBytes: header, LineSep: string(p.s.sep),
	})
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
		os.Remove(p.f.Name())
	}
}

// discardWriter stands in for the tasks of a batch committed before.
type discardWriter struct{}

func (discardWriter) Write(context.Context, *sink.Message) error { return nil }
func (discardWriter) Close(context.Context) error                { return nil }
func (discardWriter) Abort()                                     {}
