// Package jsongen emits each record's JSON decoder (Spark's from_json) and
// encoder (Spark's to_json): straight-line code over internal/runtime/jsonx, no
// reflection, no encoding/json.
package jsongen

import (
	"fmt"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/plan"
	"github.com/streamc/streamc/templates/internal/genutil"
)

// Gen emits the JSON codecs of r and its nested records.
func Gen(pkg *plan.Package, r *plan.Record) *File {
	f := genutil.NewGoFile(pkg, r.Source)
	if !r.EncodeOnly {
		genDecodeEntry(f, r)
	}
	for _, rec := range append([]*plan.Record{r}, r.Nested...) {
		if !r.EncodeOnly {
			genRead(f, rec)
		}
		genWrite(f, rec)
	}
	return f
}

func jsonx(name string) *Statement { return genutil.RT(genutil.JSONX, name) }

// genDecodeEntry emits:
//
//	func (x *Invoice) DecodeJSON(data []byte) error {
//		var in jsonx.Decoder
//		return x.DecodeJSONWith(&in, data)
//	}
//
//	func (x *Invoice) DecodeJSONWith(in *jsonx.Decoder, data []byte) error {
//		in.Reset(data)
//		x.ReadJSON(in)
//		err := in.Finish()
//		if err != nil {
//			if in.Err() != nil {
//				*x = Invoice{}
//			}
//			x.CorruptRecord = sqltypes.Some(string(data))
//		}
//		return err
//	}
func genDecodeEntry(f *File, r *plan.Record) {
	doc := "DecodeJSON decodes data into x as Spark's from_json does. x always holds " +
		"the PERMISSIVE result: on a syntax error every field is null, on a type " +
		"mismatch only the field concerned"
	if r.Corrupt != nil {
		doc += "; either way " + r.Corrupt.Name + " holds the raw input"
	}
	doc += ". The error, if any, gives the byte offset and the reason: FAILFAST " +
		"callers stop on it, DROPMALFORMED callers drop x. Empty input is " +
		"jsonx.ErrEmpty (Spark's null). Times are read in UTC."
	genutil.DocComment(f, doc)
	f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("DecodeJSON").Params(Id("data").Index().Byte()).Error().Block(
		Var().Id("in").Add(jsonx("Decoder")),
		Return(Id("x").Dot("DecodeJSONWith").Call(Op("&").Id("in"), Id("data"))),
	)

	body := func(g *Group, read *Statement) {
		g.Id("in").Dot("Reset").Call(Id("data"))
		g.Add(read)
		g.Err().Op(":=").Id("in").Dot("Finish").Call()
		g.If(Err().Op("!=").Nil()).BlockFunc(func(g *Group) {
			g.If(Id("in").Dot("Err").Call().Op("!=").Nil()).Block(
				Op("*").Id("x").Op("=").Id(r.GoName).Values(),
			)
			if c := r.Corrupt; c != nil {
				if c.Nullable {
					g.Id("x").Dot(c.GoName).Op("=").Qual(genutil.SQLTypes, "Some").Call(String().Parens(Id("data")))
				} else {
					g.Id("x").Dot(c.GoName).Op("=").String().Parens(Id("data"))
				}
			}
		})
		g.Return(Err())
	}
	f.Comment("DecodeJSONWith is DecodeJSON with a reusable decoder, whose Loc is the")
	f.Comment("session time zone.")
	decodeWith := f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("DecodeJSONWith").Params(
		Id("in").Op("*").Add(jsonx("Decoder")), Id("data").Index().Byte(),
	).Error()
	if !maskable(r) {
		decodeWith.BlockFunc(func(g *Group) { body(g, Id("x").Dot("ReadJSON").Call(Id("in"))) })
		return
	}
	decodeWith.Block(Return(Id("x").Dot("DecodeJSONFieldsWith").Call(Id("in"), Id("data"), Op("^").Uint64().Call(Lit(0)))))
	if len(r.FieldBits) == len(r.Fields) {
		f.Commentf("The bits of %s's fields in the want of DecodeJSONFieldsWith.", r.GoName)
		f.Const().DefsFunc(func(g *Group) {
			for i, name := range r.FieldBits {
				if i == 0 {
					g.Id(name).Uint64().Op("=").Lit(1).Op("<<").Iota()
				} else {
					g.Id(name)
				}
			}
		})
	}
	f.Comment("DecodeJSONFieldsWith is DecodeJSONWith reading only the fields whose bit")
	f.Comment("(1<<i for the i-th field) is set in want; the others stay null, their")
	f.Comment("values only checked for syntax, so the outcome for the fields read is")
	f.Comment("DecodeJSONWith's.")
	f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("DecodeJSONFieldsWith").Params(
		Id("in").Op("*").Add(jsonx("Decoder")), Id("data").Index().Byte(), Id("want").Uint64(),
	).Error().BlockFunc(func(g *Group) { body(g, Id("x").Dot("ReadJSONFields").Call(Id("in"), Id("want"))) })
}

