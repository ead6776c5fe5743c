package querygen

import (
	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
)

// env is what a step's expressions read: the input relation's live
// columns and, inside a generator's loop, its outputs.
type env struct {
	cols []val
	gen  map[string]val
}

// expr compiles e, emitting into g the statements that compute it.
func (c *compiler) expr(g *Group, en *env, e ir.Expr) val {
	switch e := e.(type) {
	case *ir.Ref:
		v := en.cols[e.Index]
		if v.x == nil {
			c.unsupported("column %q read but not computed", e.Name)
		}
		return v
	case *ir.GenOutput:
		v, ok := en.gen[e.Role]
		if !ok {
			c.unsupported("generator output %q outside its generator", e.Role)
		}
		return v
	case *ir.Lit:
		return c.lit(e)
	case *ir.GetField:
		return c.getField(c.expr(g, en, e.X), e.Index)
	case *ir.GetItem:
		return c.getItem(g, e, c.expr(g, en, e.X), c.expr(g, en, e.Key))
	case *ir.Inlined:
		// Errors of the fused-in expression name its own column and place.
		col, src := c.col, c.src
		c.col, c.src = e.Name, e.Src
		defer func() { c.col, c.src = col, src }()
		return c.expr(g, en, e.X)
	case *ir.Cast:
		return c.cast(g, e, c.expr(g, en, e.X))
	case *ir.Arith:
		return c.arith(g, e, c.expr(g, en, e.L), c.expr(g, en, e.R))
	case *ir.Neg:
		return c.neg(g, e, c.expr(g, en, e.X))
	case *ir.Compare:
		return c.compare(e, c.expr(g, en, e.L), c.expr(g, en, e.R))
	case *ir.Logic:
		return c.logic(g, en, e)
	case *ir.Not:
		x := c.expr(g, en, e.X)
		return derive(e.Type, Parens(Op("!").Parens(x.V())), x.OK(), x)
	case *ir.IsNull:
		return c.isNull(e, c.expr(g, en, e.X))
	case *ir.In:
		return c.in(g, en, e)
	case *ir.Case:
		return c.caseWhen(g, en, e)
	case *ir.MakeStruct:
		return c.makeStruct(g, en, e)
	case *ir.Call:
		return c.call(g, en, e)
	}
	c.unsupported("expression %T", e)
	return val{}
}

// getField is x.name: NULL when x is or the field is.
func (c *compiler) getField(x val, index int) val {
	rec := c.q.GoType(x.t).Record
	f := rec.Fields[index]
	ft := x.t.Fields[index].Type
	access := x.V().Dot(f.GoName)
	if f.Nullable {
		return derive(ft, cp(access).Dot("V"), and(x.OK(), cp(access).Dot("Valid")), x)
	}
	return derive(ft, access, x.OK(), x)
}

// isNull is x IS [NOT] NULL.
func (c *compiler) isNull(e *ir.IsNull, x val) val {
	ok := x.OK()
	if ok == nil {
		return val{t: e.Type, x: Lit(e.Not)}
	}
	if e.Not {
		return derive(e.Type, ok, nil, x)
	}
	return derive(e.Type, Op("!").Parens(ok), nil, x)
}

// makeStruct fills a processor-owned record, every field every time.
func (c *compiler) makeStruct(g *Group, en *env, e *ir.MakeStruct) val {
	fields := make([]val, len(e.Fields))
	for i, f := range e.Fields {
		fields[i] = c.expr(g, en, f)
	}
	dst := c.storage(e.Type)
	rec := c.q.GoType(e.Type).Record
	for i, f := range rec.Fields {
		src := fields[i].src
		if i < len(e.Srcs) && e.Srcs[i].Text != "" {
			src = e.Srcs[i]
		}
		c.srcComment(g, src)
		c.store(g, cp(dst).Dot(f.GoName), f.Nullable, fields[i])
	}
	return val{t: e.Type, x: dst}
}

// store emits the assignment of v to a record field (sqltypes.Null when
// nullable). A NULL for a NOT NULL field stores the zero value.
func (c *compiler) store(g *Group, dst *Statement, nullable bool, v val) {
	assign := func(g *Group, lhs *Statement) {
		if v.t.Kind == ir.Decimal {
			g.Add(lhs).Dot("Set").Call(Op("&").Add(v.V()))
		} else {
			g.Add(lhs).Op("=").Add(v.V())
		}
	}
	ok := v.OK()
	switch {
	case ok == nil && nullable:
		assign(g, cp(dst).Dot("V"))
		g.Add(cp(dst).Dot("Valid")).Op("=").True()
	case ok == nil:
		assign(g, dst)
	case nullable:
		g.Add(cp(dst).Dot("Valid")).Op("=").Add(ok)
		g.If(cp(dst).Dot("Valid")).BlockFunc(func(g *Group) { assign(g, cp(dst).Dot("V")) })
	default:
		g.If(ok).BlockFunc(func(g *Group) { assign(g, dst) }).Else().BlockFunc(func(g *Group) {
			if v.t.Kind == ir.Decimal {
				g.Add(dst).Dot("SetInt64").Call(Lit(0))
			} else {
				g.Add(dst).Op("=").Add(c.zeroValue(v.t))
			}
		})
	}
}

// zeroValue is the untyped zero for assignments to a value of t.
func (c *compiler) zeroValue(t *ir.Type) *Statement {
	switch t.Kind {
	case ir.Boolean:
		return False()
	case ir.String:
		return Lit("")
	case ir.Binary, ir.Array, ir.Map:
		return Nil()
	case ir.Struct:
		return c.goType(t).Values()
	}
	return Lit(0)
}
