package avrogen

import (
	"fmt"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/plan"
	"github.com/streamc/streamc/templates/internal/genutil"
)

func rd() *Statement { return Id("rd") }

// readField emits code reading a value of t into dst, an addressable Go
// value of type gt (sqltypes.Null[gt] when nullable). name names package
// variables the code needs (enum symbols).
func (e *emitter) readField(g *Group, dst *Statement, t *ir.Type, gt *plan.GoType, nullable bool, name string, depth int) {
	a := info(t)
	if a.Type == "null" {
		// Always NULL, and takes no bytes.
		if nullable {
			g.Add(dst).Op("=").Add(genutil.Nullable(genutil.GoType(gt), true)).Values()
		}
		return
	}
	if a.Type == "union" {
		e.readUnion(g, dst, t, gt, nullable, name, depth)
		return
	}
	if !nullable {
		e.readValue(g, dst, t, gt, name, depth)
		return
	}
	//	if rd.Union(2) == 1 { dst = sqltypes.Null[T]{} } else { read dst.V; dst.Valid = true }
	g.If(rd().Dot("Union").Call(Lit(2)).Op("==").Lit(nullIndex(t))).Block(
		dst.Clone().Op("=").Add(genutil.Nullable(genutil.GoType(gt), true)).Values(),
	).Else().BlockFunc(func(g *Group) {
		e.readValue(g, inner(dst), t, gt, name, depth)
		g.Add(valid(dst)).Op("=").True()
	})
}

// readUnion emits a general union: a switch on the branch index. Spark's
// shapes: int/long as long, float/double as double, a single non-null
// branch as itself, anything else as a struct of members.
func (e *emitter) readUnion(g *Group, dst *Statement, t *ir.Type, gt *plan.GoType, nullable bool, name string, depth int) {
	a := t.Avro
	target := dst
	if nullable {
		target = inner(dst)
	}
	members := isMembers(t)
	member := 0
	g.Switch(rd().Dot("Union").Call(Lit(len(a.Union)))).BlockFunc(func(g *Group) {
		for i, b := range a.Union {
			g.Case(Lit(i)).BlockFunc(func(g *Group) {
				if b.Kind == ir.Null {
					if nullable {
						g.Add(dst).Op("=").Add(genutil.Nullable(genutil.GoType(gt), true)).Values()
					}
					return
				}
				switch {
				case members:
					rec := gt.Record
					fd := rec.Fields[member]
					g.Add(target).Op("=").Id(rec.GoName).Values()
					m := target.Clone().Dot(fd.GoName)
					e.readValue(g, inner(m), b, fd.Type, fmt.Sprintf("%s_%s", name, fd.GoName), depth)
					g.Add(valid(m)).Op("=").True()
					member++
				case t.Kind == ir.Long || t.Kind == ir.Double:
					// Spark reads each branch's raw number, ignoring
					// logical types (a timestamp-millis branch stays
					// milliseconds), and widens it.
					switch info(b).Type {
					case "int":
						g.Add(target).Op("=").Int64().Call(rd().Dot("Int").Call())
					case "long":
						g.Add(target).Op("=").Add(rd().Dot("Long").Call())
					case "float":
						g.Add(target).Op("=").Float64().Call(rd().Dot("Float").Call())
					default:
						g.Add(target).Op("=").Add(rd().Dot("Double").Call())
					}
				default:
					e.readValue(g, target, b, gt, name, depth)
				}
				if nullable {
					g.Add(valid(dst)).Op("=").True()
				}
			})
		}
	})
}

// readValue emits code reading a non-null value of t into dst.
func (e *emitter) readValue(g *Group, dst *Statement, t *ir.Type, gt *plan.GoType, name string, depth int) {
	a := info(t)
	set := func(x *Statement) { g.Add(dst).Op("=").Add(x) }
	switch a.Type {
	case "null":
		return
	case "boolean":
		set(rd().Dot("Bool").Call())
	case "int":
		x := rd().Dot("Int").Call()
		switch t.Kind {
		case ir.Date:
			x = Qual(genutil.SQLTypes, "Date").Call(x)
		case ir.Byte:
			x = Int8().Call(x)
		case ir.Short:
			x = Int16().Call(x)
		}
		set(x)
	case "long":
		x := rd().Dot("Long").Call()
		switch {
		case t.Kind == ir.Timestamp && a.Logical == "timestamp-millis":
			x = Qual(genutil.SQLTypes, "Timestamp").Call(avrort("MillisToMicros").Call(rd(), x))
		case t.Kind == ir.Timestamp:
			x = Qual(genutil.SQLTypes, "Timestamp").Call(x)
		case t.Kind == ir.TimestampNTZ && a.Logical == "local-timestamp-millis":
			x = Qual(genutil.SQLTypes, "TimestampNTZ").Call(avrort("MillisToMicros").Call(rd(), x))
		case t.Kind == ir.TimestampNTZ:
			x = Qual(genutil.SQLTypes, "TimestampNTZ").Call(x)
		}
		set(x)
	case "float":
		set(rd().Dot("Float").Call())
	case "double":
		set(rd().Dot("Double").Call())
	case "string":
		if t.Kind == ir.Binary {
			set(Append(dst.Clone().Index(Empty(), Lit(0)), rd().Dot("Bytes").Call().Op("...")))
			return
		}
		set(rd().Dot("String").Call())
	case "bytes":
		if t.Kind == ir.Decimal {
			g.Add(rd()).Dot("Decimal").Call(Lit(a.Scale), Op("&").Add(dst))
			g.Add(avrort("CheckPrecision")).Call(rd(), Op("&").Add(dst), Lit(a.Precision))
			return
		}
		if t.Kind == ir.String {
			set(rd().Dot("String").Call())
			return
		}
		set(Append(dst.Clone().Index(Empty(), Lit(0)), rd().Dot("Bytes").Call().Op("...")))
	case "fixed":
		if t.Kind == ir.Decimal {
			g.Add(rd()).Dot("DecimalFixed").Call(Lit(a.FixedSize), Lit(a.Scale), Op("&").Add(dst))
			g.Add(avrort("CheckPrecision")).Call(rd(), Op("&").Add(dst), Lit(a.Precision))
			return
		}
		set(Append(dst.Clone().Index(Empty(), Lit(0)), rd().Dot("Fixed").Call(Lit(a.FixedSize)).Op("...")))
	case "enum":
		if len(a.Symbols) == 0 {
			// No datum has a value here: Enum(0) fails rd, and there is
			// no table to index.
			g.Add(rd()).Dot("Enum").Call(Lit(0))
			set(Lit(""))
			return
		}
		syms := e.enumSymbols(a, name)
		set(Id(syms).Index(rd().Dot("Enum").Call(Lit(len(a.Symbols)))))
	case "array":
		e.readArray(g, dst, t, gt, name, depth)
	case "map":
		e.readMap(g, dst, t, gt, name, depth)
	case "record":
		if gt.Pointer {
			g.If(dst.Clone().Op("==").Nil()).Block(dst.Clone().Op("=").New(Id(gt.Record.GoName)))
		}
		if e.atLevel && e.leveled[gt.Record] {
			g.Add(dst).Dot("readAvroAt").Call(rd(), Id("level").Op("+").Lit(1))
			return
		}
		g.Add(dst).Dot("ReadAvro").Call(rd())
	default:
		panic(fmt.Sprintf("avrogen: Avro type %q of %s", a.Type, t.SimpleString()))
	}
}

