package querygen_test

import (
	"github.com/streamc/streamc/gen/check"
	"github.com/streamc/streamc/gen/schema"
)

// consoleRecord is the input record of the console query: a value of every
// shape show() prints differently.
func consoleRecord() *schema.Type {
	t := &schema.Type{Kind: schema.Struct}
	add := func(name string, ft *schema.Type) {
		t.Fields = append(t.Fields, &schema.Field{Name: name, Type: ft, Nullable: true})
	}
	add("s", tString)
	add("n", tInt)
	add("d", tDouble)
	add("dec", tDecimal(10, 2))
	add("ts", tString)
	add("arr", &schema.Type{Kind: schema.Array, Elem: tString, ContainsNull: true})
	add("m", &schema.Type{Kind: schema.Map, Key: tString, Value: tDouble, ValueContainsNull: true})
	add("st", &schema.Type{Kind: schema.Struct, Fields: []*schema.Field{
		{Name: "x", Type: tInt, Nullable: true}, {Name: "y", Type: tString, Nullable: true}}})
	return t
}

// consoleQuery prints every column of the record, casts to binary, float,
// date and timestamp, and the Kafka timestamp, in a session time zone that
// is not UTC (see testdata/console_test.go).
func consoleQuery(rec *schema.Type) *check.Query {
	src := kafkaSource(rec, "json", "PERMISSIVE")
	v := ref(src.Columns, "value")
	f := func(name string) check.Expr { return field(v, name) }
	cols := []*check.Column{
		col("s", f("s")), col("n", f("n")), col("d", f("d")), col("dec", f("dec")),
		col("f", cast(f("d"), prim(schema.Float))),
		col("bin", cast(f("s"), tBinary)),
		col("at", cast(f("ts"), tTS)),
		col("day", cast(f("ts"), tDate)),
		col("arr", f("arr")), col("m", f("m")), col("st", f("st")),
		col("kafkaTime", ref(src.Columns, "timestamp")),
	}
	k, val, t, p, h := noKafka()
	return &check.Query{
		App: "console", Name: "show", TimeZone: "Asia/Kolkata", Source: src,
		Steps:  []check.Step{&check.Project{Columns: cols}},
		Output: cols,
		Sink: &check.Sink{Format: "console", Options: []check.Option{{Key: "truncate", Value: "false"}},
			Key: k, Value: val, Topic: t, Partition: p, Headers: h, Row: rowType(cols)},
	}
}
