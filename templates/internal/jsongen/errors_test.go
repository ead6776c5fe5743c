package jsongen_test

import (
	"testing"

	"github.com/streamc/streamc/generated/invoices"
)

// A generated decoder's errors name the field's path and carry no package
// prefix.
func TestDecodeErrors(t *testing.T) {
	for in, want := range map[string]string{
		`{"InvoiceNumber":"X","TotalAmount":"abc"}`:                                `field "TotalAmount" at byte 35: expected double, got string`,
		`{"InvoiceNumber":"X","InvoiceLineItems":[{"ItemQty":1},{"ItemQty":1.5}]}`: `field "InvoiceLineItems[1].ItemQty" at byte 66: expected int, got non-integer number`,
		`{"InvoiceNumber":`: "malformed JSON at byte 17: unexpected end of input, expected a value",
	} {
		var inv invoices.Invoice
		if err := inv.DecodeJSON([]byte(in)); err == nil || err.Error() != want {
			t.Errorf("%s: error %v, want %q", in, err, want)
		}
	}
}
