package querygen

import (
	"strings"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/runtime/csvx"
	"github.com/streamc/streamc/templates/internal/genutil"
)

// sink emits the hand-over of one output row.
func (c *compiler) sink(g *Group, cols []val) {
	s := c.q.Sink
	msg := c.shared("msg", genutil.RT(sinkPkg, "Message"), nil)
	c.col, c.src = "sink", ir.Src{}
	var cond *Statement
	switch s.Format {
	case "kafka":
		c.kafkaMessage(g, msg, cols)
	case "console":
		c.consoleMessage(g, msg, cols)
	default:
		cond = c.rowMessage(g, msg, cols)
	}
	guarded(g, cond, func(g *Group) {
		g.If(Err().Op(":=").Id("emit").Call(Op("&").Add(msg)), Err().Op("!=").Nil()).Block(Return(Err()))
	})
}

// kafkaMessage fills msg from the key, value, topic, partition and
// headers columns. Strings are viewed as bytes: the sink copies them.
func (c *compiler) kafkaMessage(g *Group, msg *Statement, cols []val) {
	s := c.q.Sink
	g.Add(msg).Op("=").Add(genutil.RT(sinkPkg, "Message")).Values(Dict{Id("Partition"): Lit(-1)})
	bytesOf := func(v val) *Statement {
		if v.t.Kind == ir.String {
			return genutil.RT(queryrt, "Bytes").Call(v.V())
		}
		return v.V()
	}
	setIf := func(i int, field string, x func(v val) *Statement) {
		if i < 0 {
			return
		}
		v := cols[i]
		guarded(g, v.OK(), func(g *Group) { g.Add(msg).Dot(field).Op("=").Add(x(v)) })
	}
	if s.KeyEncode != nil {
		c.encodeAvro(g, msg, "Key", cols[s.Key], s.KeyEncode)
	} else {
		setIf(s.Key, "Key", bytesOf)
	}
	if s.ValueEncode != nil {
		c.encodeAvro(g, msg, "Value", cols[s.Value], s.ValueEncode)
	} else {
		setIf(s.Value, "Value", bytesOf)
	}
	setIf(s.Topic, "Topic", func(v val) *Statement { return v.V() })
	setIf(s.Partition, "Partition", func(v val) *Statement { return Int32().Call(v.V()) })
	if s.Headers >= 0 {
		v := cols[s.Headers]
		hdrs := c.shared("hdrs", Index().Add(genutil.RT(sinkPkg, "Header")), nil)
		if v.t.Kind != ir.Array || c.q.GoType(v.t.Elem).Record == nil {
			c.unsupported("headers column of type %s", v.t.SimpleString())
		}
		rec := c.q.GoType(v.t.Elem).Record
		guarded(g, v.OK(), func(g *Group) {
			g.Add(hdrs).Op("=").Add(hdrs).Index(Empty(), Lit(0))
			g.For(List(Id("_"), Id("h")).Op(":=").Range().Add(v.V())).BlockFunc(func(g *Group) {
				h := Id("h")
				if v.t.ContainsNull {
					g.If(Op("!").Id("h").Dot("Valid")).Block(Continue())
					h = Id("h").Dot("V")
				}
				fk, fv := rec.Fields[0], rec.Fields[1]
				key, value := cp(h).Dot(fk.GoName), cp(h).Dot(fv.GoName)
				if fk.Nullable {
					key = key.Dot("V")
				}
				if fv.Nullable {
					value = value.Dot("V")
				}
				if v.t.Elem.Fields[1].Type.Kind == ir.String {
					value = genutil.RT(queryrt, "Bytes").Call(value)
				}
				g.Add(hdrs).Op("=").Append(hdrs, genutil.RT(sinkPkg, "Header").Values(Dict{Id("Key"): key, Id("Value"): value}))
			})
			g.Add(msg).Dot("Headers").Op("=").Add(hdrs)
		})
	}
}

