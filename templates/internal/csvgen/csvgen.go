// Package csvgen emits the CSV decoder (Spark's from_csv) and encoder
// (to_csv) of flat records, over internal/runtime/csvx.
package csvgen

import (
	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/plan"
	"github.com/streamc/streamc/templates/internal/genutil"
)

// Gen emits the CSV codecs of r, which must be flat (r.CSV).
func Gen(pkg *plan.Package, r *plan.Record) *File {
	f := genutil.NewGoFile(pkg, r.Source)
	genDecode(f, r)
	genRead(f, r)
	genWrite(f, r)
	genHeader(f, r)
	return f
}

func csvx(name string) *Statement { return genutil.RT(genutil.CSVX, name) }

// genDecode emits:
//
//	func (x *T) DecodeCSV(line []byte, o *csvx.Options) error {
//		var d csvx.Decoder
//		return x.DecodeCSVWith(&d, line, o)
//	}
//
//	func (x *T) DecodeCSVWith(d *csvx.Decoder, line []byte, o *csvx.Options) error {
//		d.Reset(line, o)
//		x.ReadCSV(d)
//		err := d.Finish()
//		if err != nil {
//			if _, syntax := err.(*csvx.SyntaxError); syntax {
//				*x = T{}
//			}
//			x.Corrupt = sqltypes.Some(string(line))
//			csvx.NameColumn(err, csvColumns_T)
//		}
//		return err
//	}
//
//	var csvColumns_T = []string{"A", ...}
func genDecode(f *File, r *plan.Record) {
	columns := r.CSVColumns
	doc := "DecodeCSV decodes one CSV record (a line without its separator) into x as " +
		"Spark's from_csv does. x always holds the PERMISSIVE result: missing tokens " +
		"and values that do not parse are null, extra tokens are dropped"
	if r.Corrupt != nil {
		doc += "; " + r.Corrupt.Name + " holds the raw line when the record is malformed"
	}
	doc += ". The error says why the record is malformed, if it is."
	genutil.DocComment(f, doc)
	f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("DecodeCSV").Params(
		Id("line").Index().Byte(), Id("o").Op("*").Add(csvx("Options")),
	).Error().Block(
		Var().Id("d").Add(csvx("Decoder")),
		Return(Id("x").Dot("DecodeCSVWith").Call(Op("&").Id("d"), Id("line"), Id("o"))),
	)
	f.Comment("DecodeCSVWith is DecodeCSV with a reusable decoder.")
	f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("DecodeCSVWith").Params(
		Id("d").Op("*").Add(csvx("Decoder")), Id("line").Index().Byte(), Id("o").Op("*").Add(csvx("Options")),
	).Error().BlockFunc(func(g *Group) {
		g.Id("d").Dot("Reset").Call(Id("line"), Id("o"))
		g.Id("x").Dot("ReadCSV").Call(Id("d"))
		g.Err().Op(":=").Id("d").Dot("Finish").Call()
		g.If(Err().Op("!=").Nil()).BlockFunc(func(g *Group) {
			g.If(List(Id("_"), Id("syntax")).Op(":=").Err().Assert(Op("*").Add(csvx("SyntaxError"))), Id("syntax")).Block(
				Op("*").Id("x").Op("=").Id(r.GoName).Values(),
			)
			if c := r.Corrupt; c != nil {
				raw := String().Parens(Id("line"))
				if c.Nullable {
					raw = Qual(genutil.SQLTypes, "Some").Call(raw)
				}
				g.Id("x").Dot(c.GoName).Op("=").Add(raw)
			}
			g.Add(csvx("NameColumn")).Call(Err(), Id(columns))
		})
		g.Return(Err())
	})
	var names []Code
	for _, fd := range r.Fields {
		if fd != r.Corrupt {
			names = append(names, Lit(fd.Name))
		}
	}
	f.Commentf("%s are the columns ReadCSV reads, in order: errors name them.", columns)
	f.Var().Id(columns).Op("=").Index().String().Values(names...)
}

var readers = map[ir.Kind]string{
	ir.Boolean: "Bool", ir.Byte: "Int8", ir.Short: "Int16", ir.Int: "Int32",
	ir.Long: "Int64", ir.Float: "Float32", ir.Double: "Float64", ir.String: "String",
	ir.Binary: "Binary", ir.Date: "Date", ir.Timestamp: "Timestamp", ir.TimestampNTZ: "TimestampNTZ",
}

