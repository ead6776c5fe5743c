package billing_test

import (
	"encoding/hex"
	"math/rand/v2"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/streamc/streamc/examples/billing/generated/billing"
	"github.com/streamc/streamc/internal/devtools/registry"
	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink"
	"github.com/streamc/streamc/internal/runtime/wire"
	"github.com/streamc/streamc/internal/testutil/testval"
	"github.com/streamc/streamc/runtime/sqltypes"
)

// vectors are Confluent-framed invoices written by Confluent's own
// serializer (schema ids 3 and 5 of its mock registry), with the records
// that serializer was given.
var vectors = []struct {
	name, hex string
	id        uint32
	want      billing.Invoice
}{
	{
		name: "with_address", id: 5,
		hex: "00000000051a494e562d323032342d3030303184908fc4eb63d20f1241434d4520476d6248022862696c6c696e674061636d652e6578616d706c6502040a534b552d310c576964676574067b14ae47e1fa23400a534b552d321a4761646765742c206c61726765020000000000b0624000021c486175707473747261c39f652035104dc3bc6e6368656e0a3830333331044445d7a3703d0a6f66400645555200",
		want: billing.Invoice{
			InvoiceId: "INV-2024-0001", IssuedAt: 1715239773186,
			Customer: billing.Customer{Id: 1001, Name: "ACME GmbH", Email: sqltypes.Some("billing@acme.example")},
			Status:   "ISSUED",
			LineItems: []billing.LineItem{
				{Sku: "SKU-1", Description: "Widget", Quantity: 3, UnitPrice: 9.99},
				{Sku: "SKU-2", Description: "Gadget, large", Quantity: 1, UnitPrice: 149.5},
			},
			BillingAddress: sqltypes.Some(billing.Address{Street: "Hauptstraße 5", City: "München", PostalCode: "80331", Country: "DE"}),
			Total:          179.47, Currency: "EUR",
		},
	},
	{
		name: "null_address", id: 3,
		hex: "00000000031a494e562d323032342d3030303280b392c4eb630e104a616e6520446f650000020a5356432d481e436f6e73756c74696e6720686f7572100000000000005e4000000000000000008e4006555344020c6e6574203330",
		want: billing.Invoice{
			InvoiceId: "INV-2024-0002", IssuedAt: 1715239800000,
			Customer:  billing.Customer{Id: 7, Name: "Jane Doe"},
			Status:    "DRAFT",
			LineItems: []billing.LineItem{{Sku: "SVC-H", Description: "Consulting hour", Quantity: 8, UnitPrice: 120}},
			Total:     960, Currency: "USD", Notes: sqltypes.Some("net 30"),
		},
	},
	{
		name: "no_line_items", id: 3,
		hex: "00000000030a494e562d3000010002000600000000000000000000000200",
		want: billing.Invoice{
			InvoiceId: "INV-0",
			Customer:  billing.Customer{Id: -1, Email: sqltypes.Some("")},
			Status:    "VOID", Notes: sqltypes.Some(""),
		},
	},
}

// An empty array decodes as nil; a random fill may make it non-nil.
var equate = cmpopts.EquateEmpty()

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// body strips the Confluent framing (magic byte and 4-byte schema id).
func body(t testing.TB, msg []byte, wantID uint32) []byte {
	t.Helper()
	f, err := wire.Parse(msg)
	if err != nil {
		t.Fatal(err)
	}
	if f.ID != wantID {
		t.Fatalf("schema id %d, want %d", f.ID, wantID)
	}
	return f.Body
}

// The generated codec reads what Confluent's serializer wrote, and writes the
// same bytes back.
func TestDecodeConfluentVectors(t *testing.T) {
	for _, v := range vectors {
		t.Run(v.name, func(t *testing.T) {
			b := body(t, unhex(t, v.hex), v.id)
			var got billing.Invoice
			if err := got.DecodeAvro(b); err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(v.want, got, equate); d != "" {
				t.Errorf("decoded (-want +got):\n%s", d)
			}
			again, err := got.AppendAvro(nil)
			if err != nil {
				t.Fatal(err)
			}
			if !cmp.Equal(again, b) {
				t.Errorf("re-encoded\n%x\nwant\n%x", again, b)
			}
		})
	}
}

// decode(encode(x)) == x for random invoices, decoding into one reused
// record as a query does.
func TestAvroRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	statuses := []string{"DRAFT", "ISSUED", "PAID", "VOID"}
	var y billing.Invoice
	var buf []byte
	for range 3000 {
		var x billing.Invoice
		testval.Fill(&x, r, testval.Options{})
		x.Status = statuses[r.IntN(len(statuses))]
		var err error
		if buf, err = x.AppendAvro(buf[:0]); err != nil {
			t.Fatal(err)
		}
		if err := y.DecodeAvro(buf); err != nil {
			t.Fatalf("%x: %v", buf, err)
		}
		if d := cmp.Diff(x, y, equate, cmpopts.EquateNaNs()); d != "" {
			t.Fatalf("%x (-want +got):\n%s", buf, d)
		}
	}
}

