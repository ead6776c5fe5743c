package querygen

import (
	. "github.com/dave/jennifer/jen"
	"github.com/streamc/streamc/templates/internal/genutil"

	"github.com/streamc/streamc/internal/ir"
)

var intNames = map[ir.Kind]string{ir.Byte: "Int8", ir.Short: "Int16", ir.Int: "Int32", ir.Long: "Int64"}

// cast is CAST(x AS t) with Spark 3's rules (NULL on bad input, integral
// narrowing wraps), or ANSI's (errors) when the query is ANSI. TRY_CAST is
// the ANSI cast with NULL for its errors in both modes, as Spark's
// EvalMode.TRY.
func (c *compiler) cast(g *Group, e *ir.Cast, x val) val {
	t := e.Type
	from, to := x.t.Kind, t.Kind
	ansi := c.q.ANSI || e.Try
	if e.Try {
		c.nullOnError++
		defer func() { c.nullOnError-- }()
	}
	typ := c.goType(t)
	in := []val{x}
	if from == ir.Null {
		return val{t: t, x: c.zero(t), ok: False()}
	}
	if x.t == t || (from == to && from != ir.Decimal && from != ir.Struct && from != ir.Array && from != ir.Map) {
		x.t = t
		return x
	}
	if (from == ir.Array || from == ir.Map) && from == to && c.goType(x.t).GoString() == c.goType(t).GoString() {
		// The checker passes only complex casts to the value's own Go
		// shape: nothing to convert.
		x.t = t
		return x
	}
	pure := func(v *Statement) val { return derive(t, v, x.OK(), x) }
	if l, ok := e.X.(*ir.Lit); ok && l.Value != nil && constCast(from, to) {
		// A constant's cast runs once, when the package initialises: still
		// at run time (so no exact constant folding), but not per row.
		return val{t: t, x: c.global("lit", constCastCode(from, typ, x.V()))}
	}
	switch to {
	case ir.String:
		switch {
		case from == ir.Boolean:
			return c.viaPure(g, t, in, sqlfn("CastBoolToString").Call(x.V()))
		case isIntegral(from):
			return c.viaPure(g, t, in, Qual("strconv", "FormatInt").Call(Int64().Call(x.V()), Lit(10)))
		case from == ir.Float:
			return c.viaPure(g, t, in, sqlfn("CastFloatToString").Call(x.V()))
		case from == ir.Double:
			return c.viaPure(g, t, in, sqlfn("CastDoubleToString").Call(x.V()))
		case from == ir.Decimal:
			fn := "CastDecimalToString"
			if c.q.ANSI {
				fn = "CastDecimalToStringANSI"
			}
			return c.viaPure(g, t, in, sqlfn(fn).Call(Op("&").Add(x.V())))
		case from == ir.Date:
			return c.viaPure(g, t, in, sqlfn("CastDateToString").Call(Int32().Call(x.V())))
		case from == ir.Timestamp:
			return c.viaPure(g, t, in, sqlfn("CastTimestampToString").Call(Int64().Call(x.V()), c.loc()))
		case from == ir.TimestampNTZ:
			return c.viaPure(g, t, in, sqlfn("CastTimestampToString").Call(Int64().Call(x.V()), Nil()))
		case from == ir.Binary:
			return c.viaPure(g, t, in, sqlfn("CastBinaryToString").Call(x.V()))
		}
	case ir.Byte, ir.Short, ir.Int, ir.Long:
		bits := bitsOf(to)
		switch {
		case from == ir.String:
			if ansi {
				return c.viaErr(g, t, in, sqlfn("CastStringTo"+intNames[to]+"ANSI").Call(x.V()), nil)
			}
			return c.viaOK(g, t, in, sqlfn("CastStringTo"+intNames[to]).Call(x.V()), nil)
		case isIntegral(from):
			if ansi && bits < bitsOf(from) {
				return c.viaErr(g, t, in, sqlfn("CastIntegralANSI").Call(Int64().Call(x.V()), Lit(bitsOf(from)), Lit(bits)), as(typ))
			}
			return pure(cp(typ).Call(x.V()))
		case isFloating(from):
			if ansi {
				return c.viaErr(g, t, in, sqlfn("CastDoubleToIntegralANSI").Call(Float64().Call(x.V()), Lit(bits), Lit(from == ir.Float)), as(typ))
			}
			return pure(sqlfn("CastDoubleTo" + intNames[to]).Call(Float64().Call(x.V())))
		case from == ir.Decimal:
			if ansi {
				return c.viaErr(g, t, in, sqlfn("CastDecimalToIntegralANSI").Call(Op("&").Add(x.V()), Lit(bits)), as(typ))
			}
			return c.viaPure(g, t, in, cp(typ).Call(sqlfn("CastDecimalToInt64").Call(Op("&").Add(x.V()))))
		case from == ir.Boolean:
			return pure(cp(typ).Call(genutil.RT(queryrt, "B2I").Call(x.V())))
		case from == ir.Timestamp:
			secs := sqlfn("CastTimestampToInt64").Call(Int64().Call(x.V()))
			if ansi && bits < 64 {
				return c.viaErr(g, t, in, sqlfn("CastIntegralANSI").Call(secs, Lit(64), Lit(bits)), as(typ))
			}
			return pure(cp(typ).Call(secs))
		}
	case ir.Float, ir.Double:
		switch {
		case from == ir.String:
			name := "CastStringToDouble"
			if to == ir.Float {
				name = "CastStringToFloat"
			}
			if ansi {
				return c.viaErr(g, t, in, sqlfn(name+"ANSI").Call(x.V()), nil)
			}
			return c.viaOK(g, t, in, sqlfn(name).Call(x.V()), nil)
		case isIntegral(from), isFloating(from):
			return pure(cp(typ).Call(x.V()))
		case from == ir.Decimal:
			return c.viaPure(g, t, in, cp(typ).Call(sqlfn("CastDecimalToDouble").Call(Op("&").Add(x.V()))))
		case from == ir.Boolean:
			return pure(cp(typ).Call(genutil.RT(queryrt, "B2I").Call(x.V())))
		case from == ir.Timestamp:
			return pure(cp(typ).Call(sqlfn("CastTimestampToDouble").Call(Int64().Call(x.V()))))
		}
	case ir.Decimal:
		into := c.storage(t)
		p, s := Lit(t.Precision), Lit(t.Scale)
		var call *Statement
		var text *Statement // the source's text for the ANSI error
		switch {
		case from == ir.String:
			if ansi {
				return c.viaErrInto(g, t, in, into, sqlfn("CastStringToDecimalANSI").Call(Op("&").Add(into), x.V(), p, s))
			}
			return c.viaOKInto(g, t, in, into, sqlfn("CastStringToDecimal").Call(Op("&").Add(into), x.V(), p, s))
		case isIntegral(from):
			call = sqlfn("CastIntegralToDecimal").Call(Op("&").Add(into), Int64().Call(x.V()), p, s)
			text = Qual("strconv", "FormatInt").Call(Int64().Call(x.V()), Lit(10))
		case from == ir.Boolean:
			call = sqlfn("CastIntegralToDecimal").Call(Op("&").Add(into), Int64().Call(genutil.RT(queryrt, "B2I").Call(x.V())), p, s)
			text = sqlfn("CastBoolToString").Call(x.V())
		case isFloating(from):
			call = sqlfn("CastDoubleToDecimal").Call(Op("&").Add(into), Float64().Call(x.V()), p, s)
			text = sqlfn("CastDoubleToString").Call(Float64().Call(x.V()))
		case from == ir.Decimal:
			call = sqlfn("SetDecimalPrecision").Call(Op("&").Add(into), Op("&").Add(x.V()), p, s)
			text = sqlfn("CastDecimalToString").Call(Op("&").Add(x.V()))
		case from == ir.Timestamp:
			// Spark goes through the seconds as a double (castToDecimal).
			secs := sqlfn("CastTimestampToDouble").Call(Int64().Call(x.V()))
			call = sqlfn("CastDoubleToDecimal").Call(Op("&").Add(into), secs, p, s)
			text = sqlfn("CastDoubleToString").Call(secs.Clone())
		}
		if call != nil {
			if ansi {
				return c.viaErrInto(g, t, in, into, sqlfn("CastToDecimalANSI").Call(call, text, p, s))
			}
			return c.viaOKInto(g, t, in, into, call)
		}
	case ir.Boolean:
		switch {
		case from == ir.String:
			if ansi {
				return c.viaErr(g, t, in, sqlfn("CastStringToBoolANSI").Call(x.V()), nil)
			}
			return c.viaOK(g, t, in, sqlfn("CastStringToBool").Call(x.V()), nil)
		case isIntegral(from), isFloating(from):
			return pure(Parens(x.V().Op("!=").Lit(0)))
		case from == ir.Decimal:
			return pure(Parens(Op("!").Add(x.V()).Dot("IsZero").Call()))
		case from == ir.Timestamp:
			return pure(Parens(x.V().Op("!=").Lit(0)))
		}
	case ir.Date:
		dt := c.goType(t)
		switch from {
		case ir.String:
			if ansi {
				return c.viaErr(g, t, in, sqlfn("CastStringToDateANSI").Call(x.V()), as(dt))
			}
			return c.viaOK(g, t, in, sqlfn("CastStringToDate").Call(x.V()), as(dt))
		case ir.Timestamp:
			return pure(dt.Call(sqlfn("CastTimestampToDate").Call(Int64().Call(x.V()), c.loc())))
		case ir.TimestampNTZ:
			return pure(dt.Call(sqlfn("CastTimestampToDate").Call(Int64().Call(x.V()), Nil())))
		}
	case ir.Timestamp:
		tt := c.goType(t)
		switch {
		case from == ir.String:
			if ansi {
				return c.viaErr(g, t, in, sqlfn("CastStringToTimestampANSI").Call(x.V(), c.loc()), as(tt))
			}
			return c.viaOK(g, t, in, sqlfn("CastStringToTimestamp").Call(x.V(), c.loc()), as(tt))
		case from == ir.Date:
			return pure(tt.Call(sqlfn("CastDateToTimestamp").Call(Int32().Call(x.V()), c.loc())))
		case isIntegral(from):
			return pure(tt.Call(sqlfn("CastInt64ToTimestamp").Call(Int64().Call(x.V()))))
		case isFloating(from):
			if ansi {
				return c.viaErr(g, t, in, sqlfn("CastDoubleToTimestampANSI").Call(Float64().Call(x.V())), as(tt))
			}
			return c.viaOK(g, t, in, sqlfn("CastDoubleToTimestamp").Call(Float64().Call(x.V())), as(tt))
		case from == ir.Decimal:
			return c.viaPure(g, t, in, tt.Call(sqlfn("CastDecimalToTimestamp").Call(Op("&").Add(x.V()))))
		case from == ir.Boolean:
			// true is one microsecond after the epoch (castToTimestamp).
			return pure(tt.Call(genutil.RT(queryrt, "B2I").Call(x.V())))
		}
	case ir.TimestampNTZ:
		tt := c.goType(t)
		switch from {
		case ir.String:
			if ansi {
				return c.viaErr(g, t, in, sqlfn("CastStringToTimestampANSI").Call(x.V(), Nil()), as(tt))
			}
			return c.viaOK(g, t, in, sqlfn("CastStringToTimestamp").Call(x.V(), Nil()), as(tt))
		case ir.Date:
			return pure(tt.Call(sqlfn("CastDateToTimestamp").Call(Int32().Call(x.V()), Nil())))
		}
	case ir.Binary:
		switch {
		case from == ir.String:
			return c.viaPure(g, t, in, sqlfn("CastStringToBinary").Call(x.V()))
		case isIntegral(from):
			return c.viaPure(g, t, in, sqlfn("CastIntegralToBinary").Call(Int64().Call(x.V()), Lit(bitsOf(from)/8)))
		}
	}
	c.unsupported("CAST(%s AS %s)", x.t.SimpleString(), t.SimpleString())
	return val{}
}

// constCast reports the numeric casts of constants computed once.
func constCast(from, to ir.Kind) bool {
	numeric := func(k ir.Kind) bool { return isIntegral(k) || isFloating(k) }
	return (numeric(from) || from == ir.Decimal) && isFloating(to)
}

func constCastCode(from ir.Kind, typ, x *Statement) *Statement {
	if from == ir.Decimal {
		return cp(typ).Call(sqlfn("CastDecimalToDouble").Call(Op("&").Add(x)))
	}
	return cp(typ).Call(x)
}
