package querygen

import (
	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/templates/internal/genutil"
)

func (c *compiler) formatCall(g *Group, e *ir.Call, args []val) (val, bool) {
	t := e.Type
	switch e.Name {
	case "to_json":
		x := args[0]
		buf := c.colField("JSON", Index().Byte())
		enc := c.jsonEncoder()
		return c.custom(g, t, args, func(g *Group, set func(*Group, *Statement)) {
			g.Add(enc).Dot("Buf").Op("=").Add(buf).Index(Empty(), Lit(0))
			c.writeJSON(g, enc, x.V(), x.t, 0)
			g.Add(buf).Op("=").Add(enc).Dot("Buf")
			set(g, genutil.RT(queryrt, "String").Call(buf))
		}), true
	case "to_csv":
		x := args[0]
		if r := c.q.GoType(x.t).Record; r == nil || !r.CSV {
			c.unsupported("to_csv of %s", x.t.SimpleString())
		}
		buf := c.colField("CSV", Index().Byte())
		enc := c.shared("csvEnc", genutil.RT(genutil.CSVX, "Encoder"), nil)
		opts := c.global("csvOpts", genutil.RT(queryrt, "CSVWriteOptions").Call(c.loc()))
		return c.custom(g, t, args, func(g *Group, set func(*Group, *Statement)) {
			g.Add(enc).Dot("Reset").Call(cp(buf).Index(Empty(), Lit(0)), opts)
			g.Add(x.V()).Dot("WriteCSV").Call(Op("&").Add(enc))
			g.Add(buf).Op("=").Add(enc).Dot("Bytes").Call()
			// Spark's to_csv is NULL for a record that writes no text.
			g.If(Op("!").Add(enc).Dot("EmptyRecord").Call()).BlockFunc(func(g *Group) {
				set(g, genutil.RT(queryrt, "String").Call(buf))
			})
		}), true
	case "from_json":
		x := args[0]
		into := c.storage(t)
		dec := c.jsonDecoder()
		return c.custom(g, t, args, func(g *Group, set func(*Group, *Statement)) {
			// PERMISSIVE: a malformed text gives a record of NULLs; only
			// empty text is NULL.
			g.If(Add(into).Dot("DecodeJSONWith").Call(Op("&").Add(dec), genutil.RT(queryrt, "Bytes").Call(x.V())).Op("!=").Add(genutil.RT(genutil.JSONX, "ErrEmpty"))).BlockFunc(func(g *Group) {
				set(g, into)
			})
		}), true
	}
	return val{}, false
}

// shared is a processor field used by every call site of one kind; init,
// when set, runs in the constructor.
// sharedFieldNames are the names shared gives fields.
var sharedFieldNames = []string{"avroRd", "cells", "csvDec", "csvEnc", "dec", "enc", "hdrs", "msg", "out", "row"}

func (c *compiler) shared(name string, typ *Statement, init *Statement) *Statement {
	if c.sharedFields == nil {
		c.sharedFields = map[string]bool{}
	}
	if !c.sharedFields[name] {
		c.sharedFields[name] = true
		c.fields = append(c.fields, Id(name).Add(typ))
		if init != nil {
			c.inits = append(c.inits, init)
		}
	}
	return Id("p").Dot(name)
}

// jsonEncoder is the processor's JSON writer, in the session time zone.
func (c *compiler) jsonEncoder() *Statement {
	return c.shared("enc", genutil.RT(genutil.JSONX, "Encoder"), c.setLoc("enc"))
}

// jsonDecoder is the processor's JSON reader, in the session time zone.
// Its strings borrow the input's memory: a row's values are dead once
// Process returns (sinks copy what they keep, pattern caches clone), and
// the input outlives the call, so copying every string would only cost.
func (c *compiler) jsonDecoder() *Statement {
	d := c.shared("dec", genutil.RT(genutil.JSONX, "Decoder"), Id("p").Dot("dec").Dot("Borrow").Op("=").True())
	if !c.sharedFields["dec.Loc"] {
		c.sharedFields["dec.Loc"] = true
		if init := c.setLoc("dec"); init != nil {
			c.inits = append(c.inits, init)
		}
	}
	return d
}

