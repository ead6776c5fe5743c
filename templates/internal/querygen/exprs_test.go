package querygen_test

import (
	"github.com/streamc/streamc/internal/ir"
)

// exprRecord is the input record of the expression queries.
func exprRecord() *ir.Type {
	t := &ir.Type{Kind: ir.Struct}
	add := func(name string, ft *ir.Type) {
		t.Fields = append(t.Fields, &ir.Field{Name: name, Type: ft, Nullable: true})
	}
	add("s", tString)
	add("num", tString)
	add("ts", tString)
	add("n", tInt)
	add("l", tLong)
	add("d", tDouble)
	add("b", tBool)
	add("dec", tDecimal(10, 2))
	add("arr", &ir.Type{Kind: ir.Array, Elem: tString, ContainsNull: true})
	return t
}

// exprQueries exercise NULL propagation, three-valued logic, casts,
// arithmetic and a sample of functions, each column against a known
// Spark answer (see testdata/exprs_test.go).
func exprQueries(rec *ir.Type) []*ir.Query {
	return []*ir.Query{exprQuery(rec), filterQuery(rec), explodeQuery(rec)}
}

func exprQuery(rec *ir.Type) *ir.Query {
	src := kafkaSource(rec, "json", "PERMISSIVE")
	v := ref(src.Columns, "value")
	f := func(name string) ir.Expr { return field(v, name) }
	i := func(n int64) ir.Expr { return lit(tInt, n) }
	str := func(s string) ir.Expr { return lit(tString, s) }
	dbl := func(x float64) ir.Expr { return lit(tDouble, x) }
	ts := cast(f("ts"), tTS)
	dateOfTS := cast(f("ts"), tDate)
	nsStruct := &ir.Type{Kind: ir.Struct, Fields: []*ir.Field{
		{Name: "n", Type: tInt, Nullable: true}, {Name: "s", Type: tString, Nullable: true}}}
	cols := []*ir.Column{
		col("plus", arith("+", f("n"), i(1))),
		col("ovf", arith("*", f("n"), f("n"))),
		col("ddiv", arith("/", f("d"), dbl(0))),
		col("half", arith("/", f("d"), dbl(2))),
		col("idiv", &ir.Arith{Typed: ty(tLong, true), Op: "div", L: f("l"), R: lit(tLong, int64(0))}),
		col("ldiv", &ir.Arith{Typed: ty(tLong, true), Op: "div", L: f("l"), R: lit(tLong, int64(3))}),
		col("mod", arith("%", f("n"), i(3))),
		col("and", logic("AND", cmp(">", f("n"), i(0)), cmp("=", f("s"), str("x")))),
		col("or", logic("OR", cmp(">", f("n"), i(5)), cmp("=", f("s"), str("x")))),
		col("or2", logic("OR", cmp("=", f("s"), str("zz")), lit(tBool, true))),
		col("and3", logic("AND", cmp("=", f("s"), str("zz")), lit(tBool, false))),
		col("nullsafe", cmp("<=>", f("s"), lit(tString, nil))),
		col("isnull", &ir.IsNull{Typed: ty(tBool, false), X: f("s")}),
		col("in", &ir.In{Typed: ty(tBool, true), X: f("n"), List: []ir.Expr{i(1), i(3), lit(tInt, nil)}}),
		col("notin", &ir.In{Typed: ty(tBool, true), X: f("n"), List: []ir.Expr{i(1), i(2)}, Not: true}),
		col("case", &ir.Case{Typed: ty(tString, true), Whens: []ir.When{
			{Cond: cmp(">", f("n"), i(10)), Result: str("big")},
			{Cond: cmp(">", f("n"), i(0)), Result: str("small")}}}),
		col("castint", cast(f("num"), tInt)),
		col("caststr", cast(f("d"), tString)),
		col("castdec", cast(f("d"), tDecimal(10, 2))),
		col("upper", call("upper", tString, f("s"))),
		col("substr", call("substring", tString, f("s"), i(2), i(2))),
		col("concatws", call("concat_ws", tString, str("-"), f("s"), lit(tString, nil), f("arr"))),
		col("len", call("length", tInt, f("s"))),
		col("coalesce", call("coalesce", tString, f("s"), str("dflt"))),
		col("regexp", call("regexp_replace", tString, f("s"), str("[aeiou]"), str("#"))),
		col("split", call("split", &ir.Type{Kind: ir.Array, Elem: tString}, f("s"), str(","))),
		col("size", call("size", tInt, f("arr"))),
		col("round", call("round", tDouble, f("d"), i(1))),
		col("hash", call("hash", tInt, i(1))),
		col("hashnull", call("hash", tInt, lit(tString, nil))),
		col("if", call("if", tString, f("b"), str("y"), str("n"))),
		col("greatest", call("greatest", tInt, f("n"), i(5))),
		col("tojson", call("to_json", tString, &ir.MakeStruct{Typed: ty(nsStruct, false), Fields: []ir.Expr{f("n"), f("s")}})),
		col("decadd", &ir.Arith{Typed: ty(tDecimal(11, 2), true), Op: "+", L: f("dec"), R: f("dec")}),
		col("like", call("like", tBool, f("s"), str("a%"))),
		col("elem1", call("element_at", tString, f("arr"), i(1))),
		col("elem2", call("element_at", tString, f("arr"), i(2))),
		col("dmul", arith("*", f("d"), dbl(0.2))),
		col("datefmt", call("date_format", tString, ts, str("yyyy/MM/dd HH:mm"))),
		col("todate", dateOfTS),
		col("year", call("year", tInt, dateOfTS)),
		col("neg", &ir.Neg{Typed: ty(tLong, true), X: f("l")}),
		col("contains", call("array_contains", tBool, f("arr"), str("q"))),
	}
	k, kv, tp, p, h := noKafka()
	return &ir.Query{
		App: "exprs", Name: "exprs", TimeZone: "Asia/Kolkata", Checkpoint: "chk/exprs",
		Source: src,
		Steps:  []ir.Step{&ir.Project{Columns: cols}},
		Output: cols,
		Sink:   &ir.Sink{Format: "json", Path: "out", Key: k, Value: kv, Topic: tp, Partition: p, Headers: h, Row: rowType(cols)},
	}
}

