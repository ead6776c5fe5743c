package sqlfn

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
)

func FuzzCastStringToInt(f *testing.F) {
	for _, s := range []string{"123", " -12 ", "1.9", "2147483648", "-9223372036854775808", "+", "1e3", "\x00 7 \x7f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v64, ok64 := CastStringToInt64(s)
		v32, ok32 := CastStringToInt32(s)
		if ok32 && (!ok64 || int64(v32) != v64) {
			t.Fatalf("%q: int %d but bigint %d %v", s, v32, v64, ok64)
		}
		if a, err := CastStringToInt64ANSI(s); err == nil && (!ok64 || a != v64) {
			t.Fatalf("%q: ANSI %d, plain %d %v", s, a, v64, ok64)
		}
		if ok64 {
			// The integral part, trimmed, must be what strconv reads.
			txt := strings.TrimFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f })
			if i := strings.IndexByte(txt, '.'); i >= 0 {
				txt = txt[:i]
			}
			if txt == "" || txt == "+" || txt == "-" {
				if v64 != 0 {
					t.Fatalf("%q: %d", s, v64)
				}
				return
			}
			want, err := strconv.ParseInt(txt, 10, 64)
			if err != nil || want != v64 {
				t.Fatalf("%q: %d, strconv %d %v", s, v64, want, err)
			}
		}
	})
}

func FuzzCastStringToNumber(f *testing.F) {
	for _, s := range []string{"1.5", "inf", "-Infinity", "NaN", "0x1p3", "1e400", "12.345", "1e-400", " 7d "} {
		f.Add(s, uint8(10), uint8(2))
	}
	f.Fuzz(func(t *testing.T, s string, p, sc uint8) {
		CastStringToDouble(s)
		CastStringToFloat(s)
		CastStringToBool(s)
		CastStringToDate(s)
		CastStringToTimestamp(s, nil)
		prec, scale := int(p%38)+1, 0
		scale = int(sc) % (prec + 1)
		var d apd.Decimal
		if CastStringToDecimal(&d, s, prec, scale) {
			if int(d.NumDigits()) > prec || -int(d.Exponent) != scale {
				t.Fatalf("%q as DECIMAL(%d,%d) = %s", s, prec, scale, d.String())
			}
		}
		_ = CastStringToDecimalANSI(&d, s, prec, scale)
	})
}

func FuzzDatePattern(f *testing.F) {
	for _, c := range [][2]string{{"yyyy-MM-dd HH:mm:ss", "2020-01-02 03:04:05"}, {"yyyyMMdd", "20200102"}, {"[yyyy][-MM]", "-12"},
		{"MMM d, yyyy h:mm a", "Jan 2, 2020 3:04 PM"}, {"yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2020-01-02T03:04:05.1+01:00"}, {"VV", "Europe/Paris"}} {
		f.Add(c[0], c[1], int64(1577836800123456))
	}
	f.Fuzz(func(t *testing.T, pattern, text string, us int64) {
		p, err := CompileDatePattern(pattern)
		if err != nil {
			return
		}
		out := p.Format(us, time.UTC)
		if v, ok := p.Parse(text, time.UTC); ok {
			_ = p.Format(v, nil)
		}
		p.Parse(out, time.UTC)
	})
}

func FuzzRegexp(f *testing.F) {
	for _, c := range [][3]string{{`(\d+)-(\d+)`, "100-200", "$2"}, {"a*", "baaac", "X"}, {`^\s+|\s+$`, "  x \n", ""},
		{`(?i)ab[c-e]`, "ABD", "${x}"}, {`\p{Alpha}+$`, "abc\r\n", "\\$"}, {`(?x) a # c`, "a", "$0"}, {`[]a]`, "]", "z"}} {
		f.Add(c[0], c[1], c[2], int32(1))
	}
	f.Fuzz(func(t *testing.T, pattern, s, rep string, n int32) {
		re, err := CompileRegexp(pattern)
		if err != nil {
			return
		}
		RLike(s, re)
		RegexpReplace(s, re, rep, max(1, n%8))
		RegexpExtract(s, re, n%3)
		RegexpExtractAll(s, re, n%3)
		parts := Split(s, re, n%4)
		if len(parts) == 0 {
			t.Fatalf("split(%q, %q) returned nothing", s, pattern)
		}
	})
}

func FuzzStrings(f *testing.F) {
	f.Add("héllo wörld", "lo", int32(2), int32(3))
	f.Add("\xff\xfe\xc3", "\xc3", int32(-1), int32(5))
	f.Fuzz(func(t *testing.T, s, u string, a, b int32) {
		Substring(s, a, b)
		LPad(s, a%100, u)
		RPad(s, b%100, u)
		TrimChars(s, u)
		Translate(s, u, s)
		Instr(s, u)
		Locate(u, s, a)
		Upper(s)
		Lower(s)
		InitCap(s)
		Reverse(s)
		Ascii(s)
		UnBase64(s)
		Unhex(s)
		if got := Replace(s, u, ""); len(got) > len(s) {
			t.Fatal("replace grew")
		}
	})
}
