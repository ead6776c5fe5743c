// Package avrojson encodes JSON values as Avro binary, for `streamc dev
// produce --format confluent-avro`, and validates Avro schemas for the dev
// Schema Registry. It is development tooling, not a hot path: it walks the
// parsed schema (internal/runtime/avroschema, the parser generated programs use for
// registry schemas) for every value.
//
// JSON values map to Avro as Avro's own JSON encoding says, with the
// conveniences a person writing test data wants: a union value may be given
// bare (the first branch that accepts it is used) or wrapped as
// {"branch": value}; a missing record field takes its default, or null when
// its type is a union with null; timestamp-* and date logical types also
// accept RFC 3339 and yyyy-mm-dd strings; decimals accept numbers or
// numeric strings.
package avrojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/streamc/streamc/internal/runtime/avroschema"
)

// Schema is a parsed, fully resolved Avro schema.
type Schema struct {
	root *avroschema.Node
}

// Parse parses an Avro schema (.avsc text). deps are schemas whose named
// types the schema may refer to, as a registry's schema references are.
func Parse(text []byte, deps ...[]byte) (*Schema, error) {
	refs := map[string]string{}
	for i, d := range deps {
		if err := checkJSON(d); err != nil {
			return nil, fmt.Errorf("referenced schema %d: %w", i+1, err)
		}
		refs[strconv.Itoa(i+1)] = string(d)
	}
	if err := checkJSON(text); err != nil {
		return nil, err
	}
	s, err := avroschema.ParseWith(string(text), avroschema.Options{References: refs})
	if err != nil {
		return nil, schemaError(err)
	}
	return &Schema{root: s.Root()}, nil
}

// checkJSON rejects text that is not one JSON value, in this package's words.
func checkJSON(text []byte) error {
	dec := json.NewDecoder(bytes.NewReader(text))
	var v any
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	if dec.More() {
		return errors.New("not JSON: text after the schema")
	}
	return nil
}

// schemaError words the errors a registry user meets most in the terms
// Confluent's registry uses.
func schemaError(err error) error {
	var e *avroschema.Error
	if !errors.As(err, &e) {
		return err
	}
	switch e.Reason {
	case avroschema.ReasonUnknownType:
		return fmt.Errorf("unknown type %q", e.Name)
	case avroschema.ReasonDuplicateField:
		return fmt.Errorf("%s: duplicate field %q", e.Path, e.Name)
	}
	return err
}

// FullName is the full name of the schema's top-level named type (record,
// enum or fixed), or "" for other schemas. RecordNameStrategy subjects use it.
func (s *Schema) FullName() string {
	if s.root.Kind.Named() {
		return s.root.FullName
	}
	return ""
}