// filterQuery keeps rows with n > 1 (a NULL n drops the row).
func filterQuery(rec *ir.Type) *ir.Query {
	src := kafkaSource(rec, "json", "PERMISSIVE")
	v := ref(src.Columns, "value")
	s1 := []*ir.Column{col("s", field(v, "s")), col("n", field(v, "n"))}
	cols := []*ir.Column{pass(s1, "s")}
	k, kv, tp, p, h := noKafka()
	return &ir.Query{
		App: "exprs", Name: "filtered", TimeZone: "UTC", Checkpoint: "chk/filtered",
		Source: src,
		Steps: []ir.Step{&ir.Project{Columns: s1},
			&ir.Filter{Cond: cmp(">", ref(s1, "n"), lit(tInt, int64(1)))}, &ir.Project{Columns: cols}},
		Output: cols,
		Sink:   &ir.Sink{Format: "csv", Path: "out", Key: k, Value: kv, Topic: tp, Partition: p, Headers: h, Row: rowType(cols)},
	}
}

// explodeQuery is posexplode_outer(arr) next to n.
func explodeQuery(rec *ir.Type) *ir.Query {
	src := kafkaSource(rec, "json", "FAILFAST")
	v := ref(src.Columns, "value")
	arr := field(v, "arr")
	cols := []*ir.Column{
		col("pos", &ir.GenOutput{Typed: ty(tInt, true), Role: "pos"}),
		col("col", &ir.GenOutput{Typed: ty(tString, true), Role: "col"}),
		col("n", field(v, "n")),
	}
	return &ir.Query{
		App: "exprs", Name: "exploded", TimeZone: "UTC", Checkpoint: "chk/exploded",
		Source: src,
		Steps:  []ir.Step{&ir.Project{Columns: cols, Generator: &ir.Generator{Kind: "posexplode_outer", X: arr}}},
		Output: cols,
		Sink: &ir.Sink{Format: "kafka", Options: []ir.Option{{Key: "topic", Value: "out"}},
			Key: -1, Value: 1, Topic: -1, Partition: 0, Headers: -1},
	}
}
