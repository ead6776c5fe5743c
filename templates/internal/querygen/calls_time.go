package querygen

import (
	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/templates/internal/genutil"
)

// defaultTimestampPattern is Spark's pattern for from_unixtime and
// unix_timestamp without a format.
const defaultTimestampPattern = "yyyy-MM-dd HH:mm:ss"

func (c *compiler) timeCall(g *Group, e *ir.Call, args []val) (val, bool) {
	t := e.Type
	date := Qual(genutil.SQLTypes, "Date")
	ts := Qual(genutil.SQLTypes, "Timestamp")
	i32 := func(v val) *Statement { return Int32().Call(v.V()) }
	i64 := func(v val) *Statement { return Int64().Call(v.V()) }
	switch e.Name {
	case "current_timestamp":
		c.needNow = true
		return val{t: t, x: cp(ts).Call(Id("now"))}, true
	case "current_date":
		c.needNow = true
		return c.viaPure(g, t, nil, cp(date).Call(sqlfn("CurrentDate").Call(Id("now"), c.loc()))), true
	case "year", "month", "dayofmonth", "quarter", "dayofyear", "dayofweek", "weekday", "weekofyear":
		fn := c.rtSymOf(e, 0)
		return derive(t, sqlfn(fn).Call(i32(args[0])), args[0].OK(), args[0]), true
	case "hour", "minute", "second":
		fn := c.rtSymOf(e, 0)
		return c.viaPure(g, t, args, sqlfn(fn).Call(i64(args[0]), c.loc())), true
	case "date_add", "date_sub", "datediff", "add_months":
		fn := c.rtSymOf(e, 0)
		x := sqlfn(fn).Call(i32(args[0]), Int32().Call(args[1].V()))
		if t.Kind == ir.Date {
			x = cp(date).Call(x)
		}
		return derive(t, x, and(args[0].OK(), args[1].OK()), args[0], args[1]), true
	case "last_day":
		return derive(t, cp(date).Call(sqlfn("LastDay").Call(i32(args[0]))), args[0].OK(), args[0]), true
	case "timestamp_micros":
		return derive(t, cp(ts).Call(sqlfn("TimestampMicros").Call(i64(args[0]))), args[0].OK(), args[0]), true
	case "unix_millis":
		return derive(t, sqlfn("UnixMillis").Call(i64(args[0])), args[0].OK(), args[0]), true
	case "trunc":
		return c.viaOK(g, t, args, sqlfn("TruncDate").Call(i32(args[0]), args[1].V()), as(date)), true
	case "date_trunc":
		return c.viaOK(g, t, args, sqlfn("DateTrunc").Call(args[0].V(), i64(args[1]), c.loc()), as(ts)), true
	case "timestamp_millis":
		return c.viaErr(g, t, args, sqlfn("TimestampMillis").Call(args[0].V()), as(ts)), true
	case "timestamp_seconds":
		if args[0].t.Kind == ir.Double || args[0].t.Kind == ir.Float {
			return c.custom(g, t, args, func(g *Group, set func(*Group, *Statement)) {
				g.List(Id("r"), Id("ok"), Err()).Op(":=").Add(sqlfn("TimestampSecondsDouble")).Call(Float64().Call(args[0].V()))
				g.If(Err().Op("!=").Nil()).BlockFunc(func(g *Group) { c.fail(g, Err()) })
				g.If(Id("ok")).BlockFunc(func(g *Group) { set(g, cp(ts).Call(Id("r"))) })
			}), true
		}
		return c.viaErr(g, t, args, sqlfn("TimestampSeconds").Call(i64(args[0])), as(ts)), true
	case "from_unixtime":
		return c.custom(g, t, args, func(g *Group, set func(*Group, *Statement)) {
			p := c.defaultPattern(defaultTimestampPattern)
			if len(args) == 2 {
				p = c.datePattern(g, e.Args[1], args[1])
			}
			set(g, sqlfn("FromUnixTime").Call(i64(args[0]), p, c.loc()))
		}), true
	case "date_format":
		return c.custom(g, t, args, func(g *Group, set func(*Group, *Statement)) {
			p := c.datePattern(g, e.Args[1], args[1])
			x := args[0]
			us := i64(x)
			if x.t.Kind == ir.Date {
				us = sqlfn("CastDateToTimestamp").Call(i32(x), c.loc())
			}
			set(g, sqlfn("DateFormat").Call(us, p, c.loc()))
		}), true
	case "unix_timestamp":
		return c.unixTimestamp(g, e, args), true
	case "to_timestamp", "to_date":
		return c.parseTime(g, e, args), true
	}
	return val{}, false
}

