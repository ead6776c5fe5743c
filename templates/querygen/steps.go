package querygen

import (
	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/gen/ir"
)

// steps emits step i and, nested inside it, everything after it: a filter
// is an if, a generator a loop, so the rest of the pipeline runs once per
// surviving or generated row.
func (c *compiler) steps(g *Group, live [][]bool, i int, cols []val) {
	q := c.q
	if i == len(q.Steps) {
		c.sink(g, cols)
		return
	}
	en := &env{cols: cols}
	switch s := q.Steps[i].(type) {
	case *ir.Filter:
		c.col = "filter"
		cond := c.expr(g, en, s.Cond)
		g.If(truth(cond)).BlockFunc(func(g *Group) { c.steps(g, live, i+1, cols) })
	case *ir.Project:
		if s.Generator != nil {
			c.generate(g, live, i, s, en)
			return
		}
		out := make([]val, len(s.Columns))
		for j, col := range s.Columns {
			if live[i+1][j] {
				c.col = col.Name
				out[j] = c.expr(g, en, col.Expr)
			}
		}
		c.steps(g, live, i+1, out)
	}
}

// generate emits explode and its family: the columns that do not read
// the generator are computed once, before the loop (and only when it
// yields rows), the others per element.
func (c *compiler) generate(g *Group, live [][]bool, i int, s *ir.Project, en *env) {
	gen := s.Generator
	outer := gen.Kind == "explode_outer" || gen.Kind == "posexplode_outer"
	pos := gen.Kind == "posexplode" || gen.Kind == "posexplode_outer"
	c.col = gen.Kind
	for _, col := range s.Columns {
		if _, ok := col.Expr.(*ir.GenOutput); ok {
			c.col = col.Name
			break
		}
	}
	x := c.expr(g, en, gen.X)
	n := c.name("n")
	g.Id(n).Op(":=").Lit(0)
	guarded(g, x.OK(), func(g *Group) { g.Id(n).Op("=").Len(x.V()) })
	body := func(g *Group) {
		out := make([]val, len(s.Columns))
		for j, col := range s.Columns {
			if live[i+1][j] && !usesGen(col.Expr) {
				c.col = col.Name
				out[j] = c.expr(g, en, col.Expr)
			}
		}
		idx := c.name("i")
		rows := Id(n)
		if outer {
			// One row of NULLs for a NULL or empty input.
			rows = Max(Id(n), Lit(1))
		}
		g.For(Id(idx).Op(":=").Range().Add(rows)).BlockFunc(func(g *Group) {
			in := Id(idx).Op("<").Id(n)
			okIf := func(more *Statement) *Statement {
				if outer {
					return and(cp(in), more)
				}
				return more
			}
			el := x.V().Index(Id(idx))
			outs := map[string]val{}
			if pos {
				outs["pos"] = derive(&ir.Type{Kind: ir.Int}, Int32().Call(Id(idx)), okIf(nil), x)
			}
			xt := x.t
			if xt.Kind == ir.Map {
				outs["key"] = derive(xt.Key, cp(el).Dot("Key"), okIf(nil), x)
				outs["value"] = element(xt.Value, cp(el).Dot("Value"), xt.ValueContainsNull, okIf, x)
			} else {
				outs["col"] = element(xt.Elem, el, xt.ContainsNull, okIf, x)
			}
			en2 := &env{cols: en.cols, gen: outs}
			for j, col := range s.Columns {
				if live[i+1][j] && usesGen(col.Expr) {
					c.col = col.Name
					out[j] = c.expr(g, en2, col.Expr)
				}
			}
			c.steps(g, live, i+1, out)
		})
	}
	if outer {
		body(g)
		return
	}
	g.If(Id(n).Op(">").Lit(0)).BlockFunc(body)
}

// element is an array element or map value read in a generator's loop.
func element(t *ir.Type, el *Statement, nullable bool, okIf func(*Statement) *Statement, x val) val {
	if nullable {
		return derive(t, cp(el).Dot("V"), okIf(cp(el).Dot("Valid")), x)
	}
	return derive(t, el, okIf(nil), x)
}
