package sparktext

import (
	"math"
	"strconv"
	"unsafe"
)

// ParseJavaDouble is Java's Double.parseDouble: surrounding chars <= ' '
// are ignored; then an optional sign and "NaN", "Infinity", a decimal
// ("1", "1.", ".5", "1e-3") or a hex float ("0x1.8p1", exponent required),
// optionally ended by one of f F d D. The result is correctly rounded.
// ok is false where Java throws NumberFormatException.
func ParseJavaDouble(s []byte) (float64, bool) {
	return parseJavaFloat(s, 64)
}

// ParseJavaFloat is Java's Float.parseFloat (rounded once, to float32).
func ParseJavaFloat(s []byte) (float32, bool) {
	f, ok := parseJavaFloat(s, 32)
	return float32(f), ok
}

// javaNaN is Double.NaN's canonical bit pattern (math.NaN differs).
var javaNaN = math.Float64frombits(0x7ff8000000000000)

func parseJavaFloat(s []byte, bits int) (float64, bool) {
	s = trimJava(s)
	if len(s) == 0 {
		return 0, false
	}
	i := 0
	neg := false
	if s[0] == '+' || s[0] == '-' {
		neg = s[0] == '-'
		i++
	}
	rest := s[i:]
	switch {
	case string(rest) == "NaN":
		return javaNaN, true
	case string(rest) == "Infinity":
		if neg {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	}
	// Drop one trailing type suffix; Go's ParseFloat does not know them.
	body := s
	if c := body[len(body)-1]; c == 'f' || c == 'F' || c == 'd' || c == 'D' {
		body = body[:len(body)-1]
	}
	var ok bool
	if len(rest) > 1 && rest[0] == '0' && (rest[1] == 'x' || rest[1] == 'X') {
		ok = validHexFloat(body[i+2:])
	} else {
		ok = validDecimalFloat(body[i:])
	}
	if !ok {
		return 0, false
	}
	// The syntax is now a subset of Go's, so ParseFloat's only possible
	// error is ErrRange, whose ±Inf or 0 result is also Java's.
	f, err := strconv.ParseFloat(unsafe.String(unsafe.SliceData(body), len(body)), bits)
	if err != nil {
		if ne, isNum := err.(*strconv.NumError); !isNum || ne.Err != strconv.ErrRange {
			return 0, false
		}
	}
	return f, true
}

// validDecimalFloat checks digits[.digits][(e|E)[+-]digits] with at least
// one mantissa digit.
func validDecimalFloat(s []byte) bool {
	i, n := 0, 0
	for i < len(s) && isDigit(s[i]) {
		i, n = i+1, n+1
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i, n = i+1, n+1
		}
	}
	if n == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}

// validHexFloat checks what follows "0x": hexdigits[.hexdigits] (at least
// one digit) then (p|P)[+-]digits, as Java's hex float pattern requires.
func validHexFloat(s []byte) bool {
	i, n := 0, 0
	for i < len(s) && isHex(s[i]) {
		i, n = i+1, n+1
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isHex(s[i]) {
			i, n = i+1, n+1
		}
	}
	if n == 0 || i == len(s) || (s[i] != 'p' && s[i] != 'P') {
		return false
	}
	i++
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i > start && i == len(s)
}

func isHex(c byte) bool { return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'f') }

// ParseJavaLong is Long.parseLong(s): an optional + or - then ASCII digits,
// nothing else (no spaces); out of range is an error. (Java also accepts
// non-ASCII Unicode digits; those are rejected here.)
func ParseJavaLong(s []byte) (int64, bool) {
	return parseJavaInt(s, math.MinInt64, math.MaxInt64)
}

// ParseJavaInt is Integer.parseInt(s).
func ParseJavaInt(s []byte) (int32, bool) {
	v, ok := parseJavaInt(s, math.MinInt32, math.MaxInt32)
	return int32(v), ok
}

// ParseJavaShort is Short.parseShort(s).
func ParseJavaShort(s []byte) (int16, bool) {
	v, ok := parseJavaInt(s, math.MinInt16, math.MaxInt16)
	return int16(v), ok
}

// ParseJavaByte is Byte.parseByte(s).
func ParseJavaByte(s []byte) (int8, bool) {
	v, ok := parseJavaInt(s, math.MinInt8, math.MaxInt8)
	return int8(v), ok
}

func parseJavaInt(s []byte, lo, hi int64) (int64, bool) {
	if len(s) == 0 {
		return 0, false
	}
	neg := false
	if s[0] == '+' || s[0] == '-' {
		neg = s[0] == '-'
		s = s[1:]
		if len(s) == 0 {
			return 0, false
		}
	}
	// Accumulate negatively so that MinInt64 fits.
	var v int64
	for _, c := range s {
		if !isDigit(c) {
			return 0, false
		}
		d := int64(c - '0')
		if v < (math.MinInt64+d)/10 {
			return 0, false
		}
		v = v*10 - d
	}
	if !neg {
		if v < -hi {
			return 0, false
		}
		return -v, true
	}
	if v < lo {
		return 0, false
	}
	return v, true
}

// JavaNaN returns Double.NaN with the JVM's canonical bits.
func JavaNaN() float64 { return javaNaN }
