package avrogen_test

// gogen-avro's code for the same schemas, as test files of this package so
// that no product build links it.
//go:generate go run ../../../internal/devtools/gogenbaseline -dir . -package avrogen_test ../../../schemas/gps.avsc ../../../examples/billing/schemas/invoice.avsc

import (
	"bytes"
	"io"
	"slices"
	"testing"

	"github.com/actgardner/gogen-avro/v10/compiler"
	"github.com/actgardner/gogen-avro/v10/vm"
	"github.com/google/go-cmp/cmp"
	"github.com/hamba/avro/v2"

	"github.com/streamc/streamc/examples/billing/generated/billing"
	"github.com/streamc/streamc/generated/gps"
	"github.com/streamc/streamc/internal/runtime/avrobin"
	"github.com/streamc/streamc/runtime/sqltypes"
)

// The benchmarks decode and encode one record per op, on the same schema and
// the same bytes for every library. Sub-benchmarks named baseline=NAME are
// what make bench (internal/devtools/cmd/benchratio) divides by:
//
//   - streamc: the generated DecodeAvro / AppendAvro, decoding into one
//     record reused from op to op, as a query does.
//   - streamc_borrow: DecodeAvroWith and a borrowing reader, what a query's
//     processor calls (strings are views of the message).
//   - baseline=gogen: gogen-avro's generated code (the gogen_*_test.go
//     files, written by the go:generate line at the top). Its
//     DeserializeX compiles the schema on every call (some 40µs for the GPS
//     reading), so the program is compiled once here and each op runs
//     vm.Eval into a fresh record, as DeserializeX does after compiling;
//     Serialize writes to a reused bytes.Buffer, its fast path.
//   - baseline=hamba: hamba/avro into one reused struct with avro tags, the
//     schema parsed once, a reused avro.Reader / avro.Writer (what
//     avro.Unmarshal and avro.Marshal do minus the pool and the copy of the
//     output). Its encoder writes arrays as sized blocks: two bytes more
//     for the invoice.

// gpsBerlin is the vectors' gps_berlin reading.
var gpsBerlin = gps.GpsReading{Timestamp: 1715239773186, DeviceId: "truck-042",
	Latitude: 52.520008, Longitude: 13.404954, Altitude: 34.5, Speed: 13.89}

// benchInvoice has three line items, an address and every nullable string
// set: every branch of the schema is on the decode path.
var benchInvoice = billing.Invoice{
	InvoiceId: "INV-2024-0001", IssuedAt: 1715239773186,
	Customer: billing.Customer{Id: 1001, Name: "ACME GmbH", Email: sqltypes.Some("billing@acme.example")},
	Status:   "ISSUED",
	LineItems: []billing.LineItem{
		{Sku: "SKU-1", Description: "Widget", Quantity: 3, UnitPrice: 9.99},
		{Sku: "SKU-2", Description: "Gadget, large", Quantity: 1, UnitPrice: 149.5},
		{Sku: "SKU-3", Description: "Cable, 2 m", Quantity: 5, UnitPrice: 4.25},
	},
	BillingAddress: sqltypes.Some(billing.Address{Street: "Hauptstraße 5", City: "München", PostalCode: "80331", Country: "DE"}),
	Total:          200.72, Currency: "EUR", Notes: sqltypes.Some("net 30"),
}

type hambaGPS struct {
	Timestamp int64   `avro:"timestamp"`
	DeviceID  string  `avro:"deviceId"`
	Latitude  float64 `avro:"latitude"`
	Longitude float64 `avro:"longitude"`
	Altitude  float64 `avro:"altitude"`
	Speed     float64 `avro:"speed"`
}

type hambaInvoice struct {
	InvoiceID      string          `avro:"invoiceId"`
	IssuedAt       int64           `avro:"issuedAt"`
	Customer       hambaCustomer   `avro:"customer"`
	Status         string          `avro:"status"`
	LineItems      []hambaLineItem `avro:"lineItems"`
	BillingAddress *hambaAddress   `avro:"billingAddress"`
	Total          float64         `avro:"total"`
	Currency       string          `avro:"currency"`
	Notes          *string         `avro:"notes"`
}

type hambaCustomer struct {
	ID    int64   `avro:"id"`
	Name  string  `avro:"name"`
	Email *string `avro:"email"`
}

type hambaLineItem struct {
	Sku         string  `avro:"sku"`
	Description string  `avro:"description"`
	Quantity    int32   `avro:"quantity"`
	UnitPrice   float64 `avro:"unitPrice"`
}

type hambaAddress struct {
	Street     string `avro:"street"`
	City       string `avro:"city"`
	PostalCode string `avro:"postalCode"`
	Country    string `avro:"country"`
}

