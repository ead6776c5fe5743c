package check

import (
	"fmt"
	"strings"

	"github.com/streamc/streamc/internal/compiler/schema"
)

// prim returns a new atomic type of kind k. Types are values the checker
// hands out freely; only struct types are compared by pointer downstream.
func prim(k schema.Kind) *schema.Type { return &schema.Type{Kind: k} }

func decimalType(p, s int) *schema.Type {
	return &schema.Type{Kind: schema.Decimal, Precision: p, Scale: s}
}

func arrayOf(elem *schema.Type, containsNull bool) *schema.Type {
	return &schema.Type{Kind: schema.Array, Elem: elem, ContainsNull: containsNull}
}

func isNumeric(t *schema.Type) bool {
	switch t.Kind {
	case schema.Byte, schema.Short, schema.Int, schema.Long, schema.Float, schema.Double, schema.Decimal:
		return true
	}
	return false
}

func isIntegral(t *schema.Type) bool {
	switch t.Kind {
	case schema.Byte, schema.Short, schema.Int, schema.Long:
		return true
	}
	return false
}

// isAtomic reports whether t is neither a collection, a struct nor NULL.
func isAtomic(t *schema.Type) bool {
	switch t.Kind {
	case schema.Array, schema.Map, schema.Struct, schema.Null, schema.Invalid:
		return false
	}
	return true
}

func isDatetime(t *schema.Type) bool {
	return t.Kind == schema.Date || t.Kind == schema.Timestamp || t.Kind == schema.TimestampNTZ
}

// sameType reports structural equality, ignoring nullability flags of
// elements, map values and fields when loose is set (Spark's
// DataType.equalsIgnoreNullability).
func sameType(a, b *schema.Type, loose bool) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case schema.Decimal:
		return a.Precision == b.Precision && a.Scale == b.Scale
	case schema.Array:
		return sameType(a.Elem, b.Elem, loose) && (loose || a.ContainsNull == b.ContainsNull)
	case schema.Map:
		return sameType(a.Key, b.Key, loose) && sameType(a.Value, b.Value, loose) &&
			(loose || a.ValueContainsNull == b.ValueContainsNull)
	case schema.Struct:
		if len(a.Fields) != len(b.Fields) {
			return false
		}
		for i, f := range a.Fields {
			g := b.Fields[i]
			if f.Name != g.Name || !sameType(f.Type, g.Type, loose) || (!loose && f.Nullable != g.Nullable) {
				return false
			}
		}
	}
	return true
}

// decimalOf is the decimal type an integral type widens to in decimal
// arithmetic (DecimalType.forType).
func decimalOf(t *schema.Type) *schema.Type {
	switch t.Kind {
	case schema.Byte:
		return decimalType(3, 0)
	case schema.Short:
		return decimalType(5, 0)
	case schema.Int:
		return decimalType(10, 0)
	case schema.Long:
		return decimalType(20, 0)
	case schema.Decimal:
		return t
	}
	return nil
}

// typeName is a type as error messages and Spark's SQL text print it.
func typeName(t *schema.Type) string {
	if t == nil {
		return "?"
	}
	return t.SimpleString()
}

// sqlTypeName is a type as Spark's DataType.sql prints it (CAST names).
func sqlTypeName(t *schema.Type) string {
	switch t.Kind {
	case schema.Byte:
		return "TINYINT"
	case schema.Short:
		return "SMALLINT"
	case schema.Int:
		return "INT"
	case schema.Long:
		return "BIGINT"
	case schema.Decimal:
		return fmt.Sprintf("DECIMAL(%d,%d)", t.Precision, t.Scale)
	case schema.Array:
		return "ARRAY<" + sqlTypeName(t.Elem) + ">"
	case schema.Map:
		return "MAP<" + sqlTypeName(t.Key) + ", " + sqlTypeName(t.Value) + ">"
	case schema.Struct:
		parts := make([]string, len(t.Fields))
		for i, f := range t.Fields {
			parts[i] = quoteIdent(f.Name) + ": " + sqlTypeName(f.Type)
			if !f.Nullable {
				parts[i] += " NOT NULL"
			}
		}
		return "STRUCT<" + strings.Join(parts, ", ") + ">"
	case schema.Null:
		return "VOID"
	}
	return strings.ToUpper(t.Kind.String())
}

// quoteIdent backquotes a name unless it is a plain identifier.
func quoteIdent(s string) string {
	plain := s != ""
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			plain = false
		}
	}
	if plain {
		return s
	}
	return "`" + strings.ReplaceAll(s, "`", "``") + "`"
}
