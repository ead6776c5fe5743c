package check

import (
	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/runtime/sqlfn"
)

// numericArg casts a string argument to double and refuses non-numbers,
// as functions taking NumericType do.
func (s *scope) numericArg(f *fnCall, i int) bool {
	switch t := f.args[i].typ(); {
	case isNumeric(t):
		return true
	case t.Kind == schema.String || t.Kind == schema.Null:
		f.args[i] = s.cast(f.args[i], prim(schema.Double))
		return true
	}
	s.fail(f, i, "a number")
	return false
}

// roundFn: the scale is an int constant; a decimal's result type follows
// RoundBase (one more integral digit, the smaller scale).
func roundFn(s *scope, f *fnCall) val {
	if !s.numericArg(f, 0) {
		return val{}
	}
	scale := int64(0)
	if len(f.args) > 1 {
		lit, ok := f.args[1].e.(*Lit)
		n, isInt := int64(0), false
		if ok {
			n, isInt = lit.Value.(int64)
		}
		if !isInt || lit.Type.Kind != schema.Int {
			s.errorf(f.args[1].at, "function %s: the scale must be an int constant", f.written)
			return val{}
		}
		scale = n
	} else {
		f.args = append(f.args, val{e: &Lit{Typed: Typed{Type: prim(schema.Int), Nullable: false}, Value: int64(0)}, sql: "0"})
	}
	t := f.args[0].typ()
	if t.Kind == schema.Decimal {
		intDigits := t.Precision - t.Scale + 1
		if scale < 0 {
			t = decimalType(min(max(intDigits, int(-scale)+1), 38), 0)
		} else {
			sc := min(t.Scale, int(scale))
			t = decimalType(min(intDigits+sc, 38), sc)
		}
		return s.strict(f, t, true)
	}
	return s.strict(f, t, false)
}

func absFn(s *scope, f *fnCall) val {
	if !s.numericArg(f, 0) {
		return val{}
	}
	return s.strict(f, f.args[0].typ(), false)
}

// floorFn (and ceil) take double, decimal or long, as Spark's
// TypeCollection(DoubleType, DecimalType, LongType): other numbers are
// cast to double first.
func floorFn(s *scope, f *fnCall) val {
	if !s.numericArg(f, 0) {
		return val{}
	}
	switch t := f.args[0].typ(); t.Kind {
	case schema.Decimal:
		p, sc := sqlfn.FloorCeilDecimalType(t.Precision, t.Scale)
		return s.strict(f, decimalType(p, sc), false)
	case schema.Long:
	default:
		f.args[0] = s.cast(f.args[0], prim(schema.Double))
	}
	return s.strict(f, prim(schema.Long), false)
}

// doubleFn is a function of doubles (pow, sqrt).
func doubleFn(s *scope, f *fnCall) val {
	if !s.wantAll(f, 0, prim(schema.Double)) {
		return val{}
	}
	return s.strict(f, prim(schema.Double), false)
}

// greatestFn (and least) casts to the wider type without promoting
// strings, as Spark does; NULL only when every argument is.
func greatestFn(s *scope, f *fnCall) val {
	t := s.commonType(f.args, "function "+f.written, f.at, false)
	if t == nil {
		return val{}
	}
	if !isAtomic(t) {
		s.errorf(f.at, "function %s: values of type %s cannot be ordered", f.written, typeName(t))
		return val{}
	}
	for i := range f.args {
		f.args[i] = s.cast(f.args[i], t)
	}
	return s.result(f, t, allNullable(f.args))
}

// logFn (ln, log10, log2) is NULL for arguments <= 0, as Spark's
// UnaryLogExpression.
func logFn(s *scope, f *fnCall) val {
	if !s.want(f, 0, prim(schema.Double)) {
		return val{}
	}
	return s.strict(f, prim(schema.Double), true)
}

// signumFn is Math.signum of a double.
func signumFn(s *scope, f *fnCall) val {
	if !s.want(f, 0, prim(schema.Double)) {
		return val{}
	}
	return s.strict(f, prim(schema.Double), false)
}

// logBaseFn is log(base, x), NULL when either is <= 0; log(x) is ln(x).
func logBaseFn(s *scope, f *fnCall) val {
	if !s.wantAll(f, 0, prim(schema.Double)) {
		return val{}
	}
	return s.strict(f, prim(schema.Double), true)
}
