package jsonx

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/streamc/streamc/internal/runtime/sparktext"
)

// outcome is how a document ended.
type outcome int

const (
	okay outcome = iota
	mism
	synt
)

func (o outcome) String() string { return [...]string{"ok", "mismatch", "syntax"}[o] }

func outcomeOf(t *testing.T, err error) outcome {
	t.Helper()
	var se *SyntaxError
	var me *MismatchError
	switch {
	case err == nil:
		return okay
	case errors.As(err, &se):
		return synt
	case errors.As(err, &me):
		return mism
	}
	t.Fatalf("unexpected error %v", err)
	return 0
}

// field reads val as field "f" of {"f":val,"after":7} with read, and checks
// that reading went on after it unless there was a syntax error.
func field[T any](t *testing.T, val string, read func(*Decoder) (T, bool)) (v T, ok bool, res outcome) {
	t.Helper()
	var d Decoder
	d.Reset([]byte(`{"f":` + val + `,"after":7}`))
	after := int64(-1)
	if !d.BeginObject() {
		t.Fatalf("%s: BeginObject failed: %v", val, d.Finish())
	}
	for d.NextField() {
		switch string(d.Key()) {
		case "f":
			v, ok = read(&d)
		case "after":
			after, _ = d.Int64()
		default:
			d.Skip()
		}
	}
	res = outcomeOf(t, d.Finish())
	if res != synt && after != 7 {
		t.Errorf("%s: the field after was not read (after=%d)", val, after)
	}
	return v, ok, res
}

type readCase[T any] struct {
	in   string
	want T
	ok   bool
	res  outcome
}

// eachField calls fn for every field of the top-level object.
func eachField(d *Decoder, fn func(*Decoder)) {
	if d.BeginObject() {
		for d.NextField() {
			fn(d)
		}
	}
}

func runReads[T comparable](t *testing.T, read func(*Decoder) (T, bool), cases []readCase[T]) {
	t.Helper()
	for _, c := range cases {
		v, ok, res := field(t, c.in, read)
		if res != c.res || res != synt && (ok != c.ok || ok && v != c.want) {
			t.Errorf("%s: got (%v, %v, %v), want (%v, %v, %v)", c.in, v, ok, res, c.want, c.ok, c.res)
		}
	}
}

func TestInt64(t *testing.T) {
	runReads(t, (*Decoder).Int64, []readCase[int64]{
		{"0", 0, true, okay},
		{"-0", 0, true, okay},
		{"42", 42, true, okay},
		{" 42 ", 42, true, okay},
		{"9223372036854775807", math.MaxInt64, true, okay},
		{"-9223372036854775808", math.MinInt64, true, okay},
		{"9223372036854775808", 0, false, mism},
		{"-9223372036854775809", 0, false, mism},
		{"18446744073709551616", 0, false, mism},
		{"123456789012345678901234567890", 0, false, mism},
		{"1.0", 0, false, mism},
		{"1e2", 0, false, mism},
		{`"1"`, 0, false, mism},
		{"true", 0, false, mism},
		{"null", 0, false, okay},
		{`{"x":[1,{"y":2}]}`, 0, false, mism},
		{"[1,2]", 0, false, mism},
		{"NaN", 0, false, mism},
		{"-Infinity", 0, false, mism},
		{"01", 0, false, synt},
		{"-", 0, false, synt},
		{"+1", 0, false, synt},
		{"1.", 0, false, synt},
		{".5", 0, false, synt},
		{"1e", 0, false, synt},
		{"1e+", 0, false, synt},
		{"--1", 0, false, synt},
		{"1x", 0, false, synt},
		{strings.Repeat("9", 1001), 0, false, synt},
		{strings.Repeat("9", 1000), 0, false, mism},
		{"[1,2", 0, false, synt},
	})
}

func TestSmallInts(t *testing.T) {
	runReads(t, (*Decoder).Int32, []readCase[int32]{
		{"2147483647", math.MaxInt32, true, okay},
		{"-2147483648", math.MinInt32, true, okay},
		{"2147483648", 0, false, mism},
		{"-2147483649", 0, false, mism},
		{"7.5", 0, false, mism},
	})
	runReads(t, (*Decoder).Int16, []readCase[int16]{
		{"32767", math.MaxInt16, true, okay},
		{"-32768", math.MinInt16, true, okay},
		{"32768", 0, false, mism},
		{"65535", 0, false, mism},
	})
	runReads(t, (*Decoder).Int8, []readCase[int8]{
		{"127", 127, true, okay},
		{"128", -128, true, okay},
		{"255", -1, true, okay},
		{"-128", -128, true, okay},
		{"256", 0, false, mism},
		{"-129", 0, false, mism},
	})
}

