package avroschema

import (
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{``, `invalid JSON`},
		{`{"type":"int"} x`, `invalid JSON`},
		{`{"type":"int"`, `invalid JSON`},
		{`"Foo"`, `avro schema: unknown type "Foo"`},
		{`{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"int"},{"name":"c","type":"Foo"}]}`,
			`avro schema: fields[2].type: unknown type "Foo"`},
		{`{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":"Nope"}}]}`,
			`fields[0].type.items: unknown type "Nope"`},
		{`{"type":"record","fields":[]}`, `missing "name"`},
		{`{"type":"record","name":"R"}`, `missing "fields"`},
		{`{"type":"record","name":"1R","fields":[]}`, `name: invalid name "1R"`},
		{`{"type":"record","name":"R","namespace":"a..b","fields":[]}`, `invalid namespace "a..b"`},
		{`{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"long"}]}`,
			`fields[1].name: duplicate field name "a"`},
		{`{"type":"record","name":"R","fields":[{"name":"a"}]}`, `fields[0]: record field is missing "type"`},
		{`{"type":"record","name":"R","fields":[{"name":"a","type":"int","order":"up"}]}`, `fields[0].order`},
		{`{"type":"record","name":"int","fields":[]}`, `primitive type`},
		{`["int",{"type":"record","name":"R","fields":[{"name":"r","type":{"type":"record","name":"R","fields":[]}}]}]`,
			`[1].fields[0].type.name: R is defined twice`},
		{`["int","int"]`, `[1]: union has two branches of type int`},
		{`["null",{"type":"int","logicalType":"date"}, "int"]`, `[2]: union has two branches of type int`},
		{`[{"type":"array","items":"int"},{"type":"array","items":"long"}]`, `[1]: union has two branches of type array`},
		{`["null",["int"]]`, `[1]: a union cannot directly contain another union`},
		{`{"type":"enum","name":"E","symbols":["A","A"]}`, `symbols[1]: duplicate enum symbol "A"`},
		{`{"type":"enum","name":"E","symbols":["A","B"],"default":"C"}`, `default: enum default "C" is not one of its symbols; did you mean "A"?`},
		{`{"type":"enum","name":"E","symbols":["A","b-c"]}`, `symbols[1]: an enum symbol must be a name, found "b-c"`},
		{`{"type":"fixed","name":"F"}`, `missing "size"`},
		{`{"type":"fixed","name":"F","size":-1}`, `size: fixed "size" must be an integer from 0 to 2147483647, found -1`},
		{`{"type":"fixed","name":"F","size":1.5}`, `size: fixed "size" must be an integer from 0 to 2147483647, found 1.5`},
		{`{"type":"array"}`, `missing "items"`},
		{`{"type":"map"}`, `missing "values"`},
		{`{"type":"strin"}`, `type: unknown type "strin"`},
		{`{"type":7}`, `type: "type" of a schema object must be a type name, found number`},
		{`7`, `expected a schema (a type name, an object or a union array), found number`},
		{`{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":"x"}]}`,
			`fields[0].default: invalid default for field "a": "x" is not a valid int`},
		{`{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":2147483648}]}`, `is not a valid int`},
		{`{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":1.0}]}`, `is not a valid int`},
		{`{"type":"record","name":"R","fields":[{"name":"a","type":["null","int"],"default":"x"}]}`, `is not a valid union`},
		{`{"type":"record","name":"R","fields":[{"name":"a","type":"bytes","default":"\u0100"}]}`, `is not a valid bytes`},
		{`{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"fixed","name":"F","size":2},"default":"abc"}]}`, `is not a valid fixed F`},
		{`{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"enum","name":"E","symbols":["A"]},"default":"B"}]}`, `is not a valid enum E`},
		{`{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"record","name":"S","fields":[{"name":"x","type":"int"}]},"default":{}}]}`,
			`field "x" is missing and has no default`},
		{`{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":"int"},"default":[1,"2"]}]}`, `[1]: "2" is not a valid int`},
		{`{"type":"record","name":"R","fields":[{"name":"self","type":"R","default":{}}]}`, `default nests too deeply`},
		{strings.Repeat("[", 2000) + strings.Repeat("]", 2000), `nested deeper than`},
	}
	for _, c := range cases {
		_, err := Parse(c.in)
		if err == nil {
			t.Errorf("Parse(%.80s): no error, want %q", c.in, c.want)
			continue
		}
		var se *Error
		if !errors.As(err, &se) {
			t.Errorf("Parse(%.80s): error %T, want *Error", c.in, err)
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%.80s):\n got %v\nwant it to contain %q", c.in, err, c.want)
		}
	}
}

