package check

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/streamc/streamc/internal/compiler/schema"
)

func TestRepoPipelines(t *testing.T) {
	s, schemas := loadRepo(t)
	res, err := Check(s, schemas)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	queries := map[string]*Query{}
	for _, a := range res.Apps {
		for _, q := range a.Queries {
			queries[q.Name] = q
		}
	}
	notify, flatten := queries["notify"], queries["flatten"]
	if notify == nil || flatten == nil {
		t.Fatalf("queries: %v", queries)
	}
	// The checker works on its own copy of the schemas, which its result
	// holds: the decode type is that copy's pointer.
	if got := notify.Source.Value.Type; got != res.Schemas["invoice"] {
		t.Errorf("value decode type is not the schema's pointer")
	}
	if got, want := res.Schemas["invoice"].SimpleString(), schemas["invoice"].Type.SimpleString(); got != want {
		t.Errorf("the checker's copy of the invoice schema is %s, want %s", got, want)
	}
	if notify.Checkpoint != "chk-point-dir/notify" {
		t.Errorf("checkpoint %q", notify.Checkpoint)
	}
	wantOpts := []Option{{Key: "subscribe", Value: "invoices"}, {Key: "startingOffsets", Value: "earliest"}, {Key: "kafka.bootstrap.servers", Value: "localhost:9092"}}
	if d := cmp.Diff(wantOpts, notify.Source.Options); d != "" {
		t.Errorf("source options (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]Option{{Key: "topic", Value: "notifications"}, {Key: "kafka.bootstrap.servers", Value: "localhost:9092"}}, notify.Sink.Options); d != "" {
		t.Errorf("sink options (-want +got):\n%s", d)
	}

	if d := cmp.Diff([]string{"key string", "value string"}, columnSummary(notify.Output)); d != "" {
		t.Errorf("notify output (-want +got):\n%s", d)
	}
	if notify.Sink.Key != 0 || notify.Sink.Value != 1 || notify.Sink.Topic != -1 {
		t.Errorf("sink columns key=%d value=%d topic=%d", notify.Sink.Key, notify.Sink.Value, notify.Sink.Topic)
	}
	call, ok := notify.Output[1].Expr.(*Call)
	if !ok || call.Name != "to_json" || len(call.Args) != 1 {
		t.Fatalf("value is %#v, want a to_json Call", notify.Output[1].Expr)
	}
	ms, ok := call.Args[0].(*MakeStruct)
	if !ok {
		t.Fatalf("to_json argument is %T, want *MakeStruct", call.Args[0])
	}
	st := TypeOf(ms).Type
	var fields []string
	for _, f := range st.Fields {
		fields = append(fields, f.Name+" "+typeName(f.Type))
	}
	wantFields := []string{"InvoiceNumber string", "CustomerCardNo string", "TotalAmount double", "EarnedLoyaltyPoints double"}
	if d := cmp.Diff(wantFields, fields); d != "" {
		t.Errorf("struct fields (-want +got):\n%s", d)
	}
	arith := findArith(ms.Fields[3])
	if arith == nil || arith.Op != "*" {
		t.Fatalf("EarnedLoyaltyPoints is %#v, want TotalAmount * 0.2", ms.Fields[3])
	}
	cast, ok := arith.R.(*Cast)
	if !ok || cast.Type.Kind != schema.Double {
		t.Fatalf("R is %#v, want a Cast to double", arith.R)
	}
	lit, ok := cast.X.(*Lit)
	if !ok || lit.Type.Kind != schema.Decimal || lit.Type.Precision != 1 || lit.Type.Scale != 1 || lit.Value != "0.2" {
		t.Fatalf("cast operand is %#v, want decimal(1,1) 0.2", cast.X)
	}

	want := []string{"InvoiceNumber", "CreatedTime", "StoreID", "PosID", "CustomerType", "PaymentMethod", "DeliveryType",
		"City", "State", "PinCode", "ItemCode", "ItemDescription", "ItemPrice", "ItemQty", "TotalValue"}
	var got []string
	for _, c := range flatten.Output {
		got = append(got, c.Name)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("flatten output (-want +got):\n%s", d)
	}
	var gen *Generator
	for _, st := range flatten.Steps {
		if p, ok := st.(*Project); ok && p.Generator != nil {
			gen = p.Generator
		}
	}
	if gen == nil || gen.Kind != "explode" {
		t.Fatalf("flatten has no explode generator: %#v", flatten.Steps)
	}
	if len(flatten.Steps) != 1 {
		t.Errorf("flatten has %d steps, want the projections fused into 1", len(flatten.Steps))
	}
	if flatten.Sink.Row == nil || len(flatten.Sink.Row.Fields) != len(want) || flatten.Sink.Path != "output" {
		t.Errorf("flatten sink: %#v", flatten.Sink)
	}
}

// findArith finds the Arith node in e (under casts the checker adds).
func findArith(e Expr) *Arith {
	var out *Arith
	Walk(e, func(e Expr) {
		if a, ok := e.(*Arith); ok && out == nil {
			out = a
		}
	})
	return out
}

func columnSummary(cols []*Column) []string {
	var out []string
	for _, c := range cols {
		out = append(out, c.Name+" "+typeName(c.Type))
	}
	return out
}
