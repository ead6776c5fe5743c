package jsonx

import (
	"encoding/base64"
	"math"
	"math/bits"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"
	"github.com/streamc/streamc/internal/runtime/sparktext"
)

// Encoder is a reusable output buffer with the session time zone. The Append
// functions are the primitives; Encoder's methods are shorthands for them.
type Encoder struct {
	Buf []byte
	Loc *time.Location // session time zone for timestamps; nil is UTC
}

// Reset empties the buffer, keeping its memory.
func (e *Encoder) Reset() { e.Buf = e.Buf[:0] }

// Bytes returns the encoded bytes.
func (e *Encoder) Bytes() []byte { return e.Buf }

// Timestamp appends a timestamp in e.Loc.
func (e *Encoder) Timestamp(micros int64) { e.Buf = AppendTimestamp(e.Buf, micros, e.Loc) }

// String appends a quoted string.
func (e *Encoder) String(s string) { e.Buf = AppendString(e.Buf, s) }

// Key appends "name":.
func (e *Encoder) Key(name string) { e.Buf = AppendKey(e.Buf, name) }

// AppendNull appends null.
func AppendNull(dst []byte) []byte { return append(dst, "null"...) }

// AppendBool appends true or false.
func AppendBool(dst []byte, v bool) []byte {
	if v {
		return append(dst, "true"...)
	}
	return append(dst, "false"...)
}

// AppendInt appends an integer.
func AppendInt(dst []byte, v int64) []byte { return strconv.AppendInt(dst, v, 10) }

// AppendDouble appends f as Java's Double.toString; NaN and the infinities
// as the strings "NaN", "Infinity" and "-Infinity", as Jackson quotes them.
func AppendDouble(dst []byte, f float64) []byte {
	if a := math.Abs(f); a >= 1e-3 && a < 1e7 {
		if out, ok := appendShortPlain(dst, f, a); ok {
			return out
		}
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		dst = append(dst, '"')
		return append(sparktext.AppendDouble(dst, f), '"')
	}
	return sparktext.AppendDouble(dst, f)
}

var pow10 = [...]float64{1, 10, 100, 1000, 10000}

// appendShortPlain is a fast path of Double.toString for 1e-3 <= |f| < 1e7
// (plain notation) when f has at most four decimals, as prices do: the
// smallest k for which round(|f|*10^k)/10^k == |f| gives the shortest digits.
// (That division of exact integers is correctly rounded, so the k-decimal
// number reads back as f; 10^-k is far wider than f's rounding interval, so
// it is the only such decimal and no shorter one exists.) Tests compare it
// with sparktext.AppendDouble.
func appendShortPlain(dst []byte, f, a float64) ([]byte, bool) {
	for k, p := range pow10 {
		n := math.RoundToEven(a * p) // at an exact .5 neither neighbour reads back as f
		if n/p != a {
			continue
		}
		if f < 0 {
			dst = append(dst, '-')
		}
		u := uint64(n)
		dst = strconv.AppendUint(dst, u/uint64(p), 10)
		dst = append(dst, '.')
		if k == 0 {
			return append(dst, '0'), true
		}
		frac := u % uint64(p)
		for q := uint64(p) / 10; q > 0; q /= 10 {
			dst = append(dst, byte('0'+frac/q%10))
		}
		return dst, true
	}
	return dst, false
}

// AppendFloat appends f as Java's Float.toString, non-finite values quoted.
func AppendFloat(dst []byte, f float32) []byte {
	if g := float64(f); math.IsNaN(g) || math.IsInf(g, 0) {
		dst = append(dst, '"')
		return append(sparktext.AppendFloat(dst, f), '"')
	}
	return sparktext.AppendFloat(dst, f)
}

// AppendDecimal appends d as a JSON number in BigDecimal.toString form.
func AppendDecimal(dst []byte, d *apd.Decimal) []byte { return sparktext.AppendDecimal(dst, d) }

// AppendBinary appends b as a quoted base64 string (standard alphabet, with
// padding, no line feeds).
func AppendBinary(dst []byte, b []byte) []byte {
	dst = append(dst, '"')
	return append(base64.StdEncoding.AppendEncode(dst, b), '"')
}

// AppendTimestamp appends a quoted timestamp, yyyy-MM-dd'T'HH:mm:ss.SSSXXX in
// loc (nil is UTC).
func AppendTimestamp(dst []byte, micros int64, loc *time.Location) []byte {
	if loc == nil {
		loc = time.UTC
	}
	dst = append(dst, '"')
	return append(sparktext.AppendTimestamp(dst, micros, loc), '"')
}

// AppendTimestampNTZ appends a quoted timestamp without zone.
func AppendTimestampNTZ(dst []byte, micros int64) []byte {
	dst = append(dst, '"')
	return append(sparktext.AppendTimestampNTZ(dst, micros), '"')
}

// AppendDate appends a quoted date, yyyy-MM-dd.
func AppendDate(dst []byte, days int32) []byte {
	dst = append(dst, '"')
	return append(sparktext.AppendDate(dst, days), '"')
}

// AppendKey appends the quoted, escaped field name and a colon.
func AppendKey(dst []byte, name string) []byte { return append(AppendString(dst, name), ':') }

// QuoteKey returns AppendKey's output as a string, for a generator to emit
// as a constant: dst = append(dst, `"TotalAmount":`...).
func QuoteKey(name string) string { return string(AppendKey(nil, name)) }

// AppendString appends s quoted and escaped as Jackson escapes it: only '"',
// '\\' and control characters. Invalid UTF-8 is written as U+FFFD, one per
// malformed sequence as Java's decoder groups them (Spark converts the
// UTF8String to a Java String before writing it).
func AppendString(dst []byte, s string) []byte { return appendString(dst, s) }

// AppendStringBytes is AppendString for a byte slice.
func AppendStringBytes(dst []byte, s []byte) []byte { return appendString(dst, s) }

func appendString[T string | []byte](dst []byte, s T) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		for ; i+8 <= len(s); i += 8 {
			if m := specialMask(le64(s, i), '"'*lsb8); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			e := jsonEscape[c]
			if e == 0 {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			if e == 'u' {
				dst = append(dst, '\\', 'u', '0', '0', upperHex[c>>4], upperHex[c&15])
			} else {
				dst = append(dst, '\\', e)
			}
			i++
			start = i
			continue
		}
		r, size := javaRune(s, i)
		if r == utf8.RuneError && !(size == 3 && isFFFD(s, i)) {
			dst = append(dst, s[start:i]...)
			dst = append(dst, replacement...)
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// le64 loads 8 bytes of s at i, little-endian.
func le64[T string | []byte](s T, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// isFFFD reports whether s[i:] starts with the UTF-8 encoding of U+FFFD
// itself, which javaRune also returns as utf8.RuneError.
func isFFFD[T string | []byte](s T, i int) bool {
	return i+3 <= len(s) && s[i] == 0xEF && s[i+1] == 0xBF && s[i+2] == 0xBD
}
