package querygen_test

import (
	"github.com/streamc/streamc/internal/ir"
)

// notifyQuery is the repo's notify query as the checker types it.
func notifyQuery(invoice *ir.Type) *ir.Query {
	src := kafkaSource(invoice, "json", "PERMISSIVE")
	value := ref(src.Columns, "value")
	s1 := []*ir.Column{
		col("InvoiceNumber", field(value, "InvoiceNumber")),
		col("CustomerCardNo", field(value, "CustomerCardNo")),
		col("TotalAmount", field(value, "TotalAmount")),
	}
	s2 := []*ir.Column{
		pass(s1, "InvoiceNumber"), pass(s1, "CustomerCardNo"), pass(s1, "TotalAmount"),
		col("EarnedLoyaltyPoints", arith("*", ref(s1, "TotalAmount"), cast(lit(tDecimal(1, 1), "0.2"), tDouble))),
	}
	s3 := []*ir.Column{
		col("key", ref(s2, "InvoiceNumber")),
		col("value", call("to_json", tString, makeStruct(s2, "InvoiceNumber", "CustomerCardNo", "TotalAmount", "EarnedLoyaltyPoints"))),
	}
	return &ir.Query{
		App: "invoices", Name: "notify", TimeZone: "UTC", Checkpoint: "chk-point-dir/notify",
		Source: src,
		Steps:  []ir.Step{&ir.Project{Columns: s1}, &ir.Project{Columns: s2}, &ir.Project{Columns: s3}},
		Output: s3,
		Sink: &ir.Sink{Format: "kafka", Options: []ir.Option{{Key: "topic", Value: "notifications"},
			{Key: "kafka.bootstrap.servers", Value: "localhost:9092"}},
			Key: 0, Value: 1, Topic: -1, Partition: -1, Headers: -1},
	}
}

// flattenQuery is the repo's flatten query.
func flattenQuery(invoice *ir.Type) *ir.Query {
	src := kafkaSource(invoice, "json", "PERMISSIVE")
	value := ref(src.Columns, "value")
	items := field(value, "InvoiceLineItems")
	var s1 []*ir.Column
	for _, n := range []string{"InvoiceNumber", "CreatedTime", "StoreID", "PosID", "CustomerType", "PaymentMethod", "DeliveryType"} {
		s1 = append(s1, col(n, field(value, n)))
	}
	for _, n := range []string{"City", "State", "PinCode"} {
		s1 = append(s1, col(n, field(field(value, "DeliveryAddress"), n)))
	}
	s1 = append(s1, col("LineItem", &ir.GenOutput{Typed: ty(items.Type.Elem, true), Role: "col"}))
	var s2 []*ir.Column
	for _, c := range s1 {
		s2 = append(s2, pass(s1, c.Name))
	}
	for _, n := range []string{"ItemCode", "ItemDescription", "ItemPrice", "ItemQty", "TotalValue"} {
		s2 = append(s2, col(n, field(ref(s1, "LineItem"), n)))
	}
	var s3 []*ir.Column
	for _, c := range s2 {
		if c.Name != "LineItem" {
			s3 = append(s3, pass(s2, c.Name))
		}
	}
	k, v, t, p, h := noKafka()
	return &ir.Query{
		App: "invoices", Name: "flatten", TimeZone: "UTC", Checkpoint: "chk-point-dir/flatten",
		Trigger: ir.Trigger{Kind: "availableNow"},
		Source:  src,
		Steps: []ir.Step{
			&ir.Project{Columns: s1, Generator: &ir.Generator{Kind: "explode", X: items}},
			&ir.Project{Columns: s2}, &ir.Project{Columns: s3},
		},
		Output: s3,
		Sink: &ir.Sink{Format: "json", Path: "output", Key: k, Value: v, Topic: t, Partition: p, Headers: h,
			Row: rowType(s3)},
	}
}