func TestBool(t *testing.T) {
	runReads(t, (*Decoder).Bool, []readCase[bool]{
		{"true", true, true, okay},
		{"false", false, true, okay},
		{"null", false, false, okay},
		{`"true"`, false, false, mism},
		{"1", false, false, mism},
		{"tru", false, false, synt},
		{"truex", false, false, synt},
		{"True", false, false, synt},
	})
}

func TestString(t *testing.T) {
	runReads(t, (*Decoder).String, []readCase[string]{
		{`"abc"`, "abc", true, okay},
		{`""`, "", true, okay},
		{`"a\"b\\c\/d\b\f\n\r\t"`, "a\"b\\c/d\b\f\n\r\t", true, okay},
		{`"\u0041\u00e9\u20AC"`, "Aé€", true, okay},
		{`"\ud83d\ude00"`, "😀", true, okay},
		{`"\uD83D\uDE00x"`, "😀x", true, okay},
		{`"\ud800"`, "?", true, okay},
		{`"\ude00\ud83d"`, "??", true, okay},
		{`"\ud800\ud83d\ude00"`, "?😀", true, okay},
		{`"\ud800x"`, "?x", true, okay},
		{`"\u0000"`, "\x00", true, okay},
		{"\"é😀\x7f\"", "é😀\x7f", true, okay},
		{`'single "quoted"'`, `single "quoted"`, true, okay},
		{`'it\'s'`, "it's", true, okay},
		{`"\'"`, "'", true, okay},
		// Invalid UTF-8 reads as U+FFFD, grouped as Java's decoder does.
		{"\"a\xffb\"", "a\uFFFDb", true, okay},
		{"\"\xe2\x82\"", "\uFFFD", true, okay},
		{"\"\xe2\x82x\"", "\uFFFDx", true, okay},
		{"\"\xed\xa0\x80\"", "\uFFFD", true, okay},
		{"\"\xf0\x90\x80\"", "\uFFFD", true, okay},
		{"\"\xc0\xaf\"", "\uFFFD\uFFFD", true, okay},
		{"\"\xe0\x80\x80\"", "\uFFFD\uFFFD\uFFFD", true, okay},
		{"\"\xf4\x90\x80\x80\"", "\uFFFD\uFFFD\uFFFD\uFFFD", true, okay},
		// Other tokens keep Jackson's re-serialization.
		{"10", "10", true, okay},
		{"-0", "0", true, okay},
		{"-0.0", "-0.0", true, okay},
		{"1.50", "1.5", true, okay},
		{"1e3", "1000.0", true, okay},
		{"1E22", "1.0E22", true, okay},
		{"0.0001", "1.0E-4", true, okay},
		{"12345678.9", "1.23456789E7", true, okay},
		{"1e400", `"Infinity"`, true, okay},
		{"-1e400", `"-Infinity"`, true, okay},
		{"NaN", `"NaN"`, true, okay},
		{"+INF", `"Infinity"`, true, okay},
		{"-INF", `"-Infinity"`, true, okay},
		{"123456789012345678901234567890", "123456789012345678901234567890", true, okay},
		{"true", "true", true, okay},
		{"false", "false", true, okay},
		{"null", "", false, okay},
		{"[ 1 , 2.50 , -0 , null , true ]", "[1,2.5,0,null,true]", true, okay},
		{`{ "a" : { "b" : [ ] , "c" : { } } }`, `{"a":{"b":[],"c":{}}}`, true, okay},
		{`{"e":"😀","f":"é"}`, `{"e":"\uD83D\uDE00","f":"é"}`, true, okay},
		{`{"c":"\u0001\u001f\"\\\/<>&\u007f"}`, "{\"c\":\"\\u0001\\u001F\\\"\\\\/<>&\x7f\"}", true, okay},
		{`["\ud800","\u00e9\ud83d\ude00"]`, `["\uD800","é\uD83D\uDE00"]`, true, okay},
		{`['a',{'b':"it's",'q':'say "hi"'}]`, `["a",{"b":"it's","q":"say \"hi\""}]`, true, okay},
		{"[\"\xff\"]", "[\"\uFFFD\"]", true, okay},
		{`{"\n":1}`, `{"\n":1}`, true, okay},
		{`["x",1e1]`, `["x",10.0]`, true, okay},
		// Syntax errors.
		{`"abc`, "", false, synt},
		{"\"a\tb\"", "", false, synt},
		{`"\x"`, "", false, synt},
		{`"\u12"`, "", false, synt},
		{`"\u12G4"`, "", false, synt},
		{`[1,]`, "", false, synt},
		{`{"a":1,}`, "", false, synt},
		{`{"a" 1}`, "", false, synt},
		{`{a:1}`, "", false, synt},
		{`[1 2]`, "", false, synt},
		{`[1}`, "", false, synt},
		{`{"a":[01]}`, "", false, synt},
		{`/*c*/1`, "", false, synt},
	})
}

