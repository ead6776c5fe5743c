package querygen_test

import (
	"github.com/streamc/streamc/gen/check"
	"github.com/streamc/streamc/gen/schema"
)

// exprRecord is the input record of the expression queries.
func exprRecord() *schema.Type {
	t := &schema.Type{Kind: schema.Struct}
	add := func(name string, ft *schema.Type) {
		t.Fields = append(t.Fields, &schema.Field{Name: name, Type: ft, Nullable: true})
	}
	add("s", tString)
	add("num", tString)
	add("ts", tString)
	add("n", tInt)
	add("l", tLong)
	add("d", tDouble)
	add("b", tBool)
	add("dec", tDecimal(10, 2))
	add("arr", &schema.Type{Kind: schema.Array, Elem: tString, ContainsNull: true})
	return t
}

// exprQueries exercise NULL propagation, three-valued logic, casts,
// arithmetic and a sample of functions, each column against a known
// Spark answer (see testdata/exprs_test.go).
func exprQueries(rec *schema.Type) []*check.Query {
	return []*check.Query{exprQuery(rec), filterQuery(rec), explodeQuery(rec)}
}

func exprQuery(rec *schema.Type) *check.Query {
	src := kafkaSource(rec, "json", "PERMISSIVE")
	v := ref(src.Columns, "value")
	f := func(name string) check.Expr { return field(v, name) }
	i := func(n int64) check.Expr { return lit(tInt, n) }
	str := func(s string) check.Expr { return lit(tString, s) }
	dbl := func(x float64) check.Expr { return lit(tDouble, x) }
	ts := cast(f("ts"), tTS)
	dateOfTS := cast(f("ts"), tDate)
	nsStruct := &schema.Type{Kind: schema.Struct, Fields: []*schema.Field{
		{Name: "n", Type: tInt, Nullable: true}, {Name: "s", Type: tString, Nullable: true}}}
	cols := []*check.Column{
		col("plus", arith("+", f("n"), i(1))),
		col("ovf", arith("*", f("n"), f("n"))),
		col("ddiv", arith("/", f("d"), dbl(0))),
		col("half", arith("/", f("d"), dbl(2))),
		col("idiv", &check.Arith{Typed: ty(tLong, true), Op: "div", L: f("l"), R: lit(tLong, int64(0))}),
		col("ldiv", &check.Arith{Typed: ty(tLong, true), Op: "div", L: f("l"), R: lit(tLong, int64(3))}),
		col("mod", arith("%", f("n"), i(3))),
		col("and", logic("AND", cmp(">", f("n"), i(0)), cmp("=", f("s"), str("x")))),
		col("or", logic("OR", cmp(">", f("n"), i(5)), cmp("=", f("s"), str("x")))),
		col("or2", logic("OR", cmp("=", f("s"), str("zz")), lit(tBool, true))),
		col("and3", logic("AND", cmp("=", f("s"), str("zz")), lit(tBool, false))),
		col("nullsafe", cmp("<=>", f("s"), lit(tString, nil))),
		col("isnull", &check.IsNull{Typed: ty(tBool, false), X: f("s")}),
		col("in", &check.In{Typed: ty(tBool, true), X: f("n"), List: []check.Expr{i(1), i(3), lit(tInt, nil)}}),
		col("notin", &check.In{Typed: ty(tBool, true), X: f("n"), List: []check.Expr{i(1), i(2)}, Not: true}),
		col("case", &check.Case{Typed: ty(tString, true), Whens: []check.When{
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
		col("split", call("split", &schema.Type{Kind: schema.Array, Elem: tString}, f("s"), str(","))),
		col("size", call("size", tInt, f("arr"))),
		col("round", call("round", tDouble, f("d"), i(1))),
		col("hash", call("hash", tInt, i(1))),
		col("hashnull", call("hash", tInt, lit(tString, nil))),
		col("if", call("if", tString, f("b"), str("y"), str("n"))),
		col("greatest", call("greatest", tInt, f("n"), i(5))),
		col("tojson", call("to_json", tString, &check.MakeStruct{Typed: ty(nsStruct, false), Fields: []check.Expr{f("n"), f("s")}})),
		col("decadd", &check.Arith{Typed: ty(tDecimal(11, 2), true), Op: "+", L: f("dec"), R: f("dec")}),
		col("like", call("like", tBool, f("s"), str("a%"))),
		col("elem1", call("element_at", tString, f("arr"), i(1))),
		col("elem2", call("element_at", tString, f("arr"), i(2))),
		col("dmul", arith("*", f("d"), dbl(0.2))),
		col("datefmt", call("date_format", tString, ts, str("yyyy/MM/dd HH:mm"))),
		col("todate", dateOfTS),
		col("year", call("year", tInt, dateOfTS)),
		col("neg", &check.Neg{Typed: ty(tLong, true), X: f("l")}),
		col("contains", call("array_contains", tBool, f("arr"), str("q"))),
	}
	k, kv, tp, p, h := noKafka()
	return &check.Query{
		App: "exprs", Name: "exprs", TimeZone: "Asia/Kolkata", Checkpoint: "chk/exprs",
		Source: src,
		Steps:  []check.Step{&check.Project{Columns: cols}},
		Output: cols,
		Sink:   &check.Sink{Format: "json", Path: "out", Key: k, Value: kv, Topic: tp, Partition: p, Headers: h, Row: rowType(cols)},
	}
}

// filterQuery keeps rows with n > 1 (a NULL n drops the row).
func filterQuery(rec *schema.Type) *check.Query {
	src := kafkaSource(rec, "json", "PERMISSIVE")
	v := ref(src.Columns, "value")
	s1 := []*check.Column{col("s", field(v, "s")), col("n", field(v, "n"))}
	cols := []*check.Column{pass(s1, "s")}
	k, kv, tp, p, h := noKafka()
	return &check.Query{
		App: "exprs", Name: "filtered", TimeZone: "UTC", Checkpoint: "chk/filtered",
		Source: src,
		Steps: []check.Step{&check.Project{Columns: s1},
			&check.Filter{Cond: cmp(">", ref(s1, "n"), lit(tInt, int64(1)))}, &check.Project{Columns: cols}},
		Output: cols,
		Sink:   &check.Sink{Format: "csv", Path: "out", Key: k, Value: kv, Topic: tp, Partition: p, Headers: h, Row: rowType(cols)},
	}
}

// explodeQuery is posexplode_outer(arr) next to n.
func explodeQuery(rec *schema.Type) *check.Query {
	src := kafkaSource(rec, "json", "FAILFAST")
	v := ref(src.Columns, "value")
	arr := field(v, "arr")
	cols := []*check.Column{
		col("pos", &check.GenOutput{Typed: ty(tInt, true), Role: "pos"}),
		col("col", &check.GenOutput{Typed: ty(tString, true), Role: "col"}),
		col("n", field(v, "n")),
	}
	return &check.Query{
		App: "exprs", Name: "exploded", TimeZone: "UTC", Checkpoint: "chk/exploded",
		Source: src,
		Steps:  []check.Step{&check.Project{Columns: cols, Generator: &check.Generator{Kind: "posexplode_outer", X: arr}}},
		Output: cols,
		Sink: &check.Sink{Format: "kafka", Options: []check.Option{{Key: "topic", Value: "out"}},
			Key: -1, Value: 1, Topic: -1, Partition: 0, Headers: -1},
	}
}