// genRead emits:
//
//	func (x *T) ReadCSV(d *csvx.Decoder) {
//		*x = T{}
//		x.A.V, x.A.Valid = d.String()
//		...
//	}
func genRead(f *File, r *plan.Record) {
	f.Comment("ReadCSV reads x's fields from the next tokens of d, in schema order. The")
	f.Comment("corrupt-record column, if any, takes no token (as in Spark).")
	f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("ReadCSV").Params(Id("d").Op("*").Add(csvx("Decoder"))).BlockFunc(func(g *Group) {
		g.Op("*").Id("x").Op("=").Id(r.GoName).Values()
		for _, fd := range r.Fields {
			if fd == r.Corrupt {
				continue
			}
			dst := Id("x").Dot(fd.GoName)
			val, ok := dst.Clone(), Id("_")
			if fd.Nullable {
				val, ok = dst.Clone().Dot("V"), dst.Clone().Dot("Valid")
			}
			switch fd.Type.Kind {
			case ir.Decimal:
				call := Id("d").Dot("Decimal").Call(Lit(fd.Type.Precision), Lit(fd.Type.Scale), Op("&").Add(val))
				if fd.Nullable {
					g.Add(ok).Op("=").Add(call)
				} else {
					g.Add(call)
				}
			case ir.Date, ir.Timestamp, ir.TimestampNTZ:
				g.BlockFunc(func(g *Group) {
					g.List(Id("v"), Id("ok")).Op(":=").Id("d").Dot(readers[fd.Type.Kind]).Call()
					g.Add(val).Op("=").Add(genutil.GoType(fd.Type)).Call(Id("v"))
					if fd.Nullable {
						g.Add(ok).Op("=").Id("ok")
					} else {
						g.Id("_").Op("=").Id("ok")
					}
				})
			default:
				g.List(val, ok).Op("=").Id("d").Dot(readers[fd.Type.Kind]).Call()
			}
		}
	})
}

var writers = map[ir.Kind]string{
	ir.Boolean: "Bool", ir.Float: "Float32", ir.Double: "Float64", ir.String: "String",
	ir.Binary: "Binary",
}

// genWrite emits:
//
//	func (x *T) AppendCSV(dst []byte, o *csvx.Options) []byte {
//		var e csvx.Encoder
//		e.Reset(dst, o)
//		x.WriteCSV(&e)
//		return e.Bytes()
//	}
//
//	func (x *T) WriteCSV(e *csvx.Encoder) {
//		if x.A.Valid {
//			e.String(x.A.V)
//		} else {
//			e.Null()
//		}
//	}
func genWrite(f *File, r *plan.Record) {
	f.Comment("AppendCSV appends x to dst as one CSV record (no line separator), as")
	f.Comment("Spark's to_csv writes it.")
	f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("AppendCSV").Params(
		Id("dst").Index().Byte(), Id("o").Op("*").Add(csvx("Options")),
	).Index().Byte().Block(
		Var().Id("e").Add(csvx("Encoder")),
		Id("e").Dot("Reset").Call(Id("dst"), Id("o")),
		Id("x").Dot("WriteCSV").Call(Op("&").Id("e")),
		Return(Id("e").Dot("Bytes").Call()),
	)
	f.Comment("WriteCSV writes x's fields to e in schema order.")
	f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("WriteCSV").Params(Id("e").Op("*").Add(csvx("Encoder"))).BlockFunc(func(g *Group) {
		for _, fd := range r.Fields {
			v := Id("x").Dot(fd.GoName)
			if !fd.Nullable {
				writeValue(g, v, fd.Type)
				continue
			}
			g.If(v.Clone().Dot("Valid")).BlockFunc(func(g *Group) {
				writeValue(g, v.Clone().Dot("V"), fd.Type)
			}).Else().Block(Id("e").Dot("Null").Call())
		}
	})
}

func writeValue(g *Group, v *Statement, t *plan.GoType) {
	switch t.Kind {
	case ir.Byte, ir.Short, ir.Int, ir.Long:
		g.Id("e").Dot("Int64").Call(Int64().Call(v))
	case ir.Decimal:
		g.Id("e").Dot("Decimal").Call(Op("&").Add(v))
	case ir.Date:
		g.Id("e").Dot("Date").Call(Int32().Call(v))
	case ir.Timestamp:
		g.Id("e").Dot("Timestamp").Call(Int64().Call(v))
	case ir.TimestampNTZ:
		g.Id("e").Dot("TimestampNTZ").Call(Int64().Call(v))
	default:
		g.Id("e").Dot(writers[t.Kind]).Call(v)
	}
}

// genHeader emits:
//
//	func (*T) AppendCSVHeader(dst []byte, o *csvx.Options) []byte {
//		var e csvx.Encoder
//		e.Reset(dst, o)
//		e.String("A")
//		...
//		return e.Bytes()
//	}
func genHeader(f *File, r *plan.Record) {
	f.Comment("AppendCSVHeader appends the header record: the column names.")
	f.Func().Params(Op("*").Id(r.GoName)).Id("AppendCSVHeader").Params(
		Id("dst").Index().Byte(), Id("o").Op("*").Add(csvx("Options")),
	).Index().Byte().BlockFunc(func(g *Group) {
		g.Var().Id("e").Add(csvx("Encoder"))
		g.Id("e").Dot("Reset").Call(Id("dst"), Id("o"))
		for _, fd := range r.Fields {
			g.Id("e").Dot("String").Call(Lit(fd.Name))
		}
		g.Return(Id("e").Dot("Bytes").Call())
	})
}