// codec is one record type under the three libraries: the bytes every
// sub-benchmark reads, and a fresh decode/encode for each library.
type codec struct {
	name   string
	schema string
	data   []byte
	// streamc's decode reads into, and its encode writes, one record
	// that starts as the benchmark's.
	streamc     func() (decode func([]byte) error, encode func([]byte) ([]byte, error))
	borrow      func() func([]byte) error
	gogenDecode func(prog *vm.Program, r *bytes.Reader) error
	gogenEncode func(w io.Writer) error
	hambaValue  func() any // a pointer to a hamba struct, filled from data
}

// must keeps AppendAvro's bytes; the records here always encode.
func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func codecs(tb testing.TB) []codec {
	gpsBytes := must(gpsBerlin.AppendAvro(nil))
	invBytes := must(benchInvoice.AppendAvro(nil))
	// The baselines' records, decoded once from the same bytes.
	var gogenGPS GpsReading
	var gogenInv Invoice
	if err := compileAndEval(gps.GpsReadingAvroSchema, gpsBytes, func(p *vm.Program, r *bytes.Reader) error {
		gogenGPS = NewGpsReading()
		return vm.Eval(r, p, &gogenGPS)
	}); err != nil {
		tb.Fatal(err)
	}
	if err := compileAndEval(billing.InvoiceAvroSchema, invBytes, func(p *vm.Program, r *bytes.Reader) error {
		gogenInv = NewInvoice()
		return vm.Eval(r, p, &gogenInv)
	}); err != nil {
		tb.Fatal(err)
	}
	return []codec{
		{
			name: "GPS", schema: gps.GpsReadingAvroSchema, data: gpsBytes,
			streamc: func() (func([]byte) error, func([]byte) ([]byte, error)) {
				x := gpsBerlin
				return x.DecodeAvro, x.AppendAvro
			},
			borrow: func() func([]byte) error {
				var x gps.GpsReading
				var rd avrobin.Reader
				rd.SetBorrow(true)
				return func(data []byte) error { return x.DecodeAvroWith(&rd, data) }
			},
			gogenDecode: func(p *vm.Program, r *bytes.Reader) error {
				t := NewGpsReading()
				return vm.Eval(r, p, &t)
			},
			gogenEncode: gogenGPS.Serialize,
			hambaValue:  func() any { return new(hambaGPS) },
		},
		{
			name: "Invoice", schema: billing.InvoiceAvroSchema, data: invBytes,
			streamc: func() (func([]byte) error, func([]byte) ([]byte, error)) {
				x := benchInvoice
				x.LineItems = slices.Clone(x.LineItems) // decoding reuses them
				return x.DecodeAvro, x.AppendAvro
			},
			borrow: func() func([]byte) error {
				var x billing.Invoice
				var rd avrobin.Reader
				rd.SetBorrow(true)
				return func(data []byte) error { return x.DecodeAvroWith(&rd, data) }
			},
			gogenDecode: func(p *vm.Program, r *bytes.Reader) error {
				t := NewInvoice()
				return vm.Eval(r, p, &t)
			},
			gogenEncode: gogenInv.Serialize,
			hambaValue:  func() any { return new(hambaInvoice) },
		},
	}
}

func compileAndEval(schema string, data []byte, eval func(*vm.Program, *bytes.Reader) error) error {
	p, err := compiler.CompileSchemaBytes([]byte(schema), []byte(schema))
	if err != nil {
		return err
	}
	return eval(p, bytes.NewReader(data))
}

