package csvx

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/google/go-cmp/cmp"
)

// tokens decodes every token of line as a string (nil for NULL).
func tokens(line string, o Options, n int) ([]*string, error) {
	var d Decoder
	d.Reset([]byte(line), &o)
	out := make([]*string, n)
	for i := range out {
		if s, ok := d.String(); ok {
			out[i] = &s
		}
	}
	return out, d.Finish()
}

func strs(v ...any) []*string {
	out := make([]*string, len(v))
	for i, x := range v {
		if s, ok := x.(string); ok {
			out[i] = &s
		}
	}
	return out
}

func TestDecoderTokens(t *testing.T) {
	read := DefaultReadOptions()
	trim := read
	trim.IgnoreLeadingWhiteSpace, trim.IgnoreTrailingWhiteSpace = true, true
	na := read
	na.NullValue, na.EmptyValue = "NA", "EV"
	for _, tc := range []struct {
		line string
		o    Options
		want []*string
	}{
		{`a,b,c`, read, strs("a", "b", "c")},
		{`a,"b,c",d`, read, strs("a", "b,c", "d")},
		{` a , b `, read, strs(" a ", " b ", nil)},
		{` a , b `, trim, strs("a", "b", nil)},
		{`a,,c`, read, strs("a", nil, "c")},   // empty is null by default
		{`a,"",c`, read, strs("a", nil, "c")}, // so is a quoted empty
		{`a,"",c`, na, strs("a", "EV", "c")},
		{`a,,NA`, na, strs("a", nil, nil)},
		{`"x\"y",z`, read, strs(`x"y`, "z", nil)},    // \" is a quote
		{`"x""y",z`, read, strs(`"x""y"`, "z", nil)}, // doubled quotes are not: raw text
		{`"a\\b",c`, read, strs(`a\b`, "c", nil)},
		{`"a\b",c`, read, strs(`a\b`, "c", nil)},
		{`a"b,c`, read, strs(`a"b`, "c", nil)},
		{`"a"b,c`, read, strs(`"a"b`, "c", nil)},
		{`"a" ,c`, read, strs("a", "c", nil)},
		{`"abc`, read, strs("abc", nil, nil)}, // unterminated: the rest
		{"\"a\nb\",c", read, strs("a\nb", "c", nil)},
		{"a\nb,c", read, strs("a", nil, nil)}, // first record only
		{"\xEF\xBB\xBFa,b", read, strs("a", "b", nil)},
		{`a;b|c`, func() Options { o := read; o.Sep = ";"; return o }(), strs("a", "b|c", nil)},
		{`a||b||c`, func() Options { o := read; o.Sep = "||"; return o }(), strs("a", "b", "c")},
	} {
		got, _ := tokens(tc.line, tc.o, 3)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%q: (-want +got)\n%s", tc.line, diff)
		}
	}
}

func TestDecoderTokenCount(t *testing.T) {
	o := DefaultReadOptions()
	var d Decoder
	d.Reset([]byte("1,2"), &o)
	a, aok := d.Int32()
	b, bok := d.Int32()
	_, cok := d.Int32()
	if a != 1 || !aok || b != 2 || !bok || cok {
		t.Errorf("short row = %d %v %d %v %v", a, aok, b, bok, cok)
	}
	var me *MismatchError
	if err := d.Finish(); !errors.As(err, &me) || me.Field != -1 {
		t.Errorf("short row error = %v", err)
	}

	d.Reset([]byte("1,2,3"), &o)
	d.Int32()
	d.Int32()
	if err := d.Finish(); !errors.As(err, &me) || me.Field != -1 || me.Offset != 4 {
		t.Errorf("extra token error = %#v", err)
	}

	d.Reset(nil, &o) // an empty record has no tokens at all
	if _, ok := d.String(); ok || d.Finish() == nil {
		t.Error("empty record")
	}
}

func TestDecoderMismatch(t *testing.T) {
	o := DefaultReadOptions()
	var d Decoder
	d.Reset([]byte("x,1.5,true,oops,7"), &o)
	_, ok1 := d.String()
	f, ok2 := d.Float64()
	_, ok3 := d.Bool()
	_, ok4 := d.Int64() // mismatch: NULL, recorded, decoding goes on
	v, ok5 := d.Int8()
	if !ok1 || !ok2 || f != 1.5 || !ok3 || ok4 || !ok5 || v != 7 {
		t.Fatalf("values: %v %v %v %v %v", ok1, ok2, ok3, ok4, ok5)
	}
	var me *MismatchError
	if err := d.Finish(); !errors.As(err, &me) || me.Field != 3 || me.Offset != 11 {
		t.Errorf("Finish = %#v", err)
	}
}

