package sparktext

import (
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
)

func FuzzParseTimestamp(f *testing.F) {
	for _, s := range []string{"2020-07-25", "2020-07-25T14:55:00.137Z", "2020-07-25 14:55:00 Europe/Paris",
		"T12:00", "12:00:01", "+123456-01-01", "2020-07-25 14:55:00 UTC+5:3", " 2020 "} {
		f.Add([]byte(s))
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		for _, loc := range []*time.Location{nil, paris} {
			v, ok := ParseTimestamp(s, loc)
			if !ok {
				continue
			}
			text := AppendTimestamp(nil, v, nil)
			back, ok := ParseTimestamp(text, nil)
			if !ok || back != floorDiv(v, 1000)*1000 {
				t.Fatalf("%q -> %d -> %q -> %d, %v", s, v, text, back, ok)
			}
		}
		if v, ok := ParseTimestampNTZ(s); ok {
			text := AppendTimestampNTZ(nil, v)
			if back, ok := ParseTimestampNTZ(text); !ok || back != floorDiv(v, 1000)*1000 {
				t.Fatalf("NTZ %q -> %d -> %q -> %d, %v", s, v, text, back, ok)
			}
		}
		ParseTimestampNTZLenient(s)
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2020-07-25", "2020", "2020-7", "-0001-01-01T", "+1234567-12-31 x"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		d, ok := ParseDate(s)
		if !ok {
			return
		}
		text := AppendDate(nil, d)
		if back, ok := ParseDate(text); !ok || back != d {
			t.Fatalf("%q -> %d -> %q -> %d, %v", s, d, text, back, ok)
		}
	})
}

func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"1.005", "-1e-3", "1,000.5", "12345678901234567890123456789012345678", "0E-10", ".5"} {
		f.Add([]byte(s), uint8(10), uint8(2))
	}
	f.Fuzz(func(t *testing.T, s []byte, p, sc uint8) {
		prec := int(p%40) + 1
		scale := int(sc) % (prec + 1)
		for _, parse := range []func([]byte, int, int, *apd.Decimal) bool{ParseDecimal, ParseDecimalUS} {
			var d apd.Decimal
			if !parse(s, prec, scale, &d) {
				continue
			}
			text := AppendDecimal(nil, &d)
			var d2 apd.Decimal
			if !ParseDecimal(text, prec, scale, &d2) || string(AppendDecimal(nil, &d2)) != string(text) {
				t.Fatalf("%q (%d,%d) -> %q does not round-trip", s, prec, scale, text)
			}
			if plain := AppendDecimalPlain(nil, &d); !ParseDecimal(plain, prec, scale, &d2) || d2.Cmp(&d) != 0 {
				t.Fatalf("%q plain %q does not round-trip", s, plain)
			}
		}
	})
}

func FuzzParseJavaDouble(f *testing.F) {
	for _, s := range []string{"1.5", "-0x1.8p1", "NaN", "-Infinity", "1e400", " 4.9e-324d ", "1f", ".5e-3"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		if v, ok := ParseJavaDouble(s); ok {
			text := AppendDouble(nil, v)
			back, ok := ParseJavaDouble(text)
			if !ok || (back != v && !(math.IsNaN(v) && math.IsNaN(back))) || math.Signbit(back) != math.Signbit(v) {
				t.Fatalf("%q -> %v -> %q -> %v, %v", s, v, text, back, ok)
			}
		}
		if v, ok := ParseJavaFloat(s); ok {
			text := AppendFloat(nil, v)
			back, ok := ParseJavaFloat(text)
			if !ok || (back != v && !(v != v && back != back)) {
				t.Fatalf("float %q -> %v -> %q -> %v, %v", s, v, text, back, ok)
			}
		}
	})
}

func FuzzParseJavaLong(f *testing.F) {
	for _, s := range []string{"0", "-9223372036854775808", "+127", "32768", "1 ", ""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		if v, ok := ParseJavaLong(s); ok {
			if back, ok := ParseJavaLong(strconv.AppendInt(nil, v, 10)); !ok || back != v {
				t.Fatalf("%q -> %d -> %d", s, v, back)
			}
		}
		i, iok := ParseJavaInt(s)
		l, lok := ParseJavaLong(s)
		if iok && (!lok || int64(i) != l) {
			t.Fatalf("%q: int %d but long %d, %v", s, i, l, lok)
		}
		if v, ok := ParseJavaShort(s); ok && int64(v) != l {
			t.Fatalf("%q: short %d", s, v)
		}
		if v, ok := ParseJavaByte(s); ok && int64(v) != l {
			t.Fatalf("%q: byte %d", s, v)
		}
	})
}