func BenchmarkAvroDecode(b *testing.B) {
	for _, c := range codecs(b) {
		b.Run(c.name+"/streamc", func(b *testing.B) {
			decode, _ := c.streamc()
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := decode(c.data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/streamc_borrow", func(b *testing.B) {
			decode := c.borrow()
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			for b.Loop() {
				if err := decode(c.data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/baseline=gogen", func(b *testing.B) {
			prog, err := compiler.CompileSchemaBytes([]byte(c.schema), []byte(c.schema))
			if err != nil {
				b.Fatal(err)
			}
			var r bytes.Reader
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			for b.Loop() {
				r.Reset(c.data)
				if err := c.gogenDecode(prog, &r); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/baseline=hamba", func(b *testing.B) {
			schema := avro.MustParse(c.schema)
			v := c.hambaValue()
			r := avro.NewReader(nil, 0)
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			for b.Loop() {
				r.Reset(c.data)
				r.ReadVal(schema, v)
				if r.Error != nil {
					b.Fatal(r.Error)
				}
			}
		})
	}
}

func BenchmarkAvroEncode(b *testing.B) {
	for _, c := range codecs(b) {
		b.Run(c.name+"/streamc", func(b *testing.B) {
			_, encode := c.streamc()
			buf := make([]byte, 0, 512)
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			for b.Loop() {
				var err error
				if buf, err = encode(buf[:0]); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/baseline=gogen", func(b *testing.B) {
			var w bytes.Buffer
			w.Grow(512)
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			for b.Loop() {
				w.Reset()
				if err := c.gogenEncode(&w); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/baseline=hamba", func(b *testing.B) {
			schema := avro.MustParse(c.schema)
			v := c.hambaValue()
			if err := avro.Unmarshal(schema, c.data, v); err != nil {
				b.Fatal(err)
			}
			w := avro.NewWriter(nil, 512)
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			for b.Loop() {
				w.Reset(nil)
				w.WriteVal(schema, v)
				if w.Error != nil {
					b.Fatal(w.Error)
				}
			}
		})
	}
}

// The three libraries read the benchmark bytes to the same values and write
// them back byte for byte, so the benchmarks compare like with like.
func TestBenchCodecsAgree(t *testing.T) {
	for _, c := range codecs(t) {
		t.Run(c.name, func(t *testing.T) {
			decode, encode := c.streamc()
			if err := decode(c.data); err != nil {
				t.Fatal(err)
			}
			if err := c.borrow()(c.data); err != nil {
				t.Fatal(err)
			}
			if got := must(encode(nil)); !bytes.Equal(got, c.data) {
				t.Errorf("streamc wrote %x, want %x", got, c.data)
			}
			var w bytes.Buffer
			if err := c.gogenEncode(&w); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(w.Bytes(), c.data) {
				t.Errorf("gogen-avro wrote %x, want %x", w.Bytes(), c.data)
			}
			schema := avro.MustParse(c.schema)
			v := c.hambaValue()
			if err := avro.Unmarshal(schema, c.data, v); err != nil {
				t.Fatal(err)
			}
			out, err := avro.Marshal(schema, v)
			if err != nil {
				t.Fatal(err)
			}
			// hamba writes arrays as blocks with their byte size (a
			// negative count), which is valid Avro but not the same bytes:
			// compare what they decode to.
			if err := decode(out); err != nil {
				t.Fatalf("hamba wrote %x: %v", out, err)
			}
			if got := must(encode(nil)); !bytes.Equal(got, c.data) {
				t.Errorf("hamba wrote %x, which reads as %x, want %x", out, got, c.data)
			}
		})
	}
	// Field by field for the invoice, through each library's own types.
	var h hambaInvoice
	if err := avro.Unmarshal(avro.MustParse(billing.InvoiceAvroSchema), must(benchInvoice.AppendAvro(nil)), &h); err != nil {
		t.Fatal(err)
	}
	if h.InvoiceID != benchInvoice.InvoiceId || *h.Customer.Email != benchInvoice.Customer.Email.V ||
		len(h.LineItems) != 3 || h.LineItems[2] != (hambaLineItem{"SKU-3", "Cable, 2 m", 5, 4.25}) ||
		h.BillingAddress == nil || h.BillingAddress.City != "München" || *h.Notes != "net 30" || h.Status != "ISSUED" {
		t.Errorf("hamba decoded %+v", h)
	}
	var g Invoice
	if err := compileAndEval(billing.InvoiceAvroSchema, must(benchInvoice.AppendAvro(nil)), func(p *vm.Program, r *bytes.Reader) error {
		g = NewInvoice()
		return vm.Eval(r, p, &g)
	}); err != nil {
		t.Fatal(err)
	}
	want := LineItem{Sku: "SKU-3", Description: "Cable, 2 m", Quantity: 5, UnitPrice: 4.25}
	if g.InvoiceId != benchInvoice.InvoiceId || len(g.LineItems) != 3 || !cmp.Equal(g.LineItems[2], want) ||
		g.BillingAddress == nil || g.BillingAddress.Address.City != "München" || g.Notes.String != "net 30" || g.Status.String() != "ISSUED" {
		t.Errorf("gogen-avro decoded %+v", g)
	}
}

// Decoding allocates one string per non-empty string field and nothing else
// (none at all when strings borrow the input); encoding into a buffer with
// room allocates nothing.
func TestCodecAllocs(t *testing.T) {
	for _, c := range codecs(t) {
		decode, encode := c.streamc()
		borrow := c.borrow()
		buf := make([]byte, 0, 512)
		for _, tc := range []struct {
			what string
			want float64
			run  func()
		}{
			{"decode", map[string]float64{"GPS": 1, "Invoice": 15}[c.name], func() { _ = decode(c.data) }},
			{"decode borrowing", 0, func() { _ = borrow(c.data) }},
			{"encode", 0, func() { buf, _ = encode(buf[:0]) }},
		} {
			if got := testing.AllocsPerRun(100, tc.run); got != tc.want {
				t.Errorf("%s %s: %v allocs, want %v", c.name, tc.what, got, tc.want)
			}
		}
	}
}
