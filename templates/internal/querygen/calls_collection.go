package querygen

import (
	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
)

func (c *compiler) collectionCall(g *Group, e *ir.Call, args []val) (val, bool) {
	t := e.Type
	switch e.Name {
	case "size":
		x := args[0]
		n := Int32().Call(Len(x.V()))
		ok := x.OK()
		switch {
		case ok == nil:
			return derive(t, n, nil, x), true
		case c.q.ANSI:
			return derive(t, n, ok, x), true
		}
		// size(NULL) is -1 in Spark 3.
		dst := c.newLocal(g, t, false)
		c.setValid(g, dst, Lit(-1))
		g.If(ok).BlockFunc(func(g *Group) { c.setValid(g, dst, n) })
		return dst, true
	case "element_at":
		x := args[0]
		if x.t.Kind == ir.Map {
			return c.mapLookup(g, t, x, args[1]), true
		}
		return c.custom(g, t, args, func(g *Group, set func(*Group, *Statement)) {
			if c.q.ANSI {
				g.List(Id("i"), Err()).Op(":=").Add(sqlfn("ElementAtIndexANSI")).Call(Len(x.V()), args[1].V())
				g.If(Err().Op("!=").Nil()).BlockFunc(func(g *Group) { c.fail(g, Err()) })
				c.elem(g, x, Id("i"), set)
				return
			}
			g.List(Id("i"), Id("ok"), Err()).Op(":=").Add(sqlfn("ElementAtIndex")).Call(Len(x.V()), args[1].V())
			g.If(Err().Op("!=").Nil()).BlockFunc(func(g *Group) { c.fail(g, Err()) })
			g.If(Id("ok")).BlockFunc(func(g *Group) { c.elem(g, x, Id("i"), set) })
		}), true
	case "array_contains":
		return c.arrayContains(g, e, args[0], args[1]), true
	}
	return val{}, false
}

// elem sets the result to x[i], NULL when the element is.
func (c *compiler) elem(g *Group, x val, i *Statement, set func(*Group, *Statement)) {
	e := x.V().Index(i)
	if x.t.ContainsNull {
		g.If(cp(e).Dot("Valid")).BlockFunc(func(g *Group) { set(g, cp(e).Dot("V")) })
		return
	}
	set(g, e)
}

// getItem is arr[i] (0-based) or map[key].
func (c *compiler) getItem(g *Group, e *ir.GetItem, x, key val) val {
	if x.t.Kind == ir.Map {
		return c.mapLookup(g, e.Type, x, key)
	}
	return c.custom(g, e.Type, []val{x, key}, func(g *Group, set func(*Group, *Statement)) {
		if c.q.ANSI {
			g.List(Id("i"), Err()).Op(":=").Add(sqlfn("ArrayIndexANSI")).Call(Len(x.V()), Int64().Call(key.V()))
			g.If(Err().Op("!=").Nil()).BlockFunc(func(g *Group) { c.fail(g, Err()) })
			c.elem(g, x, Id("i"), set)
			return
		}
		g.List(Id("i"), Id("ok")).Op(":=").Add(sqlfn("ArrayIndex")).Call(Len(x.V()), Int64().Call(key.V()))
		g.If(Id("ok")).BlockFunc(func(g *Group) { c.elem(g, x, Id("i"), set) })
	})
}

// mapLookup is the value of the first entry whose key equals key.
func (c *compiler) mapLookup(g *Group, t *ir.Type, m, key val) val {
	return c.custom(g, t, []val{m, key}, func(g *Group, set func(*Group, *Statement)) {
		g.For(Id("i").Op(":=").Range().Add(m.V())).BlockFunc(func(g *Group) {
			ent := m.V().Index(Id("i"))
			g.If(c.cmpOp(m.t.Key, "=", cp(ent).Dot("Key"), key.V())).BlockFunc(func(g *Group) {
				v := cp(ent).Dot("Value")
				if m.t.ValueContainsNull {
					g.If(cp(v).Dot("Valid")).BlockFunc(func(g *Group) { set(g, cp(v).Dot("V")) })
				} else {
					set(g, v)
				}
				g.Break()
			})
		})
	})
}

// arrayContains is true when an element equals v; otherwise NULL when
// the array holds a NULL, else false.
func (c *compiler) arrayContains(g *Group, e *ir.Call, arr, v val) val {
	return c.custom(g, e.Type, []val{arr, v}, func(g *Group, set func(*Group, *Statement)) {
		g.List(Id("found"), Id("null")).Op(":=").List(False(), False())
		g.For(Id("i").Op(":=").Range().Add(arr.V())).BlockFunc(func(g *Group) {
			el := arr.V().Index(Id("i"))
			if arr.t.ContainsNull {
				g.If(Op("!").Add(cp(el)).Dot("Valid")).Block(Id("null").Op("=").True(), Continue())
				el = el.Dot("V")
			}
			g.If(c.cmpOp(arr.t.Elem, "=", el, v.V())).Block(Id("found").Op("=").True(), Break())
		})
		g.If(Id("found").Op("||").Op("!").Id("null")).BlockFunc(func(g *Group) { set(g, Id("found")) })
	})
}
