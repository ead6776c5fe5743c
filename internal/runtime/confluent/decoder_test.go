package confluent_test

import (
	"bytes"
	"context"
	"errors"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	devregistry "github.com/streamc/streamc/internal/devtools/registry"
	"github.com/streamc/streamc/internal/runtime/avrobin"
	"github.com/streamc/streamc/internal/runtime/avroresolve"
	"github.com/streamc/streamc/internal/runtime/confluent"
	"github.com/streamc/streamc/internal/runtime/registry"
	"github.com/streamc/streamc/internal/runtime/sink"
	"github.com/streamc/streamc/internal/runtime/wire"
)

// gpsV1 is the reader schema of the tests (schemas/gps.avsc).
const gpsV1 = `{"type":"record","name":"GpsReading","namespace":"com.example.telemetry","fields":[
  {"name":"timestamp","type":"long"},{"name":"deviceId","type":"string"},
  {"name":"latitude","type":"double"},{"name":"longitude","type":"double"},
  {"name":"altitude","type":"double"},{"name":"speed","type":"double"}]}`

// gpsV2 adds a field with a default and moves speed before altitude.
const gpsV2 = `{"type":"record","name":"GpsReading","namespace":"com.example.telemetry","fields":[
  {"name":"timestamp","type":"long"},{"name":"deviceId","type":"string"},
  {"name":"latitude","type":"double"},{"name":"longitude","type":"double"},
  {"name":"speed","type":"double"},{"name":"altitude","type":"double"},
  {"name":"heading","type":"double","default":0}]}`

// gpsBadSpeed makes speed a string: no reader of gpsV1 can read it.
const gpsBadSpeed = `{"type":"record","name":"GpsReading","namespace":"com.example.telemetry","fields":[
  {"name":"timestamp","type":"long"},{"name":"deviceId","type":"string"},
  {"name":"latitude","type":"double"},{"name":"longitude","type":"double"},
  {"name":"altitude","type":"double"},{"name":"speed","type":"string"}]}`

type reading struct {
	ts                            int64
	device                        string
	lat, lon, alt, speed, heading float64
}

var berlin = reading{1715239773186, "truck-042", 52.520008, 13.404954, 34.5, 13.89, 271.5}

// v1Body is r's Avro body under gpsV1.
func v1Body(r reading) []byte {
	b := avrobin.AppendLong(nil, r.ts)
	b = avrobin.AppendString(b, r.device)
	b = avrobin.AppendDouble(b, r.lat)
	b = avrobin.AppendDouble(b, r.lon)
	b = avrobin.AppendDouble(b, r.alt)
	return avrobin.AppendDouble(b, r.speed)
}

// v2Body is r's Avro body under gpsV2.
func v2Body(r reading) []byte {
	b := avrobin.AppendLong(nil, r.ts)
	b = avrobin.AppendString(b, r.device)
	b = avrobin.AppendDouble(b, r.lat)
	b = avrobin.AppendDouble(b, r.lon)
	b = avrobin.AppendDouble(b, r.speed)
	b = avrobin.AppendDouble(b, r.alt)
	return avrobin.AppendDouble(b, r.heading)
}

// testRegistry is the in-process registry over HTTP with a client of it
// that retries quickly.
type testRegistry struct {
	reg    *devregistry.Registry
	client *registry.Client
}

