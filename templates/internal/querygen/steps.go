package querygen

import (
	"fmt"
	"slices"
	"strings"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
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
		c.col, c.src = "filter", s.Src
		c.srcComment(g, s.Src)
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
				out[j] = c.column(g, en, col)
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
	c.col, c.src = gen.Kind, gen.Src
	for _, col := range s.Columns {
		if _, ok := col.Expr.(*ir.GenOutput); ok {
			c.col = col.Name
			break
		}
	}
	c.srcComment(g, gen.Src)
	x := c.expr(g, en, gen.X)
	n := c.name("n")
	g.Id(n).Op(":=").Lit(0)
	guarded(g, x.OK(), func(g *Group) { g.Id(n).Op("=").Len(x.V()) })
	body := func(g *Group) {
		out := make([]val, len(s.Columns))
		for j, col := range s.Columns {
			if live[i+1][j] && !usesGen(col.Expr) {
				out[j] = c.column(g, en, col)
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
					out[j] = c.column(g, en2, col)
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

// column emits the statements computing col, under a comment giving
// where the spec writes it when there are any (a value read inline, as a
// field of a record, has none to annotate).
func (c *compiler) column(g *Group, en *env, col *ir.Column) val {
	c.col, c.src = col.Name, col.Src
	var v val
	before := len(c.locals)
	// No leading newline: the statements read as the enclosing block's.
	blk := CustomFunc(Options{Separator: "\n"}, func(g *Group) { v = c.expr(g, en, col.Expr) })
	if i := slices.Index(c.locals, v.own); v.own != nil && i >= before {
		c.holds[i] = col.Name // the local made for the column holds it
	}
	switch {
	case col.Src.Text == "":
	case strings.TrimSpace(fmt.Sprintf("%#v", blk)) != "":
		c.srcComment(g, col.Src)
	case v.src.Text == "":
		v.src = col.Src
	}
	g.Add(blk)
	return v
}

// srcComment emits `// file:line:col: text`, the spec's text of an
// expression (its first line, cut when long), as sqlc writes the SQL
// beside the Go it made of it.
func (c *compiler) srcComment(g *Group, src ir.Src) {
	if src.Text == "" {
		return
	}
	g.Comment(src.Pos.String() + ": " + shortText(src.Text))
}

// shortText is text on one line, at most maxText runes.
func shortText(text string) string {
	const maxText = 72
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > maxText {
		return string(r[:maxText-3]) + "..."
	}
	return text
}

// element is an array element or map value read in a generator's loop.
func element(t *ir.Type, el *Statement, nullable bool, okIf func(*Statement) *Statement, x val) val {
	if nullable {
		return derive(t, cp(el).Dot("V"), okIf(cp(el).Dot("Valid")), x)
	}
	return derive(t, el, okIf(nil), x)
}