// genRead emits:
//
//	func (x *Invoice) ReadJSON(in *jsonx.Decoder) bool {
//		*x = Invoice{}
//		if !in.BeginObject() {
//			return false
//		}
//		for in.NextField() {
//			switch string(in.Key()) {
//			case "InvoiceNumber":
//				x.InvoiceNumber.V, x.InvoiceNumber.Valid = in.String()
//			default:
//				in.Skip()
//			}
//		}
//		return true
//	}
func genRead(f *File, r *plan.Record) {
	f.Commentf("ReadJSON reads one %s object from in. It reports whether there was one:", r.GoName)
	f.Comment("false for JSON null, and for any other token, which in records as a")
	f.Comment("type mismatch. Keys match case-sensitively; unknown keys are skipped.")
	readJSON := f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("ReadJSON").Params(Id("in").Op("*").Add(jsonx("Decoder"))).Bool()
	masked := r.FileBase != "" && maskable(r)
	if masked {
		readJSON.Block(Return(Id("x").Dot("ReadJSONFields").Call(Id("in"), Op("^").Uint64().Call(Lit(0)))))
		f.Comment("ReadJSONFields is ReadJSON reading only the fields whose bit is set in")
		f.Comment("want (1<<i for the i-th field) and skipping the others.")
		readJSON = f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("ReadJSONFields").Params(Id("in").Op("*").Add(jsonx("Decoder")), Id("want").Uint64()).Bool()
	}
	readJSON.Block(
		Op("*").Id("x").Op("=").Id(r.GoName).Values(),
		If(Op("!").Id("in").Dot("BeginObject").Call()).Block(Return(False())),
		For(Id("in").Dot("NextField").Call()).Block(
			Switch(String().Parens(Id("in").Dot("Key").Call())).BlockFunc(func(g *Group) {
				for i, fd := range r.Fields {
					g.Case(Lit(fd.Name)).BlockFunc(func(g *Group) {
						if !masked {
							readValue(g, Id("x").Dot(fd.GoName), fd.Type, fd.Nullable, 0)
							return
						}
						g.If(Id("want").Op("&").Parens(Lit(1).Op("<<").Lit(i)).Op("==").Lit(0)).Block(
							Id("in").Dot("Skip").Call(),
							Continue(),
						)
						readValue(g, Id("x").Dot(fd.GoName), fd.Type, fd.Nullable, 0)
					})
				}
				g.Default().Block(Id("in").Dot("Skip").Call())
			}),
		),
		Return(True()),
	)
}

// readers maps atomic kinds to their jsonx.Decoder method.
var readers = map[ir.Kind]string{
	ir.Boolean:      "Bool",
	ir.Byte:         "Int8",
	ir.Short:        "Int16",
	ir.Int:          "Int32",
	ir.Long:         "Int64",
	ir.Float:        "Float32",
	ir.Double:       "Float64",
	ir.String:       "String",
	ir.Binary:       "Binary",
	ir.Date:         "Date",
	ir.Timestamp:    "Timestamp",
	ir.TimestampNTZ: "TimestampNTZ",
}

