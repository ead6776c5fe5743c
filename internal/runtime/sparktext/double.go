package sparktext

import (
	"math"
	"strconv"
	"unsafe"
)

// AppendDouble appends Java's Double.toString(f) (JDK 19+ algorithm):
// the shortest decimal that rounds back to f, laid out plainly when
// 1e-3 <= |f| < 1e7 and as "d.dddE[-]n" otherwise.
func AppendDouble(dst []byte, f float64) []byte {
	return appendJavaFloat(dst, f, 64)
}

// AppendFloat appends Java's Float.toString(f), the float32 analogue of
// AppendDouble.
func AppendFloat(dst []byte, f float32) []byte {
	return appendJavaFloat(dst, float64(f), 32)
}

func appendJavaFloat(dst []byte, f float64, bits int) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(f, -1):
		return append(dst, "-Infinity"...)
	case f == 0:
		if math.Signbit(f) {
			return append(dst, "-0.0"...)
		}
		return append(dst, "0.0"...)
	}
	var buf [32]byte
	digits, exp := shortestDigits(buf[:0], f, bits)
	if f < 0 {
		dst = append(dst, '-')
	}
	return layoutJava(dst, digits, exp)
}

// shortestDigits returns the significant digits (no sign, no point) and the
// decimal exponent of the first digit. Go's shortest digits equal the JDK's
// except when one digit suffices: the JDK then picks, among decimals of up to
// two digits that round to f, the one closest to f (Double.MIN_VALUE is
// "4.9E-324", not "5.0E-324").
func shortestDigits(buf []byte, f float64, bits int) ([]byte, int) {
	s := strconv.AppendFloat(buf, math.Abs(f), 'e', -1, bits)
	digits, exp := splitE(s)
	if len(digits) == 1 {
		var b2 [32]byte
		s2 := strconv.AppendFloat(b2[:0], math.Abs(f), 'e', 1, bits)
		if back, err := strconv.ParseFloat(unsafe.String(&s2[0], len(s2)), bits); err == nil && back == math.Abs(f) {
			d2, e2 := splitE(s2)
			if d2[1] != '0' {
				// Copy into buf: d2 points into b2 on this stack frame.
				n := copy(buf[:cap(buf)], d2)
				return buf[:n], e2
			}
		}
	}
	return digits, exp
}

// splitE splits strconv's "d.ddde±xx" into its digits (point removed in
// place) and exponent.
func splitE(s []byte) ([]byte, int) {
	e := len(s) - 1
	for s[e] != 'e' {
		e--
	}
	exp := 0
	neg := s[e+1] == '-'
	for _, c := range s[e+2:] {
		exp = exp*10 + int(c-'0')
	}
	if neg {
		exp = -exp
	}
	digits := s[:e]
	if len(digits) > 1 { // drop the '.'
		copy(digits[1:], digits[2:])
		digits = digits[:len(digits)-1]
	}
	return digits, exp
}

// layoutJava writes digits d1d2...dn times 10^exp (exp is the power of d1)
// the way Double.toString does.
func layoutJava(dst, digits []byte, exp int) []byte {
	if exp >= -3 && exp < 7 {
		if exp < 0 {
			dst = append(dst, '0', '.')
			for i := -1; i > exp; i-- {
				dst = append(dst, '0')
			}
			return append(dst, digits...)
		}
		intLen := exp + 1
		if len(digits) <= intLen {
			dst = append(dst, digits...)
			for i := len(digits); i < intLen; i++ {
				dst = append(dst, '0')
			}
			return append(dst, '.', '0')
		}
		dst = append(dst, digits[:intLen]...)
		dst = append(dst, '.')
		return append(dst, digits[intLen:]...)
	}
	dst = append(dst, digits[0], '.')
	if len(digits) > 1 {
		dst = append(dst, digits[1:]...)
	} else {
		dst = append(dst, '0')
	}
	dst = append(dst, 'E')
	return strconv.AppendInt(dst, int64(exp), 10)
}