// unixTimestamp is unix_timestamp([x[, fmt]]).
func (c *compiler) unixTimestamp(g *Group, e *ir.Call, args []val) val {
	t := e.Type
	if len(args) == 0 {
		c.needNow = true
		return c.viaPure(g, t, nil, sqlfn("UnixSeconds").Call(Id("now")))
	}
	x := args[0]
	switch x.t.Kind {
	case ir.Timestamp, ir.TimestampNTZ:
		return derive(t, sqlfn("UnixSeconds").Call(Int64().Call(x.V())), x.OK(), x)
	case ir.Date:
		return c.viaPure(g, t, []val{x}, sqlfn("UnixDateSeconds").Call(Int32().Call(x.V()), c.loc()))
	}
	return c.custom(g, t, args, func(g *Group, set func(*Group, *Statement)) {
		p := c.defaultPattern(defaultTimestampPattern)
		if len(args) == 2 {
			p = c.datePattern(g, e.Args[1], args[1])
		}
		if c.q.ANSI {
			g.List(Id("r"), Err()).Op(":=").Add(sqlfn("ToTimestampANSI")).Call(x.V(), p, c.loc())
			g.If(Err().Op("!=").Nil()).BlockFunc(func(g *Group) { c.fail(g, Err()) })
			set(g, sqlfn("UnixSeconds").Call(Id("r")))
			return
		}
		g.List(Id("r"), Id("ok")).Op(":=").Add(sqlfn("UnixTimestampString")).Call(x.V(), p, c.loc())
		g.If(Id("ok")).BlockFunc(func(g *Group) { set(g, Id("r")) })
	})
}

// parseTime is to_timestamp/to_date(s[, fmt]); without a format they are
// casts.
func (c *compiler) parseTime(g *Group, e *ir.Call, args []val) val {
	t := e.Type
	if len(args) == 1 {
		return c.cast(g, &ir.Cast{Typed: e.Typed, X: e.Args[0]}, args[0])
	}
	conv := Qual(genutil.SQLTypes, "Timestamp")
	if t.Kind == ir.Date {
		conv = Qual(genutil.SQLTypes, "Date")
	}
	return c.custom(g, t, args, func(g *Group, set func(*Group, *Statement)) {
		p := c.datePattern(g, e.Args[1], args[1])
		if c.q.ANSI {
			g.List(Id("r"), Err()).Op(":=").Add(sqlfn("ToTimestampANSI")).Call(args[0].V(), p, c.loc())
			g.If(Err().Op("!=").Nil()).BlockFunc(func(g *Group) { c.fail(g, Err()) })
			if t.Kind == ir.Date {
				set(g, cp(conv).Call(sqlfn("CastTimestampToDate").Call(Id("r"), c.loc())))
			} else {
				set(g, cp(conv).Call(Id("r")))
			}
			return
		}
		fn := "ToTimestamp"
		if t.Kind == ir.Date {
			fn = "ToDate"
		}
		g.List(Id("r"), Id("ok")).Op(":=").Add(sqlfn(fn)).Call(args[0].V(), p, c.loc())
		g.If(Id("ok")).BlockFunc(func(g *Group) { set(g, cp(conv).Call(Id("r"))) })
	})
}
