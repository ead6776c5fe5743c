package querygen_test

import (
	"github.com/streamc/streamc/internal/ir"
)

// consoleRecord is the input record of the console query: a value of every
// shape show() prints differently.
func consoleRecord() *ir.Type {
	t := &ir.Type{Kind: ir.Struct}
	add := func(name string, ft *ir.Type) {
		t.Fields = append(t.Fields, &ir.Field{Name: name, Type: ft, Nullable: true})
	}
	add("s", tString)
	add("n", tInt)
	add("d", tDouble)
	add("dec", tDecimal(10, 2))
	add("ts", tString)
	add("arr", &ir.Type{Kind: ir.Array, Elem: tString, ContainsNull: true})
	add("m", &ir.Type{Kind: ir.Map, Key: tString, Value: tDouble, ValueContainsNull: true})
	add("st", &ir.Type{Kind: ir.Struct, Fields: []*ir.Field{
		{Name: "x", Type: tInt, Nullable: true}, {Name: "y", Type: tString, Nullable: true}}})
	return t
}

// consoleQuery prints every column of the record, casts to binary, float,
// date and timestamp, and the Kafka timestamp, in a session time zone that
// is not UTC (see testdata/console_test.go).
func consoleQuery(rec *ir.Type) *ir.Query {
	src := kafkaSource(rec, "json", "PERMISSIVE")
	v := ref(src.Columns, "value")
	f := func(name string) ir.Expr { return field(v, name) }
	cols := []*ir.Column{
		col("s", f("s")), col("n", f("n")), col("d", f("d")), col("dec", f("dec")),
		col("f", cast(f("d"), prim(ir.Float))),
		col("bin", cast(f("s"), tBinary)),
		col("at", cast(f("ts"), tTS)),
		col("day", cast(f("ts"), tDate)),
		col("arr", f("arr")), col("m", f("m")), col("st", f("st")),
		col("kafkaTime", ref(src.Columns, "timestamp")),
	}
	k, val, t, p, h := noKafka()
	return &ir.Query{
		App: "console", Name: "show", TimeZone: "Asia/Kolkata", Source: src,
		Steps:  []ir.Step{&ir.Project{Columns: cols}},
		Output: cols,
		Sink: &ir.Sink{Format: "console", Options: []ir.Option{{Key: "truncate", Value: "false"}},
			Key: k, Value: val, Topic: t, Partition: p, Headers: h, Row: rowType(cols)},
	}
}
