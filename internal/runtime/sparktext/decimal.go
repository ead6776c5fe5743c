package sparktext

import (
	"math"

	"github.com/cockroachdb/apd/v3"
)

// AppendDecimal appends java.math.BigDecimal.toString() of d: plain with
// exactly scale fraction digits, or scientific ("1.23E+3", "0E-10") when the
// scale is negative or the adjusted exponent is below -6. d must be finite.
// BigDecimal has no negative zero, so a zero prints without a sign.
func AppendDecimal(dst []byte, d *apd.Decimal) []byte {
	var scratch [48]byte
	digits := d.Coeff.Append(scratch[:0], 10)
	if d.Negative && !isZeroDigits(digits) {
		dst = append(dst, '-')
	}
	scale := -int64(d.Exponent)
	adjusted := -scale + int64(len(digits)-1)
	if scale >= 0 && adjusted >= -6 {
		return appendPlainDigits(dst, digits, scale)
	}
	dst = append(dst, digits[0])
	if len(digits) > 1 {
		dst = append(dst, '.')
		dst = append(dst, digits[1:]...)
	}
	if adjusted != 0 {
		dst = append(dst, 'E')
		if adjusted > 0 {
			dst = append(dst, '+')
		}
		dst = appendInt64(dst, adjusted)
	}
	return dst
}

// AppendDecimalPlain appends BigDecimal.toPlainString() of d.
func AppendDecimalPlain(dst []byte, d *apd.Decimal) []byte {
	var scratch [48]byte
	digits := d.Coeff.Append(scratch[:0], 10)
	if d.Negative && !isZeroDigits(digits) {
		dst = append(dst, '-')
	}
	scale := -int64(d.Exponent)
	if scale < 0 {
		if isZeroDigits(digits) {
			// toPlainString of 0E+3 is "0" (JDK 8+).
			return append(dst, '0')
		}
		dst = append(dst, digits...)
		for i := int64(0); i < -scale; i++ {
			dst = append(dst, '0')
		}
		return dst
	}
	return appendPlainDigits(dst, digits, scale)
}

func appendPlainDigits(dst, digits []byte, scale int64) []byte {
	if scale == 0 {
		return append(dst, digits...)
	}
	n := int64(len(digits))
	if n > scale {
		dst = append(dst, digits[:n-scale]...)
		dst = append(dst, '.')
		return append(dst, digits[n-scale:]...)
	}
	dst = append(dst, '0', '.')
	for i := n; i < scale; i++ {
		dst = append(dst, '0')
	}
	return append(dst, digits...)
}

func isZeroDigits(d []byte) bool { return len(d) == 1 && d[0] == '0' }

func appendInt64(dst []byte, v int64) []byte {
	if v < 0 {
		dst = append(dst, '-')
		v = -v
	}
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	return append(dst, b[i:]...)
}

// ParseDecimal parses s as new java.math.BigDecimal(s) does (optional sign,
// digits with an optional point, optional exponent; no spaces) and stores it
// in d as a Decimal(precision, scale): rounded HALF_UP to scale, false when
// the result needs more than precision digits (Spark's Decimal.set /
// changePrecision) or s is not a number. CAST trims s first; CSV/JSON do not.
func ParseDecimal(s []byte, precision, scale int, d *apd.Decimal) bool {
	return parseDecimal(s, precision, scale, d, false)
}

// ParseDecimalUS is ParseDecimal after removing every ',' — what Spark's
// CSV and JSON readers do for the default en-US locale
// (new BigDecimal(s.replaceAll(",", ""))).
func ParseDecimalUS(s []byte, precision, scale int, d *apd.Decimal) bool {
	return parseDecimal(s, precision, scale, d, true)
}

// maxDecimalDigits is the largest Spark decimal precision.
const maxDecimalDigits = 38

// keptDigits bounds the significant digits parseDecimal keeps: more than 38
// never fit, and HALF_UP only looks at the first dropped digit.
const keptDigits = maxDecimalDigits + 2

