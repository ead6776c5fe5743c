package jsongen_test

import (
	"testing"

	"github.com/streamc/streamc/generated/invoices"
	"github.com/streamc/streamc/internal/runtime/jsonx"
)

// FuzzInvoiceDecodeJSON: no input makes the generated decoder panic or hang,
// and whatever it accepts, it writes back in a form it reads the same way.
func FuzzInvoiceDecodeJSON(f *testing.F) {
	for _, l := range readLines(f, "invoices.jsonl")[:20] {
		f.Add(l)
	}
	for _, s := range []string{``, `{`, `[]`, `null`, `{"InvoiceLineItems":[null,{"ItemQty":1e3}]}`,
		`{"TotalAmount":"NaN","DeliveryAddress":{"City":["x"]}}`, `{"InvoiceNumber":"\ud800"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var x, p invoices.Invoice
		var full, part jsonx.Decoder
		part.Borrow = true
		errFull := x.DecodeJSONWith(&full, data)
		p.DecodeJSONFieldsWith(&part, data, 1<<0|1<<6|1<<15)
		if (full.Err() != nil) != (part.Err() != nil) || p.InvoiceNumber != x.InvoiceNumber || p.CustomerCardNo != x.CustomerCardNo {
			t.Fatalf("projected decode disagrees with the full one")
		}
		if len(p.InvoiceLineItems.V) != len(x.InvoiceLineItems.V) || p.InvoiceLineItems.Valid != x.InvoiceLineItems.Valid {
			t.Fatalf("projected line items disagree")
		}
		if errFull != nil {
			return
		}
		out := x.AppendJSON(nil)
		var y invoices.Invoice
		if err := y.DecodeJSON(out); err != nil {
			t.Fatalf("re-decoding our own output %s: %v", out, err)
		}
		if again := y.AppendJSON(nil); string(again) != string(out) {
			t.Fatalf("unstable:\n%s\n%s", out, again)
		}
	})
}
