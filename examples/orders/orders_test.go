package orders_test

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/streamc/streamc/examples/orders/generated/orders"
	"github.com/streamc/streamc/internal/runtime/csvx"
	"github.com/streamc/streamc/internal/testutil/testval"
)

var (
	readOpts  = csvx.DefaultReadOptions()
	writeOpts = csvx.DefaultWriteOptions()
)

func decode(t *testing.T, line string) (orders.Order, error) {
	t.Helper()
	var o orders.Order
	err := o.DecodeCSV([]byte(line), &readOpts)
	return o, err
}

func TestFromCSV(t *testing.T) {
	o, err := decode(t, `A-1,"Smith, J",12.50,3,4.25,true,2020-07-25T14:55:00.137Z,2020-07-30`)
	if err != nil {
		t.Fatal(err)
	}
	if o.OrderID != "A-1" || o.Customer.V != "Smith, J" || o.Amount.V.String() != "12.50" || o.Qty.V != 3 ||
		o.Price.V != 4.25 || !o.Express.V || o.PlacedAt.V != 1595688900137000 || o.ShipBy.V != 18473 || o.CorruptRecord.Valid {
		t.Errorf("decoded %+v", o)
	}
}

// Malformed lines keep what parsed, null the rest, and carry their text in
// _corrupt_record, as Spark's PERMISSIVE mode does.
func TestFromCSVMalformed(t *testing.T) {
	var mismatch *csvx.MismatchError
	for _, tc := range []struct {
		line  string
		check func(o *orders.Order) bool
	}{
		// Short row: missing fields are null.
		{"A-2,Jones", func(o *orders.Order) bool { return o.Customer.V == "Jones" && !o.Amount.Valid && !o.ShipBy.Valid }},
		// Extra tokens are dropped.
		{"A-3,,1,1,1,false,,,extra", func(o *orders.Order) bool { return o.Qty.V == 1 && !o.Customer.Valid }},
		// A value that does not parse is null; the others survive.
		{"A-4,X,abc,2.5,1,maybe,,", func(o *orders.Order) bool {
			return !o.Amount.Valid && !o.Qty.Valid && !o.Express.Valid && o.Price.V == 1 && o.Customer.V == "X"
		}},
		// Too many digits for DECIMAL(12,2).
		{"A-5,X,12345678901.5,1,1,true,,", func(o *orders.Order) bool { return !o.Amount.Valid }},
	} {
		o, err := decode(t, tc.line)
		if !errors.As(err, &mismatch) {
			t.Errorf("%q: error %v, want a mismatch", tc.line, err)
		}
		if !tc.check(&o) {
			t.Errorf("%q: decoded %+v", tc.line, o)
		}
		if o.CorruptRecord.V != tc.line {
			t.Errorf("%q: _corrupt_record = %q", tc.line, o.CorruptRecord.V)
		}
	}
}

func TestToCSV(t *testing.T) {
	var o orders.Order
	o.OrderID = "  A-9 "
	o.Customer.V, o.Customer.Valid = `say "hi", ok`, true
	o.Amount.V.SetFinite(1250, -2)
	o.Amount.Valid = true
	o.Price.V, o.Price.Valid = 1e7, true
	o.PlacedAt.V, o.PlacedAt.Valid = 1595688900137000, true
	got := string(o.AppendCSV(nil, &writeOpts))
	want := `A-9,"say \"hi\", ok",12.50,,1.0E7,,2020-07-25T14:55:00.137Z,,`
	if got != want {
		t.Errorf("to_csv:\n got %s\nwant %s", got, want)
	}
	if h := string((*orders.Order)(nil).AppendCSVHeader(nil, &writeOpts)); h != "OrderID,Customer,Amount,Qty,Price,Express,PlacedAt,ShipBy,_corrupt_record" {
		t.Errorf("header %s", h)
	}
}

// decode(encode(x)) == x for random orders. Spark's writer trims and its
// reader turns "" into null, so this runs with the options that keep both.
func TestCSVRoundTrip(t *testing.T) {
	w := csvx.DefaultWriteOptions()
	w.IgnoreLeadingWhiteSpace, w.IgnoreTrailingWhiteSpace = false, false
	r := rand.New(rand.NewPCG(5, 6))
	opts := testval.Options{MillisOnly: true, NoEmptyStrings: true, ASCII: true,
		Decimal: func(string) (int, int) { return 12, 2 }}
	for i := 0; i < 3000; i++ {
		var x orders.Order
		testval.Fill(&x, r, opts)
		x.CorruptRecord = orders.Order{}.CorruptRecord
		if strings.TrimSpace(x.OrderID) == "" || strings.HasPrefix(x.OrderID, "#") {
			x.OrderID = "id" + x.OrderID
		}
		line := x.AppendCSV(nil, &w)
		// The writer includes the (null) _corrupt_record column; the reader,
		// as Spark's, takes no token for it.
		line = line[:len(line)-1]
		var y orders.Order
		if err := y.DecodeCSV(line, &readOpts); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		if d := cmp.Diff(x, y, cmpopts.EquateNaNs(), cmp.Comparer(func(a, b apd.Decimal) bool { return a.Cmp(&b) == 0 })); d != "" {
			t.Fatalf("%s (-want +got):\n%s", line, d)
		}
	}
}

func FuzzOrderDecodeCSV(f *testing.F) {
	for _, s := range []string{`A-1,"Smith, J",12.50,3,4.25,true,2020-07-25T14:55:00.137Z,2020-07-30`, "", `"`, `a,"b\"c`, ",,,,,,,,,,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		var o orders.Order
		err := o.DecodeCSV([]byte(line), &readOpts)
		if err != nil && o.CorruptRecord.V != line {
			t.Fatalf("malformed line without _corrupt_record: %v", err)
		}
		_ = o.AppendCSV(nil, &writeOpts)
		_ = o.AppendJSON(nil)
	})
}
