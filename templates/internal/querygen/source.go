package querygen

import (
	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/plan"
	"github.com/streamc/streamc/internal/runtime/csvx"
	"github.com/streamc/streamc/templates/internal/genutil"
)

// source emits the live source columns: the Kafka record's fields, with
// key and value decoded as the spec says.
func (c *compiler) source(g *Group, live []bool) []val {
	row := func() *Statement { return Id("row") }
	cols := make([]val, len(c.q.Source.Columns))
	for i, col := range c.q.Source.Columns {
		if !live[i] {
			continue
		}
		c.col, c.src = col.Name, ir.Src{}
		t := col.Type
		switch col.Name {
		case "key":
			cols[i] = c.decode(g, t, c.q.Source.Key, row().Dot("Key"), "key")
		case "value":
			cols[i] = c.decode(g, t, c.q.Source.Value, row().Dot("Value"), "value")
		case "topic":
			cols[i] = val{t: t, x: row().Dot("Topic")}
		case "partition":
			cols[i] = val{t: t, x: row().Dot("Partition")}
		case "offset":
			cols[i] = val{t: t, x: row().Dot("Offset")}
		case "timestamp":
			cols[i] = val{t: t, x: row().Dot("SQLTimestamp").Call()}
		case "timestampType":
			cols[i] = val{t: t, x: row().Dot("TimestampType")}
		case "headers":
			cols[i] = c.headers(g, t)
		default:
			c.unsupported("source column %q", col.Name)
		}
	}
	return cols
}

// decode is the key or value column: raw bytes, a string view, or a
// record decoded into a processor field with the parse mode's rules.
func (c *compiler) decode(g *Group, t *ir.Type, d *ir.Decode, raw *Statement, what string) val {
	present := cp(raw).Op("!=").Nil()
	if d == nil || d.Format == "binary" {
		return val{t: t, x: raw, ok: present}
	}
	switch d.Format {
	case "string":
		return val{t: t, x: genutil.RT(queryrt, "String").Call(raw), ok: present}
	case "avro", "confluent-avro":
		return c.decodeAvro(g, t, d, raw, what)
	case "json", "csv":
	default:
		c.unsupported("%s format %q", what, d.Format)
	}
	rec := c.q.GoType(t).Record
	into, flag := c.sourceRecord(what, Id(rec.GoName), false)
	g.Var().Add(flag.okV()).Bool()
	g.Add(flag.use)
	var call *Statement
	if d.Format == "json" {
		call = cp(into).Dot("DecodeJSONWith").Call(Op("&").Add(c.jsonDecoder()), raw)
		if mask, ok := c.projection(what, d, rec); ok {
			call = cp(into).Dot("DecodeJSONFieldsWith").Call(Op("&").Add(c.jsonDecoder()), raw, c.fieldsConst(what, rec, mask))
		}
	} else {
		o := d.CSV
		if o == nil { // a plan built without the checker
			def := csvx.DefaultReadOptions()
			o = &def
		}
		opts := c.global("csvIn", c.csvOptions(o))
		dec := c.shared("csvDec", genutil.RT(genutil.CSVX, "Decoder"), nil)
		call = cp(into).Dot("DecodeCSVWith").Call(Op("&").Add(dec), raw, opts)
	}
	g.If(present).BlockFunc(func(g *Group) {
		g.Err().Op(":=").Add(call)
		g.Switch().BlockFunc(func(g *Group) {
			g.Case(Err().Op("==").Nil()).Block(flag.okV().Op("=").True())
			if d.Format == "json" {
				g.Case(Err().Op("==").Add(genutil.RT(genutil.JSONX, "ErrEmpty"))).Comment("empty text is NULL, not a bad record")
			} else {
				// univocity's own failures stop Spark's query in every mode.
				g.Case(Qual("errors", "As").Call(Err(), New(Op("*").Add(genutil.RT(genutil.CSVX, "SyntaxError"))))).BlockFunc(func(g *Group) {
					c.fail(g, Err())
				})
			}
			switch d.Mode {
			case "FAILFAST":
				g.Default().BlockFunc(func(g *Group) { c.fail(g, Err()) })
			case "DROPMALFORMED":
				g.Default().Block(Return(Nil()))
			default:
				g.Default().Block(flag.okV().Op("=").True())
			}
		})
	})
	// The record lives in the processor; only its flag is a local.
	flag.vUsed = true
	return val{t: t, x: into, ok: flag.okV(), own: flag}
}

