package avroconf

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"runtime/debug"
	"testing"

	"github.com/streamc/streamc/internal/runtime/avrobin"
	"github.com/streamc/streamc/internal/runtime/avroresolve"
	"github.com/streamc/streamc/internal/runtime/avroschema"
	"github.com/streamc/streamc/internal/testutil/avrovectors"
)

// Record is what the generator emits for a wrapper record V<n>.
type Record interface {
	DecodeAvro(data []byte) error
	DecodeAvroWith(rd *avrobin.Reader, data []byte) error
	AppendAvro(dst []byte) ([]byte, error)
}

// Case is one wrapper record of the generated package, for one vector.
type Case struct {
	// Vector is the vector's name.
	Vector string
	// Schema is the reader schema the generated code was made for (its
	// V<n>AvroSchema constant), as a program compiles it in.
	Schema string
	// New returns a zero *V<n>.
	New func() Record
}

// Result is what happened to one vector.
type Result struct {
	Vector string `json:"vector"`
	// Decode is empty when the generated decoder gave the expected value
	// (or the expected error), else what went wrong.
	Decode string `json:"decode,omitempty"`
	// RoundTrip is empty when the generated encoder's output decodes to
	// the same value again, else what went wrong. Vectors that expect an
	// error have no round trip.
	RoundTrip string `json:"round_trip,omitempty"`
}

