// Package avrojson encodes JSON values as Avro binary, for `streamc dev
// produce --format confluent-avro`, and validates Avro schemas for the dev
// Schema Registry. It is development tooling, not a hot path: it walks
// gogen-avro's parsed schema for every value.
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
	"fmt"

	"github.com/actgardner/gogen-avro/v10/parser"
	avro "github.com/actgardner/gogen-avro/v10/schema"
)

// Schema is a parsed, fully resolved Avro schema.
type Schema struct {
	root avro.AvroType
}

// Parse parses an Avro schema (.avsc text). deps are schemas whose named
// types the schema may refer to, as a registry's schema references are; they
// are parsed first, in order.
func Parse(text []byte, deps ...[]byte) (*Schema, error) {
	ns := parser.NewNamespace(false)
	for i, d := range deps {
		if _, err := typeForSchema(ns, d); err != nil {
			return nil, fmt.Errorf("referenced schema %d: %w", i+1, err)
		}
	}
	root, err := typeForSchema(ns, text)
	if err != nil {
		return nil, err
	}
	if err := resolve(root, ns.Definitions, map[avro.Definition]bool{}); err != nil {
		return nil, err
	}
	return &Schema{root: root}, nil
}

// typeForSchema rejects what gogen-avro's parser lets through: trailing
// text after the JSON value.
func typeForSchema(ns *parser.Namespace, text []byte) (avro.AvroType, error) {
	dec := json.NewDecoder(bytes.NewReader(text))
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	if dec.More() {
		return nil, fmt.Errorf("not JSON: text after the schema")
	}
	t, err := ns.TypeForSchema(text)
	if err != nil {
		return nil, err
	}
	return t, nil
}

// resolve points every reference at its definition; the parser leaves that
// to its callers, and an unknown type name only shows up here.
func resolve(t avro.AvroType, defs map[avro.QualifiedName]avro.Definition, seen map[avro.Definition]bool) error {
	if ref, ok := t.(*avro.Reference); ok {
		def, ok := defs[ref.TypeName]
		if !ok {
			return fmt.Errorf("unknown type %q", ref.TypeName.String())
		}
		ref.Def = def
		if seen[def] {
			return nil
		}
		seen[def] = true
		if rec, ok := def.(*avro.RecordDefinition); ok {
			names := map[string]bool{}
			for _, f := range rec.Fields() {
				if names[f.Name()] {
					return fmt.Errorf("record %s: duplicate field %q", rec.AvroName().String(), f.Name())
				}
				names[f.Name()] = true
			}
		}
		for _, c := range def.Children() {
			if err := resolve(c, defs, seen); err != nil {
				return err
			}
		}
		return nil
	}
	for _, c := range t.Children() {
		if err := resolve(c, defs, seen); err != nil {
			return err
		}
	}
	return nil
}

// FullName is the full name of the schema's top-level named type (record,
// enum or fixed), or "" for other schemas. RecordNameStrategy subjects use it.
func (s *Schema) FullName() string {
	if ref, ok := s.root.(*avro.Reference); ok {
		return ref.TypeName.String()
	}
	return ""
}
