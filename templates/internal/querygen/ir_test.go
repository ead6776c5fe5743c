package querygen_test

import (
	"github.com/streamc/streamc/internal/compiler/catalog"
	"github.com/streamc/streamc/internal/ir"
)

// Small constructors of checked IR, as internal/compiler/check would produce it.

func prim(k ir.Kind) *ir.Type { return &ir.Type{Kind: k} }

var (
	tBool   = prim(ir.Boolean)
	tInt    = prim(ir.Int)
	tLong   = prim(ir.Long)
	tDouble = prim(ir.Double)
	tString = prim(ir.String)
	tBinary = prim(ir.Binary)
	tTS     = prim(ir.Timestamp)
	tDate   = prim(ir.Date)
)

func tDecimal(p, s int) *ir.Type {
	return &ir.Type{Kind: ir.Decimal, Precision: p, Scale: s}
}

func ty(t *ir.Type, nullable bool) ir.Typed { return ir.Typed{Type: t, Nullable: nullable} }

func col(name string, e ir.Expr) *ir.Column {
	t := ir.TypeOf(e)
	return &ir.Column{Name: name, Type: t.Type, Nullable: t.Nullable, Expr: e}
}

func ref(rel []*ir.Column, name string) *ir.Ref {
	for i, c := range rel {
		if c.Name == name {
			return &ir.Ref{Typed: ty(c.Type, c.Nullable), Index: i, Name: name}
		}
	}
	panic("no column " + name)
}

// pass is a column passed through unchanged.
func pass(rel []*ir.Column, name string) *ir.Column { return col(name, ref(rel, name)) }

func field(x ir.Expr, name string) *ir.GetField {
	t := ir.TypeOf(x)
	for i, f := range t.Type.Fields {
		if f.Name == name {
			return &ir.GetField{Typed: ty(f.Type, t.Nullable || f.Nullable), X: x, Index: i}
		}
	}
	panic("no field " + name)
}

func lit(t *ir.Type, v any) *ir.Lit { return &ir.Lit{Typed: ty(t, v == nil), Value: v} }

func cast(x ir.Expr, t *ir.Type) *ir.Cast {
	return &ir.Cast{Typed: ty(t, true), X: x}
}

func arith(op string, l, r ir.Expr) *ir.Arith {
	t := ir.TypeOf(l)
	return &ir.Arith{Typed: ty(t.Type, true), Op: op, L: l, R: r}
}

func cmp(op string, l, r ir.Expr) *ir.Compare {
	return &ir.Compare{Typed: ty(tBool, true), Op: op, L: l, R: r}
}

func logic(op string, l, r ir.Expr) *ir.Logic {
	return &ir.Logic{Typed: ty(tBool, true), Op: op, L: l, R: r}
}

func call(name string, t *ir.Type, args ...ir.Expr) *ir.Call {
	c := &ir.Call{Typed: ty(t, true), Name: name, Args: args}
	// The checker copies the catalogue's runtime symbols into the call.
	if f := catalog.Lookup(name); f != nil {
		c.Runtime = f.Runtime
	}
	return c
}

// makeStruct is struct(cols...) named after the columns.
func makeStruct(rel []*ir.Column, names ...string) *ir.MakeStruct {
	t := &ir.Type{Kind: ir.Struct}
	var fields []ir.Expr
	for _, n := range names {
		r := ref(rel, n)
		t.Fields = append(t.Fields, &ir.Field{Name: n, Type: r.Type, Nullable: r.Nullable})
		fields = append(fields, r)
	}
	return &ir.MakeStruct{Typed: ty(t, false), Fields: fields}
}

// rowType is the sink row of rel.
func rowType(rel []*ir.Column) *ir.Type {
	t := &ir.Type{Kind: ir.Struct}
	for _, c := range rel {
		t.Fields = append(t.Fields, &ir.Field{Name: c.Name, Type: c.Type, Nullable: c.Nullable})
	}
	return t
}

// kafkaSource is the source relation with the value decoded by schema.
func kafkaSource(value *ir.Type, format, mode string) *ir.Source {
	return &ir.Source{
		Options: []ir.Option{{Key: "subscribe", Value: "invoices"}, {Key: "startingOffsets", Value: "earliest"},
			{Key: "kafka.bootstrap.servers", Value: "localhost:9092"}},
		Value: &ir.Decode{Format: format, Schema: "invoice", Type: value, Mode: mode},
		Columns: []*ir.Column{
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