// A status the enum does not have cannot be written.
func TestAppendAvroBadEnum(t *testing.T) {
	x := vectors[0].want
	x.Status = "OVERDUE"
	if _, err := x.AppendAvro(nil); err == nil || !strings.Contains(err.Error(), "OVERDUE") {
		t.Errorf("error %v, want one naming the symbol", err)
	}
}

// Truncated or corrupt input is an error, never a panic.
func TestDecodeMalformed(t *testing.T) {
	b := body(t, unhex(t, vectors[0].hex), 5)
	var x billing.Invoice
	for n := range len(b) {
		if err := x.DecodeAvro(b[:n]); err == nil {
			t.Errorf("%d of %d bytes decoded without error", n, len(b))
		}
	}
	if err := x.DecodeAvro(append(b[:len(b):len(b)], 0)); err == nil {
		t.Error("trailing byte decoded without error")
	}
}

// run feeds messages to one processor and returns the rows it emits.
func run(t *testing.T, p engine.Processor, rows ...kafka.Row) []string {
	t.Helper()
	var out []string
	for i := range rows {
		err := p.Process(&rows[i], func(m *sink.Message) error {
			if m.Cells != nil { // a console row: its cells, as show() prints them
				var cells []string
				for _, c := range m.Cells {
					cells = append(cells, string(c))
				}
				out = append(out, strings.Join(cells, "|"))
				return nil
			}
			out = append(out, string(m.Value))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// The lines query against an in-process Schema Registry: each line item of a
// Confluent-framed invoice becomes one JSON row, whether the producer used the
// reader's schema or an older one without currency and notes.
func TestLinesQuery(t *testing.T) {
	reg, err := registry.New(registry.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(reg)
	defer srv.Close()
	id, _, err := reg.Register("invoices-value", registry.Schema{Schema: billing.InvoiceAvroSchema})
	if err != nil {
		t.Fatal(err)
	}
	// Version 1 of the schema ended at total; currency takes its default.
	i := strings.Index(billing.InvoiceAvroSchema, `,{"name":"currency"`)
	oldID, _, err := reg.Register("invoices-value", registry.Schema{Schema: billing.InvoiceAvroSchema[:i] + "]}"})
	if err != nil {
		t.Fatal(err)
	}

	newProcessor, err := billing.LinesQuery().Prepare(engine.SinkEnv{RegistryURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	full := body(t, unhex(t, vectors[0].hex), 5)
	// The old writer's encoding is the same up to total: drop currency
	// ("EUR", 4 bytes) and notes (null, 1 byte).
	old := full[:len(full)-5]
	got := run(t, newProcessor(),
		kafka.Row{Value: append(wire.AppendHeader(nil, uint32(id)), full...)},
		kafka.Row{Value: append(wire.AppendHeader(nil, uint32(oldID)), old...)},
		kafka.Row{Value: append(wire.AppendHeader(nil, uint32(id)), body(t, unhex(t, vectors[2].hex), 3)...)},
	)
	row := func(sku string, qty int, price, total string) string {
		return `{"invoiceId":"INV-2024-0001","issuedAt":1715239773186,"customerName":"ACME GmbH","status":"ISSUED","country":"DE","currency":"EUR",` +
			`"sku":"` + sku + `","quantity":` + strconv.Itoa(qty) + `,"unitPrice":` + price + `,"lineTotal":` + total + `}`
	}
	want := []string{
		row("SKU-1", 3, "9.99", "29.97"), row("SKU-2", 1, "149.5", "149.5"),
		row("SKU-1", 3, "9.99", "29.97"), row("SKU-2", 1, "149.5", "149.5"),
		// An invoice without line items gives no row, as Spark's explode.
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("rows (-want +got):\n%s", d)
	}
}

// The issued query reads plain Avro (no framing, no registry) and keeps
// only issued invoices.
func TestIssuedQuery(t *testing.T) {
	var rows []kafka.Row
	for _, v := range vectors {
		rows = append(rows, kafka.Row{Value: body(t, unhex(t, v.hex), v.id)})
	}
	got := run(t, billing.IssuedQuery().NewProcessor(), rows...)
	want := []string{"INV-2024-0001|billing@acme.example|179.47|EUR"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("rows (-want +got):\n%s", d)
	}
}

func FuzzInvoiceDecodeAvro(f *testing.F) {
	for _, v := range vectors {
		b, _ := hex.DecodeString(v.hex)
		f.Add(b[wire.HeaderSize:])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var x billing.Invoice
		if x.DecodeAvro(b) != nil {
			return
		}
		// What decodes re-encodes to a datum that decodes to the same record.
		out, err := x.AppendAvro(nil)
		if err != nil {
			t.Fatal(err)
		}
		var y billing.Invoice
		if err := y.DecodeAvro(out); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(x, y, equate, cmpopts.EquateNaNs()); d != "" {
			t.Fatalf("(-first +second):\n%s", d)
		}
	})
}