func TestStringLarge(t *testing.T) {
	big := strings.Repeat(`a\n`, 500)
	v, ok, res := field(t, `"`+big+`"`, (*Decoder).String)
	if !ok || res != okay || v != strings.Repeat("a\n", 500) {
		t.Errorf("large escaped string: %v %v %q", ok, res, v[:20])
	}
	arr := "[" + strings.Repeat(`"\u00e9",1e3,`, 200) + "0]"
	want := "[" + strings.Repeat(`"é",1000.0,`, 200) + "0]"
	v, ok, res = field(t, arr, (*Decoder).String)
	if !ok || res != okay || v != want {
		t.Errorf("large copied structure: %v %v", ok, res)
	}
}

func TestStrict(t *testing.T) {
	for _, in := range []string{`'a'`, `"\'"`, `NaN`, `-Infinity`, `+INF`, `{'a':1}`} {
		var d Decoder
		d.Strict = true
		d.Reset([]byte(`{"f":` + in + `}`))
		eachField(&d, (*Decoder).Skip)
		if outcomeOf(t, d.Finish()) != synt {
			t.Errorf("Strict accepted %s", in)
		}
	}
}

func TestFloat64(t *testing.T) {
	nan := math.NaN()
	inf := math.Inf(1)
	cases := []struct {
		in   string
		want float64
		ok   bool
		res  outcome
	}{
		{"1.5", 1.5, true, okay},
		{"1", 1, true, okay},
		{"-0", 0, true, okay},
		{"-0.0", math.Copysign(0, -1), true, okay},
		{"1e400", inf, true, okay},
		{"-1e400", -inf, true, okay},
		{"1e-400", 0, true, okay},
		{"123456789012345678901234567890", 1.2345678901234568e29, true, okay},
		{"9007199254740993", 9007199254740992, true, okay},
		{"0.1", 0.1, true, okay},
		{"NaN", nan, true, okay},
		{"Infinity", inf, true, okay},
		{"+Infinity", inf, true, okay},
		{"+INF", inf, true, okay},
		{"-INF", -inf, true, okay},
		{"-Infinity", -inf, true, okay},
		{`"NaN"`, nan, true, okay},
		{`"Infinity"`, inf, true, okay},
		{`"+Infinity"`, inf, true, okay},
		{`"+INF"`, inf, true, okay},
		{`"-Infinity"`, -inf, true, okay},
		{`"-INF"`, -inf, true, okay},
		{`'NaN'`, nan, true, okay},
		{`"\u004EaN"`, nan, true, okay},
		{`"nan"`, 0, false, mism},
		{`"INF"`, 0, false, mism},
		{`""`, 0, false, mism},
		{`"1.5"`, 0, false, mism},
		{`" NaN"`, 0, false, mism},
		{"true", 0, false, mism},
		{"[1.5]", 0, false, mism},
		{"null", 0, false, okay},
		{"-NaN", 0, false, synt},
		{"NaNx", 0, false, synt},
		{"Infinit", 0, false, synt},
		{"-Inf", 0, false, synt},
		{"+1", 0, false, synt},
		{"+I", 0, false, synt},
	}
	for _, c := range cases {
		v, ok, res := field(t, c.in, (*Decoder).Float64)
		same := v == c.want && math.Signbit(v) == math.Signbit(c.want) || math.IsNaN(v) && math.IsNaN(c.want)
		if res != c.res || ok != c.ok || ok && !same {
			t.Errorf("%s: got (%v, %v, %v), want (%v, %v, %v)", c.in, v, ok, res, c.want, c.ok, c.res)
		}
	}
}

