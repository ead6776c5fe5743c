package check

import (
	"github.com/streamc/streamc/internal/compiler/catalog"
	"github.com/streamc/streamc/internal/compiler/schema"
)

// The code generator does not implement every conversion Spark has. These
// rules turn the gaps into generate-time errors at the expression, never a
// failure inside the emitter.

// castCompiles reports whether a cast from one type to another is compiled:
// between atomic types, what the catalogue does not mark unsupported; a
// complex value only to its own Go shape. The reason is the catalogue's.
func castCompiles(from, to *schema.Type) (bool, string) {
	if from.Kind == schema.Null {
		return true, ""
	}
	if f, ok := catalogType(from.Kind); ok {
		if t, ok := catalogType(to.Kind); ok {
			if e := catalog.LookupCast(f, t, catalog.Spark3, false); e.Verdict == catalog.Unsupported {
				return false, e.Rule.Reason
			}
			return true, ""
		}
	}
	return sameGoShape(from, to), ""
}

// sameGoShape reports whether values of a and b have one Go type: the same
// type with the same element nullability, and the very same struct types
// (each struct type is its own Go record).
func sameGoShape(a, b *schema.Type) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case schema.Struct:
		return false
	case schema.Array:
		return a.ContainsNull == b.ContainsNull && sameGoShape(a.Elem, b.Elem)
	case schema.Map:
		return a.ValueContainsNull == b.ValueContainsNull && sameGoShape(a.Key, b.Key) && sameGoShape(a.Value, b.Value)
	}
	return sameType(a, b, false)
}

// castError reports an uncompiled cast of v to t; it reports whether there
// was one.
func (s *scope) castError(v val, t *schema.Type) bool {
	ok, reason := castCompiles(v.typ(), t)
	if ok {
		return false
	}
	if reason != "" {
		s.errorf(v.at, "converting %s from %s to %s is not supported by streamc: %s", v.sql, typeName(v.typ()), typeName(t), reason)
		return true
	}
	if sameType(v.typ(), t, true) {
		s.errorf(v.at, "%s is a %s made elsewhere than the other values here; streamc cannot mix two struct types of one shape yet", v.sql, typeName(v.typ()))
		return true
	}
	s.errorf(v.at, "converting %s from %s to %s is not supported by streamc yet", v.sql, typeName(v.typ()), typeName(t))
	return true
}