// readValue emits code reading one JSON value into dst, an lvalue of t's Go
// type (wrapped in sqltypes.Null when nullable). depth names the loop
// variables of nested arrays and maps.
func readValue(g *Group, dst *Statement, t *plan.GoType, nullable bool, depth int) {
	val, valid := dst.Clone(), Null()
	if nullable {
		val, valid = dst.Clone().Dot("V"), dst.Clone().Dot("Valid")
	}
	// set records presence: a call's result is still evaluated when the
	// field is not nullable, a plain flag is then dropped.
	set := func(ok *Statement, isCall bool) {
		switch {
		case nullable:
			g.Add(valid).Op("=").Add(ok)
		case isCall:
			g.Add(ok)
		}
	}
	switch t.Kind {
	case ir.Struct:
		set(val.Clone().Dot("ReadJSON").Call(Id("in")), true)
	case ir.Decimal:
		set(Id("in").Dot("Decimal").Call(Lit(t.Precision), Lit(t.Scale), Op("&").Add(val)), true)
	case ir.Date, ir.Timestamp, ir.TimestampNTZ:
		// The decoder returns plain integers; the field has a named type.
		v, ok := Id(fmt.Sprintf("v%d", depth)), Id(fmt.Sprintf("ok%d", depth))
		if !nullable {
			ok = Id("_")
		}
		g.List(v, ok).Op(":=").Id("in").Dot(readers[t.Kind]).Call()
		g.Add(val).Op("=").Add(genutil.GoType(t)).Call(v)
		set(ok, false)
	case ir.Array:
		readArray(g, val, t, depth)
		set(Id(fmt.Sprintf("ok%d", depth)), false)
	case ir.Map:
		readMap(g, val, t, depth)
		set(Id(fmt.Sprintf("ok%d", depth)), false)
	case ir.Null:
		// Spark's void: whatever is there reads as NULL.
		g.Id("in").Dot("Skip").Call()
	default:
		if nullable {
			g.List(val, valid).Op("=").Id("in").Dot(readers[t.Kind]).Call()
		} else {
			g.List(val, Id("_")).Op("=").Id("in").Dot(readers[t.Kind]).Call()
		}
	}
}

// readArray emits:
//
//	ok0 := in.BeginArray()
//	if ok0 {
//		s0 := dst[:0]
//		for in.NextElem() {
//			s0 = append(s0, T{})
//			e0 := &s0[len(s0)-1]
//			... read into *e0
//		}
//		dst = s0
//	}
func readArray(g *Group, dst *Statement, t *plan.GoType, depth int) {
	ok, s, e := Id(fmt.Sprintf("ok%d", depth)), Id(fmt.Sprintf("s%d", depth)), Id(fmt.Sprintf("e%d", depth))
	elemType := genutil.Nullable(genutil.GoType(t.Elem), t.ElemNullable)
	g.Add(ok).Op(":=").Id("in").Dot("BeginArray").Call()
	g.If(ok).BlockFunc(func(g *Group) {
		g.Add(s).Op(":=").Add(dst.Clone()).Index(Empty(), Lit(0))
		// An empty array is not NULL: keep it non-nil (no allocation).
		g.If(s.Clone().Op("==").Nil()).Block(s.Clone().Op("=").Index().Add(elemType.Clone()).Values())
		each, after := elementFailure(g, ok, t.Elem, depth)
		g.For(Id("in").Dot("NextElem").Call()).BlockFunc(func(g *Group) {
			each(g)
			// Start with room for a few elements: one allocation instead of
			// append's 1, 2, 4 growth for short arrays.
			g.If(Cap(s).Op("==").Lit(0)).Block(s.Clone().Op("=").Make(Index().Add(elemType.Clone()), Lit(0), Lit(4)))
			g.Add(s).Op("=").Append(s, zeroValue(elemType, t.Elem, t.ElemNullable))
			g.Add(e).Op(":=").Op("&").Add(s).Index(Len(s).Op("-").Lit(1))
			readValue(g, elemRef(e, t.Elem, t.ElemNullable), t.Elem, t.ElemNullable, depth+1)
		})
		after(g)
		g.Add(dst.Clone()).Op("=").Add(s)
	})
}