// randomNumberText returns a random JSON number.
func randomNumberText(r *rand.Rand) string {
	var b []byte
	if r.IntN(2) == 0 {
		b = append(b, '-')
	}
	if r.IntN(5) == 0 {
		b = append(b, '0')
	} else {
		b = append(b, byte('1'+r.IntN(9)))
		for range r.IntN(25) {
			b = append(b, byte('0'+r.IntN(10)))
		}
	}
	if r.IntN(2) == 0 {
		b = append(b, '.')
		for range 1 + r.IntN(20) {
			b = append(b, byte('0'+r.IntN(10)))
		}
	}
	if r.IntN(2) == 0 {
		b = append(b, "eE"[r.IntN(2)])
		if r.IntN(2) == 0 {
			b = append(b, "+-"[r.IntN(2)])
		}
		b = strconv.AppendInt(b, int64(r.IntN(350)), 10)
	}
	return string(b)
}

func TestFloatsCorrectlyRounded(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		s := randomNumberText(r)
		if r.IntN(4) == 0 { // also exact bit patterns printed shortest
			s = strconv.FormatFloat(math.Float64frombits(r.Uint64()), 'g', -1, 64)
			if strings.ContainsAny(s, "NI") || strings.HasPrefix(s, "+") {
				continue
			}
			s = strings.Replace(s, "e+", "e", 1)
		}
		want, _ := strconv.ParseFloat(s, 64)
		if !strings.ContainsAny(s, ".eE") && want == 0 {
			want = 0 // an integer -0 is +0
		}
		got, ok, res := field(t, s, (*Decoder).Float64)
		if !ok || res != okay || math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("Float64(%s) = %v (%v %v), want %v", s, got, ok, res, want)
		}
		want32, _ := strconv.ParseFloat(s, 32)
		if !strings.ContainsAny(s, ".eE") {
			if v, err := strconv.ParseInt(s, 10, 64); err == nil {
				want32 = float64(float32(v))
			} else {
				f, _ := strconv.ParseFloat(s, 64) // Jackson goes through double
				want32 = float64(float32(f))
			}
		}
		got32, ok, res := field(t, s, (*Decoder).Float32)
		if !ok || res != okay || math.Float32bits(got32) != math.Float32bits(float32(want32)) {
			t.Fatalf("Float32(%s) = %v (%v %v), want %v", s, got32, ok, res, float32(want32))
		}
	}
}

func TestFloat32(t *testing.T) {
	// 2^65 + 2^41 + 1 rounds up to 2^65 + 2^42 as a float32 directly, but
	// Jackson parses integers beyond a long as double first (2^65 + 2^41,
	// a float32 tie) and then casts, which gives 2^65.
	n := new(big.Int).Lsh(big.NewInt(1), 65)
	n.Add(n, new(big.Int).Lsh(big.NewInt(1), 41))
	n.Add(n, big.NewInt(1))
	v, ok, _ := field(t, n.String(), (*Decoder).Float32)
	if !ok || v != float32(math.Ldexp(1, 65)) {
		t.Errorf("Float32(%s) = %v, want 2^65", n, v)
	}
	runReads(t, (*Decoder).Float32, []readCase[float32]{
		{"16777217", 16777216, true, okay},
		{"0.1", 0.1, true, okay},
		{"1e39", float32(math.Inf(1)), true, okay},
		{`"-INF"`, float32(math.Inf(-1)), true, okay},
		{`"x"`, 0, false, mism},
	})
}