// readArray emits:
//
//	dst = dst[:0]
//	for n := rd.BlockCount(min); n > 0; n = rd.BlockCount(min) {
//		for range n {
//			dst = avrort.Grow(dst)
//			...read into dst[len(dst)-1]
//		}
//	}
//
// Grow reuses the elements a previous decode left, so slices inside them
// keep their memory.
func (e *emitter) readArray(g *Group, dst *Statement, t *ir.Type, gt *plan.GoType, name string, depth int) {
	n := Id(fmt.Sprintf("n%d", depth))
	min := Lit(minSize(t.Elem, t.ContainsNull))
	g.Add(dst).Op("=").Add(dst).Index(Empty(), Lit(0))
	g.For(n.Clone().Op(":=").Add(rd()).Dot("BlockCount").Call(min), n.Clone().Op(">").Lit(0), n.Clone().Op("=").Add(rd()).Dot("BlockCount").Call(min)).BlockFunc(func(g *Group) {
		g.For(Range().Add(n)).BlockFunc(func(g *Group) {
			g.Add(dst).Op("=").Add(avrort("Grow")).Call(dst)
			el := dst.Clone().Index(Len(dst).Op("-").Lit(1))
			e.readField(g, el, t.Elem, gt.Elem, t.ContainsNull, name+"Elem", depth+1)
		})
	})
}

// readMap is readArray over sqltypes.Entry values, keys read as strings.
func (e *emitter) readMap(g *Group, dst *Statement, t *ir.Type, gt *plan.GoType, name string, depth int) {
	n := Id(fmt.Sprintf("n%d", depth))
	min := Lit(1 + minSize(t.Value, t.ValueContainsNull))
	g.Add(dst).Op("=").Add(dst).Index(Empty(), Lit(0))
	g.For(n.Clone().Op(":=").Add(rd()).Dot("BlockCount").Call(min), n.Clone().Op(">").Lit(0), n.Clone().Op("=").Add(rd()).Dot("BlockCount").Call(min)).BlockFunc(func(g *Group) {
		g.For(Range().Add(n)).BlockFunc(func(g *Group) {
			g.Add(dst).Op("=").Add(avrort("Grow")).Call(dst)
			el := dst.Clone().Index(Len(dst).Op("-").Lit(1))
			g.Add(el).Dot("Key").Op("=").Add(rd()).Dot("String").Call()
			e.readField(g, el.Clone().Dot("Value"), t.Value, gt.Value, t.ValueContainsNull, name+"Value", depth+1)
		})
	})
}

// enumSymbols declares (once per file) the symbol table of an enum, indexed
// by the symbol's number, and returns its name.
func (e *emitter) enumSymbols(a *ir.AvroInfo, name string) string {
	key := a.FullName + fmt.Sprint(a.Symbols)
	if e.symbols == nil {
		e.symbols = map[string]string{}
	}
	if v, ok := e.symbols[key]; ok {
		return v
	}
	// name is a path of Go names, so two enums can meet on one (field
	// "a" of array<E1> and field "aElem" of E2 both give "R_AElem").
	v := "avroSymbols_" + name
	for i := 2; e.declared[v]; i++ {
		v = fmt.Sprintf("avroSymbols_%s_%d", name, i)
	}
	e.symbols[key] = v
	if e.declared == nil {
		e.declared = map[string]bool{}
	}
	e.declared[v] = true
	var lits []Code
	for _, s := range a.Symbols {
		lits = append(lits, Lit(s))
	}
	e.f.Commentf("%s are the symbols of enum %s, by number.", v, a.FullName)
	e.f.Var().Id(v).Op("=").Index(Op("...")).String().Values(lits...)
	return v
}