func TestDecoderTypes(t *testing.T) {
	o := DefaultReadOptions()
	o.Loc = time.UTC
	var d Decoder
	d.Reset([]byte(`NaN,-Inf,Inf,1e3f,"1,234.5",TRUE,2020-07-25,2020-07-25T14:55:00.137Z,2020-07-25 14:55,2020-07-25GMT,127,-32768,  3`), &o)
	nan, _ := d.Float64()
	ninf, _ := d.Float32()
	inf, _ := d.Float64()
	k, _ := d.Float64()
	var dec apd.Decimal
	decOK := d.Decimal(10, 2, &dec)
	b, _ := d.Bool()
	date, _ := d.Date()
	ts, _ := d.Timestamp()
	ntz, _ := d.TimestampNTZ()
	gmt, gmtOK := d.Date()
	i8, _ := d.Int8()
	i16, _ := d.Int16()
	_, spaceOK := d.Int32() // Integer.parseInt does not trim
	if !math.IsNaN(nan) || !math.IsInf(float64(ninf), -1) || !math.IsInf(inf, 1) || k != 1000 ||
		!decOK || dec.String() != "1234.50" || !b || date != 18468 || ts != 1595688900137000 ||
		ntz != 1595688900000000 || !gmtOK || gmt != 18468 || i8 != 127 || i16 != -32768 || spaceOK {
		t.Errorf("got %v %v %v %v %v %v %v %v %v %v %v %v %v %v %v", nan, ninf, inf, k, decOK, dec.String(), b, date, ts, ntz, gmt, i8, i16, spaceOK, gmtOK)
	}
	if err := d.Finish(); err == nil {
		t.Error("want the Int32 mismatch")
	}
}

func TestSetOption(t *testing.T) {
	o := DefaultReadOptions()
	for _, tc := range []struct {
		name, value string
		ok          bool
	}{
		{"sep", `\t`, true}, {"delimiter", "||", true}, {"sep", "", false}, {"sep", `\`, false},
		{"sep", `\x`, false}, {"quote", "", true}, {"quote", "ab", false}, {"escape", "'", true},
		{"quoteAll", "TRUE", true}, {"quoteAll", "yes", false}, {"nullValue", "NA", true},
		{"IGNORELEADINGWHITESPACE", "false", true}, {"mode", "FAILFAST", false},
	} {
		if err := o.SetOption(tc.name, tc.value); (err == nil) != tc.ok {
			t.Errorf("SetOption(%q, %q) = %v", tc.name, tc.value, err)
		}
	}
	if o.Sep != "||" || o.Quote != 0 || o.Escape != '\'' || !o.QuoteAll || o.NullValue != "NA" {
		t.Errorf("options = %+v", o)
	}
}

func TestDecoderAllocs(t *testing.T) {
	o := DefaultReadOptions()
	line := []byte(benchLine)
	var d Decoder
	var dec apd.Decimal
	decodeBench(&d, line, &o, &dec)
	n := testing.AllocsPerRun(100, func() { decodeBench(&d, line, &o, &dec) })
	if n > 1 { // the one String
		t.Errorf("allocs = %v", n)
	}
}

const benchLine = `12345,"Acme, Inc.",3.0700000000000003,true,2020-07-25T14:55:00.137Z,2020-07-25,1234.50,-42,NaN,"He said \"hi\""`

func decodeBench(d *Decoder, line []byte, o *Options, dec *apd.Decimal) {
	d.Reset(line, o)
	d.Int64()
	d.Skip()
	d.Float64()
	d.Bool()
	d.Timestamp()
	d.Date()
	d.Decimal(10, 2, dec)
	d.Int32()
	d.Float64()
	d.String()
	d.Finish()
}

func BenchmarkDecoder(b *testing.B) {
	o := DefaultReadOptions()
	line := []byte(benchLine)
	var d Decoder
	var dec apd.Decimal
	b.ReportAllocs()
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		decodeBench(&d, line, &o, &dec)
	}
}