func TestDecimal(t *testing.T) {
	cases := []struct {
		in   string
		p, s int
		want string
		res  outcome
	}{
		{"1.5", 5, 2, "1.50", okay},
		{"123.456", 5, 2, "123.46", okay},
		{"-123.455", 5, 2, "-123.46", okay},
		{"999.995", 5, 2, "", mism},
		{"1e2", 5, 2, "100.00", okay},
		{"12", 10, 0, "12", okay},
		{`"1,234.5"`, 10, 2, "1234.50", okay},
		{`"1e-999999999"`, 10, 2, "0.00", okay},
		{`"1e999999999"`, 10, 2, "", mism},
		{`"1.5"`, 5, 2, "1.50", okay},
		{`" 1.5"`, 5, 2, "", mism},
		{`""`, 5, 2, "", mism},
		{`"abc"`, 5, 2, "", mism},
		{"NaN", 5, 2, "", mism},
		{"true", 5, 2, "", mism},
		{"null", 5, 2, "", okay},
	}
	for _, c := range cases {
		var dec apd.Decimal
		_, ok, res := field(t, c.in, func(d *Decoder) (struct{}, bool) {
			return struct{}{}, d.Decimal(c.p, c.s, &dec)
		})
		got := ""
		if ok {
			got = string(sparktext.AppendDecimal(nil, &dec))
		}
		if res != c.res || got != c.want {
			t.Errorf("Decimal(%d,%d) %s: got %q %v, want %q %v", c.p, c.s, c.in, got, res, c.want, c.res)
		}
	}
}

func TestBinary(t *testing.T) {
	cases := []struct {
		in   string
		want string
		ok   bool
		res  outcome
	}{
		{`"QUJD"`, "ABC", true, okay},
		{`"QQ=="`, "A", true, okay},
		{`"QUI="`, "AB", true, okay},
		{`""`, "", true, okay},
		{`"QQ==QUI="`, "AAB", true, okay},
		{"\"QUJD\nREVG \"", "ABCDEF", true, okay}, // Jackson skips white space between quadruplets
		{`"QUJ\u0044"`, "ABC", true, okay},
		{`"\nQUJD"`, "ABC", true, okay},
		{`'QUJD'`, "ABC", true, okay},
		{`' QQ== '`, "A", true, okay},
		{`"QQ"`, "", false, mism},
		{`"QUI"`, "", false, mism},
		{`"Q!=="`, "", false, mism},
		{`"QU JD"`, "", false, mism},
		{`"QUJD="`, "", false, mism},
		{`"\u00e9"`, "", false, mism},
		{`'QQ'`, "", false, mism},
		{`'QQ='`, "", false, mism},
		{"1", "", false, mism},
		{"null", "", false, okay},
		// The error consumed the closing quote: Jackson then skips a string
		// that runs into the rest of the document.
		{`"Q"`, "", false, synt},
		{`"QQ="`, "", false, synt},
		{`"Q!\x"`, "", false, synt},
		{`"QUJD`, "", false, synt},
	}
	for _, c := range cases {
		v, ok, res := field(t, c.in, (*Decoder).Binary)
		if res != c.res || ok != c.ok || string(v) != c.want || ok && v == nil {
			t.Errorf("Binary %s: got (%q, %v, %v), want (%q, %v, %v)", c.in, v, ok, res, c.want, c.ok, c.res)
		}
	}
}

func TestDateTime(t *testing.T) {
	day := func(s string) int32 {
		v, ok := sparktext.ParseDate([]byte(s))
		if !ok {
			t.Fatalf("sparktext.ParseDate(%q) failed", s)
		}
		return v
	}
	runReads(t, (*Decoder).Date, []readCase[int32]{
		{`"2024-01-15"`, day("2024-01-15"), true, okay},
		{`"2024-01-15GMT"`, day("2024-01-15"), true, okay},
		{`"19000"`, day("19000-01-01"), true, okay}, // a five-digit year
		{`"123"`, 123, true, okay},                  // Spark 1.5's days since the epoch
		{`"-12345678"`, -12345678 + 2, true, okay},  // ... rebased from the Julian calendar
		{"19000", 0, false, mism},
		{`""`, 0, false, mism},
		{`"yesterday"`, 0, false, mism},
		{"null", 0, false, okay},
	})
	ts := func(s string, loc *time.Location) int64 {
		v, ok := sparktext.ParseTimestamp([]byte(s), loc)
		if !ok {
			t.Fatalf("sparktext.ParseTimestamp(%q) failed", s)
		}
		return v
	}
	runReads(t, (*Decoder).Timestamp, []readCase[int64]{
		{`"2020-07-25T14:55:00.137Z"`, 1595688900137000, true, okay},
		{`"2020-07-25 14:55:00"`, ts("2020-07-25 14:55:00", time.UTC), true, okay},
		{`"2020-01-01GMT"`, ts("2020-01-01", time.UTC), true, okay},
		{"1595688900", 1595688900000000, true, okay},
		{"-1", -1000000, true, okay},
		{"9223372036854775807", -1000000, true, okay}, // Java's long multiplication wraps
		{"9223372036854775808", 0, false, mism},
		{"1.5", 0, false, mism},
		{`""`, 0, false, mism},
		{`"soon"`, 0, false, mism},
		{"true", 0, false, mism},
	})
	var d Decoder
	d.Loc, _ = time.LoadLocation("Asia/Kolkata")
	d.Reset([]byte(`"2020-07-25 20:25:00"`))
	if v, ok := d.Timestamp(); !ok || v != 1595688900000000 {
		t.Errorf("Timestamp in Loc = %d %v", v, ok)
	}
	runReads(t, (*Decoder).TimestampNTZ, []readCase[int64]{
		{`"2020-07-25T14:55:00.137"`, 1595688900137000, true, okay},
		{`"2020-07-25T14:55:00Z"`, 0, false, mism},
		{"1595688900", 0, false, mism},
	})
}

