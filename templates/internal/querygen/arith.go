package querygen

import (
	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/compiler/catalog"
	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/templates/internal/genutil"
)

func isIntegral(k ir.Kind) bool {
	return k == ir.Byte || k == ir.Short || k == ir.Int || k == ir.Long
}

func isFloating(k ir.Kind) bool { return k == ir.Float || k == ir.Double }

func bitsOf(k ir.Kind) int {
	switch k {
	case ir.Byte:
		return 8
	case ir.Short:
		return 16
	case ir.Int:
		return 32
	}
	return 64
}

// arith is L op R with Spark's rules: integral + - * wrap (errors under
// ANSI); a zero divisor gives NULL; floating results are rounded at every
// step by an explicit conversion, which also keeps the Go compiler from
// fusing a multiply and an add.
func (c *compiler) arith(g *Group, e *ir.Arith, l, r val) val {
	t := e.Type
	k := t.Kind
	ansi := c.q.ANSI
	switch {
	case e.Op == "div":
		if !isIntegral(l.t.Kind) || !isIntegral(r.t.Kind) {
			c.unsupported("div on %s", l.t.SimpleString())
		}
		args := []Code{Int64().Call(l.V()), Int64().Call(r.V())}
		if ansi {
			return c.viaErr(g, t, []val{l, r}, sqlfn("DivInt64ANSI").Call(args...), nil)
		}
		return c.viaOK(g, t, []val{l, r}, sqlfn("DivInt64").Call(args...), nil)
	case k == ir.Decimal:
		return c.decimalArith(g, e, l, r)
	case isFloating(k):
		typ := c.goType(t)
		switch e.Op {
		case "+", "-", "*":
			return derive(t, cp(typ).Call(l.V().Op(e.Op).Add(r.V())), and(l.OK(), r.OK()), l, r)
		case "/":
			if k != ir.Double {
				c.unsupported("/ on %s", t.SimpleString())
			}
			if ansi {
				return c.viaErr(g, t, []val{l, r}, sqlfn("DivDoubleANSI").Call(l.V(), r.V()), nil)
			}
			return c.viaOK(g, t, []val{l, r}, sqlfn("DivDouble").Call(l.V(), r.V()), nil)
		case "%":
			call := sqlfn("RemDouble").Call(Float64().Call(l.V()), Float64().Call(r.V()))
			if ansi {
				// Spark 4 raises DIVIDE_BY_ZERO for a zero divisor.
				return c.viaErr(g, t, []val{l, r}, genutil.RT(queryrt, "RemDoubleANSI").Call(Float64().Call(l.V()), Float64().Call(r.V())), as(typ))
			}
			return c.viaOK(g, t, []val{l, r}, call, as(typ))
		}
	case isIntegral(k):
		typ := c.goType(t)
		switch e.Op {
		case "+", "-", "*":
			if !ansi {
				return derive(t, Parens(l.V().Op(e.Op).Add(r.V())), and(l.OK(), r.OK()), l, r)
			}
			op := c.operator(e.Op)
			switch k {
			case ir.Int:
				return c.viaErr(g, t, []val{l, r}, sqlfn(op.Int32ANSI).Call(l.V(), r.V()), nil)
			case ir.Long:
				return c.viaErr(g, t, []val{l, r}, sqlfn(op.Int64ANSI).Call(l.V(), r.V()), nil)
			}
			lv, rv := l.V(), r.V()
			call := sqlfn("SmallArithANSI").Call(Int32().Call(lv), Lit(e.Op), Int32().Call(rv),
				Int32().Call(cp(lv)).Op(e.Op).Int32().Call(cp(rv)), Lit(bitsOf(k)))
			return c.viaErr(g, t, []val{l, r}, call, as(typ))
		case "%":
			args := []Code{Int64().Call(l.V()), Int64().Call(r.V())}
			if ansi {
				return c.viaErr(g, t, []val{l, r}, sqlfn("RemInt64ANSI").Call(args...), as(typ))
			}
			return c.viaOK(g, t, []val{l, r}, sqlfn("RemInt64").Call(args...), as(typ))
		}
	}
	c.unsupported("%s %s %s", l.t.SimpleString(), e.Op, r.t.SimpleString())
	return val{}
}

// decimalArith computes into a processor-owned decimal of the node's
// precision and scale; overflow is NULL (an error under ANSI).
func (c *compiler) decimalArith(g *Group, e *ir.Arith, l, r val) val {
	fn := c.operator(e.Op).Decimal
	if fn == "" {
		c.unsupported("decimal %s", e.Op)
	}
	into := c.storage(e.Type)
	args := []Code{Op("&").Add(into), Op("&").Add(l.V()), Op("&").Add(r.V()), Lit(e.Type.Precision), Lit(e.Type.Scale)}
	if c.q.ANSI {
		call := sqlfn("DecimalOpANSI").Call(append([]Code{sqlfn(fn)}, append(args, Lit(e.Op == "/" || e.Op == "%"))...)...)
		return c.viaErrInto(g, e.Type, []val{l, r}, into, call)
	}
	return c.viaOKInto(g, e.Type, []val{l, r}, into, sqlfn(fn).Call(args...))
}

// operator is the catalogue's row of op, whose symbols the arithmetic
// emitters call.
func (c *compiler) operator(op string) catalog.Operator {
	o, ok := catalog.LookupOperator(op)
	if !ok {
		c.unsupported("operator %s", op)
	}
	return o
}

// neg is -x.
func (c *compiler) neg(g *Group, e *ir.Neg, x val) val {
	t := e.Type
	switch k := t.Kind; {
	case isFloating(k):
		return derive(t, c.goType(t).Call(Op("-").Parens(x.V())), x.OK(), x)
	case isIntegral(k):
		if c.q.ANSI {
			return c.viaErr(g, t, []val{x}, sqlfn("NegInt64ANSI").Call(Int64().Call(x.V()), Lit(bitsOf(k))), as(c.goType(t)))
		}
		return derive(t, Parens(Op("-").Parens(x.V())), x.OK(), x)
	case k == ir.Decimal:
		into := c.storage(t)
		return c.viaInto(g, t, []val{x}, into, genutil.RT(queryrt, "NegDecimal").Call(Op("&").Add(into), Op("&").Add(x.V())))
	}
	c.unsupported("-%s", t.SimpleString())
	return val{}
}
