package jsongen

import (
	"fmt"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/plan"
	runtimejsonx "github.com/streamc/streamc/internal/runtime/jsonx"
)

// genWrite emits (keys are escaped once, here, by the runtime's own Jackson
// escaping):
//
//	func (x *Invoice) AppendJSON(dst []byte) []byte {
//		e := jsonx.Encoder{Buf: dst}
//		x.WriteJSON(&e)
//		return e.Buf
//	}
//
//	func (x *Invoice) WriteJSON(e *jsonx.Encoder) {
//		e.Buf = append(e.Buf, '{')
//		n := len(e.Buf)
//		if x.InvoiceNumber.Valid {
//			e.Buf = append(e.Buf, "\"InvoiceNumber\":"...)
//			e.Buf = jsonx.AppendString(e.Buf, x.InvoiceNumber.V)
//			e.Buf = append(e.Buf, ',')
//		}
//		...
//		if len(e.Buf) > n {
//			e.Buf = e.Buf[:len(e.Buf)-1] // the last field's comma
//		}
//		e.Buf = append(e.Buf, '}')
//	}
func genWrite(f *File, r *plan.Record) {
	f.Commentf("AppendJSON appends x to dst as Spark's to_json writes it: fields in schema")
	f.Comment("order, null fields left out, Java number text, Jackson string escapes,")
	f.Comment("timestamps in UTC.")
	f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("AppendJSON").Params(Id("dst").Index().Byte()).Index().Byte().Block(
		Id("e").Op(":=").Add(jsonx("Encoder")).Values(Dict{Id("Buf"): Id("dst")}),
		Id("x").Dot("WriteJSON").Call(Op("&").Id("e")),
		Return(Id("e").Dot("Buf")),
	)
	f.Comment("WriteJSON appends x to e.Buf; e.Loc is the session time zone.")
	f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("WriteJSON").Params(Id("e").Op("*").Add(jsonx("Encoder"))).BlockFunc(func(g *Group) {
		g.Add(buf()).Op("=").Append(buf(), LitRune('{'))
		if len(r.Fields) == 0 {
			g.Add(buf()).Op("=").Append(buf(), LitRune('}'))
			return
		}
		g.Id("n").Op(":=").Len(buf())
		for _, fd := range r.Fields {
			writeField := func(g *Group, v *Statement) {
				g.Add(buf()).Op("=").Append(buf(), Lit(runtimejsonx.QuoteKey(fd.Name)).Op("..."))
				writeValue(g, v, fd.Type, 0)
				g.Add(buf()).Op("=").Append(buf(), LitRune(','))
			}
			if fd.Nullable {
				g.If(Id("x").Dot(fd.GoName).Dot("Valid")).BlockFunc(func(g *Group) {
					writeField(g, Id("x").Dot(fd.GoName).Dot("V"))
				})
			} else {
				writeField(g, Id("x").Dot(fd.GoName))
			}
		}
		g.If(Len(buf()).Op(">").Id("n")).Block(
			buf().Op("=").Add(buf()).Index(Empty(), Len(buf()).Op("-").Lit(1)).Comment("the last field's comma"),
		)
		g.Add(buf()).Op("=").Append(buf(), LitRune('}'))
	})
}

func buf() *Statement { return Id("e").Dot("Buf") }

// writers maps atomic kinds to the jsonx function appending their text.
var writers = map[ir.Kind]string{
	ir.Boolean: "AppendBool",
	ir.Float:   "AppendFloat",
	ir.Double:  "AppendDouble",
	ir.String:  "AppendString",
	ir.Binary:  "AppendBinary",
}

