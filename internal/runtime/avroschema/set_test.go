package avroschema_test

import (
	"errors"
	"strings"
	"testing"

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