// Run checks every case against its vector, reports failures through t
// and, when ResultsEnv names a file, writes the results there as a JSON
// array, in case order.
func Run(t *testing.T, cases []Case) {
	path := os.Getenv(VectorsEnv)
	if path == "" {
		t.Fatalf("%s is not set", VectorsEnv)
	}
	vectors, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*Vector{}
	siblings := map[string][]datum{}
	for _, v := range vectors {
		byName[v.Name] = v
		if d, ok := goodDatum(v); ok {
			siblings[pairKey(v)] = append(siblings[pairKey(v)], d)
		}
	}
	var results []Result
	for _, c := range cases {
		v := byName[c.Vector]
		res := Result{Vector: c.Vector}
		if v == nil {
			res.Decode = "no such vector in " + path
		} else {
			res.Decode, res.RoundTrip = check(v, c, siblings[pairKey(v)])
		}
		results = append(results, res)
		t.Run(c.Vector, func(t *testing.T) {
			if res.Decode != "" {
				t.Error(res.Decode)
			}
			if res.RoundTrip != "" {
				t.Error("round trip: " + res.RoundTrip)
			}
		})
	}
	if out := os.Getenv(ResultsEnv); out != "" {
		b, err := json.MarshalIndent(results, "", "\t")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// datum is a vector's datum in its reader schema's encoding.
type datum struct {
	vector string
	body   []byte
}

// goodDatum resolves a vector that expects a value.
func goodDatum(v *Vector) (datum, bool) {
	if v.Error != nil {
		return datum{}, false
	}
	w, werr := avroschema.Parse(v.Wrap(v.WriterSchema))
	r, rerr := avroschema.Parse(v.Wrap(v.Reader()))
	data, herr := hex.DecodeString(v.Hex)
	if werr != nil || rerr != nil || herr != nil {
		return datum{}, false
	}
	body, err := resolve(w, r, data)
	return datum{v.Name, body}, err == nil
}

// pairKey says which vectors have the same writer and reader schemas, so
// that one's datum can be decoded by the record generated for another.
func pairKey(v *Vector) string {
	var w, r bytes.Buffer
	if json.Compact(&w, v.WriterSchema) != nil || json.Compact(&r, v.Reader()) != nil {
		return v.Name
	}
	return w.String() + "\x00" + r.String()
}

// check runs v through c as a program would: the writer's datum is
// resolved to the reader schema compiled into the generated code (as is
// when the two are the same), then decoded by the generated DecodeAvro.
// siblings are datums of the same schemas, decoded into the value first
// when checking that decoding over a used value leaves nothing behind.
func check(v *Vector, c Case, siblings []datum) (decode, roundTrip string) {
	defer func() {
		// Generated code must not panic on any input; say where it did.
		if p := recover(); p != nil {
			decode = fmt.Sprintf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	writer, err := avroschema.Parse(v.Wrap(v.WriterSchema))
	if err != nil {
		return "writer schema: " + err.Error(), ""
	}
	reader, err := avroschema.Parse(c.Schema)
	if err != nil {
		return "the generated schema constant: " + err.Error(), ""
	}
	// The constant is internal/compiler/schema's rendering of the wrapped reader schema;
	// it must mean the same.
	wrapped, err := avroschema.Parse(v.Wrap(v.Reader()))
	if err != nil {
		return "reader schema: " + err.Error(), ""
	}
	if reader.Canonical() != wrapped.Canonical() {
		return fmt.Sprintf("the generated schema constant is not the reader schema:\n got: %s\nwant: %s", reader.Canonical(), wrapped.Canonical()), ""
	}
	data, err := hex.DecodeString(v.Hex)
	if err != nil {
		return "hex: " + err.Error(), ""
	}
	rec := c.New()
	body, err := resolve(writer, reader, data)
	if err == nil {
		err = rec.DecodeAvro(body)
	}
	if v.Error != nil {
		if err == nil {
			got, rerr := renderRecord(reader, rec)
			if rerr != nil {
				return fmt.Sprintf("want an error (%s), got none (and the value does not render: %v)", *v.Error, rerr), ""
			}
			return fmt.Sprintf("want an error (%s), got none; decoded %s", *v.Error, show(got)), ""
		}
		return "", ""
	}
	if err != nil {
		return "unexpected error: " + err.Error(), ""
	}
	want, err := avrovectors.Read(v.Expected)
	if err != nil {
		return err.Error(), ""
	}
	if msg := checkValue(reader, rec, want); msg != "" {
		return msg, ""
	}
	// Programs decode every message into the same value: what an earlier
	// message left there must not show through.
	for _, s := range siblings {
		if s.vector == v.Name {
			continue
		}
		if err := rec.DecodeAvro(s.body); err != nil {
			return fmt.Sprintf("decoding the datum of %s: %v", s.vector, err), ""
		}
		if err := rec.DecodeAvro(body); err != nil {
			return fmt.Sprintf("decoding over the datum of %s: %v", s.vector, err), ""
		}
		if msg := checkValue(reader, rec, want); msg != "" {
			return fmt.Sprintf("decoding over the datum of %s: %s", s.vector, msg), ""
		}
	}
	if err := rec.DecodeAvro(body); err != nil {
		return "decoding again into the same value: " + err.Error(), ""
	}
	if msg := checkValue(reader, rec, want); msg != "" {
		return "decoding again into the same value: " + msg, ""
	}
	// Queries decode with strings borrowed from the message.
	var rd avrobin.Reader
	rd.SetBorrow(true)
	borrowed := c.New()
	if err := borrowed.DecodeAvroWith(&rd, body); err != nil {
		return "decoding with borrowed strings: " + err.Error(), ""
	}
	if msg := checkValue(reader, borrowed, want); msg != "" {
		return "decoding with borrowed strings: " + msg, ""
	}
	enc, err := rec.AppendAvro(nil)
	if err != nil {
		return "", "AppendAvro: " + err.Error()
	}
	again := c.New()
	if err := again.DecodeAvro(enc); err != nil {
		return "", fmt.Sprintf("decoding the encoder's output %x: %v", enc, err)
	}
	if msg := checkValue(reader, again, want); msg != "" {
		return "", fmt.Sprintf("the encoder's output %x: %s", enc, msg)
	}
	return "", ""
}

// resolve is what internal/runtime/confluent's Decoder does with a datum: nothing
// when the schemas are the same, a transcode otherwise.
func resolve(writer, reader *avroschema.Schema, data []byte) ([]byte, error) {
	prog, err := avroresolve.Compile(writer, reader)
	if err != nil {
		return nil, err
	}
	if prog.Identity() {
		return data, nil
	}
	return prog.Transcode(nil, data)
}

func checkValue(reader *avroschema.Schema, rec Record, want any) string {
	got, err := renderRecord(reader, rec)
	if err != nil {
		return "the decoded value does not render: " + err.Error()
	}
	return compare(got, want, "")
}

// renderRecord renders the wrapper's field v, which holds the datum.
func renderRecord(reader *avroschema.Schema, rec Record) (any, error) {
	root := reader.Root()
	if root.Kind != avroschema.Record || len(root.Fields) != 1 {
		return nil, fmt.Errorf("reader schema %s is not a wrapper record", reader.Name())
	}
	rv := reflect.ValueOf(rec)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct || rv.Elem().NumField() != 1 {
		return nil, fmt.Errorf("generated record %T is not a pointer to a struct of one field", rec)
	}
	return render(root.Fields[0].Type, rv.Elem().Field(0))
}
