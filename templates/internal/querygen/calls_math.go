package querygen

import (
	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
)

func (c *compiler) mathCall(g *Group, e *ir.Call, args []val) (val, bool) {
	t := e.Type
	switch e.Name {
	case "abs":
		x := args[0]
		switch k := t.Kind; {
		case k == ir.Int || k == ir.Long:
			name := map[ir.Kind]string{ir.Int: "AbsInt32", ir.Long: "AbsInt64"}[k]
			if c.q.ANSI {
				return c.viaErr(g, t, args, sqlfn(name+"ANSI").Call(x.V()), nil), true
			}
			return derive(t, sqlfn(name).Call(x.V()), x.OK(), x), true
		case k == ir.Byte || k == ir.Short:
			// Spark's abs on TINYINT/SMALLINT wraps (abs(-128Y) = -128).
			return derive(t, c.goType(t).Call(sqlfn("AbsInt32").Call(Int32().Call(x.V()))), x.OK(), x), true
		case isFloating(k):
			return derive(t, c.goType(t).Call(Qual("math", "Abs").Call(Float64().Call(x.V()))), x.OK(), x), true
		case k == ir.Decimal:
			into := c.storage(t)
			return c.viaInto(g, t, args, into, cp(into).Dot("Abs").Call(Op("&").Add(x.V()))), true
		}
	case "round", "bround":
		return c.round(g, e, args), true
	case "floor", "ceil":
		x := args[0]
		switch k := x.t.Kind; {
		case isFloating(k):
			return derive(t, sqlfn(c.rtSymOf(e, 0)).Call(Float64().Call(x.V())), x.OK(), x), true
		case isIntegral(k):
			return derive(t, Int64().Call(x.V()), x.OK(), x), true
		case k == ir.Decimal:
			into := c.storage(t)
			return c.viaOKInto(g, t, args, into, sqlfn(c.rtSymOf(e, 1)).Call(Op("&").Add(into), Op("&").Add(x.V()), Lit(t.Precision))), true
		}
	case "sqrt":
		return derive(t, sqlfn("Sqrt").Call(args[0].V()), args[0].OK(), args[0]), true
	case "exp":
		return derive(t, sqlfn("Exp").Call(args[0].V()), args[0].OK(), args[0]), true
	case "ln", "log10", "log2":
		fn := c.rtSymOf(e, 0)
		return c.viaOK(g, t, args, sqlfn(fn).Call(args[0].V()), nil), true
	case "log":
		if len(args) == 1 {
			return c.viaOK(g, t, args, sqlfn("Ln").Call(args[0].V()), nil), true
		}
		return c.viaOK(g, t, args, sqlfn("Log").Call(args[0].V(), args[1].V()), nil), true
	case "greatest", "least":
		return c.extreme(g, e, args), true
	case "hash", "xxhash64":
		return c.hash(g, e, args), true
	}
	return val{}, false
}

// round is round/bround(x[, scale]) with a constant scale.
func (c *compiler) round(g *Group, e *ir.Call, args []val) val {
	t := e.Type
	x := args[0]
	scale := int64(0)
	if len(e.Args) == 2 {
		n, ok := constInt(e.Args[1])
		if !ok {
			c.unsupported("%s with a non-constant scale", e.Name)
		}
		scale = n
	}
	prefix := map[string]string{"round": "Round", "bround": "BRound"}[e.Name]
	s := Lit(int(scale))
	switch k := t.Kind; {
	case k == ir.Double:
		return c.viaPure(g, t, []val{x}, sqlfn(prefix+"Double").Call(x.V(), s))
	case k == ir.Float:
		return c.viaPure(g, t, []val{x}, sqlfn(prefix+"Float").Call(x.V(), s))
	case isIntegral(k):
		call := sqlfn(prefix+"Integral").Call(Int64().Call(x.V()), s, Lit(bitsOf(k)))
		if c.q.ANSI {
			return c.viaErr(g, t, []val{x}, sqlfn(prefix+"IntegralANSI").Call(Int64().Call(x.V()), s, Lit(bitsOf(k))), as(c.goType(t)))
		}
		return c.viaPure(g, t, []val{x}, c.goType(t).Call(call))
	case k == ir.Decimal:
		into := c.storage(t)
		return c.viaOKInto(g, t, []val{x}, into, sqlfn(prefix+"Decimal").Call(Op("&").Add(into), Op("&").Add(x.V()), s, Lit(t.Precision)))
	}
	c.unsupported("%s of %s", e.Name, t.SimpleString())
	return val{}
}

// extreme is greatest/least: NULL arguments are skipped, the first of
// equal values kept.
func (c *compiler) extreme(g *Group, e *ir.Call, args []val) val {
	op := ">"
	if e.Name == "least" {
		op = "<"
	}
	dst := c.newLocal(g, e.Type, true)
	cur := dst.own.v()
	if isRef(e.Type) {
		cur = Parens(Op("*").Add(cur))
	}
	dst.own.vUsed, dst.own.okUsed = true, true
	for _, a := range args {
		a = c.coerce(a, e.Type)
		better := c.cmpOp(e.Type, op, a.V(), cp(cur))
		cond := Op("!").Add(dst.own.okV()).Op("||").Add(better)
		if ok := a.OK(); ok != nil {
			cond = Parens(ok).Op("&&").Parens(cond)
		}
		g.If(cond).BlockFunc(func(g *Group) { c.setValid(g, dst, a.V()) })
	}
	return dst
}

// hash is Spark's murmur3 hash (hash) or XXH64 (xxhash64) of the
// arguments, seed 42, NULLs skipped.
func (c *compiler) hash(g *Group, e *ir.Call, args []val) val {
	dst := c.newLocal(g, e.Type, false)
	h := dst.own.v()
	dst.own.vUsed = true
	g.Add(h).Op("=").Lit(42)
	for _, a := range args {
		if a.t.Kind == ir.Null {
			continue // a NULL is skipped, and a NULL literal is always NULL
		}
		guarded(g, a.OK(), func(g *Group) {
			g.Add(h).Op("=").Add(c.hashOf(e.Name == "xxhash64", a.t, a.V(), cp(h)))
		})
	}
	return dst
}

// hashOf hashes one value x of t into seed (an int32 for Murmur3, an
// int64 for XXH64).
func (c *compiler) hashOf(xx bool, t *ir.Type, x, seed *Statement) *Statement {
	prefix := "Murmur3"
	if xx {
		prefix = "XXH64"
	}
	switch t.Kind {
	case ir.Boolean:
		return sqlfn(prefix+"Bool").Call(x, seed)
	case ir.Byte, ir.Short, ir.Int, ir.Date:
		return sqlfn(prefix+"Int").Call(Int32().Call(x), seed)
	case ir.Long, ir.Timestamp, ir.TimestampNTZ:
		return sqlfn(prefix+"Long").Call(Int64().Call(x), seed)
	case ir.Float:
		return sqlfn(prefix+"Float").Call(x, seed)
	case ir.Double:
		return sqlfn(prefix+"Double").Call(x, seed)
	case ir.Decimal:
		return sqlfn(prefix+"Decimal").Call(Op("&").Add(x), Lit(t.Precision), seed)
	case ir.String:
		return sqlfn(prefix+"String").Call(x, seed)
	case ir.Binary:
		return sqlfn(prefix+"Bytes").Call(x, seed)
	}
	c.unsupported("hash of %s", t.SimpleString())
	return nil
}
