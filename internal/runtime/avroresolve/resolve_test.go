package avroresolve

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/runtime/avrobin"
	"github.com/streamc/streamc/internal/runtime/avroschema"
	"github.com/streamc/streamc/internal/testutil/avrovectors"
)

func parse(t testing.TB, text string) *avroschema.Schema {
	t.Helper()
	s, err := avroschema.Parse(text)
	if err != nil {
		t.Fatalf("parse %s: %v", text, err)
	}
	return s
}

// encode writes a datum given as Avro JSON (unions unwrapped: the first
// branch the value fits is taken) with schema s.
func encode(t testing.TB, s *avroschema.Schema, text string) []byte {
	t.Helper()
	v, err := avrovectors.Read([]byte(text))
	if err != nil {
		t.Fatalf("datum %s: %v", text, err)
	}
	b, err := avroschema.AppendDefault(nil, s.Root(), schemaJSON(v))
	if err != nil {
		t.Fatalf("encode %s: %v", text, err)
	}
	return b
}

// schemaJSON turns avrovectors' objects into avroschema's.
func schemaJSON(v any) any {
	switch v := v.(type) {
	case avrovectors.Object:
		m := make(avroschema.MapValue, len(v))
		for i, e := range v {
			m[i] = avroschema.Pair{Key: e.Key, Value: schemaJSON(e.Val)}
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = schemaJSON(e)
		}
		return out
	}
	return v
}

