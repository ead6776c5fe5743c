package querygen

import (
	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
)

// The via helpers compute a null-intolerant operation into a new local:
// only when every input is valid, else the result is NULL.

// scoped emits body in its own block, under cond when there is one, so
// that the names body declares never clash.
func scoped(g *Group, cond *Statement, body func(g *Group)) {
	if cond == nil {
		g.BlockFunc(body)
		return
	}
	g.If(cond).BlockFunc(body)
}

// viaPure: t = call, which cannot fail.
func (c *compiler) viaPure(g *Group, t *ir.Type, ins []val, call *Statement) val {
	guard := and(oks(ins...)...)
	dst := c.newLocal(g, t, guard != nil)
	guarded(g, guard, func(g *Group) { c.setValid(g, dst, call) })
	return dst
}

// viaOK: call returns (value, ok); conv, when set, converts the value.
func (c *compiler) viaOK(g *Group, t *ir.Type, ins []val, call *Statement, conv func(*Statement) *Statement) val {
	guard := and(oks(ins...)...)
	dst := c.newLocal(g, t, true)
	scoped(g, guard, func(g *Group) {
		g.List(Id("r"), Id("ok")).Op(":=").Add(call)
		g.If(Id("ok")).BlockFunc(func(g *Group) { c.setValid(g, dst, convert(conv, Id("r"))) })
	})
	return dst
}

// viaErr: call returns (value, error), an error stopping the query (or
// giving NULL, inside TRY_CAST).
func (c *compiler) viaErr(g *Group, t *ir.Type, ins []val, call *Statement, conv func(*Statement) *Statement) val {
	guard := and(oks(ins...)...)
	dst := c.newLocal(g, t, guard != nil || c.nullOnError > 0)
	scoped(g, guard, func(g *Group) {
		g.List(Id("r"), Err()).Op(":=").Add(call)
		if c.nullOnError > 0 {
			g.If(Err().Op("==").Nil()).BlockFunc(func(g *Group) { c.setValid(g, dst, convert(conv, Id("r"))) })
			return
		}
		g.If(Err().Op("!=").Nil()).BlockFunc(func(g *Group) { c.fail(g, Err()) })
		c.setValid(g, dst, convert(conv, Id("r")))
	})
	return dst
}

// viaOKInto: call stores into the processor field into and returns ok.
func (c *compiler) viaOKInto(g *Group, t *ir.Type, ins []val, into, call *Statement) val {
	guard := and(oks(ins...)...)
	dst := c.newLocal(g, t, true)
	guarded(g, guard, func(g *Group) {
		g.If(call).BlockFunc(func(g *Group) { c.setValid(g, dst, into) })
	})
	return dst
}

// viaErrInto: call stores into the processor field into and returns an
// error (NULL inside TRY_CAST).
func (c *compiler) viaErrInto(g *Group, t *ir.Type, ins []val, into, call *Statement) val {
	guard := and(oks(ins...)...)
	dst := c.newLocal(g, t, guard != nil || c.nullOnError > 0)
	guarded(g, guard, func(g *Group) {
		if c.nullOnError > 0 {
			g.If(Err().Op(":=").Add(call), Err().Op("==").Nil()).BlockFunc(func(g *Group) { c.setValid(g, dst, into) })
			return
		}
		g.If(Err().Op(":=").Add(call), Err().Op("!=").Nil()).BlockFunc(func(g *Group) { c.fail(g, Err()) })
		c.setValid(g, dst, into)
	})
	return dst
}

// viaInto: call stores into the processor field into and cannot fail.
func (c *compiler) viaInto(g *Group, t *ir.Type, ins []val, into, call *Statement) val {
	guard := and(oks(ins...)...)
	dst := c.newLocal(g, t, guard != nil)
	guarded(g, guard, func(g *Group) {
		g.Add(call)
		c.setValid(g, dst, into)
	})
	return dst
}

func convert(conv func(*Statement) *Statement, x *Statement) *Statement {
	if conv == nil {
		return x
	}
	return conv(x)
}

// as returns a conversion to Go type typ.
func as(typ *Statement) func(*Statement) *Statement {
	return func(x *Statement) *Statement { return cp(typ).Call(x) }
}
