package querygen

import (
	. "github.com/dave/jennifer/jen"
	"github.com/streamc/streamc/templates/internal/genutil"

	runtimesqlfn "github.com/streamc/streamc/internal/runtime/sqlfn"

	"github.com/streamc/streamc/internal/ir"
)

func (c *compiler) stringCall(g *Group, e *ir.Call, args []val) (val, bool) {
	t := e.Type
	vs := func() []Code {
		out := make([]Code, len(args))
		for i, a := range args {
			out[i] = a.V()
		}
		return out
	}
	switch e.Name {
	case "replace":
		if len(args) == 2 {
			return c.viaPure(g, t, args, sqlfn("Replace").Call(args[0].V(), args[1].V(), Lit(""))), true
		}
		return c.viaPure(g, t, args, sqlfn("Replace").Call(vs()...)), true
	case "trim", "ltrim", "rtrim":
		fn := c.rtSymOf(e, 0)
		if len(args) == 2 {
			// trim(str, chars): the SQL form TRIM(chars FROM str) was
			// normalised to (str, chars) by the checker.
			return c.viaPure(g, t, args, sqlfn(c.rtSymOf(e, 1)).Call(vs()...)), true
		}
		return c.viaPure(g, t, args, sqlfn(fn).Call(vs()...)), true
	case "concat":
		if len(args) == 0 {
			return val{t: t, x: Lit("")}, true
		}
		return c.viaPure(g, t, args, sqlfn("Concat").Call(vs()...)), true
	case "concat_ws":
		return c.concatWS(g, e, args), true
	case "substring":
		if args[0].t.Kind == ir.Binary {
			if len(args) == 2 {
				return c.viaPure(g, t, args, sqlfn("SubstringBinary").Call(args[0].V(), args[1].V(), Qual("math", "MaxInt32"))), true
			}
			return c.viaPure(g, t, args, sqlfn("SubstringBinary").Call(vs()...)), true
		}
		if len(args) == 2 {
			return c.viaPure(g, t, args, sqlfn("Substring").Call(args[0].V(), args[1].V(), Qual("math", "MaxInt32"))), true
		}
		return c.viaPure(g, t, args, sqlfn("Substring").Call(vs()...)), true
	case "length":
		if args[0].t.Kind == ir.Binary {
			return derive(t, Int32().Call(Len(args[0].V())), args[0].OK(), args[0]), true
		}
		return c.viaPure(g, t, args, sqlfn("Length").Call(args[0].V())), true
	case "lpad", "rpad":
		fn := c.rtSymOf(e, 0)
		if len(args) == 2 {
			return c.viaPure(g, t, args, sqlfn(fn).Call(args[0].V(), args[1].V(), Lit(" "))), true
		}
		return c.viaPure(g, t, args, sqlfn(fn).Call(vs()...)), true
	case "regexp_replace":
		return c.custom(g, t, args, func(g *Group, set func(*Group, *Statement)) {
			re := c.regexp(g, e.Args[1], args[1])
			pos := Lit(1)
			if len(args) == 4 {
				pos = args[3].V()
			}
			g.List(Id("r"), Err()).Op(":=").Add(sqlfn("RegexpReplace")).Call(args[0].V(), re, args[2].V(), pos)
			g.If(Err().Op("!=").Nil()).BlockFunc(func(g *Group) { c.fail(g, Err()) })
			set(g, Id("r"))
		}), true
	case "regexp_extract":
		return c.custom(g, t, args, func(g *Group, set func(*Group, *Statement)) {
			re := c.regexp(g, e.Args[1], args[1])
			idx := Lit(1)
			if len(args) == 3 {
				idx = args[2].V()
			}
			g.List(Id("r"), Err()).Op(":=").Add(sqlfn("RegexpExtract")).Call(args[0].V(), re, idx)
			g.If(Err().Op("!=").Nil()).BlockFunc(func(g *Group) { c.fail(g, Err()) })
			set(g, Id("r"))
		}), true
	case "rlike":
		return c.custom(g, t, args, func(g *Group, set func(*Group, *Statement)) {
			re := c.regexp(g, e.Args[1], args[1])
			set(g, sqlfn("RLike").Call(args[0].V(), re))
		}), true
	case "split":
		return c.custom(g, t, args, func(g *Group, set func(*Group, *Statement)) {
			re := c.regexp(g, e.Args[1], args[1])
			limit := Lit(-1)
			if len(args) == 3 {
				limit = args[2].V()
			}
			set(g, sqlfn("Split").Call(args[0].V(), re, limit))
		}), true
	case "regexp_extract_all":
		return c.custom(g, t, args, func(g *Group, set func(*Group, *Statement)) {
			re := c.regexp(g, e.Args[1], args[1])
			idx := Lit(1)
			if len(args) == 3 {
				idx = args[2].V()
			}
			g.List(Id("r"), Err()).Op(":=").Add(sqlfn("RegexpExtractAll")).Call(args[0].V(), re, idx)
			g.If(Err().Op("!=").Nil()).BlockFunc(func(g *Group) { c.fail(g, Err()) })
			set(g, Id("r"))
		}), true
	case "hex":
		fn := map[ir.Kind]string{ir.Long: "HexInt64", ir.Binary: "Hex", ir.String: "HexString"}[args[0].t.Kind]
		return c.viaPure(g, t, args, sqlfn(fn).Call(args[0].V())), true
	case "octet_length":
		if args[0].t.Kind == ir.Binary {
			return derive(t, Int32().Call(Len(args[0].V())), args[0].OK(), args[0]), true
		}
		return c.viaPure(g, t, args, sqlfn("OctetLength").Call(args[0].V())), true
	case "unbase64":
		return c.viaErr(g, t, args, sqlfn("UnBase64").Call(args[0].V()), nil), true
	case "unhex":
		return c.viaOK(g, t, args, sqlfn("Unhex").Call(args[0].V()), nil), true
	case "locate":
		return c.locate(g, e, args), true
	case "like", "ilike":
		return c.like(g, e, args), true
	case "md5", "sha1":
		fn := c.rtSymOf(e, 0)
		return c.viaPure(g, t, args, sqlfn(fn).Call(args[0].V())), true
	case "sha2":
		return c.viaOK(g, t, args, sqlfn("SHA2").Call(args[0].V(), args[1].V()), nil), true
	case "uuid":
		dst := c.newLocal(g, t, false)
		g.BlockFunc(func(g *Group) {
			g.List(Id("r"), Err()).Op(":=").Add(sqlfn("UUID")).Call(Qual("crypto/rand", "Reader"))
			g.If(Err().Op("!=").Nil()).BlockFunc(func(g *Group) { c.fail(g, Err()) })
			c.setValid(g, dst, Id("r"))
		})
		return dst, true
	}
	return val{}, false
}