// fieldsConst declares the query's constant of mask, the fields of rec it
// reads of source column what, spelt with rec's field bits, and returns
// its name; a bare number when rec has no named bits.
func (c *compiler) fieldsConst(what string, rec *plan.Record, mask uint64) *Statement {
	if len(rec.FieldBits) != len(rec.Fields) {
		return Lit(int(mask))
	}
	bits := Null()
	n := 0
	for i, name := range rec.FieldBits {
		if mask&(1<<i) == 0 {
			continue
		}
		if n++; n > 1 {
			bits.Op("|")
		}
		bits.Id(name)
	}
	name := c.q.FieldsVar(what)
	c.fieldConsts = append(c.fieldConsts, Id(name).Op("=").Add(bits))
	return Id(name)
}

// projection is the mask of the fields a PERMISSIVE JSON decode needs to
// read: those the query uses. Under FAILFAST and DROPMALFORMED a type
// mismatch in any field decides the record's fate, and so does it when
// the corrupt-record column is read, so those read everything.
func (c *compiler) projection(what string, d *ir.Decode, rec *plan.Record) (uint64, bool) {
	if d.Mode != "" && d.Mode != "PERMISSIVE" {
		return 0, false
	}
	src := -1
	for i, col := range c.q.Source.Columns {
		if col.Name == what {
			src = i
		}
	}
	if src < 0 {
		return 0, false
	}
	mask, ok := fieldsRead(c.q.Query, src, len(rec.Fields))
	if !ok || mask == 1<<len(rec.Fields)-1 {
		return 0, false
	}
	for i, f := range rec.Fields {
		if f == rec.Corrupt && mask&(1<<i) != 0 {
			return 0, false
		}
	}
	return mask, true
}

// optionArgs flattens options into key, value, ... for queryrt.
func optionArgs(opts []ir.Option) []Code {
	var out []Code
	for _, o := range opts {
		out = append(out, Lit(o.Key), Lit(o.Value))
	}
	return out
}

// headers is the headers column: array<struct<key string, value binary>>
// rebuilt from the record's headers into a processor-owned slice.
func (c *compiler) headers(g *Group, t *ir.Type) val {
	gt := c.q.GoType(t)
	rec := gt.Elem.Record
	if rec == nil || len(rec.Fields) != 2 {
		c.unsupported("headers column of type %s", t.SimpleString())
	}
	into := c.field("headers", genutil.GoType(gt))
	g.Add(into).Op("=").Add(into).Index(Empty(), Lit(0))
	g.For(List(Id("_"), Id("h")).Op(":=").Range().Id("row").Dot("Headers")).BlockFunc(func(g *Group) {
		g.Add(into).Op("=").Append(into, genutil.Nullable(Id(rec.GoName), gt.ElemNullable).Values())
		e := cp(into).Index(Len(into).Op("-").Lit(1))
		if gt.ElemNullable {
			g.Add(cp(e)).Dot("Valid").Op("=").True()
			e = e.Dot("V")
		}
		for i, src := range []*Statement{Id("h").Dot("Key"), Id("h").Dot("Value")} {
			f := rec.Fields[i]
			switch {
			case f.Nullable && i == 1:
				// A header without a value is NULL, not empty.
				g.Add(cp(e)).Dot(f.GoName).Op("=").Add(genutil.FieldType(f)).Values(Dict{Id("V"): src, Id("Valid"): cp(src).Op("!=").Nil()})
			case f.Nullable:
				g.Add(cp(e)).Dot(f.GoName).Op("=").Qual(genutil.SQLTypes, "Some").Call(src)
			default:
				g.Add(cp(e)).Dot(f.GoName).Op("=").Add(src)
			}
		}
	})
	return val{t: t, x: into, ok: Id("row").Dot("Headers").Op("!=").Nil()}
}

