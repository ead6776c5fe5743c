package check

import (
	"github.com/streamc/streamc/internal/compiler/schema"
)

// sizeFn: size(NULL) is -1 in Spark 3 (never NULL), NULL under ANSI.
func sizeFn(s *scope, f *fnCall) val {
	if k := f.args[0].typ().Kind; k != schema.Array && k != schema.Map {
		return s.fail(f, 0, "an array or a map")
	}
	return s.result(f, prim(schema.Int), s.q.ANSI && f.args[0].nullable())
}

// elementAtFn: element_at(array, int) is 1-based; element_at(map, key).
// Both are NULL when the element is missing.
func elementAtFn(s *scope, f *fnCall) val {
	switch t := f.args[0].typ(); t.Kind {
	case schema.Array:
		if k := f.args[1].typ(); !isIntegral(k) && k.Kind != schema.Null && k.Kind != schema.String {
			return s.fail(f, 1, "int")
		}
		if !s.want(f, 1, prim(schema.Int)) {
			return val{}
		}
		return s.result(f, t.Elem, true)
	case schema.Map:
		if !s.want(f, 1, t.Key) {
			return val{}
		}
		return s.result(f, t.Value, true)
	}
	return s.fail(f, 0, "an array or a map")
}

// arrayContainsFn casts the array and the value to their wider type
// (without promoting strings, as Spark).
func arrayContainsFn(s *scope, f *fnCall) val {
	at := f.args[0].typ()
	if at.Kind != schema.Array {
		return s.fail(f, 0, "an array")
	}
	vt := f.args[1].typ()
	t := widerType(at.Elem, vt, false)
	if t == nil || !isAtomic(t) && t.Kind != schema.Null {
		s.errorf(f.args[1].at, "function %s: cannot look for %s in %s", f.written, typeName(vt), typeName(at))
		return val{}
	}
	if t.Kind == schema.Null {
		t = prim(schema.String)
	}
	f.args[0] = s.cast(f.args[0], arrayOf(t, at.ContainsNull))
	f.args[1] = s.cast(f.args[1], t)
	return s.result(f, prim(schema.Boolean), anyNullable(f.args) || at.ContainsNull)
}

// coalesceFn (nvl, ifnull): the wider common type; NULL only when every
// argument is.
func coalesceFn(s *scope, f *fnCall) val {
	if (f.written == "nvl" || f.written == "ifnull") && len(f.args) != 2 {
		s.errorf(f.at, "function %s takes 2 arguments, not %d", f.written, len(f.args))
		return val{}
	}
	t := s.commonType(f.args, "function "+f.written, f.at, true)
	if t == nil {
		return val{}
	}
	for i := range f.args {
		f.args[i] = s.cast(f.args[i], t)
	}
	return s.result(f, t, allNullable(f.args))
}

// ifFn (iif): a NULL condition picks the second branch.
func ifFn(s *scope, f *fnCall) val {
	f.args[0] = s.boolean(f.args[0], "function "+f.written)
	if !f.args[0].ok() {
		return val{}
	}
	t := s.commonType(f.args[1:], "function "+f.written, f.at, true)
	if t == nil {
		return val{}
	}
	f.args[1], f.args[2] = s.cast(f.args[1], t), s.cast(f.args[2], t)
	return s.result(f, t, f.args[1].nullable() || f.args[2].nullable())
}