func TestTopLevel(t *testing.T) {
	cases := []struct {
		in   string
		want error // ErrEmpty, or a sample of the error type
	}{
		{"", ErrEmpty},
		{" \n\t\r", ErrEmpty},
		{"{}", nil},
		{`{"a":1}`, nil},
		{`{"a":1} trailing garbage`, nil},
		{`{"a":1}{`, nil},
		{`{"a":1`, &SyntaxError{}},
		{`{`, &SyntaxError{}},
		{"\xef\xbb\xbf{}", &SyntaxError{}},
		{"\x00", &SyntaxError{}},
		{"null", &MismatchError{}},
		{"[1]", &MismatchError{}},
		{"5", &MismatchError{}},
		{`"s"`, &MismatchError{}},
		{"5x", &SyntaxError{}},
		{"nul", &SyntaxError{}},
	}
	for _, c := range cases {
		var d Decoder
		d.Reset([]byte(c.in))
		if d.BeginObject() {
			for d.NextField() {
				d.Skip()
			}
		}
		err := d.Finish()
		switch want := c.want.(type) {
		case nil:
			if err != nil {
				t.Errorf("%q: %v", c.in, err)
			}
		case *SyntaxError:
			if !errors.As(err, &want) {
				t.Errorf("%q: got %v, want a syntax error", c.in, err)
			}
		case *MismatchError:
			if !errors.As(err, &want) {
				t.Errorf("%q: got %v, want a mismatch", c.in, err)
			}
		default:
			if err != c.want {
				t.Errorf("%q: got %v, want %v", c.in, err, c.want)
			}
		}
		if d.Err() != nil && (err == nil || errors.Is(err, ErrEmpty)) {
			t.Errorf("%q: Err %v but Finish %v", c.in, d.Err(), err)
		}
		if string(d.Raw()) != c.in {
			t.Errorf("Raw changed")
		}
	}
}

func TestNesting(t *testing.T) {
	doc := func(n int) string {
		return `{"f":` + strings.Repeat("[", n) + strings.Repeat("]", n) + `}`
	}
	for _, c := range []struct {
		n    int
		want outcome
	}{{999, okay}, {1000, synt}} {
		var d Decoder
		d.Reset([]byte(doc(c.n)))
		eachField(&d, (*Decoder).Skip)
		if got := outcomeOf(t, d.Finish()); got != c.want {
			t.Errorf("depth %d+1: %v, want %v", c.n, got, c.want)
		}
		d.Reset([]byte(doc(c.n)))
		eachField(&d, func(d *Decoder) { d.String() })
		if got := outcomeOf(t, d.Finish()); got != c.want {
			t.Errorf("String at depth %d+1: %v, want %v", c.n, got, c.want)
		}
	}
	// Nested BeginArray calls count too.
	var d Decoder
	d.Reset([]byte(strings.Repeat("[", 1001)))
	var open func()
	open = func() {
		if d.BeginArray() {
			for d.NextElem() {
				open()
			}
		}
	}
	open()
	if outcomeOf(t, d.Finish()) != synt {
		t.Errorf("1001 nested BeginArray accepted")
	}
}

