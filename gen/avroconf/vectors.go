// Package avroconf runs Avro conformance vectors through the product's own
// path: for each vector the generator plans and emits a record whose one
// field has the vector's reader schema, and the generated DecodeAvro reads
// the datum after internal/runtime/avroresolve has brought it from the writer's
// encoding to the reader's (or left it alone when the schemas are the
// same). The package's test generates that code under testdata/_build and
// runs it with go test; Run is what the generated test calls. It also
// decodes each datum over values its siblings (vectors of the same schemas)
// left, with borrowed strings, and again from what the generated encoder
// writes.
//
// The vectors are the reference avro.jsonl (DefaultVectors) and testdata/extra.jsonl, which
// reaches the Spark shapes the generated codecs give Avro types (see
// testdata/make_extra.py). A vector's schema T is wrapped as
//
//	{"type":"record","name":"V<n>","namespace":"v<n>","fields":[{"name":"v","type":T}]}
//
// (writer and reader alike), because codecs exist per record. A record of
// one field encodes exactly as that field, so the datum is unchanged, and
// named types inside T without a namespace get "v<n>" on both sides, so
// their names still match when schemas are resolved.
package avroconf

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
)

// DefaultVectors is the Avro reference implementations' conformance file
// kept in the repository, relative to this package's directory.
const DefaultVectors = "../../internal/testutil/avrovectors/testdata/avro.jsonl"

// VectorsEnv names the variable that overrides DefaultVectors.
const VectorsEnv = "STREAMC_AVRO_VECTORS"

// ResultsEnv names the variable through which the generated test is told
// where to write its results, as JSON (see Result).
const ResultsEnv = "STREAMC_AVROCONF_RESULTS"

// Vector is one line of the vector file (see the README next to it).
type Vector struct {
	Name         string          `json:"name"`
	Category     string          `json:"category"`
	WriterSchema json.RawMessage `json:"writer_schema"`
	ReaderSchema json.RawMessage `json:"reader_schema"`
	Hex          string          `json:"hex"`
	Expected     json.RawMessage `json:"expected"`
	Error        *string         `json:"error"`
	Note         string          `json:"note"`

	// Index numbers the vector from 1 in file order; it names the wrapper
	// record (V<Index> in namespace v<Index>).
	Index int `json:"-"`
}

// Reader returns the vector's reader schema: its writer schema when
// reader_schema is null.
func (v *Vector) Reader() json.RawMessage {
	if rs := bytes.TrimSpace(v.ReaderSchema); len(rs) > 0 && string(rs) != "null" {
		return rs
	}
	return v.WriterSchema
}

// Namespace is the namespace of v's wrapper record.
func (v *Vector) Namespace() string { return fmt.Sprintf("v%d", v.Index) }

// RecordName is the simple name of v's wrapper record.
func (v *Vector) RecordName() string { return fmt.Sprintf("V%d", v.Index) }

// Wrap returns schema t as the one field "v" of v's wrapper record.
func (v *Vector) Wrap(t json.RawMessage) string {
	return fmt.Sprintf(`{"type":"record","name":%q,"namespace":%q,"fields":[{"name":"v","type":%s}]}`,
		v.RecordName(), v.Namespace(), bytes.TrimSpace(t))
}

// Load reads a vector file.
func Load(path string) ([]*Vector, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []*Vector
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		v := &Vector{Index: len(out) + 1}
		if err := json.Unmarshal(sc.Bytes(), v); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if seen[v.Name] {
			return nil, fmt.Errorf("%s:%d: vector %q appears twice", path, line, v.Name)
		}
		seen[v.Name] = true
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}