// elementFailure makes a container NULL when one of its elements fails to
// decode, as Spark does: the failure nulls everything up to the nearest
// struct, whose other fields survive. For struct elements only a wrong token
// in place of the object counts (a struct keeps its partial result); for any
// other element a mismatch anywhere inside does. It emits the set-up before
// the loop and returns what to emit in each iteration and after the loop:
//
//	n0 := in.Mismatches()
//	for ... { ... }
//	if in.Mismatches() > n0 {
//		ok0 = false
//	}
//
// or, for struct elements, at the top of each iteration:
//
//	if k := in.PeekKind(); k != jsonx.KindObject && k != jsonx.KindNull {
//		ok0 = false
//	}
func elementFailure(g *Group, ok *Statement, elem *plan.GoType, depth int) (each, after func(*Group)) {
	if elem.Kind == ir.Struct {
		each = func(g *Group) {
			g.If(
				Id("k").Op(":=").Id("in").Dot("PeekKind").Call(),
				Id("k").Op("!=").Add(jsonx("KindObject")).Op("&&").Id("k").Op("!=").Add(jsonx("KindNull")),
			).Block(ok.Clone().Op("=").False())
		}
		return each, func(*Group) {}
	}
	n := Id(fmt.Sprintf("n%d", depth))
	g.Add(n).Op(":=").Id("in").Dot("Mismatches").Call()
	after = func(g *Group) {
		g.If(Id("in").Dot("Mismatches").Call().Op(">").Add(n)).Block(ok.Clone().Op("=").False())
	}
	return func(*Group) {}, after
}

// readMap emits:
//
//	ok0 := in.BeginObject()
//	if ok0 {
//		m0 := dst[:0]
//		for in.NextField() {
//			m0 = append(m0, sqltypes.Entry[string, V]{Key: string(in.Key())})
//			e0 := &m0[len(m0)-1]
//			... read into e0.Value
//		}
//		dst = m0
//	}
func readMap(g *Group, dst *Statement, t *plan.GoType, depth int) {
	ok, m, e := Id(fmt.Sprintf("ok%d", depth)), Id(fmt.Sprintf("m%d", depth)), Id(fmt.Sprintf("e%d", depth))
	entry := Qual(genutil.SQLTypes, "Entry").Types(genutil.GoType(t.Key), genutil.Nullable(genutil.GoType(t.Value), t.ValueNullable))
	g.Add(ok).Op(":=").Id("in").Dot("BeginObject").Call()
	g.If(ok).BlockFunc(func(g *Group) {
		g.Add(m).Op(":=").Add(dst.Clone()).Index(Empty(), Lit(0))
		g.If(m.Clone().Op("==").Nil()).Block(m.Clone().Op("=").Index().Add(entry.Clone()).Values())
		each, after := elementFailure(g, ok, t.Value, depth)
		g.For(Id("in").Dot("NextField").Call()).BlockFunc(func(g *Group) {
			each(g)
			g.Add(m).Op("=").Append(m, entry.Clone().Values(Dict{Id("Key"): String().Parens(Id("in").Dot("Key").Call())}))
			g.Add(e).Op(":=").Op("&").Add(m).Index(Len(m).Op("-").Lit(1))
			readValue(g, e.Clone().Dot("Value"), t.Value, t.ValueNullable, depth+1)
		})
		after(g)
		g.Add(dst.Clone()).Op("=").Add(m)
	})
}

// elemRef is the lvalue of a slice element reached through pointer e: the
// pointer itself works for method calls and .V/.Valid, a dereference for
// plain assignment.
func elemRef(e *Statement, t *plan.GoType, nullable bool) *Statement {
	if nullable || t.Kind == ir.Struct {
		return e.Clone()
	}
	return Parens(Op("*").Add(e))
}

func zeroValue(typ *Statement, t *plan.GoType, nullable bool) *Statement {
	if nullable {
		return typ.Clone().Values()
	}
	switch t.Kind {
	case ir.Struct, ir.Decimal:
		return typ.Clone().Values()
	case ir.Array, ir.Map, ir.Binary:
		return Nil()
	case ir.String:
		return Lit("")
	case ir.Boolean:
		return False()
	}
	return typ.Clone().Call(Lit(0))
}

// maskable reports whether a top-level record gets the decoders that read a
// subset of its fields (a query's projection), chosen by a 64-bit mask.
func maskable(r *plan.Record) bool {
	return len(r.Fields) <= 64
}
