// Package ir is the immutable contract between streamc's front end and its
// back end: the language-neutral type model (Spark SQL's types with the Avro
// shape behind them, following Spark because its semantics are the ones
// generated programs reproduce) and the typed logical plan of every query.
// internal/compiler/schema and internal/compiler/check build these values; internal/plan names them for Go;
// templates read them and nothing else of the front end. Once a phase hands
// them on, no phase writes into them.
package ir

import (
	"fmt"
	"slices"
	"strings"

	"github.com/streamc/streamc/internal/diag"
)

// Kind is a Spark SQL data type without its parameters.
type Kind int

// The kinds, in Spark's names.
const (
	Invalid Kind = iota
	Boolean
	Byte
	Short
	Int
	Long
	Float
	Double
	Decimal
	String
	Binary
	Date
	Timestamp
	TimestampNTZ
	Array
	Map
	Struct
	// Null is Spark's NullType ("void"): a column that is always null, as an
	// Avro "null" field or union branch. Added last so the other values keep
	// their numbers.
	Null
)

var kindNames = [...]string{
	Invalid:      "invalid",
	Boolean:      "boolean",
	Byte:         "byte",
	Short:        "short",
	Int:          "int",
	Long:         "long",
	Float:        "float",
	Double:       "double",
	Decimal:      "decimal",
	String:       "string",
	Binary:       "binary",
	Date:         "date",
	Timestamp:    "timestamp",
	TimestampNTZ: "timestamp_ntz",
	Array:        "array",
	Map:          "map",
	Struct:       "struct",
	Null:         "void",
}

func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// Type is one data type. Only the fields of its Kind are set.
type Type struct {
	Kind Kind

	// Decimal.
	Precision, Scale int

	// Array: element type; ContainsNull as Spark's containsNull.
	Elem         *Type
	ContainsNull bool

	// Map: key and value types; ValueContainsNull as Spark's valueContainsNull.
	// Map keys are never null.
	Key               *Type
	Value             *Type
	ValueContainsNull bool

	// Struct: fields in declaration order. Name is the record's name where the
	// source has one (Avro full name); Spark schemas leave it empty.
	Fields []*Field
	Name   string

	// Avro carries what an Avro codec needs and Spark's type does not say
	// (enum symbols, fixed sizes, union branches, logical types). Nil for
	// types that did not come from Avro.
	Avro *AvroInfo
}

// Field is one struct field.
type Field struct {
	Name     string
	Type     *Type
	Nullable bool
	Comment  string
	// Pos is where the field is declared, for error messages.
	Pos diag.Pos
}

// AvroInfo records the Avro shape behind a Spark type, so that an Avro codec
// can read and write exactly the declared schema.
type AvroInfo struct {
	// Primitive or named kind: "null", "boolean", "int", "long", "float",
	// "double", "bytes", "string", "record", "enum", "fixed", "array", "map";
	// or "union" when the Spark type was derived from a union (see Union).
	Type string
	// Logical type, e.g. "timestamp-millis", "decimal", "uuid"; empty if none.
	Logical string
	// Full name of a named type (record, enum, fixed).
	FullName string
	Aliases  []string
	// Enum symbols, and the default symbol if any.
	Symbols     []string
	EnumDefault string
	FixedSize   int
	Precision   int
	Scale       int
	Doc         string
	// Union branches in declared order, when the type came from a union.
	// A ["null", T] union leaves Union empty and marks the field Nullable;
	// NullFirst records the branch order so the writer can keep it.
	// Any other union has Type "union" and lists every branch here, "null"
	// included (as a Null type); for a struct<member0,...> the members are
	// the non-null branches in order.
	Union     []*Type
	NullFirst bool
	// Default holds a field default as the JSON text from the schema
	// (record fields only; stored on the field's type). For a union it may
	// match any branch; the first branch that accepts it is meant.
	Default    string
	HasDefault bool
	// FieldAliases are the record field's aliases, for schema resolution
	// (record fields only; stored on the field's type, like Default).
	FieldAliases []string
	// Schema is the full JSON text of the schema this type came from (set on
	// top-level records), for registries and writer-schema resolution.
	// It is set on every named type and on each file's top-level type: a
	// standalone schema, compact, with the named types it uses inlined at
	// their first use.
	Schema string
}

// SimpleString renders t as Spark's simpleString/DDL form, e.g.
// "struct<a:int,b:array<string>>". A record met again inside itself (a
// recursive Avro record) is written as its name.
func (t *Type) SimpleString() string {
	var b strings.Builder
	t.writeSimple(&b, nil)
	return b.String()
}

// writeSimple writes t; open holds the names of the records being written.
func (t *Type) writeSimple(b *strings.Builder, open []string) {
	switch t.Kind {
	case Decimal:
		fmt.Fprintf(b, "decimal(%d,%d)", t.Precision, t.Scale)
	case Byte:
		b.WriteString("tinyint")
	case Short:
		b.WriteString("smallint")
	case Long:
		b.WriteString("bigint")
	case Array:
		b.WriteString("array<")
		t.Elem.writeSimple(b, open)
		b.WriteString(">")
	case Map:
		b.WriteString("map<")
		t.Key.writeSimple(b, open)
		b.WriteString(",")
		t.Value.writeSimple(b, open)
		b.WriteString(">")
	case Struct:
		if t.Name != "" {
			if slices.Contains(open, t.Name) {
				b.WriteString(t.Name)
				return
			}
			open = append(open, t.Name)
		}
		b.WriteString("struct<")
		for i, f := range t.Fields {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(f.Name)
			b.WriteString(":")
			f.Type.writeSimple(b, open)
		}
		b.WriteString(">")
	default:
		b.WriteString(t.Kind.String())
	}
}

// Field returns the struct field with exactly this name (Spark resolves
// case-sensitively for from_json), or nil.
func (t *Type) Field(name string) *Field {
	for _, f := range t.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// RecursivePath names the first field through which struct t contains
// itself or an enclosing struct (an Avro record that refers to itself),
// as "a.b.c"; empty when t is not recursive.
func RecursivePath(t *Type) string {
	var walk func(t *Type, path string, open map[any]bool) string
	walk = func(t *Type, path string, open map[any]bool) string {
		switch t.Kind {
		case Array:
			return walk(t.Elem, path, open)
		case Map:
			return walk(t.Value, path, open)
		case Struct:
			// A named record is one record however many copies of its
			// Type its uses made.
			var key any = t
			if t.Name != "" {
				key = t.Name
			}
			if open[key] {
				return path
			}
			open[key] = true
			defer delete(open, key)
			for _, f := range t.Fields {
				p := f.Name
				if path != "" {
					p = path + "." + f.Name
				}
				if r := walk(f.Type, p, open); r != "" {
					return r
				}
			}
		}
		return ""
	}
	return walk(t, "", map[any]bool{})
}