func TestParseNames(t *testing.T) {
	s, err := Parse(`{"type":"record","name":"a.b.R","namespace":"ignored","aliases":["Old","x.Older"],"fields":[
		{"name":"s","type":{"type":"record","name":"S","fields":[]}},
		{"name":"t","type":{"type":"record","name":"T","namespace":"","fields":[]}},
		{"name":"u","type":{"type":"enum","name":"c.U","symbols":["X"]}},
		{"name":"s2","type":"S"},
		{"name":"t2","type":"T"},
		{"name":"u2","type":"c.U"},
		{"name":"f","type":"int","aliases":["g","h"]}]}`)
	if err != nil {
		t.Fatal(err)
	}
	root := s.Root()
	if root.FullName != "a.b.R" || root.Name != "R" || root.Namespace != "a.b" {
		t.Errorf("root names: %q %q %q", root.FullName, root.Name, root.Namespace)
	}
	if got := strings.Join(root.Aliases, ","); got != "a.b.Old,x.Older" {
		t.Errorf("aliases: %s", got)
	}
	for _, c := range []struct{ field, full string }{{"s", "a.b.S"}, {"t", "T"}, {"u", "c.U"}, {"s2", "a.b.S"}, {"t2", "T"}, {"u2", "c.U"}} {
		f := root.Field(c.field)
		if f == nil || f.Type.FullName != c.full {
			t.Errorf("field %s: type %+v, want %s", c.field, f, c.full)
		}
	}
	if root.Field("s").Type != root.Field("s2").Type {
		t.Error("a reference must share the defining node")
	}
	if f := root.Field("f"); strings.Join(f.Aliases, ",") != "g,h" || f.Index != 6 || f.Order != "ascending" {
		t.Errorf("field f: %+v", f)
	}
}

func TestParseRecursive(t *testing.T) {
	s, err := Parse(`{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"],"default":null}]}`)
	if err != nil {
		t.Fatal(err)
	}
	root := s.Root()
	if root.Fields[1].Type.Branches[1] != root {
		t.Error("recursive reference must point at the record")
	}
	if root.MinSize() != 2 {
		t.Errorf("MinSize = %d, want 2 (an int and a union index)", root.MinSize())
	}
}

func TestLogicalTypes(t *testing.T) {
	cases := []struct {
		in      string
		logical string
		prec    int
		scale   int
	}{
		{`{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}`, LogicalDecimal, 10, 2},
		{`{"type":"bytes","logicalType":"decimal","precision":10}`, LogicalDecimal, 10, 0},
		{`{"type":"bytes","logicalType":"decimal","precision":0}`, "", 0, 0},
		{`{"type":"bytes","logicalType":"decimal","precision":2,"scale":3}`, "", 0, 0},
		{`{"type":"bytes","logicalType":"decimal","precision":"2"}`, "", 0, 0},
		{`{"type":"bytes","logicalType":"decimal","precision":4,"scale":-1}`, "", 0, 0},
		{`{"type":"fixed","name":"F","size":8,"logicalType":"decimal","precision":18}`, LogicalDecimal, 18, 0},
		{`{"type":"fixed","name":"F","size":8,"logicalType":"decimal","precision":19}`, "", 0, 0},
		{`{"type":"fixed","name":"F","size":16,"logicalType":"decimal","precision":38,"scale":10}`, LogicalDecimal, 38, 10},
		{`{"type":"fixed","name":"F","size":16,"logicalType":"decimal","precision":39}`, "", 0, 0},
		{`{"type":"string","logicalType":"decimal","precision":4}`, "", 0, 0},
		{`{"type":"string","logicalType":"uuid"}`, LogicalUUID, 0, 0},
		{`{"type":"fixed","name":"F","size":16,"logicalType":"uuid"}`, LogicalUUID, 0, 0},
		{`{"type":"bytes","logicalType":"uuid"}`, "", 0, 0},
		{`{"type":"int","logicalType":"date"}`, LogicalDate, 0, 0},
		{`{"type":"long","logicalType":"date"}`, "", 0, 0},
		{`{"type":"int","logicalType":"time-millis"}`, LogicalTimeMillis, 0, 0},
		{`{"type":"long","logicalType":"time-micros"}`, LogicalTimeMicros, 0, 0},
		{`{"type":"int","logicalType":"time-micros"}`, "", 0, 0},
		{`{"type":"long","logicalType":"timestamp-millis"}`, LogicalTimestampMillis, 0, 0},
		{`{"type":"long","logicalType":"timestamp-micros"}`, LogicalTimestampMicros, 0, 0},
		{`{"type":"long","logicalType":"timestamp-nanos"}`, LogicalTimestampNanos, 0, 0},
		{`{"type":"long","logicalType":"local-timestamp-millis"}`, LogicalLocalTimestampMillis, 0, 0},
		{`{"type":"long","logicalType":"local-timestamp-micros"}`, LogicalLocalTimestampMicros, 0, 0},
		{`{"type":"fixed","name":"D","size":12,"logicalType":"duration"}`, LogicalDuration, 0, 0},
		{`{"type":"fixed","name":"D","size":11,"logicalType":"duration"}`, "", 0, 0},
		{`{"type":"string","logicalType":"mystery"}`, "", 0, 0},
	}
	for _, c := range cases {
		s, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%s): %v", c.in, err)
			continue
		}
		n := s.Root()
		if n.Logical != c.logical || n.Precision != c.prec || n.Scale != c.scale {
			t.Errorf("Parse(%s): logical %q (%d,%d), want %q (%d,%d)", c.in, n.Logical, n.Precision, n.Scale, c.logical, c.prec, c.scale)
		}
	}
	if got := maxDecimalPrecision(1); got != 2 {
		t.Errorf("maxDecimalPrecision(1) = %d, want 2", got)
	}
}

