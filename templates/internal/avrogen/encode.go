package avrogen

import (
	"fmt"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/plan"
)

func out() *Statement { return Id("dst") }

// appendCall emits dst = avrobin.<fn>(dst, args...).
func appendCall(g *Group, fn string, args ...Code) {
	g.Add(out()).Op("=").Add(avrobin(fn)).Call(append([]Code{out()}, args...)...)
}

// appendFallible emits dst, err = <call>; if err != nil { return dst, err }.
func (e *emitter) appendFallible(g *Group, call *Statement) {
	e.usedErr = true
	g.If(List(out(), Err()).Op("=").Add(call), Err().Op("!=").Nil()).Block(Return(out(), Err()))
}

// writeField emits code appending src (a Go value of type gt, a
// sqltypes.Null[gt] when nullable) as Avro type t.
func (e *emitter) writeField(g *Group, src *Statement, t *ir.Type, gt *plan.GoType, nullable bool, name string, depth int) {
	a := info(t)
	if a.Type == "null" {
		// Always NULL (the field's Valid stays false) and takes no bytes.
		return
	}
	if a.Type == "union" {
		e.writeUnion(g, src, t, gt, nullable, name, depth)
		return
	}
	if !nullable {
		e.writeValue(g, src, t, gt, name, depth)
		return
	}
	ni := nullIndex(t)
	g.If(Op("!").Add(valid(src))).Block(
		out().Op("=").Add(avrobin("AppendLong")).Call(out(), Lit(ni)),
	).Else().BlockFunc(func(g *Group) {
		appendCall(g, "AppendLong", Lit(1-ni))
		e.writeValue(g, inner(src), t, gt, name, depth)
	})
}

// writeUnion writes the branch a Spark value stands for: the first set
// member of a struct of members, the long or double branch of int/long and
// float/double unions, the null branch for NULL.
func (e *emitter) writeUnion(g *Group, src *Statement, t *ir.Type, gt *plan.GoType, nullable bool, name string, depth int) {
	a := t.Avro
	members := isMembers(t)
	nullBranch, wide := -1, -1
	for i, b := range a.Union {
		switch {
		case b.Kind == ir.Null:
			nullBranch = i
		case t.Kind == ir.Long && info(b).Type == "long", t.Kind == ir.Double && info(b).Type == "double":
			wide = i
		case !members && wide < 0:
			wide = i
		}
	}
	whenNull := func(g *Group) {
		if nullBranch >= 0 {
			appendCall(g, "AppendLong", Lit(nullBranch))
		} else {
			g.Return(out(), Qual("errors", "New").Call(Lit(fmt.Sprintf("%s: no branch of the Avro union holds NULL", name))))
		}
	}
	body := func(g *Group, v *Statement) {
		if !members {
			appendCall(g, "AppendLong", Lit(wide))
			switch t.Kind {
			case ir.Long:
				// The raw number, as it was read (see readUnion).
				appendCall(g, "AppendLong", Int64().Call(v))
			case ir.Double:
				appendCall(g, "AppendDouble", Float64().Call(v))
			default:
				e.writeValue(g, v, a.Union[wide], gt, name, depth)
			}
			return
		}
		rec := gt.Record
		g.Switch().BlockFunc(func(g *Group) {
			member := 0
			for i, b := range a.Union {
				if b.Kind == ir.Null {
					continue
				}
				fd := rec.Fields[member]
				m := v.Clone().Dot(fd.GoName)
				g.Case(valid(m)).BlockFunc(func(g *Group) {
					appendCall(g, "AppendLong", Lit(i))
					e.writeValue(g, inner(m), b, fd.Type, name+"_"+fd.GoName, depth)
				})
				member++
			}
			g.Default().BlockFunc(whenNull)
		})
	}
	if t.Kind == ir.Null {
		whenNull(g)
		return
	}
	if !nullable {
		body(g, src)
		return
	}
	g.If(Op("!").Add(valid(src))).BlockFunc(whenNull).Else().BlockFunc(func(g *Group) { body(g, inner(src)) })
}

