package jsongen_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/streamc/streamc/generated/invoices"
	"github.com/streamc/streamc/internal/runtime/jsonx"
	"github.com/streamc/streamc/internal/testutil/testval"
)

const fixtures = "../../../schemas/fixtures/"

func readLines(t testing.TB, name string) [][]byte {
	t.Helper()
	f, err := os.Open(fixtures + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines [][]byte
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, bytes.Clone(sc.Bytes()))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

func decodeInvoices(t testing.TB) []invoices.Invoice {
	t.Helper()
	var out []invoices.Invoice
	for i, line := range readLines(t, "invoices.jsonl") {
		var inv invoices.Invoice
		if err := inv.DecodeJSON(line); err != nil {
			t.Fatalf("invoices.jsonl:%d: %v", i+1, err)
		}
		out = append(out, inv)
	}
	return out
}

// The seed's flatten query, written by hand over the generated decoder and
// jsonx's writers, must reproduce Spark's JSON sink output byte for byte:
// Java number text, Jackson escapes, null fields left out.
func TestInvoicesFlattenedAsSpark(t *testing.T) {
	var got []string
	for _, inv := range decodeInvoices(t) {
		if !inv.InvoiceLineItems.Valid {
			continue // explode drops null arrays
		}
		for _, item := range inv.InvoiceLineItems.V {
			if !item.Valid {
				continue
			}
			w := objectWriter{}
			w.str("InvoiceNumber", inv.InvoiceNumber.V, inv.InvoiceNumber.Valid)
			w.int("CreatedTime", inv.CreatedTime.V, inv.CreatedTime.Valid)
			w.str("StoreID", inv.StoreID.V, inv.StoreID.Valid)
			w.str("PosID", inv.PosID.V, inv.PosID.Valid)
			w.str("CustomerType", inv.CustomerType.V, inv.CustomerType.Valid)
			w.str("PaymentMethod", inv.PaymentMethod.V, inv.PaymentMethod.Valid)
			w.str("DeliveryType", inv.DeliveryType.V, inv.DeliveryType.Valid)
			addr := inv.DeliveryAddress
			w.str("City", addr.V.City.V, addr.Valid && addr.V.City.Valid)
			w.str("State", addr.V.State.V, addr.Valid && addr.V.State.Valid)
			w.str("PinCode", addr.V.PinCode.V, addr.Valid && addr.V.PinCode.Valid)
			li := item.V
			w.str("ItemCode", li.ItemCode.V, li.ItemCode.Valid)
			w.str("ItemDescription", li.ItemDescription.V, li.ItemDescription.Valid)
			w.double("ItemPrice", li.ItemPrice.V, li.ItemPrice.Valid)
			w.int("ItemQty", int64(li.ItemQty.V), li.ItemQty.Valid)
			w.double("TotalValue", li.TotalValue.V, li.TotalValue.Valid)
			got = append(got, w.close())
		}
	}
	sort.Strings(got)
	var want []string
	for _, l := range readLines(t, "expected-flattened.jsonl") {
		want = append(want, string(l))
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("flattened rows differ from Spark's (-spark +streamc):\n%s", d)
	}
}

// The notify query's value: to_json(struct(InvoiceNumber, CustomerCardNo,
// TotalAmount, TotalAmount * 0.2)).
func TestInvoicesNotificationsAsSpark(t *testing.T) {
	invs := decodeInvoices(t)
	lines := readLines(t, "expected-notifications.jsonl")
	if len(lines) != len(invs) {
		t.Fatalf("%d notifications for %d invoices", len(lines), len(invs))
	}
	factor := 0.2
	for i, inv := range invs {
		var want struct{ Key, Value string }
		if err := json.Unmarshal(lines[i], &want); err != nil {
			t.Fatal(err)
		}
		w := objectWriter{}
		w.str("InvoiceNumber", inv.InvoiceNumber.V, inv.InvoiceNumber.Valid)
		w.str("CustomerCardNo", inv.CustomerCardNo.V, inv.CustomerCardNo.Valid)
		w.double("TotalAmount", inv.TotalAmount.V, inv.TotalAmount.Valid)
		w.double("EarnedLoyaltyPoints", inv.TotalAmount.V*factor, inv.TotalAmount.Valid)
		if got := w.close(); got != want.Value || inv.InvoiceNumber.V != want.Key {
			t.Errorf("invoice %d: got %s key %s, want %s key %s", i, got, inv.InvoiceNumber.V, want.Value, want.Key)
		}
	}
}

// On valid input without nulls, the generated decoder agrees with
// encoding/json decoding the same bytes into the same shape.
func TestInvoiceDecoderAgreesWithEncodingJSON(t *testing.T) {
	check := func(line []byte) {
		t.Helper()
		var inv invoices.Invoice
		if err := inv.DecodeJSON(line); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		want := testval.NewMirror(&inv)
		if err := json.Unmarshal(line, want); err != nil {
			t.Fatalf("encoding/json: %v", err)
		}
		if d := cmp.Diff(want, testval.ToMirror(&inv)); d != "" {
			t.Fatalf("%s: (-encoding/json +streamc)\n%s", line, d)
		}
	}
	for _, line := range readLines(t, "invoices.jsonl") {
		check(line)
	}
	// Random invoices, written by encoding/json (which escapes differently
	// from Jackson: \u003c for <, and so on).
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 2000; i++ {
		var inv invoices.Invoice
		testval.Fill(&inv, r, testval.Options{NoNulls: true, NoSpecialFloats: true})
		line, err := json.Marshal(testval.ToMirror(&inv))
		if err != nil {
			t.Fatal(err)
		}
		check(line)
	}
}

// objectWriter writes a JSON object as Spark's JSON writer does, leaving out
// null fields.
type objectWriter struct{ buf []byte }

func (w *objectWriter) key(name string) {
	if len(w.buf) == 0 {
		w.buf = append(w.buf, '{')
	} else {
		w.buf = append(w.buf, ',')
	}
	w.buf = jsonx.AppendString(w.buf, name)
	w.buf = append(w.buf, ':')
}

func (w *objectWriter) str(name, v string, ok bool) {
	if ok {
		w.key(name)
		w.buf = jsonx.AppendString(w.buf, v)
	}
}

func (w *objectWriter) int(name string, v int64, ok bool) {
	if ok {
		w.key(name)
		w.buf = jsonx.AppendInt(w.buf, v)
	}
}

func (w *objectWriter) double(name string, v float64, ok bool) {
	if ok {
		w.key(name)
		w.buf = jsonx.AppendDouble(w.buf, v)
	}
}

func (w *objectWriter) close() string {
	if len(w.buf) == 0 {
		return "{}"
	}
	return string(append(w.buf, '}'))
}