// rowMessage encodes the output row as the file sink's line;
// it returns the condition for writing it, nil for always (a CSV record of
// one NULL is no line in Spark).
func (c *compiler) rowMessage(g *Group, msg *Statement, cols []val) *Statement {
	rec := c.q.Row
	if rec == nil {
		c.unsupported("%s sink without a row record", c.q.Sink.Format)
	}
	row := c.shared("row", Id(rec.GoName), nil)
	for i, f := range rec.Fields {
		src := cols[i].src
		if i < len(c.q.Output) && c.q.Output[i].Src.Text != "" {
			src = c.q.Output[i].Src
		}
		c.srcComment(g, src)
		c.store(g, cp(row).Dot(f.GoName), f.Nullable, c.coerce(cols[i], c.q.Sink.Row.Fields[i].Type))
	}
	out := c.shared("out", Index().Byte(), nil)
	var cond *Statement
	if c.q.Sink.Format == "csv" {
		enc := c.shared("csvEnc", genutil.RT(genutil.CSVX, "Encoder"), nil)
		g.Add(enc).Dot("Reset").Call(cp(out).Index(Empty(), Lit(0)), c.csvSinkOptions())
		g.Add(row).Dot("WriteCSV").Call(Op("&").Add(enc))
		g.Add(out).Op("=").Add(enc).Dot("Bytes").Call()
		cond = Op("!").Add(enc).Dot("EmptyRecord").Call()
	} else {
		enc := c.jsonEncoder()
		g.Add(enc).Dot("Buf").Op("=").Add(out).Index(Empty(), Lit(0))
		g.Add(row).Dot("WriteJSON").Call(Op("&").Add(enc))
		g.Add(out).Op("=").Add(enc).Dot("Buf")
	}
	g.Add(msg).Op("=").Add(genutil.RT(sinkPkg, "Message")).Values(Dict{Id("Value"): out, Id("Partition"): Lit(-1)})
	return cond
}

// csvSinkOptions are the CSV writer options of the sink.
func (c *compiler) csvSinkOptions() *Statement {
	o := c.q.Sink.CSV
	if o == nil { // a plan built without the checker
		def := csvx.DefaultWriteOptions()
		o = &def
	}
	return c.global("csvOut", c.csvOptions(o))
}

// encodeAvro sets msg.<field> to the Avro encoding of struct column v,
// after the Confluent framing for confluent-avro (a NULL struct is a NULL
// key or value, as Spark's to_avro gives).
func (c *compiler) encodeAvro(g *Group, msg *Statement, field string, v val, e *ir.Encode) {
	rec := c.q.GoType(e.Type).Record
	what := strings.ToLower(field)
	buf := c.field(what+"Out", Index().Byte())
	guarded(g, v.OK(), func(g *Group) {
		g.Id("out").Op(":=").Add(buf).Index(Empty(), Lit(0))
		if e.Format == "confluent-avro" {
			enc := c.prepared(what+"Enc", Op("*").Add(genutil.RT(confluentPkg, "Encoder")), func(g *Group, name string) {
				g.List(Id(name), Err()).Op(":=").Add(genutil.RT(confluentPkg, "NewEncoder")).Call(
					Qual("context", "Background").Call(), Id("reg"), Lit(e.Subject), Id(rec.Avro.SchemaConst), Lit(e.Register))
				g.If(Err().Op("!=").Nil()).Block(Return(Nil(), Qual("fmt", "Errorf").Call(Lit(c.q.Name+": "+what+" format confluent-avro: %w"), Err())))
			})
			g.Id("out").Op("=").Add(enc).Dot("Header").Call(Id("out"))
		}
		g.List(Id("out"), Err()).Op(":=").Add(v.V()).Dot("AppendAvro").Call(Id("out"))
		g.If(Err().Op("!=").Nil()).Block(Return(Qual("fmt", "Errorf").Call(Lit(what+" as Avro: %w"), Err())))
		g.Add(buf).Op("=").Id("out")
		g.Add(msg).Dot(field).Op("=").Id("out")
	})
}