func TestDefaults(t *testing.T) {
	cases := []struct {
		typ, def, hex string
	}{
		{`"null"`, `null`, ``},
		{`"boolean"`, `true`, `01`},
		{`"int"`, `-2`, `03`},
		{`"long"`, `9007199254740993`, `8280808080808020`},
		{`"float"`, `1.5`, `0000c03f`},
		{`"float"`, `1`, `0000803f`},
		{`"double"`, `"NaN"`, `000000000000f87f`},
		{`"string"`, `"d\u00e9"`, `0664c3a9`},
		{`"bytes"`, `"\u00ff\u0000"`, `04ff00`},
		{`{"type":"fixed","name":"F","size":3}`, `"xyz"`, `78797a`},
		{`{"type":"enum","name":"E","symbols":["A","B"]}`, `"B"`, `02`},
		{`{"type":"array","items":"int"}`, `[1,2]`, `04020400`},
		{`{"type":"array","items":"int"}`, `[]`, `00`},
		{`{"type":"map","values":"int"}`, `{"b":1,"a":2}`, `0402620202610400`},
		{`["null","string"]`, `null`, `00`},
		{`["string","null"]`, `"x"`, `000278`},
		// Specification 1.12: the first branch the value is valid for.
		{`["null","string"]`, `"x"`, `020278`},
		{`{"type":"record","name":"S","fields":[{"name":"a","type":"int"},{"name":"b","type":"string","default":"q"}]}`, `{"a":1}`, `020271`},
	}
	for _, c := range cases {
		text := `{"type":"record","name":"R","fields":[{"name":"f","type":` + c.typ + `,"default":` + c.def + `}]}`
		s, err := Parse(text)
		if err != nil {
			t.Errorf("Parse(%s): %v", text, err)
			continue
		}
		f := s.Root().Fields[0]
		if !f.HasDefault {
			t.Errorf("%s: HasDefault false", text)
			continue
		}
		b, err := AppendDefault(nil, f.Type, f.Default)
		if err != nil || hex.EncodeToString(b) != c.hex {
			t.Errorf("default %s for %s = %x, %v; want %s", c.def, c.typ, b, err, c.hex)
		}
	}
}

func TestLenientDefaults(t *testing.T) {
	const text = `{"type":"record","name":"foo","fields":[{"type":"boolean","name":"f1","default":"true"},{"name":"f2","type":"int","default":3}]}`
	if _, err := Parse(text); err == nil {
		t.Fatal("strict parse accepted a string default for a boolean")
	}
	s, err := ParseWith(text, Options{LenientDefaults: true})
	if err != nil {
		t.Fatal(err)
	}
	if f := s.Root().Fields[0]; f.HasDefault || f.Default != nil {
		t.Errorf("invalid default kept: %+v", f)
	}
	if f := s.Root().Fields[1]; !f.HasDefault {
		t.Errorf("valid default dropped: %+v", f)
	}
}

func TestReferences(t *testing.T) {
	refs := map[string]string{
		// Defined out of order: Address needs Country.
		"address": `{"type":"record","name":"Address","namespace":"com.acme","fields":[{"name":"country","type":"com.acme.Country"}]}`,
		"country": `{"type":"enum","name":"Country","namespace":"com.acme","symbols":["DE","FR"]}`,
	}
	s, err := ParseWithReferences(`{"type":"record","name":"Customer","namespace":"com.acme","fields":[{"name":"home","type":"Address"},{"name":"c","type":"Country"}]}`, refs)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"com.acme.Customer","type":"record","fields":[{"name":"home","type":{"name":"com.acme.Address","type":"record","fields":[{"name":"country","type":{"name":"com.acme.Country","type":"enum","symbols":["DE","FR"]}}]}},{"name":"c","type":"com.acme.Country"}]}`
	if got := s.Canonical(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	_, err = ParseWithReferences(`"com.acme.Address"`, map[string]string{"a": refs["address"]})
	if err == nil || !strings.Contains(err.Error(), `unknown type "com.acme.Country"`) {
		t.Errorf("missing reference: %v", err)
	}
}