func unhex(t testing.TB, h string) []byte {
	t.Helper()
	b, err := hex.DecodeString(h)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// transcode runs the pair over data and renders the result as the reader
// decodes it.
func transcode(t testing.TB, w, r *avroschema.Schema, data []byte) (string, error) {
	t.Helper()
	p, err := Compile(w, r)
	if err != nil {
		return "", err
	}
	out, err := p.Transcode(nil, data)
	if err != nil {
		return "", err
	}
	v, err := avroschema.DecodeValue(r, out)
	if err != nil {
		t.Fatalf("transcoded datum %x does not decode with the reader schema: %v", out, err)
	}
	return render(v), nil
}

const (
	gpsV1 = `{"type":"record","name":"GpsReading","namespace":"com.example","fields":[
		{"name":"timestamp","type":"long"},
		{"name":"deviceId","type":"string"},
		{"name":"latitude","type":"double"},
		{"name":"longitude","type":"double"},
		{"name":"altitude","type":"double"},
		{"name":"speed","type":"double"}]}`
	gpsV2 = `{"type":"record","name":"GpsReading","namespace":"com.example","fields":[
		{"name":"timestamp","type":"long"},
		{"name":"deviceId","type":"string"},
		{"name":"latitude","type":"double"},
		{"name":"longitude","type":"double"},
		{"name":"altitude","type":"double"},
		{"name":"speed","type":"double"},
		{"name":"heading","type":["null","double"],"default":null}]}`
	gpsDatum = `{"timestamp":1715239773186,"deviceId":"dev-42","latitude":52.52,"longitude":13.405,"altitude":34,"speed":12.5}`
)

func rec(fields string) string {
	return `{"type":"record","name":"R","fields":[` + fields + `]}`
}

func TestResolve(t *testing.T) {
	cases := []struct {
		name           string
		writer, reader string
		datum          string // Avro JSON under the writer, or hex: if it starts with "hex:"
		want           string // rendered reader value, or the error's text
		compileErr     bool
		decodeErr      bool
	}{
		// Promotions.
		{name: "int to long", writer: `"int"`, reader: `"long"`, datum: `-7`, want: `-7`},
		{name: "int to float", writer: `"int"`, reader: `"float"`, datum: `16777217`, want: `1.6777216e+07`},
		{name: "int to double", writer: `"int"`, reader: `"double"`, datum: `-2147483648`, want: `-2.147483648e+09`},
		{name: "long to float", writer: `"long"`, reader: `"float"`, datum: `1099511627776`, want: `1.0995116e+12`},
		{name: "long to double", writer: `"long"`, reader: `"double"`, datum: `9007199254740993`, want: `9.007199254740992e+15`},
		{name: "float to double", writer: `"float"`, reader: `"double"`, datum: `0.1`, want: `0.10000000149011612`},
		{name: "string to bytes", writer: `"string"`, reader: `"bytes"`, datum: `"é"`, want: `bytes(c3a9)`},
		{name: "bytes to string", writer: `"bytes"`, reader: `"string"`, datum: `"hi"`, want: `"hi"`},
		{name: "long to int", writer: `"long"`, reader: `"int"`, datum: `1`, want: `writer type long cannot be promoted to int`, compileErr: true},
		{name: "double to float", writer: `"double"`, reader: `"float"`, datum: `1`, want: `writer type double cannot be promoted to float`, compileErr: true},
		{name: "int to string", writer: `"int"`, reader: `"string"`, datum: `1`, want: `writer type int cannot be promoted to string`, compileErr: true},
		{name: "array to map", writer: `{"type":"array","items":"int"}`, reader: `{"type":"map","values":"int"}`, datum: `[]`,
			want: `writer type array does not match reader type map`, compileErr: true},

		// Records.
		{name: "fields reordered, removed, added",
			writer: rec(`{"name":"a","type":"int"},{"name":"b","type":"string"},{"name":"gone","type":{"type":"array","items":"long"}},{"name":"c","type":"boolean"}`),
			reader: rec(`{"name":"c","type":"boolean"},{"name":"new","type":"string","default":"d"},{"name":"a","type":"long"},{"name":"b","type":"string"}`),
			datum:  `{"a":1,"b":"two","gone":[1,2,3],"c":true}`, want: `{"c":true,"new":"d","a":1,"b":"two"}`},
		{name: "added field with default at the front",
			writer: rec(`{"name":"a","type":"int"}`),
			reader: rec(`{"name":"z","type":{"type":"map","values":"int"},"default":{"k":1}},{"name":"a","type":"int"}`),
			datum:  `{"a":5}`, want: `{"z":{"k":1},"a":5}`},
		{name: "field alias",
			writer: rec(`{"name":"id","type":"int"},{"name":"name","type":"string"}`),
			reader: rec(`{"name":"id","type":"int"},{"name":"fullName","type":"string","aliases":["nm","name"],"default":"DEFAULT"}`),
			datum:  `{"id":3,"name":"aliased"}`, want: `{"id":3,"fullName":"aliased"}`},
		{name: "name beats alias",
			writer: rec(`{"name":"a","type":"int"},{"name":"b","type":"int"}`),
			reader: rec(`{"name":"x","type":"int","aliases":["a"],"default":0},{"name":"a","type":"int"}`),
			datum:  `{"a":1,"b":2}`, want: `{"x":0,"a":1}`},
		{name: "missing default",
			writer: rec(`{"name":"id","type":"int"}`),
			reader: rec(`{"name":"id","type":"int"},{"name":"age","type":"int"}`),
			datum:  `{"id":1}`, want: `reader field "age" is missing from the writer and has no default`, compileErr: true},
		{name: "nested path",
			writer: rec(`{"name":"loc","type":{"type":"record","name":"Loc","fields":[{"name":"lat","type":"string"}]}}`),
			reader: rec(`{"name":"loc","type":{"type":"record","name":"Loc","fields":[{"name":"lat","type":"double"}]}}`),
			datum:  `{"loc":{"lat":"x"}}`, want: `R: field "loc": field "lat": writer type string cannot be promoted to double`, compileErr: true},
		{name: "record names differ",
			writer: `{"type":"record","name":"A","fields":[]}`, reader: `{"type":"record","name":"B","fields":[]}`,
			datum: `{}`, want: `writer record A and reader record B have different names and the reader has no alias "A"`, compileErr: true},
		{name: "record alias in the reader's namespace",
			writer: `{"type":"record","name":"Old","namespace":"n","fields":[{"name":"x","type":"int"}]}`,
			reader: `{"type":"record","name":"New","namespace":"n","aliases":["Old"],"fields":[{"name":"x","type":"long"}]}`,
			datum:  `{"x":4}`, want: `{"x":4}`},
		{name: "record alias of the writer's alias is not enough",
			writer: `{"type":"record","name":"Old","aliases":["New"],"fields":[]}`,
			reader: `{"type":"record","name":"New","fields":[]}`,
			datum:  `{}`, want: `different names`, compileErr: true},
		{name: "unqualified names match across namespaces",
			writer: `{"type":"record","name":"v1.Thing","fields":[{"name":"x","type":"long"}]}`,
			reader: `{"type":"record","name":"v2.Thing","fields":[{"name":"x","type":"long"}]}`,
			datum:  `{"x":-1}`, want: `{"x":-1}`},

		// Enums.
		{name: "enum symbols reordered",
			writer: `{"type":"enum","name":"E","symbols":["A","B","C"]}`, reader: `{"type":"enum","name":"E","symbols":["C","B","A"]}`,
			datum: `"A"`, want: `"A"`},
		{name: "enum unknown symbol takes the default",
			writer: `{"type":"enum","name":"E","symbols":["A","B","NEW"]}`, reader: `{"type":"enum","name":"E","symbols":["UNKNOWN","B","A"],"default":"UNKNOWN"}`,
			datum: `"NEW"`, want: `"UNKNOWN"`},
		{name: "enum unknown symbol without default, not used",
			writer: `{"type":"enum","name":"E","symbols":["A","B","NEW"]}`, reader: `{"type":"enum","name":"E","symbols":["B","A"]}`,
			datum: `"B"`, want: `"B"`},
		{name: "enum unknown symbol without default, used",
			writer: `{"type":"enum","name":"E","symbols":["A","B","NEW"]}`, reader: `{"type":"enum","name":"E","symbols":["B","A"]}`,
			datum: `"NEW"`, want: `writer symbol "NEW" is not in reader enum E, which has no default`, decodeErr: true},
		{name: "enum names differ",
			writer: `{"type":"enum","name":"E","symbols":["A"]}`, reader: `{"type":"enum","name":"F","symbols":["A"]}`,
			datum: `"A"`, want: `writer enum E and reader enum F have different names`, compileErr: true},
		{name: "enum alias",
			writer: `{"type":"enum","name":"E","symbols":["A","B"]}`, reader: `{"type":"enum","name":"F","aliases":["E"],"symbols":["B"],"default":"B"}`,
			datum: `"A"`, want: `"B"`},

		// Fixed.
		{name: "fixed", writer: `{"type":"fixed","name":"F","size":2}`, reader: `{"type":"fixed","name":"F","size":2}`, datum: `"ab"`, want: `bytes(6162)`},
		{name: "fixed sizes differ", writer: `{"type":"fixed","name":"F","size":2}`, reader: `{"type":"fixed","name":"F","size":3}`,
			datum: `"ab"`, want: `fixed F has size 2 but reader fixed F has size 3`, compileErr: true},
		{name: "fixed names differ", writer: `{"type":"fixed","name":"F","size":2}`, reader: `{"type":"fixed","name":"G","size":2}`,
			datum: `"ab"`, want: `different names`, compileErr: true},

		// Decimals.
		{name: "decimal scales differ",
			writer: `{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}`,
			reader: `{"type":"bytes","logicalType":"decimal","precision":10,"scale":3}`,
			datum:  `"\u0001"`, want: `writer decimal(10,2) does not match reader decimal(10,3)`, compileErr: true},
		{name: "decimal read as bytes",
			writer: `{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}`, reader: `"bytes"`,
			datum: `"\u0001"`, want: `bytes(01)`},

		// Arrays and maps.
		{name: "array of records gains a field",
			writer: `{"type":"array","items":` + rec(`{"name":"a","type":"int"}`) + `}`,
			reader: `{"type":"array","items":` + rec(`{"name":"a","type":"int"},{"name":"b","type":"boolean","default":false}`) + `}`,
			datum:  `[{"a":1},{"a":2}]`, want: `[{"a":1,"b":false},{"a":2,"b":false}]`},
		{name: "map values promoted",
			writer: `{"type":"map","values":"int"}`, reader: `{"type":"map","values":"double"}`,
			datum: `{"x":1,"y":-2}`, want: `{"x":1,"y":-2}`},
		{name: "array blocks kept, negative counts made positive",
			writer: `{"type":"array","items":"int"}`, reader: `{"type":"array","items":"long"}`,
			datum: `hex:03040204020600`, want: `[1,2,3]`},

		// Unions.
		{name: "union branches reordered",
			writer: `["null","string","int"]`, reader: `["int","null","string"]`, datum: `"abc"`, want: `"abc"`},
		{name: "union branch promoted",
			writer: `["null","int"]`, reader: `["null","string","double"]`, datum: `5`, want: `5`},
		{name: "writer union branch missing from reader, not used",
			writer: `["null","string","int"]`, reader: `["null","int"]`, datum: `7`, want: `7`},
		{name: "writer union branch missing from reader, used",
			writer: `["null","string","int"]`, reader: `["null","int"]`, datum: `"s"`,
			want: `writer union branch 1 (string): writer type string matches no branch of reader union [null, int]`, decodeErr: true},
		{name: "writer union to non-union",
			writer: `["null","string"]`, reader: `"string"`, datum: `"x"`, want: `"x"`},
		{name: "writer union to non-union, null used",
			writer: `["null","string"]`, reader: `"string"`, datum: `null`, want: `writer union branch 0 (null)`, decodeErr: true},
		{name: "exact branch before promotion",
			writer: `"int"`, reader: `["null","long","int"]`, datum: `3`, want: `3`},
		{name: "first promotable branch",
			writer: `"int"`, reader: `["null","string","double","long"]`, datum: `3`, want: `3`},
		{name: "no branch matches",
			writer: `"boolean"`, reader: `["null","int"]`, datum: `true`, want: `writer type boolean matches no branch of reader union [null, int]`, compileErr: true},
		{name: "named branch by full name first",
			writer: `{"type":"record","name":"a.R","fields":[{"name":"x","type":"int"}]}`,
			reader: `[{"type":"record","name":"b.R","fields":[{"name":"y","type":"int","default":9}]},{"type":"record","name":"a.R","fields":[{"name":"x","type":"int"}]}]`,
			datum:  `{"x":1}`, want: `{"x":1}`},
		{name: "named branch by unqualified name",
			writer: `{"type":"record","name":"a.R","fields":[{"name":"x","type":"int"}]}`,
			reader: `["null",{"type":"record","name":"b.R","fields":[{"name":"x","type":"long"}]}]`,
			datum:  `{"x":1}`, want: `{"x":1}`},
		{name: "named branch that does not resolve is passed over",
			writer: `{"type":"record","name":"R","fields":[{"name":"x","type":"int"}]}`,
			reader: `[{"type":"record","name":"a.R","fields":[{"name":"q","type":"int"}]},{"type":"record","name":"b.R","fields":[{"name":"x","type":"int"}]}]`,
			datum:  `{"x":1}`, want: `{"x":1}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w, r := parse(t, c.writer), parse(t, c.reader)
			var data []byte
			if h, ok := strings.CutPrefix(c.datum, "hex:"); ok {
				data = unhex(t, h)
			} else {
				data = encode(t, w, c.datum)
			}
			_, compileErr := Compile(w, r)
			got, err := transcode(t, w, r, data)
			switch {
			case c.compileErr || c.decodeErr:
				if err == nil {
					t.Fatalf("no error, got %s; want %q", got, c.want)
				}
				if !strings.Contains(err.Error(), c.want) {
					t.Errorf("error %q\nwant it to contain %q", err, c.want)
				}
				if c.compileErr != (compileErr != nil) {
					t.Errorf("compile error %v, want one: %v", compileErr, c.compileErr)
				}
				if !errors.Is(err, ErrIncompatible) {
					t.Errorf("error %v is not ErrIncompatible", err)
				}
				var ie *IncompatibleError
				if !errors.As(err, &ie) {
					t.Errorf("error %T is not an *IncompatibleError", err)
				}
			case err != nil:
				t.Fatalf("error: %v", err)
			case got != c.want:
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestErrorMessage(t *testing.T) {
	w := parse(t, strings.Replace(gpsV1, `{"name":"speed","type":"double"}`, `{"name":"speed","type":"string"}`, 1))
	r := parse(t, gpsV1)
	_, err := Compile(w, r)
	want := `writer schema com.example.GpsReading (fingerprint ` + hexFP(w) + `) cannot be read as reader schema com.example.GpsReading: field "speed": writer type string cannot be promoted to double`
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

func hexFP(s *avroschema.Schema) string {
	const digits = "0123456789abcdef"
	fp := s.Fingerprint64()
	b := make([]byte, 16)
	for i := 15; i >= 0; i-- {
		b[i] = digits[fp&15]
		fp >>= 4
	}
	return string(b)
}

func TestIdentity(t *testing.T) {
	w := parse(t, gpsV1)
	r := parse(t, strings.ReplaceAll(gpsV1, `"type":"double"}`, `"type":"double","doc":"metres"}`))
	p, err := Compile(w, r)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Identity() {
		t.Fatal("same canonical form but not Identity")
	}
	data := encode(t, w, gpsDatum)
	out, err := p.Transcode([]byte("prefix"), data)
	if err != nil || !bytes.Equal(out, append([]byte("prefix"), data...)) {
		t.Errorf("identity transcode = %x, %v", out, err)
	}
	// Identity still checks the datum.
	if _, err := p.Transcode(nil, append(data, 0)); !errors.Is(err, avrobin.ErrTrailing) {
		t.Errorf("trailing byte: %v", err)
	}
	if _, err := p.Transcode(nil, data[:len(data)-1]); !errors.Is(err, avrobin.ErrTruncated) {
		t.Errorf("truncated: %v", err)
	}
	p2, err := Compile(w, parse(t, gpsV2))
	if err != nil || p2.Identity() {
		t.Fatalf("v1 -> v2: %v, identity %v", err, p2 != nil && p2.Identity())
	}
	// Equal canonical forms but decimal scales that differ do not resolve.
	dw := parse(t, `{"type":"bytes","logicalType":"decimal","precision":4,"scale":2}`)
	dr := parse(t, `{"type":"bytes","logicalType":"decimal","precision":4,"scale":1}`)
	if _, err := Compile(dw, dr); !errors.Is(err, ErrIncompatible) {
		t.Errorf("decimal scale change: %v", err)
	}
}

func TestTranscodeKeepsDstOnError(t *testing.T) {
	w, r := parse(t, gpsV1), parse(t, gpsV2)
	p, err := Compile(w, r)
	if err != nil {
		t.Fatal(err)
	}
	data := encode(t, w, gpsDatum)
	dst := []byte("keep")
	out, err := p.Transcode(dst, data[:10])
	if err == nil || string(out) != "keep" {
		t.Errorf("got %q, %v", out, err)
	}
	out, err = p.Transcode(dst, data)
	if err != nil || !bytes.HasPrefix(out, []byte("keep")) {
		t.Fatalf("got %q, %v", out, err)
	}
	v, err := avroschema.DecodeValue(r, out[4:])
	if err != nil {
		t.Fatal(err)
	}
	if got, want := render(v), `{"timestamp":1715239773186,"deviceId":"dev-42","latitude":52.52,"longitude":13.405,"altitude":34,"speed":12.5,"heading":null}`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

const listV1 = `{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]}`

func TestRecursive(t *testing.T) {
	w := parse(t, listV1)
	r := parse(t, `{"type":"record","name":"Node","fields":[{"name":"label","type":"string","default":"-"},{"name":"v","type":"long"},{"name":"next","type":["null","Node"]}]}`)
	data := encode(t, w, `{"v":1,"next":{"v":2,"next":{"v":3,"next":null}}}`)
	got, err := transcode(t, w, r, data)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"label":"-","v":1,"next":{"label":"-","v":2,"next":{"label":"-","v":3,"next":null}}}`; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}

	// A recursive pair that fails must fail (and terminate).
	bad := parse(t, `{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]},{"name":"x","type":"int"}]}`)
	if _, err := Compile(w, bad); err == nil || !strings.Contains(err.Error(), `reader field "x" is missing`) {
		t.Errorf("got %v", err)
	}

	// Mutual recursion through a union whose branch fails: the failure is
	// deferred to the data that use the branch, and nothing compiled under
	// the failed pair survives.
	mw := parse(t, `["null",{"type":"record","name":"A","fields":[{"name":"b","type":{"type":"record","name":"B","fields":[{"name":"a","type":["null","A"]}]}}]}]`)
	mr := parse(t, `["null",{"type":"record","name":"A","fields":[{"name":"b","type":{"type":"record","name":"B","fields":[{"name":"a","type":["null","A"]}]}},{"name":"n","type":"int"}]}]`)
	p, err := Compile(mw, mr)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	if out, err := p.Transcode(nil, []byte{0}); err != nil || !bytes.Equal(out, []byte{0}) {
		t.Errorf("null branch: %x, %v", out, err)
	}
	if _, err := p.Transcode(nil, []byte{2, 0}); !errors.Is(err, ErrIncompatible) {
		t.Errorf("record branch: %v", err)
	}

	// Identical recursive schemas other than the root are copied.
	same := parse(t, `{"type":"array","items":`+listV1+`}`)
	sameR := parse(t, `{"type":"array","items":`+listV1+`,"doc":"x"}`)
	p, err = Compile(same, sameR)
	if err != nil || !p.Identity() {
		t.Fatalf("%v", err)
	}
}

