// Package schema reads the schema files of a spec into streamc's
// language-neutral type model (internal/ir): Spark StructType JSON, Spark DDL,
// and Avro .avsc files.
//
// The model follows Spark SQL's type system, because Spark's semantics are the
// ones generated programs reproduce. Nothing here knows Go: naming and layout of
// generated code belong to internal/plan.
package schema

import (
	"github.com/streamc/streamc/internal/diag"
	"github.com/streamc/streamc/internal/ir"
)

// The type model lives in internal/ir, the contract with the back end; these
// names let the readers here spell it as before.
type (
	Kind     = ir.Kind
	Type     = ir.Type
	Field    = ir.Field
	AvroInfo = ir.AvroInfo
)

// The kinds, in Spark's names.
const (
	Invalid      = ir.Invalid
	Boolean      = ir.Boolean
	Byte         = ir.Byte
	Short        = ir.Short
	Int          = ir.Int
	Long         = ir.Long
	Float        = ir.Float
	Double       = ir.Double
	Decimal      = ir.Decimal
	String       = ir.String
	Binary       = ir.Binary
	Date         = ir.Date
	Timestamp    = ir.Timestamp
	TimestampNTZ = ir.TimestampNTZ
	Array        = ir.Array
	Map          = ir.Map
	Struct       = ir.Struct
	Null         = ir.Null
)

// Pos is a position in a source file.
type Pos = diag.Pos

// Schema is a parsed schema file: a top-level struct type.
type Schema struct {
	// Name is the record name: the Avro record's name, or the name given to the
	// schema in pipelines.yaml for Spark schemas.
	Name string
	Type *Type
	// Source is the file it came from, relative to the spec.
	Source string
	// Nullable is set when the top-level schema itself may be null (an Avro
	// file whose schema is a union with "null").
	Nullable bool
}

// RecursivePath names the first field through which struct t contains
// itself or an enclosing struct, as "a.b.c"; empty when t is not recursive.
func RecursivePath(t *Type) string { return ir.RecursivePath(t) }

// DecimalFixedSize is the fewest bytes of a two's-complement fixed that hold
// every unscaled value of the precision (Spark's minBytesForPrecision).
func DecimalFixedSize(precision int) int { return ir.DecimalFixedSize(precision) }
