package check

import (
	"strings"

	"github.com/streamc/streamc/internal/compiler/catalog"
	"github.com/streamc/streamc/internal/compiler/schema"
)

// numericRank orders the non-decimal numeric types as Spark's
// TypeCoercion.numericPrecedence does.
func numericRank(k schema.Kind) int {
	switch k {
	case schema.Byte:
		return 1
	case schema.Short:
		return 2
	case schema.Int:
		return 3
	case schema.Long:
		return 4
	case schema.Float:
		return 5
	case schema.Double:
		return 6
	}
	return 0
}

// tightestCommonType is TypeCoercion.findTightestCommonType: a common type
// that loses nothing.
func tightestCommonType(a, b *schema.Type) *schema.Type {
	switch {
	case sameType(a, b, true):
		return mergeNullability(a, b)
	case a.Kind == schema.Null:
		return b
	case b.Kind == schema.Null:
		return a
	case numericRank(a.Kind) > 0 && numericRank(b.Kind) > 0:
		if numericRank(a.Kind) >= numericRank(b.Kind) {
			return a
		}
		return b
	case isDatetime(a) && isDatetime(b):
		if a.Kind == schema.Timestamp || b.Kind == schema.Timestamp {
			return prim(schema.Timestamp)
		}
		return prim(schema.TimestampNTZ)
	}
	return nil
}

// mergeNullability is a (equal to b but for nullability flags) with the
// flags that admit both.
func mergeNullability(a, b *schema.Type) *schema.Type {
	if sameType(a, b, false) {
		return a
	}
	switch a.Kind {
	case schema.Array:
		return arrayOf(mergeNullability(a.Elem, b.Elem), a.ContainsNull || b.ContainsNull)
	case schema.Map:
		return &schema.Type{Kind: schema.Map, Key: mergeNullability(a.Key, b.Key),
			Value: mergeNullability(a.Value, b.Value), ValueContainsNull: a.ValueContainsNull || b.ValueContainsNull}
	case schema.Struct:
		t := &schema.Type{Kind: schema.Struct}
		for i, f := range a.Fields {
			g := b.Fields[i]
			t.Fields = append(t.Fields, &schema.Field{Name: f.Name, Type: mergeNullability(f.Type, g.Type), Nullable: f.Nullable || g.Nullable})
		}
		return t
	}
	return a
}

// widerDecimal is DecimalPrecision.widerDecimalType.
func widerDecimal(a, b *schema.Type) *schema.Type {
	scale := max(a.Scale, b.Scale)
	rng := max(a.Precision-a.Scale, b.Precision-b.Scale)
	return decimalType(min(rng+scale, 38), min(scale, 38))
}

// widerDecimalType is TypeCoercion.findWiderTypeForDecimal.
func widerDecimalType(a, b *schema.Type) *schema.Type {
	switch {
	case a.Kind == schema.Decimal && b.Kind == schema.Decimal:
		return widerDecimal(a, b)
	case a.Kind == schema.Decimal && isIntegral(b):
		return widerDecimal(a, decimalOf(b))
	case b.Kind == schema.Decimal && isIntegral(a):
		return widerDecimal(decimalOf(a), b)
	case a.Kind == schema.Decimal && (b.Kind == schema.Float || b.Kind == schema.Double),
		b.Kind == schema.Decimal && (a.Kind == schema.Float || a.Kind == schema.Double):
		return prim(schema.Double)
	}
	return nil
}