// setLoc sets a codec field's time zone, unless it is UTC (the zero value).
func (c *compiler) setLoc(field string) *Statement {
	if c.q.TimeZone == "" || c.q.TimeZone == "UTC" {
		return nil
	}
	return Id("p").Dot(field).Dot("Loc").Op("=").Add(c.loc())
}

// writeJSON emits the JSON text of v (a non-NULL value of t) into enc, as
// to_json writes it: records through their WriteJSON, arrays and maps
// element by element with NULL elements written as null.
func (c *compiler) writeJSON(g *Group, enc, v *Statement, t *ir.Type, depth int) {
	buf := cp(enc).Dot("Buf")
	app := func(fn string, args ...Code) {
		g.Add(buf).Op("=").Add(genutil.RT(genutil.JSONX, fn)).Call(append([]Code{cp(buf)}, args...)...)
	}
	switch t.Kind {
	case ir.Struct:
		g.Add(v).Dot("WriteJSON").Call(Op("&").Add(enc))
	case ir.Boolean:
		app("AppendBool", v)
	case ir.Byte, ir.Short, ir.Int, ir.Long:
		app("AppendInt", Int64().Call(v))
	case ir.Float:
		app("AppendFloat", v)
	case ir.Double:
		app("AppendDouble", v)
	case ir.Decimal:
		app("AppendDecimal", Op("&").Add(v))
	case ir.String:
		app("AppendString", v)
	case ir.Binary:
		app("AppendBinary", v)
	case ir.Date:
		app("AppendDate", Int32().Call(v))
	case ir.Timestamp:
		app("AppendTimestamp", Int64().Call(v), cp(enc).Dot("Loc"))
	case ir.TimestampNTZ:
		app("AppendTimestampNTZ", Int64().Call(v))
	case ir.Array, ir.Map:
		i := Id("i" + string(rune('0'+depth)))
		open, close := '[', ']'
		if t.Kind == ir.Map {
			open, close = '{', '}'
		}
		g.Add(buf).Op("=").Append(cp(buf), LitRune(open))
		g.For(cp(i).Op(":=").Range().Add(v)).BlockFunc(func(g *Group) {
			g.If(cp(i).Op(">").Lit(0)).Block(cp(buf).Op("=").Append(cp(buf), LitRune(',')))
			el, et, nullable := cp(v).Index(cp(i)), t.Elem, t.ContainsNull
			if t.Kind == ir.Map {
				key := cp(el).Dot("Key")
				if t.Key.Kind == ir.String {
					g.Add(buf).Op("=").Add(genutil.RT(genutil.JSONX, "AppendString")).Call(cp(buf), key)
				} else {
					g.Add(buf).Op("=").Append(cp(buf), LitRune('"'))
					c.writeJSON(g, enc, key, t.Key, depth+1)
					g.Add(buf).Op("=").Append(cp(buf), LitRune('"'))
				}
				g.Add(buf).Op("=").Append(cp(buf), LitRune(':'))
				el, et, nullable = el.Dot("Value"), t.Value, t.ValueContainsNull
			}
			if !nullable {
				c.writeJSON(g, enc, el, et, depth+1)
				return
			}
			g.If(cp(el).Dot("Valid")).BlockFunc(func(g *Group) {
				c.writeJSON(g, enc, cp(el).Dot("V"), et, depth+1)
			}).Else().Block(cp(buf).Op("=").Append(cp(buf), Lit("null").Op("...")))
		})
		g.Add(buf).Op("=").Append(cp(buf), LitRune(close))
	default:
		c.unsupported("to_json of %s", t.SimpleString())
	}
}