// concatWS is concat_ws(sep, parts...): NULL only when sep is; NULL parts
// and NULL array elements are skipped.
func (c *compiler) concatWS(g *Group, e *ir.Call, args []val) val {
	sep := args[0]
	parts := c.colField("Parts", Index().String())
	return c.custom(g, e.Type, []val{sep}, func(g *Group, set func(*Group, *Statement)) {
		g.Add(parts).Op("=").Add(parts).Index(Empty(), Lit(0))
		for _, a := range args[1:] {
			guarded(g, a.OK(), func(g *Group) {
				if a.t.Kind != ir.Array {
					g.Add(parts).Op("=").Append(parts, a.V())
					return
				}
				g.For(List(Id("_"), Id("s")).Op(":=").Range().Add(a.V())).BlockFunc(func(g *Group) {
					if a.t.ContainsNull {
						g.If(Id("s").Dot("Valid")).Block(cp(parts).Op("=").Append(parts, Id("s").Dot("V")))
					} else {
						g.Add(parts).Op("=").Append(parts, Id("s"))
					}
				})
			})
		}
		set(g, sqlfn("ConcatWS").Call(sep.V(), cp(parts).Op("...")))
	})
}

// like is str LIKE pattern [ESCAPE c]; ilike compares lower-cased text.
func (c *compiler) like(g *Group, e *ir.Call, args []val) val {
	escape := '\\'
	if len(e.Args) == 3 {
		s, ok := constString(e.Args[2])
		if !ok || len([]rune(s)) != 1 {
			c.unsupported("%s with a non-constant escape", e.Name)
		}
		escape = []rune(s)[0]
	}
	lower := func(x *Statement) *Statement {
		if e.Name == "ilike" {
			return sqlfn("Lower").Call(x)
		}
		return x
	}
	return c.custom(g, e.Type, args[:2], func(g *Group, set func(*Group, *Statement)) {
		var m *Statement
		if s, ok := constString(e.Args[1]); ok {
			if e.Name == "ilike" {
				s = lowerJava(s)
			}
			m = c.global("like", genutil.RT(queryrt, "MustLike").Call(Lit(s), LitRune(escape)))
		} else {
			cache := c.colField("Like", genutil.RT(queryrt, "LikeCache"))
			g.List(Id("m"), Err()).Op(":=").Add(cache).Dot("Get").Call(lower(args[1].V()), LitRune(escape))
			g.If(Err().Op("!=").Nil()).BlockFunc(func(g *Group) { c.fail(g, Err()) })
			m = Id("m")
		}
		set(g, m.Dot("Match").Call(lower(args[0].V())))
	})
}

// lowerJava lower-cases a constant ilike pattern as the run-time side
// lower-cases its input.
func lowerJava(s string) string { return runtimesqlfn.Lower(s) }

// locate is locate(substr, str[, pos]): 0 when pos is NULL, whatever the
// other arguments are (StringLocate tests pos first), else NULL when
// substr or str is.
func (c *compiler) locate(g *Group, e *ir.Call, args []val) val {
	dst := c.newLocal(g, e.Type, true)
	pos := Lit(1)
	var posOK *Statement
	if len(args) == 3 {
		pos, posOK = args[2].V(), args[2].OK()
	}
	find := func(g *Group) {
		guarded(g, and(oks(args[:2]...)...), func(g *Group) {
			c.setValid(g, dst, sqlfn("Locate").Call(args[0].V(), args[1].V(), pos))
		})
	}
	if posOK == nil {
		find(g)
		return dst
	}
	g.If(Op("!").Parens(posOK)).BlockFunc(func(g *Group) { c.setValid(g, dst, Lit(0)) }).Else().BlockFunc(find)
	return dst
}
