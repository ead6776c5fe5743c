package plan

import "testing"

// Locals take a column's lower-camel Go name and its flag, unless that is
// taken, reserved, a keyword, a builtin or of a package-level name's form;
// temporaries are numbered.
func TestLocals(t *testing.T) {
	l := (&Query{}).Locals("time", "p")
	for _, tc := range []struct{ column, name, ok string }{
		{"TotalAmount", "totalAmount", "totalAmountOK"},
		{"TotalAmount", "totalAmount_2", "totalAmount_2OK"},
		{"earned loyalty-points", "earnedLoyaltyPoints", "earnedLoyaltyPointsOK"},
		{"time", "time_2", "time_2OK"},
		{"len", "len_2", "len_2OK"},
		{"type", "col", "colOK"},
		{"x1", "col_2", "col_2OK"},
		{"notifyFields", "col_3", "col_3OK"},
	} {
		if name, ok := l.Column(tc.column); name != tc.name || ok != tc.ok {
			t.Errorf("Column(%q) = %s, %s; want %s, %s", tc.column, name, ok, tc.name, tc.ok)
		}
	}
	if a, b := l.Temp("tmp"), l.Temp("tmp"); a != "tmp1" || b != "tmp2" {
		t.Errorf("Temp: %s, %s", a, b)
	}
}

// Processor fields are named after what they hold, made unique among the
// processor's fields and locals without numbering the first.
func TestLocalsFields(t *testing.T) {
	l := (&Query{}).Locals("p", "headers")
	if name, _ := l.Column("valueInvoice"); name != "valueInvoice" {
		t.Fatalf("Column: %s", name)
	}
	for _, tc := range []struct{ column, role, name string }{
		{"value", "Invoice", "valueInvoice_2"}, // the local has the name
		{"value", "Invoice", "valueInvoice_3"},
		{"line items", "Dec", "lineItemsDec"},
		{"type", "", "col"},
	} {
		if got := l.ColumnField(tc.column, tc.role); got != tc.name {
			t.Errorf("ColumnField(%q, %q) = %s, want %s", tc.column, tc.role, got, tc.name)
		}
	}
	for _, tc := range []struct{ stem, name string }{
		{"valueBuf", "valueBuf"},
		{"valueBuf", "valueBuf_2"},
		{"headers", "headers_2"},
		{"Bad", "f"},
	} {
		if got := l.Field(tc.stem); got != tc.name {
			t.Errorf("Field(%q) = %s, want %s", tc.stem, got, tc.name)
		}
	}
	// A column's local after a field of its name keeps them apart too.
	if name, _ := l.Column("lineItemsDec"); name != "lineItemsDec_2" {
		t.Errorf("Column after Field: %s", name)
	}
}