// writeValue emits code appending a non-null value src of t.
func (e *emitter) writeValue(g *Group, src *Statement, t *ir.Type, gt *plan.GoType, name string, depth int) {
	a := info(t)
	switch a.Type {
	case "null":
	case "boolean":
		appendCall(g, "AppendBool", src)
	case "int":
		appendCall(g, "AppendInt", Int32().Call(src))
	case "long":
		switch a.Logical {
		case "timestamp-millis", "local-timestamp-millis":
			appendCall(g, "AppendLong", avrort("MicrosToMillis").Call(Int64().Call(src)))
		default:
			appendCall(g, "AppendLong", Int64().Call(src))
		}
	case "float":
		if t.Kind == ir.Float {
			appendCall(g, "AppendFloat", src)
		} else {
			appendCall(g, "AppendFloat", Float32().Call(src))
		}
	case "double":
		appendCall(g, "AppendDouble", Float64().Call(src))
	case "string":
		if t.Kind == ir.Binary {
			appendCall(g, "AppendBytes", src)
			return
		}
		appendCall(g, "AppendString", src)
	case "bytes":
		switch t.Kind {
		case ir.Decimal:
			e.appendFallible(g, avrobin("AppendDecimal").Call(out(), Op("&").Add(src), Lit(a.Scale)))
		case ir.String:
			appendCall(g, "AppendString", src)
		default:
			appendCall(g, "AppendBytes", src)
		}
	case "fixed":
		if t.Kind == ir.Decimal {
			e.appendFallible(g, avrobin("AppendDecimalFixed").Call(out(), Op("&").Add(src), Lit(a.Scale), Lit(a.FixedSize)))
			return
		}
		g.If(Len(src).Op("!=").Lit(a.FixedSize)).Block(
			Return(out(), avrort("FixedSizeError").Call(Lit(name), Lit(a.FixedSize), Len(src))),
		)
		appendCall(g, "AppendFixed", src)
	case "enum":
		g.Switch(src).BlockFunc(func(g *Group) {
			for i, s := range a.Symbols {
				g.Case(Lit(s)).Block(out().Op("=").Add(avrobin("AppendInt")).Call(out(), Lit(i)))
			}
			g.Default().Block(Return(out(), avrort("EnumSymbolError").Call(Lit(a.FullName), src)))
		})
	case "array":
		i := Id(fmt.Sprintf("i%d", depth))
		g.If(Len(src).Op(">").Lit(0)).BlockFunc(func(g *Group) {
			appendCall(g, "AppendLong", Int64().Call(Len(src)))
			if info(t.Elem).Type == "null" {
				return // the items take no bytes
			}
			loop := i.Clone().Op(":=").Range().Add(src)
			if t.Elem.Kind == ir.Null {
				// A union of "null" alone: every item is the same
				// branch index, and i would be unused.
				loop = Range().Add(src)
			}
			g.For(loop).BlockFunc(func(g *Group) {
				e.writeField(g, src.Clone().Index(i), t.Elem, gt.Elem, t.ContainsNull, name+"Elem", depth+1)
			})
		})
		appendCall(g, "AppendLong", Lit(0))
	case "map":
		i := Id(fmt.Sprintf("i%d", depth))
		g.If(Len(src).Op(">").Lit(0)).BlockFunc(func(g *Group) {
			appendCall(g, "AppendLong", Int64().Call(Len(src)))
			g.For(i.Clone().Op(":=").Range().Add(src)).BlockFunc(func(g *Group) {
				appendCall(g, "AppendString", src.Clone().Index(i).Dot("Key"))
				e.writeField(g, src.Clone().Index(i).Dot("Value"), t.Value, gt.Value, t.ValueContainsNull, name+"Value", depth+1)
			})
		})
		appendCall(g, "AppendLong", Lit(0))
	case "record":
		if gt.Pointer {
			g.If(src.Clone().Op("==").Nil()).Block(
				Return(out(), Qual("errors", "New").Call(Lit(fmt.Sprintf("%s: a record that is not nullable is missing", name)))),
			)
		}
		e.appendFallible(g, src.Clone().Dot("AppendAvro").Call(out()))
	default:
		panic(fmt.Sprintf("avrogen: Avro type %q of %s", a.Type, t.SimpleString()))
	}
}
