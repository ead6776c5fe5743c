package querygen

import (
	. "github.com/dave/jennifer/jen"
	"github.com/streamc/streamc/templates/internal/genutil"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/plan"
)

const (
	consolesink   = "github.com/streamc/streamc/internal/runtime/sink/consolesink"
	sparktextPath = "github.com/streamc/streamc/internal/runtime/sparktext"
)

// consoleColumns are the console sink's column names, the output row's.
func consoleColumns(q *plan.Query) []Code {
	var names []Code
	for _, f := range q.Sink.Row.Fields {
		names = append(names, Lit(f.Name))
	}
	return names
}

// consoleMessage hands the console sink the output row as cells: each
// column's text as Dataset.show casts it (ToPrettyString: NULL for null,
// Java's number text, timestamps in the session time zone, {a, b} for
// structs and maps, [x, y] for arrays, binary in hex).
func (c *compiler) consoleMessage(g *Group, msg *Statement, cols []val) {
	rec := c.q.Row
	if rec == nil {
		c.unsupported("console sink without a row record")
	}
	row := c.shared("row", Id(rec.GoName), nil)
	for i, f := range rec.Fields {
		c.store(g, cp(row).Dot(f.GoName), f.Nullable, c.coerce(cols[i], c.q.Sink.Row.Fields[i].Type))
	}
	cells := c.shared("cells", genutil.RT(consolesink, "Row"), nil)
	g.Add(cells).Dot("Reset").Call()
	for _, f := range rec.Fields {
		c.showText(g, cells, cp(row).Dot(f.GoName), f.Type, f.Nullable)
		g.Add(cells).Dot("End").Call()
	}
	g.Add(msg).Op("=").Add(genutil.RT(sinkPkg, "Message")).Values(Dict{Id("Cells"): cp(cells).Dot("Cells").Call(), Id("Partition"): Lit(-1)})
}

// showText appends the text of v (of type t; a sqltypes.Null when
// nullable) to cells.Buf, as ToStringBase with ToPrettyString's settings
// writes it.
func (c *compiler) showText(g *Group, cells, v *Statement, t *plan.GoType, nullable bool) {
	buf := func() *Statement { return cp(cells).Dot("Buf") }
	set := func(x *Statement) { g.Add(buf()).Op("=").Add(x) }
	if nullable {
		g.If(Op("!").Add(cp(v)).Dot("Valid")).Block(
			buf().Op("=").Append(buf(), Lit("NULL").Op("...")),
		).Else().BlockFunc(func(g *Group) { c.showText(g, cells, cp(v).Dot("V"), t, false) })
		return
	}
	switch t.Kind {
	case ir.Null:
		set(Append(buf(), Lit("NULL").Op("...")))
	case ir.Boolean:
		set(Qual("strconv", "AppendBool").Call(buf(), v))
	case ir.Byte, ir.Short, ir.Int:
		set(Qual("strconv", "AppendInt").Call(buf(), Int64().Call(v), Lit(10)))
	case ir.Long:
		set(Qual("strconv", "AppendInt").Call(buf(), v, Lit(10)))
	case ir.Float:
		set(genutil.RT(sparktextPath, "AppendFloat").Call(buf(), v))
	case ir.Double:
		set(genutil.RT(sparktextPath, "AppendDouble").Call(buf(), v))
	case ir.Decimal:
		set(genutil.RT(sparktextPath, "AppendDecimalPlain").Call(buf(), Op("&").Add(v)))
	case ir.String:
		set(Append(buf(), v.Op("...")))
	case ir.Binary:
		set(genutil.RT(consolesink, "AppendBinary").Call(buf(), v))
	case ir.Date:
		set(genutil.RT(sparktextPath, "AppendDate").Call(buf(), Int32().Call(v)))
	case ir.Timestamp:
		set(sqlfn("AppendTimestampString").Call(buf(), Int64().Call(v), c.loc()))
	case ir.TimestampNTZ:
		set(sqlfn("AppendTimestampString").Call(buf(), Int64().Call(v), Nil()))
	case ir.Array:
		i, e := c.name("i"), c.name("e")
		set(Append(buf(), LitRune('[')))
		g.For(List(Id(i), Id(e)).Op(":=").Range().Add(v)).BlockFunc(func(g *Group) {
			g.If(Id(i).Op(">").Lit(0)).Block(buf().Op("=").Append(buf(), Lit(", ").Op("...")))
			c.showText(g, cells, Id(e), t.Elem, t.ElemNullable)
		})
		set(Append(buf(), LitRune(']')))
	case ir.Map:
		i, e := c.name("i"), c.name("e")
		set(Append(buf(), LitRune('{')))
		g.For(List(Id(i), Id(e)).Op(":=").Range().Add(v)).BlockFunc(func(g *Group) {
			g.If(Id(i).Op(">").Lit(0)).Block(buf().Op("=").Append(buf(), Lit(", ").Op("...")))
			c.showText(g, cells, Id(e).Dot("Key"), t.Key, false)
			g.Add(buf()).Op("=").Append(buf(), Lit(" -> ").Op("..."))
			c.showText(g, cells, Id(e).Dot("Value"), t.Value, t.ValueNullable)
		})
		set(Append(buf(), LitRune('}')))
	case ir.Struct:
		if t.Pointer || t.Record == nil {
			c.unsupported("console column of a recursive struct")
		}
		set(Append(buf(), LitRune('{')))
		for i, f := range t.Record.Fields {
			if i > 0 {
				set(Append(buf(), Lit(", ").Op("...")))
			}
			c.showText(g, cells, cp(v).Dot(f.GoName), f.Type, f.Nullable)
		}
		set(Append(buf(), LitRune('}')))
	default:
		c.unsupported("console column of type %s", t.Kind)
	}
}
