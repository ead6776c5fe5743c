package csvx

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"
	"github.com/google/go-cmp/cmp"
)

func TestEncoder(t *testing.T) {
	w := DefaultWriteOptions()
	keep := w
	keep.IgnoreLeadingWhiteSpace, keep.IgnoreTrailingWhiteSpace = false, false
	all := w
	all.QuoteAll = true
	for _, tc := range []struct {
		o    Options
		row  []any // nil is NULL
		want string
	}{
		{w, []any{"a", "b"}, `a,b`},
		{w, []any{nil, ""}, `,""`},
		{w, []any{"a,b"}, `"a,b"`},
		{w, []any{`a"b`}, `"a\"b"`},
		{w, []any{"a\nb"}, "\"a\nb\""},
		{w, []any{"a\rb"}, "\"a\rb\""},
		{w, []any{" a ", "  "}, `a,""`},
		{keep, []any{" a ", "b"}, ` a ,b`},
		{w, []any{`a\b`}, `a\b`},
		{w, []any{`a\b,c`}, `"a\\b,c"`},
		{w, []any{"#x", "#y"}, `"#x",#y`},
		{all, []any{"a", nil, ""}, `"a","",""`},
		{w, []any{"x", nil, nil}, `x,,`},
		{w, []any{int64(-5), 1.0e7, true, float32(0.1)}, `-5,1.0E7,true,0.1`},
	} {
		var e Encoder
		e.Reset(nil, &tc.o)
		for _, v := range tc.row {
			switch v := v.(type) {
			case nil:
				e.Null()
			case string:
				e.String(v)
			case int64:
				e.Int64(v)
			case float64:
				e.Float64(v)
			case float32:
				e.Float32(v)
			case bool:
				e.Bool(v)
			}
		}
		if got := string(e.Bytes()); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.row, got, tc.want)
		}
	}
	var e Encoder
	e.Reset([]byte("prefix:"), &w)
	e.Null()
	if !e.EmptyRecord() {
		t.Error("a lone NULL is an empty record")
	}
}

// TestRoundTrip: decode(encode(x)) == x for random rows. Strings are
// trimmed by the writer's defaults and empty ones read back as NULL, so
// the writer keeps whitespace and the expectation maps "" to NULL.
func TestRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	wo := DefaultWriteOptions()
	wo.IgnoreLeadingWhiteSpace, wo.IgnoreTrailingWhiteSpace = false, false
	ro := DefaultReadOptions()
	alpha := []string{"a", "b", ",", "\"", "\\", " ", "\t", "é", "x", "\r", "\n", "'", "#"}
	var e Encoder
	var d Decoder
	for i := 0; i < 20000; i++ {
		n := r.IntN(5) + 1
		want := make([]*string, n)
		nums := make([]float64, n)
		for j := range want {
			if r.IntN(6) == 0 {
				continue
			}
			var sb strings.Builder
			for k := r.IntN(8); k > 0; k-- {
				sb.WriteString(alpha[r.IntN(len(alpha))])
			}
			s := sb.String()
			want[j] = &s
			nums[j] = math.Float64frombits(r.Uint64())
		}
		e.Reset(nil, &wo)
		for _, s := range want {
			if s == nil {
				e.Null()
			} else {
				e.String(*s)
			}
		}
		line := e.Bytes()
		d.Reset(line, &ro)
		got := make([]*string, n)
		for j := range got {
			if s, ok := d.String(); ok {
				got[j] = &s
			}
		}
		for j, s := range want {
			if s != nil && (*s == "" || (j == 0 && n == 1 && *s == "")) {
				want[j] = nil
			}
		}
		if e.EmptyRecord() {
			continue // Spark writes no line for it
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("row %d line %q: (-want +got)\n%s", i, line, diff)
		}
		if err := d.Finish(); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		// Numbers, decimals and timestamps.
		e.Reset(nil, &wo)
		for _, f := range nums {
			e.Float64(f)
		}
		var dec apd.Decimal
		dec.SetFinite(r.Int64N(1e12)-5e11, -3)
		e.Decimal(&dec)
		us := r.Int64N(4e15) - 2e15
		e.Timestamp(us)
		d.Reset(e.Bytes(), &ro)
		for _, f := range nums {
			g, ok := d.Float64()
			if !ok || (g != f && !(math.IsNaN(f) && math.IsNaN(g))) {
				t.Fatalf("float %v -> %q -> %v", f, e.Bytes(), g)
			}
		}
		var back apd.Decimal
		if !d.Decimal(18, 3, &back) || back.Cmp(&dec) != 0 {
			t.Fatalf("decimal %s -> %s", dec.String(), back.String())
		}
		if ts, ok := d.Timestamp(); !ok || ts != us/1000*1000-map[bool]int64{true: 1000, false: 0}[us < 0 && us%1000 != 0] {
			t.Fatalf("timestamp %d -> %d", us, ts)
		}
	}
}
