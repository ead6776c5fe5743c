// Package catalog is the one list of what streamc compiles in expressions:
// every SQL function and every cast between atomic types, with their
// typing rules as documentation, their NULL and ANSI behaviour, the
// internal/runtime/sqlfn symbols generated code calls for them, and Spark's own
// description. The checker's function table and cast matrix, the
// emitter's dispatch of plain calls, the functions reference
// (internal/compiler/check/functions_doc.go) and the exhaustive compile-and-run test are
// all derived from it, so they cannot disagree.
package catalog

// Type names the atomic SQL types as Spark's simpleString does (decimal
// stands for every decimal(p,s)).
type Type string

// The atomic types casts are defined between.
const (
	String       Type = "string"
	Boolean      Type = "boolean"
	Byte         Type = "tinyint"
	Short        Type = "smallint"
	Int          Type = "int"
	Long         Type = "bigint"
	Float        Type = "float"
	Double       Type = "double"
	Decimal      Type = "decimal"
	Date         Type = "date"
	Timestamp    Type = "timestamp"
	TimestampNTZ Type = "timestamp_ntz"
	Binary       Type = "binary"
)

// Types lists the atomic types in the order the matrix prints them.
var Types = []Type{String, Boolean, Byte, Short, Int, Long, Float, Double, Decimal, Date, Timestamp, TimestampNTZ, Binary}

var (
	integral = []Type{Byte, Short, Int, Long}
	numeric  = []Type{Byte, Short, Int, Long, Float, Double, Decimal}
)

// Mode is a `semantics` setting.
type Mode int

const (
	// Spark3 is Spark 3.5 with spark.sql.ansi.enabled=false (the default).
	Spark3 Mode = iota
	// Spark4 is ANSI mode, Spark 4's default (`semantics: spark4`).
	Spark4
)

// Modes lists both modes.
var Modes = []Mode{Spark3, Spark4}

func (m Mode) String() string {
	if m == Spark4 {
		return "spark4"
	}
	return "spark3"
}

// Verdict says what streamc does with one cast in one mode.
type Verdict int

const (
	// Refused: Spark itself rejects the cast at analysis time.
	Refused Verdict = iota
	// Compiled: streamc compiles it with Spark's run-time behaviour.
	Compiled
	// Unsupported: Spark accepts it, streamc refuses it at generate time
	// (Reason says why).
	Unsupported
)
