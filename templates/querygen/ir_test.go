package querygen_test

import (
	"github.com/streamc/streamc/gen/check"
	"github.com/streamc/streamc/gen/schema"
)

// Small constructors of checked IR, as gen/check would produce it.

func prim(k schema.Kind) *schema.Type { return &schema.Type{Kind: k} }

var (
	tBool   = prim(schema.Boolean)
	tInt    = prim(schema.Int)
	tLong   = prim(schema.Long)
	tDouble = prim(schema.Double)
	tString = prim(schema.String)
	tBinary = prim(schema.Binary)
	tTS     = prim(schema.Timestamp)
	tDate   = prim(schema.Date)
)

func tDecimal(p, s int) *schema.Type {
	return &schema.Type{Kind: schema.Decimal, Precision: p, Scale: s}
}

func ty(t *schema.Type, nullable bool) check.Typed { return check.Typed{Type: t, Nullable: nullable} }

func col(name string, e check.Expr) *check.Column {
	t := check.TypeOf(e)
	return &check.Column{Name: name, Type: t.Type, Nullable: t.Nullable, Expr: e}
}

func ref(rel []*check.Column, name string) *check.Ref {
	for i, c := range rel {
		if c.Name == name {
			return &check.Ref{Typed: ty(c.Type, c.Nullable), Index: i, Name: name}
		}
	}
	panic("no column " + name)
}

// pass is a column passed through unchanged.
func pass(rel []*check.Column, name string) *check.Column { return col(name, ref(rel, name)) }

func field(x check.Expr, name string) *check.GetField {
	t := check.TypeOf(x)
	for i, f := range t.Type.Fields {
		if f.Name == name {
			return &check.GetField{Typed: ty(f.Type, t.Nullable || f.Nullable), X: x, Index: i}
		}
	}
	panic("no field " + name)
}

func lit(t *schema.Type, v any) *check.Lit { return &check.Lit{Typed: ty(t, v == nil), Value: v} }

func cast(x check.Expr, t *schema.Type) *check.Cast {
	return &check.Cast{Typed: ty(t, true), X: x}
}

func arith(op string, l, r check.Expr) *check.Arith {
	t := check.TypeOf(l)
	return &check.Arith{Typed: ty(t.Type, true), Op: op, L: l, R: r}
}

func cmp(op string, l, r check.Expr) *check.Compare {
	return &check.Compare{Typed: ty(tBool, true), Op: op, L: l, R: r}
}

func logic(op string, l, r check.Expr) *check.Logic {
	return &check.Logic{Typed: ty(tBool, true), Op: op, L: l, R: r}
}

func call(name string, t *schema.Type, args ...check.Expr) *check.Call {
	return &check.Call{Typed: ty(t, true), Name: name, Args: args}
}

// makeStruct is struct(cols...) named after the columns.
func makeStruct(rel []*check.Column, names ...string) *check.MakeStruct {
	t := &schema.Type{Kind: schema.Struct}
	var fields []check.Expr
	for _, n := range names {
		r := ref(rel, n)
		t.Fields = append(t.Fields, &schema.Field{Name: n, Type: r.Type, Nullable: r.Nullable})
		fields = append(fields, r)
	}
	return &check.MakeStruct{Typed: ty(t, false), Fields: fields}
}

// rowType is the sink row of rel.
func rowType(rel []*check.Column) *schema.Type {
	t := &schema.Type{Kind: schema.Struct}
	for _, c := range rel {
		t.Fields = append(t.Fields, &schema.Field{Name: c.Name, Type: c.Type, Nullable: c.Nullable})
	}
	return t
}

// kafkaSource is the source relation with the value decoded by schema.
func kafkaSource(value *schema.Type, format, mode string) *check.Source {
	return &check.Source{
		Options: []check.Option{{Key: "subscribe", Value: "invoices"}, {Key: "startingOffsets", Value: "earliest"},
			{Key: "kafka.bootstrap.servers", Value: "localhost:9092"}},
		Value: &check.Decode{Format: format, Schema: "invoice", Type: value, Mode: mode},
		Columns: []*check.Column{
			{Name: "key", Type: tBinary, Nullable: true},
			{Name: "value", Type: value, Nullable: true},
			{Name: "topic", Type: tString},
			{Name: "partition", Type: tInt},
			{Name: "offset", Type: tLong},
			{Name: "timestamp", Type: tTS},
			{Name: "timestampType", Type: tInt},
		},
	}
}

func noKafka() (key, value, topic, partition, headers int) { return -1, -1, -1, -1, -1 }
