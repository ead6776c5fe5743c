package avrojson_test

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/devtools/avrojson"
)

const testSchema = `{
  "type": "record", "name": "R", "namespace": "ns",
  "fields": [
    {"name": "b", "type": "boolean"},
    {"name": "i", "type": "int"},
    {"name": "l", "type": "long"},
    {"name": "f", "type": "float"},
    {"name": "d", "type": "double"},
    {"name": "s", "type": "string"},
    {"name": "by", "type": "bytes"},
    {"name": "opt", "type": ["null", "string"]},
    {"name": "optLast", "type": ["long", "null"], "default": 7},
    {"name": "arr", "type": {"type": "array", "items": "int"}},
    {"name": "m", "type": {"type": "map", "values": "long"}},
    {"name": "e", "type": {"type": "enum", "name": "Color", "symbols": ["RED", "GREEN"]}},
    {"name": "fx", "type": {"type": "fixed", "name": "Two", "size": 2}},
    {"name": "sub", "type": ["null", {"type": "record", "name": "Sub", "fields": [{"name": "x", "type": "int"}]}]}
  ]
}`

func TestDevEncodeJSON(t *testing.T) {
	s, err := avrojson.Parse([]byte(testSchema))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.FullName(); got != "ns.R" {
		t.Errorf("FullName = %q", got)
	}
	tests := []struct {
		name, json, hex string
	}{
		{
			name: "everything",
			json: `{"b":true,"i":-1,"l":1234567890123,"f":1.5,"d":-2.25,"s":"hé","by":"\u00ff\u0000","opt":"x","optLast":null,
				"arr":[1,2],"m":{"b":2,"a":1},"e":"GREEN","fx":"ab","sub":{"x":3}}`,
			hex: "01" + "01" + "9693d89fee47" + "0000c03f" + "00000000000002c0" + "0668c3a9" + "04ff00" +
				"02" + "0278" + "02" +
				"04" + "0204" + "00" + "04" + "0262" + "04" + "0261" + "02" + "00" + "02" + "6162" + "02" + "06",
		},
		{
			name: "defaults, missing nullable, empty containers, wrapped union",
			json: `{"b":false,"i":0,"l":0,"f":0,"d":0,"s":"","by":"","arr":[],"m":{},"e":"RED","fx":"\u0000\u0001","sub":{"ns.Sub":{"x":-2}}}`,
			hex:  "00" + "00" + "00" + "00000000" + "0000000000000000" + "00" + "00" + "00" + "000e" + "00" + "00" + "00" + "0001" + "02" + "03",
		},
		{
			name: "wrapped primitive branch",
			json: `{"b":false,"i":0,"l":0,"f":0,"d":0,"s":"","by":"","opt":{"string":"y"},"optLast":{"long":1},"arr":[],"m":{},"e":"RED","fx":"aa","sub":null}`,
			hex:  "00" + "00" + "00" + "00000000" + "0000000000000000" + "00" + "00" + "020279" + "0002" + "00" + "00" + "00" + "6161" + "00",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.EncodeJSON(nil, []byte(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			if h := hex.EncodeToString(got); h != tt.hex {
				t.Errorf("got  %s\nwant %s", h, tt.hex)
			}
		})
	}
}

func TestDevEncodeLogical(t *testing.T) {
	tests := []struct{ schema, json, hex string }{
		{`{"type":"int","logicalType":"date"}`, `"1970-01-02"`, "02"},
		{`{"type":"int","logicalType":"date"}`, `"1969-12-31"`, "01"},
		{`{"type":"long","logicalType":"timestamp-millis"}`, `"1970-01-01T00:00:01.5Z"`, "b817"},
		{`{"type":"long","logicalType":"timestamp-micros"}`, `"1970-01-01T00:00:00.000001Z"`, "02"},
		{`{"type":"long","logicalType":"timestamp-millis"}`, `1500`, "b817"},
		{`{"type":"bytes","logicalType":"decimal","precision":5,"scale":2}`, `-1.28`, "0280"},
		{`{"type":"bytes","logicalType":"decimal","precision":5,"scale":2}`, `"1.28"`, "040080"},
		{`{"type":"bytes","logicalType":"decimal","precision":5,"scale":2}`, `0`, "0200"},
		{`{"type":"fixed","name":"D","size":3,"logicalType":"decimal","precision":5,"scale":1}`, `-0.1`, "ffffff"},
		{`{"type":"string","logicalType":"uuid"}`, `"a"`, "0261"},
		{`"double"`, `"NaN"`, "000000000000f87f"},
	}
	for _, tt := range tests {
		s, err := avrojson.Parse([]byte(tt.schema))
		if err != nil {
			t.Fatalf("%s: %v", tt.schema, err)
		}
		got, err := s.EncodeJSON(nil, []byte(tt.json))
		if err != nil {
			t.Errorf("%s %s: %v", tt.schema, tt.json, err)
			continue
		}
		if h := hex.EncodeToString(got); h != tt.hex {
			t.Errorf("%s %s: got %s, want %s", tt.schema, tt.json, h, tt.hex)
		}
	}
}

func TestDevEncodeErrors(t *testing.T) {
	s, err := avrojson.Parse([]byte(testSchema))
	if err != nil {
		t.Fatal(err)
	}
	base := `"b":true,"i":1,"l":1,"f":1,"d":1,"s":"","by":"","arr":[],"m":{},"e":"RED","fx":"ab"`
	tests := []struct{ json, want string }{
		{`{` + base + `,"zzz":1}`, `record ns.R has no field "zzz"`},
		{`{"b":true}`, `field "i" is missing and has no default`},
		{`{` + strings.Replace(base, `"i":1`, `"i":1.5`, 1) + `}`, `i: want an integer, got number 1.5`},
		{`{` + strings.Replace(base, `"i":1`, `"i":3000000000`, 1) + `}`, `i: 3000000000 does not fit an Avro int`},
		{`{` + strings.Replace(base, `"RED"`, `"BLUE"`, 1) + `}`, `e: "BLUE" is not a symbol of enum ns.Color (RED, GREEN)`},
		{`{` + strings.Replace(base, `"ab"`, `"abc"`, 1) + `}`, `fx: fixed of size 2 given 3 bytes`},
		{`{` + strings.Replace(base, `"arr":[]`, `"arr":[1,"x"]`, 1) + `}`, `arr: [1]: want an integer, got string "x"`},
		{`{` + base + `,"opt":5}`, `opt: no union branch accepts the value (string: want a string, got number 5)`},
		{`{` + base + `,"optLast":"x"}`, `optLast: no union branch accepts`},
		{`{` + base + `} trailing`, `not JSON`},
		{`[1]`, `want an object for record ns.R, got an array`},
	}
	for _, tt := range tests {
		_, err := s.EncodeJSON(nil, []byte(tt.json))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want it to contain %q", tt.json, err, tt.want)
		}
	}
}

