package avroschema

import (
	"crypto/sha256"
	"strings"
	"testing"
)

// canonicalCases are the cases of Apache Avro's share/test/data/schema-tests.txt
// (canonical forms and CRC-64-AVRO fingerprints, cross-checked by Java's
// tests). Case 026 there gives the boolean field the default "true", a
// string, which this parser rejects unless defaults are lenient (see
// TestLenientDefaults); here it is the boolean true.
var canonicalCases = []struct {
	in, canonical string
	fingerprint   int64 // 0: not given
}{
	{`"null"`, `"null"`, 7195948357588979594},
	{`{"type":"null"}`, `"null"`, 0},
	{`"boolean"`, `"boolean"`, -6970731678124411036},
	{`{"type":"boolean"}`, `"boolean"`, 0},
	{`"int"`, `"int"`, 8247732601305521295},
	{`{"type":"int"}`, `"int"`, 0},
	{`"long"`, `"long"`, -3434872931120570953},
	{`{"type":"long"}`, `"long"`, 0},
	{`"float"`, `"float"`, 5583340709985441680},
	{`{"type":"float"}`, `"float"`, 0},
	{`"double"`, `"double"`, -8181574048448539266},
	{`{"type":"double"}`, `"double"`, 0},
	{`"bytes"`, `"bytes"`, 5746618253357095269},
	{`{"type":"bytes"}`, `"bytes"`, 0},
	{`"string"`, `"string"`, -8142146995180207161},
	{`{"type":"string"}`, `"string"`, 0},
	{`[  ]`, `[]`, -1241056759729112623},
	{`[ "int"  ]`, `["int"]`, -5232228896498058493},
	{`[ "int" , {"type":"boolean"} ]`, `["int","boolean"]`, 5392556393470105090},
	{`{"fields":[], "type":"record", "name":"foo"}`, `{"name":"foo","type":"record","fields":[]}`, -4824392279771201922},
	{`{"fields":[], "type":"record", "name":"foo", "namespace":"x.y"}`, `{"name":"x.y.foo","type":"record","fields":[]}`, 5916914534497305771},
	{`{"fields":[], "type":"record", "name":"a.b.foo", "namespace":"x.y"}`, `{"name":"a.b.foo","type":"record","fields":[]}`, -4616218487480524110},
	{`{"fields":[], "type":"record", "name":"foo", "doc":"Useful info"}`, `{"name":"foo","type":"record","fields":[]}`, -4824392279771201922},
	{`{"fields":[], "type":"record", "name":"foo", "aliases":["foo","bar"]}`, `{"name":"foo","type":"record","fields":[]}`, -4824392279771201922},
	{`{"fields":[], "type":"record", "name":"foo", "doc":"foo", "aliases":["foo","bar"]}`, `{"name":"foo","type":"record","fields":[]}`, -4824392279771201922},
	{`{"fields":[{"type":{"type":"boolean"}, "name":"f1"}], "type":"record", "name":"foo"}`, `{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"}]}`, 7843277075252814651},
	{`{ "fields":[{"type":"boolean", "aliases":[], "name":"f1", "default":true},
	            {"order":"descending","name":"f2","doc":"Hello","type":"int"}],
	  "type":"record", "name":"foo"
	}`, `{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"},{"name":"f2","type":"int"}]}`, -4860222112080293046},
	{`{"type":"enum", "name":"foo", "symbols":["A1"]}`, `{"name":"foo","type":"enum","symbols":["A1"]}`, -6342190197741309591},
	{`{"namespace":"x.y.z", "type":"enum", "name":"foo", "doc":"foo bar", "symbols":["A1", "A2"]}`, `{"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]}`, -4448647247586288245},
	{`{"name":"foo","type":"fixed","size":15}`, `{"name":"foo","type":"fixed","size":15}`, 1756455273707447556},
	{`{"namespace":"x.y.z", "type":"fixed", "name":"foo", "doc":"foo bar", "size":32}`, `{"name":"x.y.z.foo","type":"fixed","size":32}`, -3064184465700546786},
	{`{ "items":{"type":"null"}, "type":"array"}`, `{"type":"array","items":"null"}`, -589620603366471059},
	{`{ "values":"string", "type":"map"}`, `{"type":"map","values":"string"}`, -8732877298790414990},
	{`{"name":"PigValue","type":"record",
	   "fields":[{"name":"value", "type":["null", "int", "long", "PigValue"]}]}`,
		`{"name":"PigValue","type":"record","fields":[{"name":"value","type":["null","int","long","PigValue"]}]}`, -1759257747318642341},
}

func TestCanonical(t *testing.T) {
	for _, c := range canonicalCases {
		s, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%s): %v", c.in, err)
			continue
		}
		if got := s.Canonical(); got != c.canonical {
			t.Errorf("Canonical(%s)\n got %s\nwant %s", c.in, got, c.canonical)
		}
		if c.fingerprint != 0 {
			if got := int64(s.Fingerprint64()); got != c.fingerprint {
				t.Errorf("Fingerprint64(%s) = %d, want %d", c.in, got, c.fingerprint)
			}
		}
		if got, want := s.FingerprintSHA256(), sha256.Sum256([]byte(c.canonical)); got != want {
			t.Errorf("FingerprintSHA256(%s) = %x, want %x", c.in, got, want)
		}
		// The canonical form is a schema with the same canonical form.
		again, err := Parse(s.Canonical())
		if err != nil || again.Canonical() != s.Canonical() {
			t.Errorf("canonical form of %s does not reparse to itself: %v", c.in, err)
		}
	}
}

func TestCanonicalNamespaces(t *testing.T) {
	const in = `{"type":"record","name":"Outer","namespace":"com.example","fields":[
		{"name":"a","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":{"type":"long","logicalType":"timestamp-millis"}}]}},
		{"name":"b","type":"Inner"},
		{"name":"c","type":{"type":"enum","name":"E","namespace":"","symbols":["A","B"],"default":"A"}},
		{"name":"d","type":["null","com.example.Inner","E"]},
		{"name":"\u00e9t\u00e9","type":{"type":"fixed","name":"F","size":16,"logicalType":"decimal","precision":4}}]}`
	const want = `{"name":"com.example.Outer","type":"record","fields":[` +
		`{"name":"a","type":{"name":"com.example.Inner","type":"record","fields":[{"name":"x","type":"long"}]}},` +
		`{"name":"b","type":"com.example.Inner"},` +
		`{"name":"c","type":{"name":"E","type":"enum","symbols":["A","B"]}},` +
		`{"name":"d","type":["null","com.example.Inner","E"]},` +
		`{"name":"été","type":{"name":"com.example.F","type":"fixed","size":16}}]}`
	s, err := Parse(in)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Canonical(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if n := s.Lookup("E"); n == nil || n.Namespace != "" || !n.HasEnumDefault {
		t.Errorf("enum E in the null namespace: %+v", n)
	}
	if n := s.Lookup("com.example.F"); n == nil || n.Logical != LogicalDecimal || n.Precision != 4 {
		t.Errorf("fixed F: %+v", n)
	}
	if got := s.String(); strings.ContainsAny(got, "\n\t") || !strings.HasPrefix(got, `{"type":"record","name":"Outer"`) {
		t.Errorf("String() = %s, want the text as given, compacted", got)
	}
}

func TestRabinEmpty(t *testing.T) {
	if got := Rabin64(nil); got != rabinEmpty {
		t.Errorf("Rabin64(nil) = %x", got)
	}
}