// writeValue emits code appending the JSON text of v (a non-null value of t).
func writeValue(g *Group, v *Statement, t *plan.GoType, depth int) {
	switch t.Kind {
	case ir.Byte, ir.Short, ir.Int, ir.Long:
		g.Add(buf()).Op("=").Add(jsonx("AppendInt")).Call(buf(), Int64().Call(v))
	case ir.Decimal:
		g.Add(buf()).Op("=").Add(jsonx("AppendDecimal")).Call(buf(), Op("&").Add(v))
	case ir.Date:
		g.Add(buf()).Op("=").Add(jsonx("AppendDate")).Call(buf(), Int32().Call(v))
	case ir.Timestamp:
		g.Add(buf()).Op("=").Add(jsonx("AppendTimestamp")).Call(buf(), Int64().Call(v), Id("e").Dot("Loc"))
	case ir.TimestampNTZ:
		g.Add(buf()).Op("=").Add(jsonx("AppendTimestampNTZ")).Call(buf(), Int64().Call(v))
	case ir.Struct:
		if t.Pointer {
			// A recursive record absent where it is not nullable.
			g.If(v.Clone().Op("==").Nil()).Block(buf().Op("=").Append(buf(), Lit("null").Op("..."))).Else().Block(v.Clone().Dot("WriteJSON").Call(Id("e")))
			return
		}
		g.Add(v).Dot("WriteJSON").Call(Id("e"))
	case ir.Null:
		g.Add(buf()).Op("=").Append(buf(), Lit("null").Op("..."))
	case ir.Array:
		writeArray(g, v, t, depth)
	case ir.Map:
		writeMap(g, v, t, depth)
	default:
		g.Add(buf()).Op("=").Add(jsonx(writers[t.Kind])).Call(buf(), v)
	}
}

// writeArray emits:
//
//	e.Buf = append(e.Buf, '[')
//	for i0 := range v {
//		if i0 > 0 {
//			e.Buf = append(e.Buf, ',')
//		}
//		if v[i0].Valid { ...write v[i0].V } else { e.Buf = append(e.Buf, "null"...) }
//	}
//	e.Buf = append(e.Buf, ']')
func writeArray(g *Group, v *Statement, t *plan.GoType, depth int) {
	i := Id(fmt.Sprintf("i%d", depth))
	g.Add(buf()).Op("=").Append(buf(), LitRune('['))
	g.For(i.Clone().Op(":=").Range().Add(v)).BlockFunc(func(g *Group) {
		g.If(i.Clone().Op(">").Lit(0)).Block(buf().Op("=").Append(buf(), LitRune(',')))
		writeNullable(g, v.Clone().Index(i), t.Elem, t.ElemNullable, depth+1)
	})
	g.Add(buf()).Op("=").Append(buf(), LitRune(']'))
}

// writeMap emits:
//
//	e.Buf = append(e.Buf, '{')
//	for i0 := range v {
//		if i0 > 0 {
//			e.Buf = append(e.Buf, ',')
//		}
//		e.Buf = jsonx.AppendString(e.Buf, v[i0].Key)
//		e.Buf = append(e.Buf, ':')
//		...write v[i0].Value, null when not Valid
//	}
//	e.Buf = append(e.Buf, '}')
func writeMap(g *Group, v *Statement, t *plan.GoType, depth int) {
	i := Id(fmt.Sprintf("i%d", depth))
	g.Add(buf()).Op("=").Append(buf(), LitRune('{'))
	g.For(i.Clone().Op(":=").Range().Add(v)).BlockFunc(func(g *Group) {
		g.If(i.Clone().Op(">").Lit(0)).Block(buf().Op("=").Append(buf(), LitRune(',')))
		writeMapKey(g, v.Clone().Index(i).Dot("Key"), t.Key)
		g.Add(buf()).Op("=").Append(buf(), LitRune(':'))
		writeNullable(g, v.Clone().Index(i).Dot("Value"), t.Value, t.ValueNullable, depth+1)
	})
	g.Add(buf()).Op("=").Append(buf(), LitRune('}'))
}

// writeMapKey writes a map key as a JSON string. Spark writes the key's
// toString; for strings and integers that is the plain text.
func writeMapKey(g *Group, k *Statement, t *plan.GoType) {
	switch t.Kind {
	case ir.String:
		g.Add(buf()).Op("=").Add(jsonx("AppendString")).Call(buf(), k)
	default:
		g.Add(buf()).Op("=").Append(buf(), LitRune('"'))
		writeValue(g, k, t, 99)
		g.Add(buf()).Op("=").Append(buf(), LitRune('"'))
	}
}

// writeNullable writes an array element or map value; null ones are written
// as null (Spark omits only null struct fields).
func writeNullable(g *Group, v *Statement, t *plan.GoType, nullable bool, depth int) {
	if !nullable {
		writeValue(g, v, t, depth)
		return
	}
	g.If(v.Clone().Dot("Valid")).BlockFunc(func(g *Group) {
		writeValue(g, v.Clone().Dot("V"), t, depth)
	}).Else().Block(
		buf().Op("=").Append(buf(), Lit("null").Op("...")),
	)
}
