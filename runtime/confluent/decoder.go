package confluent

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/streamc/streamc/runtime/avroresolve"
	"github.com/streamc/streamc/runtime/avroschema"
	"github.com/streamc/streamc/runtime/registry"
	"github.com/streamc/streamc/runtime/sink"
	"github.com/streamc/streamc/runtime/wire"
)

// ErrEmpty is an empty message: Confluent's deserializers read it as null.
var ErrEmpty = errors.New("empty message")

// Decoder turns Confluent-framed Avro into the reader schema's encoding.
// It is safe for concurrent use: a query's partitions share one.
type Decoder struct {
	reg    *registry.Client
	byID   *avroresolve.Cache[schemaID]
	byGUID *avroresolve.Cache[schemaGUID]
	// header is the record header that may carry the schema id instead of
	// the message's prefix (__key_schema_id or __value_schema_id).
	header string
	ctx    context.Context
}

// NewDecoder makes the decoder of a key (key set) or value column whose
// reader schema is readerSchema, the Avro text compiled into the program.
// ctx bounds every registry request the decoder makes.
func NewDecoder(ctx context.Context, reg *registry.Client, readerSchema string, key bool) (*Decoder, error) {
	reader, err := avroschema.Parse(readerSchema)
	if err != nil {
		return nil, fmt.Errorf("reader schema: %w", err)
	}
	d := &Decoder{reg: reg, header: wire.ValueSchemaIDHeader, ctx: ctx}
	if key {
		d.header = wire.KeySchemaIDHeader
	}
	d.byID = avroresolve.NewCache(reader, func(ctx context.Context, id schemaID) (string, error) {
		s, err := reg.SchemaByID(ctx, int(id))
		if err != nil {
			return "", err
		}
		return checkAvro(s, "schema id "+strconv.FormatUint(uint64(id), 10))
	})
	d.byGUID = avroresolve.NewCache(reader, func(ctx context.Context, guid schemaGUID) (string, error) {
		g := wire.GUID(guid).String()
		s, err := reg.SchemaByGUID(ctx, g)
		if err != nil {
			return "", err
		}
		return checkAvro(s, "schema GUID "+g)
	})
	return d, nil
}

// checkAvro refuses registry schemas this decoder cannot read.
func checkAvro(s registry.Schema, what string) (string, error) {
	if s.SchemaType != "" && s.SchemaType != "AVRO" {
		return "", fmt.Errorf("%s is a %s schema, not Avro", what, s.SchemaType)
	}
	if len(s.References) > 0 {
		return "", fmt.Errorf("%s uses schema references, which streamc does not resolve yet", what)
	}
	return s.Schema, nil
}

// Body returns msg's Avro datum in the reader schema's encoding: a slice of
// msg itself when the writer schema is the reader's, otherwise a transcoded
// copy in *scratch (reused from call to call). headers are the record's; a
// schema id header there takes the place of the framing prefix.
func (d *Decoder) Body(msg []byte, headers []sink.Header, scratch *[]byte) ([]byte, error) {
	if len(msg) == 0 {
		return nil, ErrEmpty
	}
	var prog *avroresolve.Program
	var body []byte
	var err error
	if h, ok := findHeader(headers, d.header); ok {
		ref, herr := wire.SchemaRefFromHeader(h)
		if herr != nil {
			return nil, fmt.Errorf("header %s: %w", d.header, herr)
		}
		body = msg
		prog, err = d.program(ref)
	} else {
		frame, ferr := wire.Parse(msg)
		if ferr != nil {
			return nil, ferr
		}
		body = frame.Body
		prog, err = d.program(frame)
	}
	if err != nil {
		return nil, err
	}
	if prog.Identity() {
		return body, nil
	}
	out, err := prog.Transcode((*scratch)[:0], body)
	*scratch = out[:0]
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (d *Decoder) program(f wire.Frame) (*avroresolve.Program, error) {
	if f.HasGUID() {
		// The cache's errors name the GUID or id already.
		return d.byGUID.Program(d.ctx, schemaGUID(f.GUID))
	}
	return d.byID.Program(d.ctx, schemaID(f.ID))
}

func findHeader(hs []sink.Header, key string) ([]byte, bool) {
	for i := len(hs) - 1; i >= 0; i-- {
		if hs[i].Key == key {
			return hs[i].Value, true
		}
	}
	return nil, false
}

// Transient reports whether err is trouble with the registry rather than a
// fault of the record: the query should stop (and, restarted, retry the
// batch) rather than treat good data as malformed.
func Transient(err error) bool {
	return errors.Is(err, registry.ErrUnavailable) || errors.Is(err, registry.ErrUnauthorized) ||
		errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// schemaID and schemaGUID key the caches and name the schema in their
// errors ("writer schema id 7: ...").
type (
	schemaID   uint32
	schemaGUID wire.GUID
)

func (id schemaID) String() string  { return "id " + strconv.FormatUint(uint64(id), 10) }
func (g schemaGUID) String() string { return "GUID " + wire.GUID(g).String() }