func TestDevParseErrors(t *testing.T) {
	for _, tt := range []struct{ schema, want string }{
		{`{"type":"record","name":"R","fields":[{"name":"a","type":"strng"}]}`, `unknown type "strng"`},
		{`{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"int"}]}`, `duplicate field "a"`},
		{`{"type":"record","fields":[]}`, `name`},
		{`{"type":"record","name":"R"}`, `fields`},
		{`not json`, `not JSON`},
		{`"int" "int"`, `not JSON`},
		{`{"type":"enum","name":"E"}`, `symbols`},
	} {
		_, err := avrojson.Parse([]byte(tt.schema))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want it to contain %q", tt.schema, err, tt.want)
		}
	}
	// A recursive record and a reference to a type from another schema.
	if _, err := avrojson.Parse([]byte(`{"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]}`)); err != nil {
		t.Error(err)
	}
	dep := []byte(`{"type":"record","name":"Addr","namespace":"x","fields":[{"name":"city","type":"string"}]}`)
	s, err := avrojson.Parse([]byte(`{"type":"record","name":"P","namespace":"x","fields":[{"name":"a","type":"Addr"}]}`), dep)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.EncodeJSON(nil, []byte(`{"a":{"city":"B"}}`))
	if err != nil || hex.EncodeToString(got) != "0242" {
		t.Errorf("referenced type: %x, %v", got, err)
	}
}
