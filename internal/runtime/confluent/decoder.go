package confluent

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"

	"github.com/streamc/streamc/internal/runtime/avroresolve"
	"github.com/streamc/streamc/internal/runtime/avroschema"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/registry"
	"github.com/streamc/streamc/internal/runtime/sink"
	"github.com/streamc/streamc/internal/runtime/wire"
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
	column string // "key" or "value", for reports

	log   *slog.Logger
	count func(reason string)
	// warned holds the schema references already reported as unknown.
	warnMu sync.Mutex
	warned map[schemaRef]struct{}
}

// schemaRef is the schema reference of a frame, without its body.
type schemaRef struct {
	magic byte
	id    uint32
	guid  wire.GUID
}

// ReasonUnknownSchemaID is the reason a record is counted with when it
// names a schema id (or GUID) the registry does not have.
const ReasonUnknownSchemaID = "unknown_schema_id"

// maxWarned bounds the unknown schema references remembered, so a stream
// of random ids cannot grow memory; past it, records are only counted.
const maxWarned = 1000

// DecoderOption configures a Decoder.
type DecoderOption func(*Decoder)

// Report makes Decode report records that name a schema the registry does
// not have: a warning on log once per schema id or GUID, naming the first
// such record, and count(ReasonUnknownSchemaID) for every one. Such a
// record is bad (the query's mode decides), but a PERMISSIVE query must not
// null it silently. Either may be nil.
func Report(log *slog.Logger, count func(reason string)) DecoderOption {
	return func(d *Decoder) { d.log, d.count = log, count }
}

// NewDecoder makes the decoder of a key (key set) or value column whose
// reader schema is readerSchema, the Avro text compiled into the program.
// ctx bounds every registry request the decoder makes.
func NewDecoder(ctx context.Context, reg *registry.Client, readerSchema string, key bool, opts ...DecoderOption) (*Decoder, error) {
	reader, err := avroschema.Parse(readerSchema)
	if err != nil {
		return nil, fmt.Errorf("reader schema: %w", err)
	}
	d := &Decoder{reg: reg, header: wire.ValueSchemaIDHeader, ctx: ctx, column: "value"}
	if key {
		d.header, d.column = wire.KeySchemaIDHeader, "key"
	}
	for _, o := range opts {
		o(d)
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
	out, _, err := d.body(msg, headers, scratch)
	return out, err
}

// Decode is Body for the key or value column (as the decoder was made for)
// of row; a record naming a schema the registry does not have is also
// reported (see Report).
func (d *Decoder) Decode(row *kafka.Row, scratch *[]byte) ([]byte, error) {
	msg := row.Value
	if d.column == "key" {
		msg = row.Key
	}
	out, ref, err := d.body(msg, row.Headers, scratch)
	if errors.Is(err, registry.ErrSchemaNotFound) {
		d.unknown(row, ref, err)
	}
	return out, err
}

// unknown reports a record whose schema the registry does not have.
func (d *Decoder) unknown(row *kafka.Row, ref wire.Frame, err error) {
	if d.count != nil {
		d.count(ReasonUnknownSchemaID)
	}
	if d.log == nil {
		return
	}
	key := schemaRef{ref.Magic, ref.ID, ref.GUID}
	d.warnMu.Lock()
	_, seen := d.warned[key]
	first := !seen && len(d.warned) < maxWarned
	if first {
		if d.warned == nil {
			d.warned = map[schemaRef]struct{}{}
		}
		d.warned[key] = struct{}{}
	}
	d.warnMu.Unlock()
	if !first {
		return
	}
	schema := slog.Uint64("schemaId", uint64(ref.ID))
	if ref.HasGUID() {
		schema = slog.String("schemaGuid", wire.GUID(ref.GUID).String())
	}
	d.log.Warn("record names a schema the registry does not have; it is a malformed record (further ones with this schema are counted, not logged)",
		schema, "column", d.column, "topic", row.Topic, "partition", row.Partition, "offset", row.Offset,
		"registry", d.reg.URL(), "err", err)
}

// body is Body, also returning the schema reference the message named.
func (d *Decoder) body(msg []byte, headers []sink.Header, scratch *[]byte) ([]byte, wire.Frame, error) {
	if len(msg) == 0 {
		return nil, wire.Frame{}, ErrEmpty
	}
	var prog *avroresolve.Program
	var body []byte
	var ref wire.Frame
	var err error
	if h, ok := findHeader(headers, d.header); ok {
		var herr error
		ref, herr = wire.SchemaRefFromHeader(h)
		if herr != nil {
			return nil, ref, fmt.Errorf("header %s: %w", d.header, herr)
		}
		body = msg
		prog, err = d.program(ref)
	} else {
		var ferr error
		ref, ferr = wire.Parse(msg)
		if ferr != nil {
			return nil, ref, ferr
		}
		body = ref.Body
		prog, err = d.program(ref)
	}
	if err != nil {
		return nil, ref, err
	}
	if prog.Identity() {
		return body, ref, nil
	}
	out, err := prog.Transcode((*scratch)[:0], body)
	*scratch = out[:0]
	if err != nil {
		return nil, ref, err
	}
	return out, ref, nil
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
// batch) rather than treat good data as malformed. Every failed registry
// request is, except the registry answering that it has no such schema
// (registry.ErrNotFound, Confluent's error code 40403 for an id): an
// outage, rejected credentials, a wrong URL (a 404 without that code), an
// answer that is not the registry's JSON.
func Transient(err error) bool {
	var re *registry.Error
	if errors.As(err, &re) && !errors.Is(re, registry.ErrNotFound) {
		return true
	}
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
