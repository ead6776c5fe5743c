package avroschema_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/streamc/streamc/internal/runtime/avroschema"
)

// An error's Offset is where its Path starts in the text.
func TestErrorOffset(t *testing.T) {
	for _, tc := range []struct{ text, at string }{
		{`{"type":"record","name":"R","fields":[{"name":"a","type":"Nope"}]}`, `"Nope"`},
		{"{\"type\":\"record\",\"name\":\"R\",\n \"fields\":[{\"name\":\"a\",\n  \"type\": \"int\", \"default\" :  \"x\"}]}", `"x"`},
		{`{"type":"record","name":"1R","fields":[]}`, `"1R"`},
		{`["int", "int"]`, `"int"]`},
	} {
		_, err := avroschema.Parse(tc.text)
		var e *avroschema.Error
		if !errors.As(err, &e) {
			t.Fatalf("%s: error %v", tc.text, err)
		}
		if e.Offset < 0 || e.Offset >= len(tc.text) || tc.text[e.Offset:e.Offset+len(tc.at)] != tc.at {
			t.Errorf("%s: %v at offset %d, want at %s", tc.text, err, e.Offset, tc.at)
		}
	}
}

func TestParseSet(t *testing.T) {
	// Out of order, a type used across schemas, and one defined twice alike.
	texts := []string{
		`{"type":"record","name":"P","namespace":"x","fields":[{"name":"a","type":"Addr"},{"name":"c","type":"C"}]}`,
		`{"type":"record","name":"Addr","namespace":"x","fields":[{"name":"c","type":{"type":"enum","name":"C","symbols":["A"]}}]}`,
		`{"type":"record","name":"Q","namespace":"x","fields":[{"name":"c","type":{"type":"enum","name":"C","symbols":["A"]}}]}`,
	}
	set, err := avroschema.ParseSet(texts, avroschema.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, q := set[0].Root(), set[2].Root()
	if p.Fields[0].Type != set[1].Root() || p.Fields[1].Type != q.Fields[0].Type {
		t.Error("names not shared across the set")
	}
	// A different definition under one name, and an unknown name.
	texts[2] = `{"type":"record","name":"Q","namespace":"x","fields":[{"name":"c","type":{"type":"enum","name":"C","symbols":["B"]}}]}`
	_, err = avroschema.ParseSet(texts, avroschema.Options{})
	var se *avroschema.SetError
	if !errors.As(err, &se) || se.Index != 2 {
		t.Errorf("redefinition: %v", err)
	}
	_, err = avroschema.ParseSet(texts[:1], avroschema.Options{})
	if !errors.As(err, &se) || se.Index != 0 {
		t.Errorf("unknown name: %v", err)
	}
}

// A default error in parts, for callers that word it themselves.
func TestDefaultError(t *testing.T) {
	s, err := avroschema.Parse(`{"type":"record","name":"R","fields":[
		{"name":"a","type":{"type":"array","items":["null","int"]}}]}`)
	if err != nil {
		t.Fatal(err)
	}
	err = avroschema.CheckDefault(s.Root().Fields[0].Type, []any{nil, "x"})
	var de *avroschema.DefaultError
	if !errors.As(err, &de) {
		t.Fatalf("error %v", err)
	}
	if len(de.Steps) != 1 || de.Steps[0].Index != 1 || de.Node.Kind != avroschema.Union || de.First == nil || de.First.Node.Kind != avroschema.Null {
		t.Errorf("parts %+v", de)
	}
	if want := `[1]: "x" is not a valid union`; err.Error() != want {
		t.Errorf("got %s, want %s", err, want)
	}
}

// CheckDefault takes an omitted field with a default as valid without
// checking that default again; encoding it needs it, and here finds none.
func TestCheckDefaultOmittedField(t *testing.T) {
	s, err := avroschema.ParseWith(`{"type":"record","name":"S","fields":[{"name":"s","type":"S","default":{}}]}`,
		avroschema.Options{UncheckedDefaults: true})
	if err != nil {
		t.Fatal(err)
	}
	f := s.Root().Fields[0]
	if err := avroschema.CheckDefault(f.Type, f.Default); err != nil {
		t.Errorf("CheckDefault: %v", err)
	}
	if _, err := avroschema.AppendDefault(nil, f.Type, f.Default); err == nil || !strings.HasSuffix(err.Error(), "default nests too deeply") {
		t.Errorf("AppendDefault: %v", err)
	}
}

// Options.Strict refuses what Avro accepts but a project's own schema
// should not say; without it the same text parses, as a registry's must.
func TestStrict(t *testing.T) {
	for _, tc := range []struct{ text, want, at string }{
		{`{"type":"record","name":"R","fields":[{"name":"a","type":"int","Default":1}]}`,
			`fields[0].Default: unknown attribute "Default"; did you mean "default"? (Avro attributes are case-sensitive)`, `"Default"`},
		{`{"type":"error","name":"E","fields":[]}`, `type: "error" types belong to Avro protocols; use "record"`, `"error"`},
		{`{"type":{"type":"int"}}`, `type: "type" of a schema object must be a type name, found object`, `{"type":"int"}`},
		{`[]`, `empty union`, `[]`},
		{`{"type":"enum","name":"Größe","symbols":["S"]}`, `name: invalid name "Größe"`, `"Größe"`},
		{`{"type":"fixed","name":"F","size":1,"doc":7}`, `doc: "doc" must be a string, found number`, `7`},
		{`[{"type":"fixed","name":"A","size":1},{"type":"fixed","name":"B","size":1,"aliases":["A"]}]`,
			`[1].aliases[0]: alias "A" of B names another type`, `"A"]`},
	} {
		if _, err := avroschema.Parse(tc.text); err != nil {
			t.Errorf("%s: not strict: %v", tc.text, err)
		}
		_, err := avroschema.ParseWith(tc.text, avroschema.Options{Strict: true})
		var e *avroschema.Error
		if !errors.As(err, &e) {
			t.Errorf("%s: strict: error %v", tc.text, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s:\n got %v\nwant it to contain %s", tc.text, err, tc.want)
		}
		if e.Offset < 0 || !strings.HasPrefix(tc.text[e.Offset:], tc.at) {
			t.Errorf("%s: %v at offset %d, want at %s", tc.text, err, e.Offset, tc.at)
		}
	}
}

// ParseSet reports every error of every schema, and where the other
// definition of a name defined twice is.
func TestParseSetErrors(t *testing.T) {
	texts := []string{
		`{"type":"enum","name":"E","symbols":["A","A","b-c"]}`,
		`{"type":"record","name":"R","fields":[{"name":"x","type":"Nope"},{"name":"y","type":{"type":"record","name":"R","fields":[]}}]}`,
		`{"type":"enum","name":"E","symbols":["A"]}`,
	}
	_, err := avroschema.ParseSet(texts, avroschema.Options{})
	var errs avroschema.SetErrors
	if !errors.As(err, &errs) {
		t.Fatalf("error %v", err)
	}
	var got []string
	for _, se := range errs {
		var e *avroschema.Error
		if !errors.As(se, &e) {
			t.Fatalf("error %v", se)
		}
		got = append(got, fmt.Sprintf("%d %s %d:%d", se.Index, e.Msg, e.OtherIndex, e.OtherOffset))
	}
	want := []string{
		`0 duplicate enum symbol "A" -1:-1`,
		`0 an enum symbol must be a name, found "b-c" -1:-1`,
		`1 unknown type "Nope"; did you mean "E"? -1:-1`,
		`1 R is defined twice 1:0`,
		`2 E is defined differently in another schema 0:0`,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("errors (-want +got)\n%s", d)
	}
}

// Names lists what a schema defines even when it uses names it does not.
func TestNames(t *testing.T) {
	got := avroschema.Names(`{"type":"record","name":"R","namespace":"n","fields":[{"name":"a","type":"Other"},{"name":"b","type":{"type":"fixed","name":"F","size":1}}]}`)
	if d := cmp.Diff([]string{"n.F", "n.R"}, got); d != "" {
		t.Errorf("names (-want +got)\n%s", d)
	}
}
