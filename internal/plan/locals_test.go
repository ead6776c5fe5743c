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
