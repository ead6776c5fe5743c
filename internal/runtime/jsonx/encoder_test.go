package jsonx

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zone tests need exists on every machine
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"
)

func TestAppendString(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", `""`},
		{"abc", `"abc"`},
		{`say "hi" \ bye`, `"say \"hi\" \\ bye"`},
		{"\b\t\n\f\r", `"\b\t\n\f\r"`},
		{"\x00\x01\x1f\x0b", `"\u0000\u0001\u001F\u000B"`},
		{"\x7f", "\"\x7f\""},
		{"<&>/'", `"<&>/'"`},
		{"é€😀\u2028", "\"é€😀\u2028\""},
		{"\uFFFD", "\"\uFFFD\""},
		// Invalid UTF-8: U+FFFD per malformed sequence, as Java decodes it.
		{"a\xffb", "\"a\uFFFDb\""},
		{"\xe2\x82", "\"\uFFFD\""},
		{"\xe2\x82x", "\"\uFFFDx\""},
		{"\xed\xa0\x80", "\"\uFFFD\""},
		{"\xc0\xaf", "\"\uFFFD\uFFFD\""},
		{"\xf0\x90\x80", "\"\uFFFD\""},
		{"\xf0\x90\x80\"", "\"\uFFFD\\\"\""},
	}
	for _, c := range cases {
		if got := string(AppendString(nil, c.in)); got != c.want {
			t.Errorf("AppendString(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := string(AppendStringBytes([]byte("x"), []byte(c.in))); got != "x"+c.want {
			t.Errorf("AppendStringBytes(%q) = %q", c.in, got)
		}
	}
	if got := QuoteKey(`Total"Amount`); got != `"Total\"Amount":` {
		t.Errorf("QuoteKey = %s", got)
	}
}

func TestAppendValues(t *testing.T) {
	dec, _, _ := apd.NewFromString("0.0000001")
	price, rate := 15.35, 0.2 // variables: a constant expression would fold exactly
	cases := []struct{ got, want string }{
		{string(AppendDouble(nil, 11114)), "11114.0"},
		{string(AppendDouble(nil, 1e7)), "1.0E7"},
		{string(AppendDouble(nil, 2.5e-5)), "2.5E-5"},
		{string(AppendDouble(nil, price*rate)), "3.0700000000000003"},
		{string(AppendDouble(nil, math.NaN())), `"NaN"`},
		{string(AppendDouble(nil, math.Inf(1))), `"Infinity"`},
		{string(AppendDouble(nil, math.Inf(-1))), `"-Infinity"`},
		{string(AppendDouble(nil, math.Copysign(0, -1))), "-0.0"},
		{string(AppendFloat(nil, 0.1)), "0.1"},
		{string(AppendFloat(nil, float32(math.Inf(-1)))), `"-Infinity"`},
		{string(AppendInt(nil, math.MinInt64)), "-9223372036854775808"},
		{string(AppendBool(nil, true)), "true"},
		{string(AppendBool(nil, false)), "false"},
		{string(AppendNull(nil)), "null"},
		{string(AppendBinary(nil, []byte("AB"))), `"QUI="`},
		{string(AppendBinary(nil, nil)), `""`},
		{string(AppendDecimal(nil, dec)), "1E-7"},
		{string(AppendTimestamp(nil, 1595688900137000, nil)), `"2020-07-25T14:55:00.137Z"`},
		{string(AppendTimestampNTZ(nil, 1595688900137000)), `"2020-07-25T14:55:00.137"`},
		{string(AppendDate(nil, 18468)), `"2020-07-25"`},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	e := Encoder{Loc: kolkata}
	e.Buf = append(e.Buf, '{')
	e.Key("t")
	e.Timestamp(1595688900137000)
	e.Buf = append(e.Buf, ',')
	e.Key("s")
	e.String("x")
	e.Buf = append(e.Buf, '}')
	if got := string(e.Bytes()); got != `{"t":"2020-07-25T20:25:00.137+05:30","s":"x"}` {
		t.Errorf("Encoder: %s", got)
	}
	e.Reset()
	if len(e.Bytes()) != 0 {
		t.Errorf("Reset")
	}
}

// randomString returns random valid UTF-8 rich in characters that need care.
func randomString(r *rand.Rand) string {
	pieces := []string{"a", "Z", " ", `"`, `\`, "/", "'", "\x00", "\x1f", "\n", "\x7f", "<", "&",
		"é", "€", "😀", "\u2028", "\uFFFD", "\U0010FFFF", "ß"}
	var b strings.Builder
	for range r.IntN(40) {
		if r.IntN(4) == 0 {
			b.WriteRune(rune(r.IntN(0x110000)))
		} else {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
	}
	return strings.ToValidUTF8(b.String(), "\uFFFD")
}

func readString(t testing.TB, doc []byte) string {
	var d Decoder
	d.Reset(doc)
	s, ok := d.String()
	if err := d.Finish(); err != nil || !ok {
		t.Fatalf("String(%q): %v %v", doc, ok, err)
	}
	return s
}

func TestStringRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		s := randomString(r)
		enc := AppendString(nil, s)
		if got := readString(t, enc); got != s {
			t.Fatalf("round trip of %q: %q", s, got)
		}
		if !json.Valid(enc) {
			t.Fatalf("AppendString(%q) = %q is not JSON", s, enc)
		}
		var std string
		if err := json.Unmarshal(enc, &std); err != nil || std != s {
			t.Fatalf("encoding/json reads %q as %q", enc, std)
		}
	}
}

// randomJSONString returns a JSON string literal built from random plain
// characters and escapes, mixing hex digit cases (no unpaired surrogates, no
// invalid UTF-8: there Spark and encoding/json differ on purpose).
func randomJSONString(r *rand.Rand) string {
	hex := func(c rune) string {
		h := hex4String(c)
		if r.IntN(2) == 0 {
			h = strings.ToUpper(h)
		}
		return `\u` + h
	}
	var b strings.Builder
	b.WriteByte('"')
	for range r.IntN(30) {
		switch r.IntN(8) {
		case 0:
			b.WriteString([]string{`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`}[r.IntN(8)])
		case 1:
			b.WriteString(hex(rune(r.IntN(0xD800))))
		case 2:
			c := 0x10000 + rune(r.IntN(0x100000))
			b.WriteString(hex(0xD800+(c-0x10000)>>10) + hex(0xDC00+(c-0x10000)&0x3FF))
		case 3:
			b.WriteRune(0x80 + rune(r.IntN(0xD800-0x80)))
		case 4:
			b.WriteRune(0x10000 + rune(r.IntN(0x100000)))
		default:
			if c := byte(0x20 + r.IntN(0x5F)); c != '"' && c != '\\' {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func hex4String(r rune) string {
	const h = "0123456789abcdef"
	return string([]byte{h[r>>12&15], h[r>>8&15], h[r>>4&15], h[r&15]})
}

func TestStringMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 20000 {
		lit := randomJSONString(r)
		var std string
		if err := json.Unmarshal([]byte(lit), &std); err != nil {
			t.Fatalf("bad test input %q: %v", lit, err)
		}
		if got := readString(t, []byte(lit)); got != std {
			t.Fatalf("%q: got %q, encoding/json %q", lit, got, std)
		}
		if !utf8.ValidString(std) {
			t.Fatalf("invalid result")
		}
	}
}