// widerType is TypeCoercion.findWiderTypeForTwo (stringPromotion true) or
// findWiderTypeWithoutStringPromotionForTwo; nil when there is none.
func widerType(a, b *schema.Type, promoteStrings bool) *schema.Type {
	if t := tightestCommonType(a, b); t != nil {
		return t
	}
	if t := widerDecimalType(a, b); t != nil {
		return t
	}
	if promoteStrings {
		promotable := func(t *schema.Type) bool {
			return isAtomic(t) && t.Kind != schema.Binary && t.Kind != schema.Boolean
		}
		if a.Kind == schema.String && promotable(b) || b.Kind == schema.String && promotable(a) {
			return prim(schema.String)
		}
	}
	switch {
	case a.Kind == schema.Array && b.Kind == schema.Array:
		if e := widerType(a.Elem, b.Elem, promoteStrings); e != nil {
			return arrayOf(e, a.ContainsNull || b.ContainsNull)
		}
	case a.Kind == schema.Map && b.Kind == schema.Map:
		k := widerType(a.Key, b.Key, promoteStrings)
		v := widerType(a.Value, b.Value, promoteStrings)
		if k != nil && v != nil {
			return &schema.Type{Kind: schema.Map, Key: k, Value: v, ValueContainsNull: a.ValueContainsNull || b.ValueContainsNull}
		}
	case a.Kind == schema.Struct && b.Kind == schema.Struct && len(a.Fields) == len(b.Fields):
		t := &schema.Type{Kind: schema.Struct}
		for i, f := range a.Fields {
			g := b.Fields[i]
			ft := widerType(f.Type, g.Type, promoteStrings)
			if !strings.EqualFold(f.Name, g.Name) || ft == nil {
				return nil
			}
			t.Fields = append(t.Fields, &schema.Field{Name: f.Name, Type: ft, Nullable: f.Nullable || g.Nullable})
		}
		return t
	}
	return nil
}

// widerCommonType folds widerType over ts (findWiderCommonType).
func widerCommonType(ts []*schema.Type, promoteStrings bool) *schema.Type {
	if len(ts) == 0 {
		return nil
	}
	t := ts[0]
	for _, u := range ts[1:] {
		if t = widerType(t, u, promoteStrings); t == nil {
			return nil
		}
	}
	return t
}

// comparisonType is the type both sides of a comparison are cast to:
// TypeCoercion.findCommonTypeForBinaryComparison (Spark 3.5, non-ANSI,
// spark.sql.legacy.castDatetimeToString false), then the tightest common
// type, then the decimal rules.
func comparisonType(a, b *schema.Type) *schema.Type {
	switch {
	case a.Kind == schema.Null && b.Kind == schema.Null:
		return prim(schema.Boolean)
	case a.Kind == schema.String && b.Kind == schema.Null, a.Kind == schema.Null && b.Kind == schema.String:
		return prim(schema.String)
	case a.Kind == schema.String && b.Kind == schema.Decimal, a.Kind == schema.Decimal && b.Kind == schema.String:
		return prim(schema.Double)
	case a.Kind == schema.String && isAtomic(b) && b.Kind != schema.String:
		return b
	case b.Kind == schema.String && isAtomic(a) && a.Kind != schema.String:
		return a
	}
	if t := tightestCommonType(a, b); t != nil {
		return t
	}
	return widerDecimalType(a, b)
}

// implicitCastOK is ImplicitTypeCasts.implicitCast's table: whether a value
// of type from may be cast to to without the user asking.
func implicitCastOK(from, to *schema.Type) bool {
	switch {
	case sameType(from, to, true), from.Kind == schema.Null:
		return true
	case isNumeric(from) && isNumeric(to):
		return true
	case from.Kind == schema.String && (isNumeric(to) || isDatetime(to) || to.Kind == schema.Binary):
		return true
	case from.Kind == schema.Date && (to.Kind == schema.Timestamp || to.Kind == schema.TimestampNTZ):
		return true
	case (from.Kind == schema.Timestamp || from.Kind == schema.TimestampNTZ) && to.Kind == schema.Date:
		return true
	case isAtomic(from) && to.Kind == schema.String:
		return true
	case from.Kind == schema.Array && to.Kind == schema.Array:
		return implicitCastOK(from.Elem, to.Elem)
	}
	return false
}

