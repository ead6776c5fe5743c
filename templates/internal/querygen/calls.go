package querygen

import (
	. "github.com/dave/jennifer/jen"
	"github.com/streamc/streamc/templates/internal/genutil"

	"github.com/streamc/streamc/internal/compiler/catalog"
	"github.com/streamc/streamc/internal/ir"
)

// call compiles a built-in function of internal/compiler/catalog. Functions with their
// own NULL rules, lazy arguments or patterns have their own emitters; the
// catalogue's plain ones are null-intolerant calls into sqlfn.
func (c *compiler) call(g *Group, en *env, e *ir.Call) val {
	switch e.Name {
	case "coalesce":
		return c.coalesce(g, en, e)
	case "if":
		return c.ifFn(g, en, e)
	}
	args := make([]val, len(e.Args))
	for i, a := range e.Args {
		args[i] = c.expr(g, en, a)
	}
	if f := catalog.Lookup(e.Name); f != nil && f.Plain != "" {
		// The catalogue's plain functions take their arguments as they are.
		vs := make([]Code, len(args))
		for i, a := range args {
			vs[i] = a.V()
		}
		return c.viaPure(g, e.Type, args, sqlfn(f.Plain).Call(vs...))
	}
	if v, ok := c.stringCall(g, e, args); ok {
		return v
	}
	if v, ok := c.mathCall(g, e, args); ok {
		return v
	}
	if v, ok := c.timeCall(g, e, args); ok {
		return v
	}
	if v, ok := c.collectionCall(g, e, args); ok {
		return v
	}
	if v, ok := c.formatCall(g, e, args); ok {
		return v
	}
	c.unsupported("function %s", e.Name)
	return val{}
}

// custom emits body under the validity of ins into a new local; body
// calls set with the (valid) result, or leaves the result NULL.
func (c *compiler) custom(g *Group, t *ir.Type, ins []val, body func(g *Group, set func(g *Group, x *Statement))) val {
	guard := and(oks(ins...)...)
	dst := c.newLocal(g, t, true)
	scoped(g, guard, func(g *Group) {
		body(g, func(g *Group, x *Statement) { c.setValid(g, dst, x) })
	})
	return dst
}

// constString is the value of a constant string argument.
func constString(e ir.Expr) (string, bool) {
	if l, ok := e.(*ir.Lit); ok {
		s, ok := l.Value.(string)
		return s, ok && l.Type.Kind == ir.String
	}
	return "", false
}

// constInt is the value of a constant integral argument.
func constInt(e ir.Expr) (int64, bool) {
	if l, ok := e.(*ir.Lit); ok {
		n, ok := l.Value.(int64)
		return n, ok
	}
	return 0, false
}

// regexp emits (inside a guarded scope) the compiled form of a regular
// expression argument: a package-level variable for a constant, else the
// last pattern compiled by this call site, recompiled when it changes.
func (c *compiler) regexp(g *Group, arg ir.Expr, v val) *Statement {
	if s, ok := constString(arg); ok {
		return c.global("re", genutil.RT(queryrt, "Regexp").Call(Lit(s)))
	}
	cache := c.colField("Regexp", genutil.RT(queryrt, "RegexpCache"))
	g.List(Id("re"), Err()).Op(":=").Add(cache).Dot("Get").Call(v.V())
	g.If(Err().Op("!=").Nil()).BlockFunc(func(g *Group) { c.fail(g, Err()) })
	return Id("re")
}

// datePattern is regexp's twin for datetime patterns.
func (c *compiler) datePattern(g *Group, arg ir.Expr, v val) *Statement {
	if s, ok := constString(arg); ok {
		return c.global("fmt", sqlfn("MustCompileDatePattern").Call(Lit(s)))
	}
	cache := c.colField("Pattern", genutil.RT(queryrt, "DatePatternCache"))
	g.List(Id("pat"), Err()).Op(":=").Add(cache).Dot("Get").Call(v.V())
	g.If(Err().Op("!=").Nil()).BlockFunc(func(g *Group) { c.fail(g, Err()) })
	return Id("pat")
}

// defaultPattern is a pattern the function uses when none is given.
func (c *compiler) defaultPattern(p string) *Statement {
	return c.global("fmt", sqlfn("MustCompileDatePattern").Call(Lit(p)))
}

// coalesce is the first valid argument, computing the next only when the
// previous one is NULL.
func (c *compiler) coalesce(g *Group, en *env, e *ir.Call) val {
	dst := c.newLocal(g, e.Type, true)
	var chain func(g *Group, i int)
	chain = func(g *Group, i int) {
		if i == len(e.Args) {
			return
		}
		v := c.coerce(c.expr(g, en, e.Args[i]), e.Type)
		ok := v.OK()
		if ok == nil {
			c.setValid(g, dst, v.V())
			return
		}
		g.If(ok).BlockFunc(func(g *Group) { c.setValid(g, dst, v.V()) }).Else().BlockFunc(func(g *Group) {
			chain(g, i+1)
		})
	}
	chain(g, 0)
	return dst
}

// ifFn is if(cond, a, b): a NULL condition takes b.
func (c *compiler) ifFn(g *Group, en *env, e *ir.Call) val {
	cond := c.expr(g, en, e.Args[0])
	dst := c.newLocal(g, e.Type, true)
	g.If(truth(cond)).BlockFunc(func(g *Group) {
		c.set(g, dst, c.coerce(c.expr(g, en, e.Args[1]), e.Type))
	}).Else().BlockFunc(func(g *Group) {
		c.set(g, dst, c.coerce(c.expr(g, en, e.Args[2]), e.Type))
	})
	return dst
}

// rtSymOf is the i-th runtime symbol the catalogue lists for the call; a
// missing one is reported as unsupported rather than emitted as a blank name.
func (c *compiler) rtSymOf(e *ir.Call, i int) string {
	if i < len(e.Runtime) {
		return e.Runtime[i]
	}
	c.unsupported("function %s: no runtime symbol %d in the catalogue", e.Name, i)
	return "Unsupported"
}
