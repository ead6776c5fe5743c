package avroschema

import (
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/runtime/avrobin"
)

func mustParse(t testing.TB, text string) *Schema {
	t.Helper()
	s, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustHex(t testing.TB, h string) []byte {
	t.Helper()
	b, err := hex.DecodeString(h)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestDecodeValue(t *testing.T) {
	s := mustParse(t, `{"type":"record","name":"R","fields":[
		{"name":"b","type":"boolean"},
		{"name":"i","type":"int"},
		{"name":"l","type":"long"},
		{"name":"f","type":"float"},
		{"name":"d","type":"double"},
		{"name":"s","type":"string"},
		{"name":"y","type":"bytes"},
		{"name":"x","type":{"type":"fixed","name":"F","size":2}},
		{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"]}},
		{"name":"a","type":{"type":"array","items":"int"}},
		{"name":"m","type":{"type":"map","values":["null","string"]}},
		{"name":"n","type":"null"}]}`)
	data := mustHex(t, "01"+"03"+"04"+"0000c03f"+"000000000000f03f"+"046869"+"02ff"+"abcd"+"02"+
		"0602040600"+"04026b00027602027700")
	got, err := DecodeValue(s, data)
	if err != nil {
		t.Fatal(err)
	}
	want := RecordValue{
		{"b", true}, {"i", int32(-2)}, {"l", int64(2)}, {"f", float32(1.5)}, {"d", 1.0},
		{"s", "hi"}, {"y", []byte{0xff}}, {"x", []byte{0xab, 0xcd}}, {"e", "B"},
		{"a", []any{int32(1), int32(2), int32(3)}},
		{"m", MapValue{{"k", nil}, {"v", "w"}}}, {"n", nil},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %#v\nwant %#v", got, want)
	}
}

func TestDecodeValueConverter(t *testing.T) {
	s := mustParse(t, `["null",{"type":"int","logicalType":"date"}]`)
	var seen []string
	got, err := DecodeValueWith(s, mustHex(t, "0202"), func(n *Node, v any) (any, error) {
		seen = append(seen, n.TypeName())
		if n.Logical == LogicalDate {
			return fmt.Sprintf("day %d", v), nil
		}
		return v, nil
	})
	if err != nil || got != "day 1" {
		t.Errorf("got %v, %v", got, err)
	}
	if strings.Join(seen, ",") != "int (date)" {
		t.Errorf("converter saw %v, want the branch only", seen)
	}
	boom := errors.New("boom")
	_, err = DecodeValueWith(s, mustHex(t, "0202"), func(*Node, any) (any, error) { return nil, boom })
	if !errors.Is(err, boom) {
		t.Errorf("converter error: %v", err)
	}
}

func TestDecodeValueErrors(t *testing.T) {
	list := mustParse(t, `{"type":"record","name":"L","fields":[{"name":"next","type":["null","L"]}]}`)
	cases := []struct {
		s    *Schema
		hex  string
		want error
	}{
		{mustParse(t, `"int"`), "0200", avrobin.ErrTrailing},
		{mustParse(t, `"int"`), "", avrobin.ErrTruncated},
		{mustParse(t, `{"type":"array","items":"null"}`), "feffffff0f", avrobin.ErrTooManyItems},
		{mustParse(t, `{"type":"array","items":"long"}`), "80897a", avrobin.ErrTruncated},
		{list, strings.Repeat("02", MaxDepth+1) + "00", ErrTooDeep},
	}
	for _, c := range cases {
		_, err := DecodeValue(c.s, mustHex(t, c.hex))
		if !errors.Is(err, c.want) {
			t.Errorf("%s / %.20s: got %v, want %v", c.s, c.hex, err, c.want)
		}
	}
	if _, err := DecodeValue(list, mustHex(t, strings.Repeat("02", MaxDepth-1)+"00")); err != nil {
		t.Errorf("a list just inside MaxDepth: %v", err)
	}
}

var parseSeeds = []string{
	`"null"`, `"int"`, `["null","string"]`, `[]`,
	`{"type":"record","name":"R","namespace":"a.b","fields":[{"name":"x","type":"int","default":1},{"name":"y","type":["null","R"],"default":null}]}`,
	`{"type":"enum","name":"E","symbols":["A","B"],"default":"A"}`,
	`{"type":"fixed","name":"F","size":4,"logicalType":"decimal","precision":9,"scale":2}`,
	`{"type":"map","values":{"type":"array","items":{"type":"bytes","logicalType":"decimal","precision":4}}}`,
	`{"type":"record","name":"Outer","fields":[{"name":"a","type":{"type":"record","name":"In","fields":[]}},{"name":"b","type":"In"},{"name":"c","type":{"type":"map","values":"In"},"default":{"k":{}}}]}`,
	`{"type":"error","name":"Err","aliases":["x.Y"],"fields":[{"name":"m","type":"string","aliases":["msg"],"order":"ignore"}]}`,
}

// FuzzParse checks that parsing never panics, that a parsed schema's
// canonical form and compact text parse to the same canonical form, and that
// decoding arbitrary bytes with it never panics. An error's offset is in
// the text.
func FuzzParse(f *testing.F) {
	for _, s := range parseSeeds {
		f.Add(s, []byte{0x02, 0x04, 0x00})
	}
	f.Fuzz(func(t *testing.T, text string, datum []byte) {
		s, err := Parse(text)
		if err != nil {
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if se.Offset < -1 || se.Offset > len(text) {
				t.Fatalf("offset %d outside the text: %v", se.Offset, err)
			}
			return
		}
		again, err := Parse(s.Canonical())
		if err != nil {
			t.Fatalf("canonical form %s does not parse: %v", s.Canonical(), err)
		}
		if again.Canonical() != s.Canonical() {
			t.Fatalf("canonical form not stable:\n%s\n%s", s.Canonical(), again.Canonical())
		}
		compact, err := Parse(s.String())
		if err != nil || compact.Canonical() != s.Canonical() {
			t.Fatalf("String() %s does not reparse: %v", s.String(), err)
		}
		v, err := DecodeValue(s, datum)
		if err == nil && s.Root().Kind == Null && v != nil {
			t.Fatalf("null decoded as %v", v)
		}
	})
}