// decodeAvro is the key or value column of an avro or confluent-avro
// format: from_avro's modes, FAILFAST by default. A PERMISSIVE bad record
// is a NULL struct. For confluent-avro an empty message is NULL (as
// Confluent's deserializers read it) and registry trouble stops the query
// whatever the mode, since the record is not at fault.
func (c *compiler) decodeAvro(g *Group, t *ir.Type, d *ir.Decode, raw *Statement, what string) val {
	present := cp(raw).Op("!=").Nil()
	rec := c.q.GoType(t).Record
	into, flag := c.sourceRecord(what, Id(rec.GoName), true)
	g.Var().Add(flag.okV()).Bool()
	g.Add(flag.use)
	g.If(present).BlockFunc(func(g *Group) {
		// Strings borrow the record's bytes: the row is done with before
		// the next record.
		rd := c.shared("avroRd", genutil.RT(genutil.AvroBin, "Reader"), Id("p").Dot("avroRd").Dot("SetBorrow").Call(True()))
		if d.Format == "avro" {
			g.Err().Op(":=").Add(into).Dot("DecodeAvroWith").Call(Op("&").Add(rd), raw)
		} else {
			in := c.prepared(what+"Avro", Op("*").Add(genutil.RT(confluentPkg, "Decoder")), func(g *Group, v string) {
				// Records naming a schema the registry lacks are logged and
				// counted, whatever the mode.
				g.List(Id(v), Err()).Op(":=").Add(genutil.RT(confluentPkg, "NewDecoder")).Call(
					Qual("context", "Background").Call(), Id("reg"), Id(rec.Avro.SchemaConst), Lit(what == "key"),
					genutil.RT(confluentPkg, "Report").Call(Id("env").Dot("Logger"), Id("env").Dot("Malformed")))
				g.If(Err().Op("!=").Nil()).Block(Return(Nil(), Qual("fmt", "Errorf").Call(Lit(c.q.Name+": "+what+" format confluent-avro: %w"), Err())))
			})
			buf := c.field(what+"Buf", Index().Byte())
			g.List(Id("body"), Err()).Op(":=").Add(in).Dot("Decode").Call(Id("row"), Op("&").Add(buf))
			g.If(Err().Op("==").Nil()).Block(Err().Op("=").Add(into).Dot("DecodeAvroWith").Call(Op("&").Add(rd), Id("body")))
		}
		g.Switch().BlockFunc(func(g *Group) {
			g.Case(Err().Op("==").Nil()).Block(flag.okV().Op("=").True())
			if d.Format == "confluent-avro" {
				g.Case(Qual("errors", "Is").Call(Err(), genutil.RT(confluentPkg, "ErrEmpty"))).Comment("NULL, as Confluent's deserializers read it")
				g.Case(genutil.RT(confluentPkg, "Transient").Call(Err())).BlockFunc(func(g *Group) { c.fail(g, Err()) })
			}
			if d.Mode == "PERMISSIVE" {
				g.Default().Comment("PERMISSIVE: a malformed record is NULL")
			} else {
				g.Default().Block(Return(Qual("fmt", "Errorf").Call(
					Lit(c.col+": malformed Avro record (mode FAILFAST; mode PERMISSIVE would read it as NULL): %w"), Err())))
			}
		})
	})
	return val{t: t, x: into, ok: flag.okV(), own: flag}
}

// prepared adds a processor field that Prepare fills once per query
// (shared by every partition's processor) with the value made by init,
// which declares v (and may return an error); reg is the query's registry
// client, made before any init runs.
func (c *compiler) prepared(base string, typ *Statement, init func(g *Group, v string)) *Statement {
	n := c.names.Field(base)
	c.fields = append(c.fields, Id(n).Add(typ))
	c.prepares = append(c.prepares, preparedField{field: n, init: init})
	return Id("p").Dot(n)
}

// preparedField is a processor field Prepare fills.
type preparedField struct {
	field string
	init  func(g *Group, v string)
}
