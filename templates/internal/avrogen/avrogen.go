// Package avrogen emits each record's Avro binary decoder and encoder:
// straight-line code over internal/runtime/avrobin for one schema, with the Spark
// shapes of Avro types (enums as strings, fixed as binary, ["null", T] as a
// nullable T, other unions as Spark's struct of members, logical types as
// Spark's dates, timestamps and decimals). No reflection, no schema walked
// per message: a writer schema that differs from the reader's is turned
// into the reader's encoding first, by internal/runtime/avroresolve.
package avrogen

import (
	"fmt"
	"slices"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/plan"
	"github.com/streamc/streamc/templates/internal/genutil"
)

// Gen emits the Avro codecs of r and its nested records.
func Gen(pkg *plan.Package, r *plan.Record) *File {
	f := genutil.NewGoFile(pkg, r.Source)
	if r.Avro != nil && r.Avro.Schema != "" {
		f.Commentf("%s is the Avro schema %s's codec reads and writes.", r.Avro.SchemaConst, r.GoName)
		f.Const().Id(r.Avro.SchemaConst).Op("=").Lit(r.Avro.Schema)
	}
	e := &emitter{f: f, leveled: leveled(pkg)}
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

func avrobin(name string) *Statement { return genutil.RT(genutil.AvroBin, name) }
func avrort(name string) *Statement  { return genutil.RT(genutil.AvroRT, name) }

// emitter holds per-file state: the enum symbol tables already declared.
type emitter struct {
	f       *File
	symbols map[string]string
	// declared holds the names of the symbol tables declared.
	declared map[string]bool
	// usedErr is set when the encoder being emitted assigns err.
	usedErr bool
	// leveled holds the records read through readAvroAt (see leveled);
	// atLevel is set while one of them is emitted, whose level is in scope.
	leveled map[*plan.Record]bool
	atLevel bool
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
	fields := func(g *Group) {
		for i, fd := range r.Fields {
			sf := r.Type.Fields[i]
			e.readField(g, Id("x").Dot(fd.GoName), sf.Type, fd.Type, sf.Nullable, r.GoName+"_"+fd.GoName, 0)
		}
	}
	reader := Id("rd").Op("*").Add(avrobin("Reader"))
	e.f.Commentf("ReadAvro reads x's fields from rd; the first error stays in rd.")
	if !e.leveled[r] {
		e.f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("ReadAvro").Params(reader).BlockFunc(fields)
		return
	}
	e.f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("ReadAvro").Params(reader.Clone()).Block(
		Id("x").Dot("readAvroAt").Call(Id("rd"), Lit(0)),
	)
	e.f.Comment("readAvroAt is ReadAvro for x nested level records deep in a datum of a")
	e.f.Comment("recursive schema: past avrort.MaxDepth the datum is refused, as")
	e.f.Comment("internal/runtime/avroresolve refuses it, before the stack grows without bound.")
	e.f.Func().Params(Id("x").Op("*").Id(r.GoName)).Id("readAvroAt").Params(reader.Clone(), Id("level").Int()).BlockFunc(func(g *Group) {
		g.If(Id("level").Op(">=").Add(avrort("MaxDepth"))).Block(
			avrort("TooDeep").Call(Id("rd")),
			Return(),
		)
		e.atLevel = true
		fields(g)
		e.atLevel = false
	})
}

// leveled returns the records of pkg whose readers count how deeply
// records nest: all those in the files of top-level records that can reach
// a record containing itself. Counting every record there, not only the
// recursive ones, refuses exactly the datums internal/runtime/avroresolve refuses.
func leveled(pkg *plan.Package) map[*plan.Record]bool {
	out := map[*plan.Record]bool{}
	for _, top := range pkg.Records {
		recs := append([]*plan.Record{top}, top.Nested...)
		if slices.ContainsFunc(reachable(top), recursive) {
			for _, r := range recs {
				out[r] = true
			}
		}
	}
	return out
}

// reachable lists the records r's values can hold, r first.
func reachable(r *plan.Record) []*plan.Record {
	seen := map[*plan.Record]bool{}
	var out []*plan.Record
	var visit func(r *plan.Record)
	visit = func(r *plan.Record) {
		if seen[r] {
			return
		}
		seen[r] = true
		out = append(out, r)
		for _, c := range children(r) {
			visit(c)
		}
	}
	visit(r)
	return out
}

// children lists the records r's fields hold directly (inside arrays and
// maps too).
func children(r *plan.Record) []*plan.Record {
	var out []*plan.Record
	for _, f := range r.Fields {
		for t := f.Type; t != nil; {
			switch {
			case t.Record != nil:
				out = append(out, t.Record)
				t = nil
			case t.Elem != nil:
				t = t.Elem
			default:
				t = t.Value
			}
		}
	}
	return out
}

// recursive says whether r's values can hold another r.
func recursive(r *plan.Record) bool {
	for _, c := range children(r) {
		if slices.Contains(reachable(c), r) {
			return true
		}
	}
	return false
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
func info(t *ir.Type) *ir.AvroInfo {
	if t.Avro != nil {
		return t.Avro
	}
	a := &ir.AvroInfo{}
	switch t.Kind {
	case ir.Boolean:
		a.Type = "boolean"
	case ir.Byte, ir.Short, ir.Int:
		a.Type = "int"
	case ir.Long:
		a.Type = "long"
	case ir.Float:
		a.Type = "float"
	case ir.Double:
		a.Type = "double"
	case ir.String:
		a.Type = "string"
	case ir.Binary:
		a.Type = "bytes"
	case ir.Null:
		a.Type = "null"
	case ir.Date:
		a.Type, a.Logical = "int", "date"
	case ir.Timestamp:
		a.Type, a.Logical = "long", "timestamp-micros"
	case ir.TimestampNTZ:
		a.Type, a.Logical = "long", "local-timestamp-micros"
	case ir.Decimal:
		a.Type, a.Logical = "fixed", "decimal"
		a.FixedSize, a.Precision, a.Scale = ir.DecimalFixedSize(t.Precision), t.Precision, t.Scale
	case ir.Array:
		a.Type = "array"
	case ir.Map:
		a.Type = "map"
	case ir.Struct:
		a.Type = "record"
	}
	return a
}

// nullIndex is the branch of null in a ["null", T] or [T, "null"] union.
func nullIndex(t *ir.Type) int {
	if t.Avro != nil && t.Avro.NullFirst {
		return 0
	}
	return 1
}

// isMembers says whether t, a type that came from an Avro union, has
// Spark's struct-of-members shape: two or more non-null branches that are
// not just int/long or float/double. A union of one non-null branch is
// that branch's type, even when the branch is a record.
func isMembers(t *ir.Type) bool {
	if t.Kind != ir.Struct || t.Avro == nil || t.Avro.Type != "union" {
		return false
	}
	n := 0
	for _, b := range t.Avro.Union {
		if b.Kind != ir.Null {
			n++
		}
	}
	return n > 1
}

// minSize is the fewest bytes a value of t takes, for avrobin's guard
// against hostile block counts. It must never overstate: a count that
// does not fit the bytes left is refused as truncated.
func minSize(t *ir.Type, nullable bool) int {
	return minSizeIn(t, nullable, map[*ir.Field]bool{})
}

// minSizeIn is minSize inside the record fields in open. A field met again
// (a record that holds itself without a union or array between, which no
// finite datum has) counts 0; the fields of a record's copies are shared,
// so they are what identifies it.
func minSizeIn(t *ir.Type, nullable bool, open map[*ir.Field]bool) int {
	a := info(t)
	switch {
	case a.Type == "union":
		return 1 // the branch index
	case a.Type == "null":
		// Nullable, but a bare "null" has no branch index to take a byte.
		return 0
	case nullable:
		return 1
	}
	switch a.Type {
	case "float":
		return 4
	case "double":
		return 8
	case "fixed":
		return a.FixedSize
	case "record":
		for _, f := range t.Fields {
			if open[f] {
				return 0
			}
			open[f] = true
			n := minSizeIn(f.Type, f.Nullable, open)
			delete(open, f)
			if n > 0 {
				// A lower bound is all the guard needs.
				return n
			}
		}
		return 0
	}
	return 1
}

// valid returns dst.Valid and dst.V for a nullable dst.
func valid(dst *Statement) *Statement { return dst.Clone().Dot("Valid") }
func inner(dst *Statement) *Statement { return dst.Clone().Dot("V") }