func parseDecimal(s []byte, precision, scale int, d *apd.Decimal, skipCommas bool) bool {
	if precision <= 0 || precision > maxDecimalDigits || scale < 0 || scale > precision {
		return false
	}
	r := byteReader{s: s, skipCommas: skipCommas}
	var (
		neg, sawDigit, sawPoint bool
		frac, exp, extra        int64
		kept                    [keptDigits]byte
		nd                      int
	)
	c, ok := r.next()
	if ok && (c == '+' || c == '-') {
		neg = c == '-'
		c, ok = r.next()
	}
	for ; ok; c, ok = r.next() {
		switch {
		case c >= '0' && c <= '9':
			sawDigit = true
			if sawPoint {
				frac++
			}
			switch {
			case nd == 0 && c == '0': // leading zero
			case nd < len(kept):
				kept[nd] = c
				nd++
			default:
				extra++
			}
			continue
		case c == '.' && !sawPoint:
			sawPoint = true
			continue
		case (c == 'e' || c == 'E') && sawDigit:
			if exp, ok = parseExponent(&r); !ok {
				return false
			}
		default:
			return false
		}
		break
	}
	if !sawDigit {
		return false
	}
	scale0 := frac - exp // BigDecimal's scale
	if scale0 > math.MaxInt32 || scale0 < math.MinInt32 {
		return false // NumberFormatException: scale out of range
	}
	// kept * 10^extra * 10^-scale0; express it as kept * 10^-(scale0-extra).
	drop := scale0 - extra - int64(scale) // kept digits to round away
	var out []byte
	var buf [keptDigits + 1]byte
	pad := int64(0)
	switch {
	case drop <= 0:
		if extra > 0 {
			return false // more than keptDigits significant digits remain
		}
		out = append(buf[:0], kept[:nd]...)
		pad = -drop
	case drop > int64(nd):
		out = buf[:0] // rounds to zero: the first dropped digit is a 0
	default:
		keep := nd - int(drop)
		out = append(buf[:1], kept[:keep]...)[1:]
		if kept[keep] >= '5' { // HALF_UP: away from zero
			out = incrementDigits(buf[:], out)
		}
	}
	d.Form = apd.Finite
	d.Exponent = int32(-scale)
	if len(out) == 0 {
		d.Coeff.SetInt64(0)
		d.Negative = false
		return true // zero has precision 1
	}
	if int64(len(out))+pad > int64(precision) {
		return false
	}
	setCoeff(&d.Coeff, out, int(pad))
	d.Negative = neg
	return true
}

// incrementDigits adds one to the decimal digits in out, which must sit at
// buf[1:]; a carry out of the top digit grows it into buf[0].
func incrementDigits(buf, out []byte) []byte {
	for j := len(out) - 1; j >= 0; j-- {
		if out[j] != '9' {
			out[j]++
			return out
		}
		out[j] = '0'
	}
	buf[0] = '1'
	return buf[:len(out)+1]
}

// byteReader yields the bytes of s, optionally skipping commas.
type byteReader struct {
	s          []byte
	i          int
	skipCommas bool
}

func (r *byteReader) next() (byte, bool) {
	for r.i < len(r.s) {
		c := r.s[r.i]
		r.i++
		if r.skipCommas && c == ',' {
			continue
		}
		return c, true
	}
	return 0, false
}

// parseExponent reads the rest of s as [+-]digits, as BigDecimal does: at
// least one digit and at most 10 significant ones.
func parseExponent(r *byteReader) (int64, bool) {
	c, ok := r.next()
	neg := false
	if ok && (c == '+' || c == '-') {
		neg = c == '-'
		c, ok = r.next()
	}
	if !ok {
		return 0, false
	}
	var v int64
	for ; ok; c, ok = r.next() {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
		if v >= 1e10 {
			return 0, false
		}
	}
	if neg {
		v = -v
	}
	return v, true
}

// setCoeff sets z to digits followed by pad zeros (at most 38 digits in all)
// using two 19-digit halves, which apd keeps inline without allocating.
func setCoeff(z *apd.BigInt, digits []byte, pad int) {
	all := len(digits) + pad
	split := all - 19
	var hi, lo uint64
	for k := 0; k < all; k++ {
		v := uint64(0)
		if k < len(digits) {
			v = uint64(digits[k] - '0')
		}
		if k < split {
			hi = hi*10 + v
		} else {
			lo = lo*10 + v
		}
	}
	z.SetUint64(hi)
	if hi == 0 {
		z.SetUint64(lo)
		return
	}
	var t apd.BigInt
	t.SetUint64(1e19)
	z.Mul(z, &t)
	t.SetUint64(lo)
	z.Add(z, &t)
}