func newTestRegistry(t *testing.T) *testRegistry {
	t.Helper()
	reg, err := devregistry.New(devregistry.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(reg)
	t.Cleanup(srv.Close)
	client, err := registry.New(registry.Config{URLs: []string{srv.URL}, Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return &testRegistry{reg: reg, client: client}
}

func (r *testRegistry) register(t *testing.T, subject, schema string) uint32 {
	t.Helper()
	id, _, err := r.reg.Register(subject, devregistry.Schema{Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	return uint32(id)
}

func (r *testRegistry) decoder(t *testing.T, key bool) *confluent.Decoder {
	t.Helper()
	d, err := confluent.NewDecoder(context.Background(), r.client, gpsV1, key)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func framed(id uint32, body []byte) []byte { return append(wire.AppendHeader(nil, id), body...) }

// The writer schema is the reader's: Body returns the message's own bytes
// after the header, without copying or touching the scratch buffer.
func TestDecoderIdentityAliasesMessage(t *testing.T) {
	r := newTestRegistry(t)
	id := r.register(t, "gps-value", gpsV1)
	d := r.decoder(t, false)
	msg := framed(id, v1Body(berlin))
	var scratch []byte
	body, err := d.Body(msg, nil, &scratch)
	if err != nil {
		t.Fatal(err)
	}
	if len(body) != len(msg)-wire.HeaderSize || &body[0] != &msg[wire.HeaderSize] {
		t.Errorf("body is not the message's tail: %d bytes at %p, message tail %d bytes at %p", len(body), &body[0], len(msg)-wire.HeaderSize, &msg[wire.HeaderSize])
	}
	if scratch != nil {
		t.Errorf("scratch used on the identity path: %d bytes", cap(scratch))
	}
	// The same schema spaced otherwise is still the identity.
	id2 := r.register(t, "other-value", strings.ReplaceAll(gpsV1, "\n", " \n "))
	if id2 != id {
		t.Fatalf("the registry gave the same schema ids %d and %d", id, id2)
	}
	if allocs := testing.AllocsPerRun(100, func() { d.Body(msg, nil, &scratch) }); allocs != 0 {
		t.Errorf("identity path: %v allocations per message", allocs)
	}
}

// A writer schema that differs (a field added, two reordered) is
// transcoded into the reader's encoding, in the scratch buffer, which is
// reused from message to message.
func TestDecoderTranscodesOtherWriter(t *testing.T) {
	r := newTestRegistry(t)
	r.register(t, "gps-value", gpsV1)
	id2 := r.register(t, "gps-value", gpsV2)
	d := r.decoder(t, false)
	msg := framed(id2, v2Body(berlin))
	var scratch []byte
	body, err := d.Body(msg, nil, &scratch)
	if err != nil {
		t.Fatal(err)
	}
	if want := v1Body(berlin); !bytes.Equal(body, want) {
		t.Fatalf("transcoded body\n%x\nwant\n%x", body, want)
	}
	if len(scratch) != 0 || cap(scratch) < len(body) || &scratch[:1][0] != &body[0] {
		t.Errorf("the body is not in the scratch buffer (len %d cap %d)", len(scratch), cap(scratch))
	}
	other := berlin
	other.device, other.speed = "van-7", 0.5
	body2, err := d.Body(framed(id2, v2Body(other)), nil, &scratch)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(body2, v1Body(other)) || &body2[0] != &body[0] {
		t.Errorf("second message: %x (reused buffer: %v)", body2, &body2[0] == &body[0])
	}
	if allocs := testing.AllocsPerRun(100, func() { d.Body(msg, nil, &scratch) }); allocs != 0 {
		t.Errorf("transcoding path: %v allocations per message", allocs)
	}
}

// A schema reference in a __value_schema_id header (an id after magic 0,
// or a GUID after magic 1) takes the place of the framing prefix: the
// message is then the bare body. A key decoder reads __key_schema_id
// instead.
func TestDecoderSchemaIDHeader(t *testing.T) {
	r := newTestRegistry(t)
	id1 := r.register(t, "gps-value", gpsV1)
	id2 := r.register(t, "gps-value", gpsV2)
	guid, err := wire.ParseGUID(r.reg.GUID(int(id2)))
	if err != nil {
		t.Fatal(err)
	}
	want := v1Body(berlin)
	cases := []struct {
		name    string
		key     bool
		headers []sink.Header
		msg     []byte
	}{
		{"value id header", false, []sink.Header{{Key: wire.ValueSchemaIDHeader, Value: wire.AppendHeader(nil, id1)}}, v1Body(berlin)},
		{"value GUID header", false, []sink.Header{{Key: "other", Value: []byte("x")}, {Key: wire.ValueSchemaIDHeader, Value: wire.AppendGUIDHeader(nil, guid)}}, v2Body(berlin)},
		{"GUID prefix", false, nil, append(wire.AppendGUIDHeader(nil, guid), v2Body(berlin)...)},
		{"key id header", true, []sink.Header{{Key: wire.ValueSchemaIDHeader, Value: []byte{9}}, {Key: wire.KeySchemaIDHeader, Value: wire.AppendHeader(nil, id2)}}, v2Body(berlin)},
		// A value decoder ignores the key's header and reads the prefix.
		{"key header on a value", false, []sink.Header{{Key: wire.KeySchemaIDHeader, Value: wire.AppendHeader(nil, 999)}}, framed(id1, v1Body(berlin))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var scratch []byte
			body, err := r.decoder(t, c.key).Body(c.msg, c.headers, &scratch)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(body, want) {
				t.Errorf("body %x, want %x", body, want)
			}
		})
	}
	// A header that is no schema reference is the record's fault.
	var scratch []byte
	_, err = r.decoder(t, false).Body(v1Body(berlin), []sink.Header{{Key: wire.ValueSchemaIDHeader, Value: []byte{7, 0, 0, 0, 1}}}, &scratch)
	if !errors.Is(err, wire.ErrBadMagic) || !strings.Contains(err.Error(), wire.ValueSchemaIDHeader) || confluent.Transient(err) {
		t.Errorf("bad header: %v", err)
	}
}

// Each fault of a record gives its own error, none of them transient.
func TestDecoderRecordErrors(t *testing.T) {
	r := newTestRegistry(t)
	id1 := r.register(t, "gps-value", gpsV1)
	idBad := r.register(t, "gps-value", gpsBadSpeed)
	idJSON, _, err := r.reg.Register("json-value", devregistry.Schema{Schema: `{"type":"object"}`, SchemaType: "JSON"})
	if err != nil {
		t.Fatal(err)
	}
	body := v1Body(berlin)
	cases := []struct {
		name string
		msg  []byte
		want error
		text string // in the message
	}{
		{"empty", []byte{}, confluent.ErrEmpty, "empty message"},
		{"bad magic", append([]byte{'{'}, body...), wire.ErrBadMagic, "magic byte 0x7b"},
		{"short header", []byte{0, 0, 1}, wire.ErrShortHeader, "3-byte message"},
		{"short GUID header", []byte{1, 0, 1, 2}, wire.ErrShortHeader, "17-byte"},
		{"unknown id", framed(999, body), registry.ErrNotFound, "schema id 999"},
		{"incompatible writer", framed(idBad, body), avroresolve.ErrIncompatible, `"speed"`},
		{"not Avro", framed(uint32(idJSON), body), nil, "JSON schema, not Avro"},
		{"truncated body", framed(id1, body[:len(body)-3]), avrobin.ErrTruncated, "double"},
	}
	d := r.decoder(t, false)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var scratch []byte
			out, err := d.Body(c.msg, nil, &scratch)
			if err == nil && c.want == avrobin.ErrTruncated {
				// The identity path leaves the body to the generated
				// decoder, which reads it with avrobin.
				rd := avrobin.NewReader(out)
				rd.Long()
				rd.SkipString()
				for range 4 {
					rd.Double()
				}
				err = rd.Done()
			}
			if err == nil {
				t.Fatalf("no error; body %x", out)
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("error %v; want %v", err, c.want)
			}
			if !strings.Contains(err.Error(), c.text) {
				t.Errorf("error %q does not say %q", err, c.text)
			}
			if confluent.Transient(err) {
				t.Errorf("a bad record's error is transient: %v", err)
			}
		})
	}
	// The incompatible schema names both schemas.
	_, err = d.Body(framed(idBad, body), nil, new([]byte))
	var ie *avroresolve.IncompatibleError
	if !errors.As(err, &ie) || ie.Writer.Fingerprint64() == ie.Reader.Fingerprint64() {
		t.Errorf("incompatible writer: %v", err)
	}
}

// Trouble with the registry is transient, is not remembered, and the
// decoder reads the record once the registry is back.
func TestDecoderRegistryOutage(t *testing.T) {
	r := newTestRegistry(t)
	id := r.register(t, "gps-value", gpsV2)
	d := r.decoder(t, false)
	msg := framed(id, v2Body(berlin))
	var scratch []byte
	r.reg.SetDown(true)
	_, err := d.Body(msg, nil, &scratch)
	if !confluent.Transient(err) || !errors.Is(err, registry.ErrUnavailable) {
		t.Fatalf("registry down: %v (transient %v)", err, confluent.Transient(err))
	}
	r.reg.SetDown(false)
	body, err := d.Body(msg, nil, &scratch)
	if err != nil {
		t.Fatalf("registry back: %v", err)
	}
	if !bytes.Equal(body, v1Body(berlin)) {
		t.Errorf("body %x", body)
	}

	// A cancelled context is transient too (the query is stopping).
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d2, err := confluent.NewDecoder(ctx, r.client, gpsV1, false)
	if err != nil {
		t.Fatal(err)
	}
	id3 := r.register(t, "gps-value", gpsBadSpeed)
	if _, err := d2.Body(framed(id3, v1Body(berlin)), nil, &scratch); !confluent.Transient(err) {
		t.Errorf("cancelled context: %v is not transient", err)
	}
	if confluent.Transient(registry.ErrNotFound) || confluent.Transient(nil) {
		t.Error("not found or nil is transient")
	}
	if !confluent.Transient(registry.ErrUnauthorized) {
		t.Error("unauthorized is not transient")
	}
}

// Partitions share one decoder: a new writer schema met by all at once is
// fetched once, and every one decodes.
func TestDecoderConcurrent(t *testing.T) {
	r := newTestRegistry(t)
	id := r.register(t, "gps-value", gpsV2)
	d := r.decoder(t, false)
	before := r.reg.Requests()
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var scratch []byte
			rd := berlin
			rd.ts += int64(g)
			for range 50 {
				body, err := d.Body(framed(id, v2Body(rd)), nil, &scratch)
				if err == nil && !bytes.Equal(body, v1Body(rd)) {
					err = errors.New("wrong body")
				}
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := r.reg.Requests() - before; n != 1 {
		t.Errorf("%d registry requests, want 1", n)
	}
}

func TestNewDecoderBadReaderSchema(t *testing.T) {
	r := newTestRegistry(t)
	if _, err := confluent.NewDecoder(context.Background(), r.client, `{"type":"record"}`, false); err == nil || !strings.Contains(err.Error(), "reader schema") {
		t.Errorf("bad reader schema: %v", err)
	}
}
