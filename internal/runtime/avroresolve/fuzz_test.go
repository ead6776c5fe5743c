package avroresolve

import (
	"bytes"
	"errors"
	"testing"

	"github.com/streamc/streamc/internal/runtime/avroschema"
)

// fuzzPairs are writer/reader pairs covering every op, with a valid datum of
// each writer for the seed corpus.
var fuzzPairs = []struct{ writer, reader, datum string }{
	{gpsV1, gpsV2, gpsDatum},
	{listV1, `{"type":"record","name":"Node","fields":[{"name":"label","type":"string","default":"-"},{"name":"v","type":"long"},{"name":"next","type":["null","Node"]}]}`,
		`{"v":1,"next":{"v":2,"next":null}}`},
	{`{"type":"record","name":"R","namespace":"x","fields":[
		{"name":"a","type":"int"},
		{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B","C"]}},
		{"name":"m","type":{"type":"map","values":["null","float","string"]}},
		{"name":"arr","type":{"type":"array","items":{"type":"record","name":"I","fields":[{"name":"k","type":"long"},{"name":"f","type":{"type":"fixed","name":"F","size":3}}]}}},
		{"name":"gone","type":["null","bytes","boolean"]},
		{"name":"s","type":"string"}]}`,
		`{"type":"record","name":"R2","aliases":["x.R"],"fields":[
		{"name":"s","type":"bytes"},
		{"name":"arr","type":{"type":"array","items":{"type":"record","name":"I","fields":[{"name":"f","type":{"type":"fixed","name":"F","size":3}},{"name":"k","type":"double"},{"name":"z","type":"int","default":3}]}}},
		{"name":"alpha","type":"long","aliases":["a"]},
		{"name":"e","type":{"type":"enum","name":"E","symbols":["C","A","Z"],"default":"Z"}},
		{"name":"m","type":{"type":"map","values":["double","null","bytes"]}},
		{"name":"d","type":{"type":"array","items":"string"},"default":["p","q"]}]}`,
		`{"a":-5,"e":"B","m":{"x":null,"y":1.5,"z":"s"},"arr":[{"k":7,"f":"abc"}],"gone":true,"s":"str"}`},
	{`["null","string","int",{"type":"enum","name":"E","symbols":["A","B"]},{"type":"array","items":"long"}]`,
		`["int",{"type":"enum","name":"E","symbols":["B"]},"null",{"type":"array","items":"double"}]`,
		`[1,2,3]`},
	{`["null","string"]`, `"string"`, `"x"`},
	{`"int"`, `["null","string","float"]`, `-3`},
	{`{"type":"map","values":{"type":"map","values":{"type":"array","items":["null",{"type":"record","name":"Z","fields":[]}]}}}`,
		`{"type":"map","values":{"type":"map","values":{"type":"array","items":["null",{"type":"record","name":"Z","fields":[{"name":"p","type":"string","default":"pad"}]}]}}}`,
		`{"a":{"b":[null,{}]}}`},
}

type fuzzPair struct {
	w, r *avroschema.Schema
	p    *Program
}

func compileFuzzPairs(f *testing.F) []fuzzPair {
	var out []fuzzPair
	for _, fp := range fuzzPairs {
		w, r := parse(f, fp.writer), parse(f, fp.reader)
		p, err := Compile(w, r)
		if err != nil {
			f.Fatalf("compile %s -> %s: %v", fp.writer, fp.reader, err)
		}
		out = append(out, fuzzPair{w, r, p})
		id, err := Compile(w, w)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, fuzzPair{w, w, id})
	}
	return out
}

// FuzzTranscode feeds arbitrary bytes to programs compiled from several
// schema pairs. It must never panic; output must decode with the reader
// schema; a transcode must succeed exactly when the writer schema decodes the
// input, except for data the reader cannot take.
func FuzzTranscode(f *testing.F) {
	pairs := compileFuzzPairs(f)
	for i, fp := range fuzzPairs {
		data := encode(f, parse(f, fp.writer), fp.datum)
		f.Add(uint8(2*i), data)
		f.Add(uint8(2*i+1), data)
	}
	f.Fuzz(func(t *testing.T, sel uint8, data []byte) {
		fp := pairs[int(sel)%len(pairs)]
		out, err := fp.p.Transcode(nil, data)
		_, werr := avroschema.DecodeValue(fp.w, data)
		if err != nil {
			if werr == nil && !errors.Is(err, ErrIncompatible) && !errors.Is(err, ErrOutputTooLarge) {
				t.Fatalf("transcode failed on a valid writer datum %x: %v", data, err)
			}
			return
		}
		if werr != nil {
			t.Fatalf("transcode accepted %x, which the writer schema rejects: %v", data, werr)
		}
		if _, err := avroschema.DecodeValue(fp.r, out); err != nil {
			t.Fatalf("output %x of %x does not decode with the reader schema: %v", out, data, err)
		}
		if fp.p.Identity() && !bytes.Equal(out, data) {
			t.Fatalf("identity changed %x into %x", data, out)
		}
	})
}
