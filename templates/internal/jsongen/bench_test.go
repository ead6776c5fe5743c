package jsongen_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/streamc/streamc/generated/invoices"
	"github.com/streamc/streamc/internal/testutil/testval"
)

// benchInvoice is a mid-sized invoice from the fixtures (several line items).
func benchInvoice(b *testing.B) []byte {
	lines := readLines(b, "invoices.jsonl")
	best := lines[0]
	for _, l := range lines {
		if len(l) > len(best) && len(l) < 1500 {
			best = l
		}
	}
	return best
}

// Decoding one invoice: generated code vs encoding/json into the same shape
// (pointer fields for nullable columns). make bench prints the ratio.
func BenchmarkInvoiceDecode(b *testing.B) {
	line := benchInvoice(b)
	b.Run("baseline=encoding_json", func(b *testing.B) {
		mirror := reflect.TypeOf(testval.NewMirror(&invoices.Invoice{})).Elem()
		b.SetBytes(int64(len(line)))
		b.ReportAllocs()
		for b.Loop() {
			m := reflect.New(mirror).Interface()
			if err := json.Unmarshal(line, m); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("streamc", func(b *testing.B) {
		b.SetBytes(int64(len(line)))
		b.ReportAllocs()
		for b.Loop() {
			var inv invoices.Invoice
			if err := inv.DecodeJSON(line); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkInvoiceEncode(b *testing.B) {
	var inv invoices.Invoice
	if err := inv.DecodeJSON(benchInvoice(b)); err != nil {
		b.Fatal(err)
	}
	mirror := testval.ToMirror(&inv)
	b.Run("baseline=encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		var n int
		for b.Loop() {
			out, err := json.Marshal(mirror)
			if err != nil {
				b.Fatal(err)
			}
			n = len(out)
		}
		b.SetBytes(int64(n))
	})
	b.Run("streamc", func(b *testing.B) {
		b.ReportAllocs()
		buf := make([]byte, 0, 4096)
		for b.Loop() {
			buf = inv.AppendJSON(buf[:0])
		}
		b.SetBytes(int64(len(buf)))
	})
}