// canCast is Cast.canCast (spark3), canAnsiCast (spark4) or canTryCast
// (TRY_CAST) for an explicit cast: the catalogue's matrix for atomic
// types (a cast Spark accepts but streamc does not compile passes here and
// is refused by castError with its reason), Spark's recursion for
// complex ones.
func canCast(from, to *schema.Type, mode catalog.Mode, try bool) bool {
	switch {
	case sameType(from, to, true), from.Kind == schema.Null:
		return true
	case to.Kind == schema.String && !isAtomic(from):
		return true
	}
	if f, ok := catalogType(from.Kind); ok {
		t, ok := catalogType(to.Kind)
		return ok && catalog.LookupCast(f, t, mode, try).Verdict != catalog.Refused
	}
	strictNull := mode == catalog.Spark4 && !try
	nullOK := func(fromNull bool, from, to *schema.Type, toNull bool) bool {
		if strictNull {
			return !fromNull || toNull
		}
		return toNull || !fromNull && !forceNullable(from, to)
	}
	switch to.Kind {
	case schema.Array:
		return from.Kind == schema.Array && canCast(from.Elem, to.Elem, mode, try) &&
			nullOK(from.ContainsNull, from.Elem, to.Elem, to.ContainsNull)
	case schema.Map:
		return from.Kind == schema.Map && canCast(from.Key, to.Key, mode, try) && (strictNull || !forceNullable(from.Key, to.Key)) &&
			canCast(from.Value, to.Value, mode, try) && nullOK(from.ValueContainsNull, from.Value, to.Value, to.ValueContainsNull)
	case schema.Struct:
		if from.Kind != schema.Struct || len(from.Fields) != len(to.Fields) {
			return false
		}
		for i, f := range from.Fields {
			g := to.Fields[i]
			if !canCast(f.Type, g.Type, mode, try) || !nullOK(f.Nullable, f.Type, g.Type, g.Nullable) {
				return false
			}
		}
		return true
	}
	return false
}

// catalogTypes names the atomic kinds as the catalogue does.
var catalogTypes = map[schema.Kind]catalog.Type{
	schema.String: catalog.String, schema.Boolean: catalog.Boolean, schema.Byte: catalog.Byte,
	schema.Short: catalog.Short, schema.Int: catalog.Int, schema.Long: catalog.Long,
	schema.Float: catalog.Float, schema.Double: catalog.Double, schema.Decimal: catalog.Decimal,
	schema.Date: catalog.Date, schema.Timestamp: catalog.Timestamp, schema.TimestampNTZ: catalog.TimestampNTZ,
	schema.Binary: catalog.Binary,
}

func catalogType(k schema.Kind) (catalog.Type, bool) {
	t, ok := catalogTypes[k]
	return t, ok
}

// forceNullable is Cast.forceNullable: whether a non-ANSI cast of a
// non-null value can give NULL.
func forceNullable(from, to *schema.Type) bool {
	switch {
	case sameType(from, to, true):
		return false
	case from.Kind == schema.Null:
		return true
	case from.Kind == schema.String:
		return to.Kind != schema.String && to.Kind != schema.Binary
	case to.Kind == schema.Decimal:
		return !decimalFits(from, to)
	case (from.Kind == schema.Float || from.Kind == schema.Double) && to.Kind == schema.Timestamp:
		return true
	case from.Kind == schema.Array && to.Kind == schema.Array:
		return forceNullable(from.Elem, to.Elem)
	}
	return false
}

// decimalFits reports whether every value of from fits decimal type to
// (Cast.canNullSafeCastToDecimal).
func decimalFits(from, to *schema.Type) bool {
	d := decimalOf(from)
	if d == nil {
		return false
	}
	return to.Precision-to.Scale >= d.Precision-d.Scale && to.Scale >= d.Scale
}

// castNullable is whether a cast of x to t can be NULL.
func castNullable(x Typed, t *schema.Type, ansi, try bool) bool {
	switch {
	case try:
		return true
	case x.Nullable:
		return true
	case ansi:
		return false
	}
	return forceNullable(x.Type, t)
}
