package schema

import "fmt"

// What Spark's own type names mean, shared by the JSON and DDL readers.

// maxDecimalPrecision is Spark's DecimalType.MAX_PRECISION.
const maxDecimalPrecision = 38

// checkDecimal returns why decimal(p,s) is not a Spark DecimalType, or "".
func checkDecimal(p, s int) string {
	switch {
	case p < 1 || p > maxDecimalPrecision:
		return fmt.Sprintf("decimal precision %d is out of range: Spark allows 1 to %d", p, maxDecimalPrecision)
	case s < 0:
		return fmt.Sprintf("decimal scale %d is negative", s)
	case s > p:
		return fmt.Sprintf("decimal scale %d is greater than its precision %d", s, p)
	}
	return ""
}

// newStruct returns an empty struct type.
func newStruct() *Type { return &Type{Kind: Struct, Fields: []*Field{}} }

// duplicateField returns the earlier field with f's name, or nil. Spark's
// StructType allows duplicate names, but no column of such a struct can be
// selected unambiguously, so streamc rejects them when the schema is read.
func duplicateField(fields []*Field, name string) *Field {
	for _, f := range fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}
