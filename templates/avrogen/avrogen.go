// Package avrogen emits each record's Avro binary decoder and encoder:
// straight-line code over runtime/avrobin for one schema, with the Spark
// shapes of Avro types (enums as strings, fixed as binary, ["null", T] as a
// nullable T, other unions as Spark's struct of members, logical types as
// Spark's dates, timestamps and decimals). No reflection, no schema walked
// per message: a writer schema that differs from the reader's is turned
// into the reader's encoding first, by runtime/avroresolve.
package avrogen

import (
	"fmt"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/gen/plan"
	"github.com/streamc/streamc/gen/schema"
	"github.com/streamc/streamc/templates/genutil"
)

// Gen emits the Avro codecs of r and its nested records.
func Gen(pkg *plan.Package, r *plan.Record) *File {
	f := genutil.NewGoFile(pkg, r.Source)
	if r.Avro != nil && r.Avro.Schema != "" {
		f.Commentf("%sAvroSchema is the Avro schema %s's codec reads and writes.", r.GoName, r.GoName)
		f.Const().Id(r.GoName + "AvroSchema").Op("=").Lit(r.Avro.Schema)
	}
	e := &emitter{f: f}
	for i, rec := range append([]*plan.Record{r}, r.Nested...) {
		a := rec.Avro
		if a == nil {
			continue
		}
		if a.Decode {
			if i == 0 {
				genDecodeEntry(f, rec)
			}
			e.genRead(rec)
		}
		if a.Encode {
			e.genAppend(rec)
		}
	}
	return f
}

// Needed says whether r's files hold any Avro codec (its own or a nested
// record's).
func Needed(r *plan.Record) bool {
	if r.Avro != nil {
		return true
	}
	for _, n := range r.Nested {
		if n.Avro != nil {
			return true
		}
	}
	return false
}

func avrobin(name string) *Statement { return Qual(genutil.AvroBin, name) }
func avrort(name string) *Statement  { return Qual(genutil.AvroRT, name) }

// emitter holds per-file state: the enum symbol tables already declared.
type emitter struct {
	f       *File
	symbols map[string]string
	// usedErr is set when the encoder being emitted assigns err.
	usedErr bool
}

// genDecodeEntry emits DecodeAvro, the whole-datum entry point.
func genDecodeEntry(f *File, r *plan.Record) {
	genutil.DocComment(f, fmt.Sprintf("DecodeAvro decodes one Avro datum written with %sAvroSchema "+
		"(no framing) into x. The error gives the byte offset and the reason; bytes left "+
		"after the datum are an error too.", r.GoName))
	f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("DecodeAvro").Params(Id("data").Index().Byte()).Error().Block(
		Var().Id("rd").Add(avrobin("Reader")),
		Return(Id("x").Dot("DecodeAvroWith").Call(Op("&").Id("rd"), Id("data"))),
	)
	genutil.DocComment(f, "DecodeAvroWith is DecodeAvro with a reader the caller keeps, and its "+
		"settings: with rd.SetBorrow(true), strings are views of data.")
	f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("DecodeAvroWith").Params(Id("rd").Op("*").Add(avrobin("Reader")), Id("data").Index().Byte()).Error().Block(
		Id("rd").Dot("Reset").Call(Id("data")),
		Id("x").Dot("ReadAvro").Call(Id("rd")),
		Return(Id("rd").Dot("Done").Call()),
	)
}

// genRead emits ReadAvro: every field in schema order, errors kept in rd.
func (e *emitter) genRead(r *plan.Record) {
	e.f.Commentf("ReadAvro reads x's fields from rd; the first error stays in rd.")
	e.f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("ReadAvro").Params(Id("rd").Op("*").Add(avrobin("Reader"))).BlockFunc(func(g *Group) {
		for i, fd := range r.Fields {
			sf := r.Type.Fields[i]
			e.readField(g, Id("x").Dot(fd.GoName), sf.Type, fd.Type, sf.Nullable, r.GoName+"_"+fd.GoName, 0)
		}
	})
}

// genAppend emits AppendAvro.
func (e *emitter) genAppend(r *plan.Record) {
	e.f.Commentf("AppendAvro appends x's Avro encoding to dst.")
	e.f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("AppendAvro").Params(Id("dst").Index().Byte()).Params(Index().Byte(), Error()).BlockFunc(func(g *Group) {
		// err is declared only where some field's encoding can fail.
		decl := Null()
		g.Add(decl)
		e.usedErr = false
		for i, fd := range r.Fields {
			sf := r.Type.Fields[i]
			e.writeField(g, Id("x").Dot(fd.GoName), sf.Type, fd.Type, sf.Nullable, r.GoName+"_"+fd.GoName, 0)
		}
		if e.usedErr {
			*decl = *Var().Err().Error()
		}
		g.Return(Id("dst"), Nil())
	})
}

// info is t's Avro shape: its own, or the one Spark's to_avro derives.
func info(t *schema.Type) *schema.AvroInfo {
	if t.Avro != nil {
		return t.Avro
	}
	a := &schema.AvroInfo{}
	switch t.Kind {
	case schema.Boolean:
		a.Type = "boolean"
	case schema.Byte, schema.Short, schema.Int:
		a.Type = "int"
	case schema.Long:
		a.Type = "long"
	case schema.Float:
		a.Type = "float"
	case schema.Double:
		a.Type = "double"
	case schema.String:
		a.Type = "string"
	case schema.Binary:
		a.Type = "bytes"
	case schema.Null:
		a.Type = "null"
	case schema.Date:
		a.Type, a.Logical = "int", "date"
	case schema.Timestamp:
		a.Type, a.Logical = "long", "timestamp-micros"
	case schema.TimestampNTZ:
		a.Type, a.Logical = "long", "local-timestamp-micros"
	case schema.Decimal:
		a.Type, a.Logical = "fixed", "decimal"
		a.FixedSize, a.Precision, a.Scale = schema.DecimalFixedSize(t.Precision), t.Precision, t.Scale
	case schema.Array:
		a.Type = "array"
	case schema.Map:
		a.Type = "map"
	case schema.Struct:
		a.Type = "record"
	}
	return a
}

// nullIndex is the branch of null in a ["null", T] or [T, "null"] union.
func nullIndex(t *schema.Type) int {
	if t.Avro != nil && t.Avro.NullFirst {
		return 0
	}
	return 1
}

// minSize is the fewest bytes a value of t takes, for avrobin's guard
// against hostile block counts.
func minSize(t *schema.Type, nullable bool) int {
	a := info(t)
	if nullable || a.Type == "union" {
		return 1
	}
	switch a.Type {
	case "null":
		return 0
	case "float":
		return 4
	case "double":
		return 8
	case "fixed":
		return a.FixedSize
	case "record":
		n := 0
		for _, f := range t.Fields {
			if f.Type == t {
				continue
			}
			n += minSize(f.Type, f.Nullable)
			if n > 0 {
				return n
			}
		}
		return n
	}
	return 1
}

// valid returns dst.Valid and dst.V for a nullable dst.
func valid(dst *Statement) *Statement { return dst.Clone().Dot("Valid") }
func inner(dst *Statement) *Statement { return dst.Clone().Dot("V") }
