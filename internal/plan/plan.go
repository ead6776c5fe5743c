// Package plan turns a checked spec and its schemas into a Go-specific IR: every
// package path, file name, type name and field name the emitters need is
// computed here, collisions resolved, so templates/ only spells Go.
package plan

import (
	"github.com/streamc/streamc/internal/ir"
)

// Plan is everything to generate for one pipelines.yaml.
type Plan struct {
	// SpecFile is the spec's file name as written in headers ("pipelines.yaml").
	SpecFile string
	// Packages in output order.
	Packages []*Package
	// Programs are the main packages, in spec order: each app, then each
	// of its queries.
	Programs []*Program
}

// Package is one generated Go package (one per app).
type Package struct {
	// Dir is the output directory relative to the spec, with forward slashes.
	Dir        string
	ImportPath string
	Name       string
	// Source names what the package was generated from, for the header.
	Source string
	// Records are the top-level record types, in spec order; each gets its
	// own files.
	Records []*Record
	// Queries of the app, in spec order.
	Queries []*Query
}

// Record is one Go struct type generated from a schema struct.
type Record struct {
	GoName string
	// FileBase is the base of this record's files: FileBase.go,
	// FileBase_json.go, FileBase_csv.go. Empty for nested records, which live
	// in their top-level record's files.
	FileBase string
	// Files are the names of those files; empty for nested records.
	Files RecordFiles
	// CSVColumns names the package-level table of the columns the CSV
	// decoder reads.
	CSVColumns string
	// Source is the schema file (or "pipelines.yaml" for inline DDL).
	Source string
	// Doc is a one-line description for the type's comment.
	Doc    string
	Type   *ir.Type
	Fields []*Field
	// Nested are the struct types reachable from this record that are
	// declared in its files, in depth-first field order.
	Nested []*Record
	// FieldBits name the constants of the fields' bits in the mask of
	// DecodeJSONFieldsWith, one per field (InvoiceFieldTotalAmount); nil
	// when the record has no such decoder.
	FieldBits []string
	// Corrupt is the string field that receives malformed input
	// (columnNameOfCorruptRecord, "_corrupt_record" by default), or nil.
	Corrupt *Field
	// CSV is true when every field is atomic, so CSV codecs exist (Spark's
	// CSV has no nested types).
	CSV bool
	// JSON is true when JSON codecs are emitted.
	JSON bool
	// EncodeOnly records (and their nested ones) get JSON encoders but no
	// decoders: a query builds them and only writes them.
	EncodeOnly bool
	// Avro is set when the record gets Avro codecs (and on its nested
	// records, whose codecs live in the same file).
	Avro *AvroCodec
}

// RecordFiles are the file names (in the package's directory) of a
// top-level record: its type, its JSON, CSV and Avro codecs.
type RecordFiles struct {
	Type, JSON, CSV, Avro string
}

// AvroCodec says which Avro codecs a record gets.
type AvroCodec struct {
	// Decode and Encode select the reader and the writer.
	Decode, Encode bool
	// Schema is the Avro schema the codecs read and write, as JSON text:
	// the .avsc's own for Avro schemas, the one Spark's to_avro derives for
	// Spark schemas. Empty on nested records.
	Schema string
	// SchemaConst is the package-level constant holding Schema.
	SchemaConst string
}

// Field is one struct field.
type Field struct {
	// Name is the column name, the JSON key.
	Name string
	// GoName is the exported Go field name.
	GoName string
	Type   *GoType
	// Nullable fields are sqltypes.Null[T].
	Nullable bool
	Comment  string
}

// GoType is a field's or element's type.
type GoType struct {
	Kind ir.Kind
	// Decimal.
	Precision, Scale int
	// Array.
	Elem         *GoType
	ElemNullable bool
	// Map.
	Key           *GoType
	Value         *GoType
	ValueNullable bool
	// Struct.
	Record *Record
	// Pointer marks a struct reached again inside itself (a recursive Avro
	// record): Go holds it as *Record, nil for an absent value.
	Pointer bool
}

// Atomic reports whether t is not an array, map or struct.
func (t *GoType) Atomic() bool {
	switch t.Kind {
	case ir.Array, ir.Map, ir.Struct:
		return false
	}
	return true
}
