package avroresolve

import (
	"errors"
	"fmt"

	"github.com/streamc/streamc/internal/runtime/avroschema"
)

// ErrIncompatible is what every *IncompatibleError matches with errors.Is.
var ErrIncompatible = errors.New("incompatible Avro schemas")

// ErrOutputTooLarge is the cause (under an *avrobin.Error) when a datum
// would transcode to more than MaxGrowth bytes beyond 16 times its own size:
// defaults and promotions can make output larger than input, and a hostile
// datum must not turn a few bytes into gigabytes.
var ErrOutputTooLarge = errors.New("transcoded datum too large")

// MaxGrowth is the slack allowed beyond 16 times the input size.
const MaxGrowth = 16 << 20

// IncompatibleError is a writer schema that cannot be read with a reader
// schema. Compile returns it for what is wrong in any datum; Transcode
// returns it, under an *avrobin.Error, for a writer union branch or enum
// symbol that the reader cannot take, when a datum uses it.
type IncompatibleError struct {
	Writer, Reader *avroschema.Schema
	Path           string // where in the reader schema, e.g. `field "location": field "lat"`
	Reason         string // e.g. "writer type string cannot be promoted to double"
}

func (e *IncompatibleError) Error() string {
	msg := fmt.Sprintf("writer schema %s (fingerprint %016x) cannot be read as reader schema %s: ",
		e.Writer.Name(), e.Writer.Fingerprint64(), e.Reader.Name())
	if e.Path != "" {
		msg += e.Path + ": "
	}
	return msg + e.Reason
}

// Is makes errors.Is(err, ErrIncompatible) true.
func (e *IncompatibleError) Is(target error) bool { return target == ErrIncompatible }

// Program transcodes data written with one schema into the binary encoding
// of another. It is immutable and safe for concurrent use.
type Program struct {
	writer, reader *avroschema.Schema
	root           *op
	identity       bool
}

// Compile resolves writer against reader. It fails with an
// *IncompatibleError when no datum of the writer could be read with the
// reader (a reader field with no default that the writer lacks, types that do
// not match); failures that depend on the datum wait for Transcode.
func Compile(writer, reader *avroschema.Schema) (*Program, error) {
	c := newCompiler(writer, reader)
	root, err := c.compile(writer.Root(), reader.Root())
	if err != nil {
		return nil, err
	}
	p := &Program{writer: writer, reader: reader, root: root}
	if writer.Canonical() == reader.Canonical() {
		// Same encoding; compiling still checked what the canonical form
		// leaves out (decimal precision and scale).
		p.identity = true
		p.root = c.copyOp(writer.Root())
	}
	return p, nil
}

// Identity reports whether writer and reader have the same Parsing Canonical
// Form, so that data needs no transcoding.
func (p *Program) Identity() bool { return p.identity }

// Writer returns the writer schema.
func (p *Program) Writer() *avroschema.Schema { return p.writer }

// Reader returns the reader schema.
func (p *Program) Reader() *avroschema.Schema { return p.reader }

// Transcode appends to dst the datum src, written with the writer schema,
// encoded with the reader schema. Malformed input (including bytes after the
// datum) gives an *avrobin.Error, as do writer union branches and enum
// symbols the reader cannot take; dst is then returned unchanged.
func (p *Program) Transcode(dst, src []byte) ([]byte, error) {
	var m machine
	m.reset(src, len(dst))
	m.verbatim = p.identity
	out := m.run(dst, p.root, 0)
	if err := m.r.Done(); err != nil {
		return dst, err
	}
	return out, nil
}