func TestMismatchPath(t *testing.T) {
	var d Decoder
	d.Reset([]byte(`{"a":{"b\n":[1,"x",3]},"c":"y","d":{"e":true}}`))
	var got []int32
	var e bool
	if d.BeginObject() {
		for d.NextField() {
			switch string(d.Key()) {
			case "a":
				if d.BeginObject() {
					for d.NextField() {
						if d.BeginArray() {
							for d.NextElem() {
								v, _ := d.Int32()
								got = append(got, v)
							}
						}
					}
				}
			case "d":
				if d.BeginObject() {
					for d.NextField() {
						e, _ = d.Bool()
					}
				}
			default:
				d.Int64()
			}
		}
	}
	err := d.Finish()
	var me *MismatchError
	if !errors.As(err, &me) || me.Field != "a.b\n[1]" || me.Reason != "expected int, got string" || me.Offset != 15 {
		t.Fatalf("got %#v", err)
	}
	if d.Mismatches() != 2 || len(got) != 3 || got[2] != 3 || !e {
		t.Errorf("reading did not go on: %d %v %v", d.Mismatches(), got, e)
	}
	if !strings.Contains(err.Error(), `field "a.b\n[1]" at byte 15: expected int, got string`) {
		t.Errorf("message %q", err.Error())
	}
}

func TestKeys(t *testing.T) {
	long := strings.Repeat("k", 100)
	var d Decoder
	d.Reset([]byte(`{"plain":1,"esc\u00e9":2,"` + long + `\n":3,'single':4,"\ud800":5,"` + long + `\n":6}`))
	var keys []string
	eachField(&d, func(d *Decoder) {
		keys = append(keys, string(d.Key()))
		d.Skip()
	})
	want := []string{"plain", "escé", long + "\n", "single", "?", long + "\n"}
	if strings.Join(keys, "|") != strings.Join(want, "|") || d.Finish() != nil {
		t.Errorf("keys %q, %v", keys, d.Finish())
	}
}

func TestPeekKindAndIsNull(t *testing.T) {
	var d Decoder
	d.Reset([]byte(`[null,1,"s",{},[],true,NaN]`))
	want := []Kind{KindNull, KindNumber, KindString, KindObject, KindArray, KindBool, KindNumber}
	i := 0
	for ok := d.BeginArray(); ok && d.NextElem(); {
		if k := d.PeekKind(); k != want[i] {
			t.Errorf("element %d: kind %d, want %d", i, k, want[i])
		}
		if d.IsNull() != (i == 0) {
			t.Errorf("IsNull at %d", i)
		}
		if i > 0 {
			d.Skip()
		}
		i++
	}
	if d.PeekKind() != KindEnd || i != len(want) || d.Finish() != nil {
		t.Errorf("end: %d %v", d.PeekKind(), d.Finish())
	}
}

// TestStickyErrors checks that every reader is quiet and loops end after a
// syntax error.
func TestStickyErrors(t *testing.T) {
	var d Decoder
	d.Reset([]byte(`{"a":[1,2 x`))
	n := 0
	eachField(&d, func(d *Decoder) {
		for ok := d.BeginArray(); ok && d.NextElem(); {
			d.Int64()
			n++
		}
	})
	if n != 2 || d.Err() == nil {
		t.Fatalf("n=%d err=%v", n, d.Err())
	}
	first := d.Err()
	var dec apd.Decimal
	d.String()
	d.Float64()
	d.Binary()
	d.Date()
	d.Decimal(5, 2, &dec)
	d.Skip()
	if d.NextField() || d.NextElem() || d.BeginObject() || d.BeginArray() || d.IsNull() || d.Err() != first {
		t.Errorf("not sticky")
	}
}

func TestJavaRuneMatchesSparktext(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte{0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF}
	for range 100000 {
		b := make([]byte, r.IntN(8))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		want := string(sparktext.AppendJavaUTF8(nil, b))
		got := AppendStringBytes(nil, b)
		got = got[1 : len(got)-1] // 'A' and bytes >= 0x80 need no escaping
		if string(got) != want {
			t.Fatalf("% x: got % x, want % x", b, got, want)
		}
	}
}

func TestRebaseJulianToGregorianDays(t *testing.T) {
	for _, c := range [][2]int32{
		{0, 0}, {-141427, -141427}, {-141428, -141438}, {-171595, -171605},
		{-171596, -171605}, {-719164, -719162}, {-719165, -719163}, {math.MaxInt32, math.MaxInt32},
	} {
		if got := rebaseJulianToGregorianDays(c[0]); got != c[1] {
			t.Errorf("rebase(%d) = %d, want %d", c[0], got, c[1])
		}
	}
}