func TestDepthLimit(t *testing.T) {
	w := parse(t, listV1)
	r := parse(t, `{"type":"record","name":"Node","fields":[{"name":"v","type":"long"},{"name":"next","type":["null","Node"]}]}`)
	p, err := Compile(w, r)
	if err != nil {
		t.Fatal(err)
	}
	deep := bytes.Repeat([]byte{0x02, 0x02}, avroschema.MaxDepth+1)
	deep = append(deep, 0x02, 0x00)
	if _, err := p.Transcode(nil, deep); !errors.Is(err, avroschema.ErrTooDeep) {
		t.Errorf("transcode: %v", err)
	}
	id, err := Compile(w, w)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := id.Transcode(nil, deep); !errors.Is(err, avroschema.ErrTooDeep) {
		t.Errorf("identity: %v", err)
	}
	ok := bytes.Repeat([]byte{0x02, 0x02}, avroschema.MaxDepth-1)
	ok = append(ok, 0x02, 0x00)
	if _, err := p.Transcode(nil, ok); err != nil {
		t.Errorf("within the limit: %v", err)
	}
}

func TestOutputLimit(t *testing.T) {
	// An array of a million empty writer records, each given a 100-byte
	// default by the reader, would be 100 MB from four input bytes.
	w := parse(t, `{"type":"array","items":{"type":"record","name":"E","fields":[]}}`)
	r := parse(t, `{"type":"array","items":{"type":"record","name":"E","fields":[{"name":"pad","type":"string","default":"`+strings.Repeat("x", 100)+`"}]}}`)
	p, err := Compile(w, r)
	if err != nil {
		t.Fatal(err)
	}
	data := avrobin.AppendLong(nil, avrobin.MaxZeroSizeItems)
	data = avrobin.AppendLong(data, 0)
	if _, err := p.Transcode(nil, data); !errors.Is(err, ErrOutputTooLarge) {
		t.Errorf("got %v", err)
	}
	small := avrobin.AppendLong(nil, 1000)
	small = avrobin.AppendLong(small, 0)
	if out, err := p.Transcode(nil, small); err != nil || len(out) < 100*1000 {
		t.Errorf("1000 items: %d bytes, %v", len(out), err)
	}
}

func TestBlocksKept(t *testing.T) {
	w, r := parse(t, `{"type":"array","items":"int"}`), parse(t, `{"type":"array","items":"long"}`)
	p, err := Compile(w, r)
	if err != nil {
		t.Fatal(err)
	}
	// A block of -2 items with its byte size, then a block of 1.
	out, err := p.Transcode(nil, unhex(t, "03040204020600"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := hex.EncodeToString(out), "040204020600"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestConcurrentTranscode(t *testing.T) {
	w, r := parse(t, fuzzPairs[2].writer), parse(t, fuzzPairs[2].reader)
	p, err := Compile(w, r)
	if err != nil {
		t.Fatal(err)
	}
	data := encode(t, w, fuzzPairs[2].datum)
	want, err := p.Transcode(nil, data)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	for range 8 {
		go func() {
			var dst []byte
			for range 200 {
				var err error
				if dst, err = p.Transcode(dst[:0], data); err != nil || !bytes.Equal(dst, want) {
					done <- errors.New("concurrent transcode differs")
					return
				}
			}
			done <- nil
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
