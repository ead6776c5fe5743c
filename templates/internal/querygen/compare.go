package querygen

import (
	"fmt"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/templates/internal/genutil"
)

// cmpOp is the Go boolean for a op b (non-NULL values of t) with Spark's
// ordering: doubles by SQLOrderingUtil (NaN = NaN, above all; -0.0 = 0.0),
// strings and binary bytewise, false before true.
func (c *compiler) cmpOp(t *ir.Type, op string, a, b *Statement) *Statement {
	return Parens(c.cmpRaw(t, op, a, b))
}

func (c *compiler) cmpRaw(t *ir.Type, op string, a, b *Statement) *Statement {
	if op == "<>" {
		op = "!="
	}
	if op == "=" {
		op = "=="
	}
	switch t.Kind {
	case ir.Double, ir.Float:
		return sqlfn("CompareDouble").Call(Float64().Call(a), Float64().Call(b)).Op(op).Lit(0)
	case ir.Decimal:
		return a.Dot("Cmp").Call(Op("&").Add(b)).Op(op).Lit(0)
	case ir.Binary:
		return Qual("bytes", "Compare").Call(a, b).Op(op).Lit(0)
	case ir.Boolean:
		if op == "==" || op == "!=" {
			return a.Op(op).Add(b)
		}
		return genutil.RT(queryrt, "B2I").Call(a).Op(op).Add(genutil.RT(queryrt, "B2I")).Call(b)
	case ir.Byte, ir.Short, ir.Int, ir.Long, ir.String,
		ir.Date, ir.Timestamp, ir.TimestampNTZ:
		return a.Op(op).Add(b)
	}
	c.unsupported("comparison of %s", t.SimpleString())
	return nil
}

// compare is L op R; <=> is never NULL.
func (c *compiler) compare(e *ir.Compare, l, r val) val {
	if e.Op == "<=>" {
		lok, rok := l.OK(), r.OK()
		eq := c.cmpOp(l.t, "=", l.V(), r.V())
		switch {
		case lok == nil && rok == nil:
			return derive(e.Type, eq, nil, l, r)
		case lok == nil:
			return derive(e.Type, Parens(Parens(rok).Op("&&").Add(eq)), nil, l, r)
		case rok == nil:
			return derive(e.Type, Parens(Parens(lok).Op("&&").Add(eq)), nil, l, r)
		}
		// and() drops conjuncts the two flags share (a record's own flag),
		// which go vet reports as redundant.
		both := Parens(and(cp(lok), cp(rok))).Op("&&").Add(eq)
		none := Op("!").Parens(lok).Op("&&").Op("!").Parens(rok)
		if fmt.Sprintf("%#v", lok) == fmt.Sprintf("%#v", rok) {
			none = Op("!").Parens(cp(lok)) // one operand twice (s <=> s): vet reports !a && !a
		}
		return derive(e.Type, Parens(Parens(both).Op("||").Parens(none)), nil, l, r)
	}
	return derive(e.Type, c.cmpOp(l.t, e.Op, l.V(), r.V()), and(l.OK(), r.OK()), l, r)
}

// logic is AND/OR with three-valued logic; the right side is computed
// only when the left does not decide, as in Spark.
func (c *compiler) logic(g *Group, en *env, e *ir.Logic) val {
	l := c.expr(g, en, e.L)
	dst := c.newLocal(g, e.Type, true)
	decides := Lit(e.Op == "OR") // the value of l that decides alone
	isDecisive := func(v val) *Statement {
		x := v.V()
		if e.Op == "AND" {
			x = Op("!").Parens(x)
		}
		if ok := v.OK(); ok != nil {
			return Parens(ok).Op("&&").Parens(x)
		}
		return x
	}
	g.If(isDecisive(l)).BlockFunc(func(g *Group) {
		c.setValid(g, dst, cp(decides))
	}).Else().BlockFunc(func(g *Group) {
		r := c.expr(g, en, e.R)
		g.If(isDecisive(r)).BlockFunc(func(g *Group) {
			c.setValid(g, dst, cp(decides))
		}).Else().BlockFunc(func(g *Group) {
			guarded(g, and(l.OK(), r.OK()), func(g *Group) {
				c.setValid(g, dst, Lit(e.Op != "OR"))
			})
		})
	})
	return dst
}

// in is X [NOT] IN (list): true on a match, else NULL if X or an element
// is NULL, else false. Elements are computed until one matches.
func (c *compiler) in(g *Group, en *env, e *ir.In) val {
	x := c.expr(g, en, e.X)
	dst := c.newLocal(g, e.Type, true)
	seen := c.name("null")
	g.Var().Id(seen).Bool()
	g.Id("_").Op("=").Id(seen)
	guarded(g, x.OK(), func(g *Group) {
		var chain func(g *Group, i int)
		chain = func(g *Group, i int) {
			if i == len(e.List) {
				g.If(Op("!").Id(seen)).BlockFunc(func(g *Group) { c.setValid(g, dst, Lit(e.Not)) })
				return
			}
			item := c.expr(g, en, e.List[i])
			if ok := item.OK(); ok != nil {
				g.If(Op("!").Parens(ok)).Block(Id(seen).Op("=").True())
			}
			match := c.cmpOp(x.t, "=", x.V(), item.V())
			if ok := item.OK(); ok != nil {
				match = Parens(ok).Op("&&").Add(match)
			}
			g.If(match).BlockFunc(func(g *Group) { c.setValid(g, dst, Lit(!e.Not)) }).Else().BlockFunc(func(g *Group) {
				chain(g, i+1)
			})
		}
		chain(g, 0)
	})
	return dst
}

// caseWhen evaluates conditions in order and only the chosen result.
func (c *compiler) caseWhen(g *Group, en *env, e *ir.Case) val {
	dst := c.newLocal(g, e.Type, true)
	var chain func(g *Group, i int)
	chain = func(g *Group, i int) {
		if i == len(e.Whens) {
			if e.Else != nil {
				c.set(g, dst, c.coerce(c.expr(g, en, e.Else), e.Type))
			}
			return
		}
		w := e.Whens[i]
		cond := c.expr(g, en, w.Cond)
		g.If(truth(cond)).BlockFunc(func(g *Group) {
			c.set(g, dst, c.coerce(c.expr(g, en, w.Result), e.Type))
		}).Else().BlockFunc(func(g *Group) { chain(g, i+1) })
	}
	chain(g, 0)
	return dst
}

// truth is the Go condition "v is TRUE" (not FALSE, not NULL).
func truth(v val) *Statement {
	x := v.V()
	if ok := v.OK(); ok != nil {
		return Parens(ok).Op("&&").Parens(x)
	}
	return x
}

// coerce gives v the type t when they differ only by a struct pointer the
// checker made (same layout, another record): it is an error otherwise.
func (c *compiler) coerce(v val, t *ir.Type) val {
	if v.t.Kind == ir.Null {
		return val{t: t, x: c.zero(t), ok: False()}
	}
	if v.t == t || v.t.Kind != ir.Struct {
		v.t = t
		return v
	}
	if c.q.GoType(v.t).Record == c.q.GoType(t).Record {
		v.t = t
		return v
	}
	c.unsupported("a %s where %s is expected", genutil.GoType(c.q.GoType(v.t)).GoString(), t.SimpleString())
	return v
}
