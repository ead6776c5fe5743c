package sqlfn

import (
	"math"
	"math/big"
	"strconv"

	"github.com/streamc/streamc/internal/runtime/sparktext"
)

// RoundDouble is round(d, scale) on DOUBLE: Spark computes
// BigDecimal(d).setScale(scale, HALF_UP).toDouble, and Scala's
// BigDecimal(d) is the decimal text of Double.toString(d), not d's exact
// binary value, so round(2.675, 2) is 2.68 (not 2.67 as in C). NaN and
// infinities are returned as is; a zero result is +0.0.
//
// Double.toString here is the shortest-digits algorithm of JDK 19+ (as in
// sparktext); JDK 17's can print one more digit for rare values, which can
// only matter when that digit decides the rounding.
func RoundDouble(d float64, scale int32) float64 { return roundFloat(d, scale, false, 64) }

// BRoundDouble is bround(d, scale): as RoundDouble with HALF_EVEN.
func BRoundDouble(d float64, scale int32) float64 { return roundFloat(d, scale, true, 64) }

// RoundFloat is round(f, scale) on FLOAT: BigDecimal(f.toDouble) (the
// text of the widened double) rounded HALF_UP, then to float.
func RoundFloat(f float32, scale int32) float32 {
	return float32(roundFloat(float64(f), scale, false, 32))
}

// BRoundFloat is bround(f, scale) on FLOAT.
func BRoundFloat(f float32, scale int32) float32 {
	return float32(roundFloat(float64(f), scale, true, 32))
}

func roundFloat(d float64, scale int32, halfEven bool, bits int) float64 {
	if math.IsNaN(d) || math.IsInf(d, 0) {
		return d
	}
	if d == 0 {
		return 0
	}
	var buf [40]byte
	txt := sparktext.AppendDouble(buf[:0], d)
	neg := txt[0] == '-'
	if neg {
		txt = txt[1:]
	}
	// Digits D and exponent so that |d| = 0.D * 10^exp.
	var dig [24]byte
	nd, frac, e, inFrac := 0, 0, 0, false
	for i := 0; i < len(txt); i++ {
		c := txt[i]
		switch {
		case c == '.':
			inFrac = true
		case c == 'E':
			e, _ = strconv.Atoi(string(txt[i+1:]))
			i = len(txt)
		default:
			if inFrac {
				frac++
			}
			if nd > 0 || c != '0' {
				dig[nd] = c
				nd++
			}
		}
	}
	exp := nd + e - frac
	// Keep k digits: those with weight >= 10^-scale.
	k := int64(exp) + int64(scale)
	if k >= int64(nd) {
		return d
	}
	if k < 0 {
		return 0
	}
	up := false
	first := dig[k]
	switch {
	case first > '5':
		up = true
	case first == '5':
		up = !halfEven
		if halfEven {
			for _, c := range dig[k+1 : nd] {
				if c != '0' {
					up = true
				}
			}
			if !up {
				up = k > 0 && (dig[k-1]-'0')%2 == 1
			}
		}
	}
	kept := dig[:k]
	if up {
		j := int(k) - 1
		for ; j >= 0 && kept[j] == '9'; j-- {
			kept[j] = '0'
		}
		if j >= 0 {
			kept[j]++
		} else {
			// Carry out of the top: 10^(exp) .
			kept = append(dig[:0:0], '1')
			for range k {
				kept = append(kept, '0')
			}
			k++
			exp++
		}
	}
	if len(kept) == 0 {
		return 0
	}
	allZero := true
	for _, c := range kept {
		if c != '0' {
			allZero = false
		}
	}
	if allZero {
		return 0
	}
	out := make([]byte, 0, 48)
	if neg {
		out = append(out, '-')
	}
	out = append(out, '0', '.')
	out = append(out, kept...)
	out = append(out, 'e')
	out = strconv.AppendInt(out, int64(exp), 10)
	f, _ := strconv.ParseFloat(string(out), bits)
	return f
}

// RoundIntegral is round(v, scale) on TINYINT/SMALLINT/INT/BIGINT (bits 8,
// 16, 32, 64): v itself when scale >= 0, else rounded HALF_UP to a multiple
// of 10^-scale and narrowed to bits as the JVM does (wrapping).
func RoundIntegral(v int64, scale int32, bits int) int64 {
	r, _ := roundIntegral(v, scale, bits, false)
	return r
}

// BRoundIntegral is bround on integral types (HALF_EVEN).
func BRoundIntegral(v int64, scale int32, bits int) int64 {
	r, _ := roundIntegral(v, scale, bits, true)
	return r
}

// RoundIntegralANSI is RoundIntegral failing with ARITHMETIC_OVERFLOW
// instead of wrapping.
func RoundIntegralANSI(v int64, scale int32, bits int) (int64, error) {
	r, ok := roundIntegral(v, scale, bits, false)
	if !ok {
		return 0, errOverflow("Overflow", "")
	}
	return r, nil
}

// BRoundIntegralANSI is BRoundIntegral failing on overflow.
func BRoundIntegralANSI(v int64, scale int32, bits int) (int64, error) {
	r, ok := roundIntegral(v, scale, bits, true)
	if !ok {
		return 0, errOverflow("Overflow", "")
	}
	return r, nil
}

func roundIntegral(v int64, scale int32, bits int, halfEven bool) (int64, bool) {
	if scale >= 0 {
		return v, true
	}
	var p, q, r, x big.Int
	p.Exp(big.NewInt(10), big.NewInt(int64(-scale)), nil)
	x.SetInt64(v)
	q.QuoRem(&x, &p, &r) // truncated
	var twice big.Int
	twice.Abs(&r)
	twice.Lsh(&twice, 1)
	c := twice.Cmp(&p)
	if c > 0 || c == 0 && (!halfEven || q.Bit(0) == 1) {
		if v < 0 {
			q.Sub(&q, big.NewInt(1))
		} else {
			q.Add(&q, big.NewInt(1))
		}
	}
	q.Mul(&q, &p)
	// Narrow: the low bits, as BigInteger.longValue/intValue do.
	var mod big.Int
	mod.Lsh(big.NewInt(1), 64)
	var low big.Int
	low.Mod(&q, &mod)
	w := int64(low.Uint64())
	ok := q.IsInt64()
	switch bits {
	case 8:
		ok = ok && w == int64(int8(w))
		w = int64(int8(w))
	case 16:
		ok = ok && w == int64(int16(w))
		w = int64(int16(w))
	case 32:
		ok = ok && w == int64(int32(w))
		w = int64(int32(w))
	}
	return w, ok
}

// FloorDouble is floor(d) on DOUBLE: a BIGINT, (long) Math.floor(d), so
// NaN is 0 and out-of-range values saturate.
func FloorDouble(d float64) int64 { return d2l(math.Floor(d)) }

// CeilDouble is ceil(d)/ceiling(d) on DOUBLE, a BIGINT.
func CeilDouble(d float64) int64 { return d2l(math.Ceil(d)) }

// d2l is the JVM's (long) conversion of a double: truncation toward zero,
// NaN to 0, saturation at the ends.
func d2l(d float64) int64 {
	switch {
	case d != d:
		return 0
	case d >= math.MaxInt64:
		return math.MaxInt64
	case d <= math.MinInt64:
		return math.MinInt64
	}
	return int64(d)
}

// d2i is the JVM's (int) conversion of a double.
func d2i(d float64) int32 {
	switch {
	case d != d:
		return 0
	case d >= math.MaxInt32:
		return math.MaxInt32
	case d <= math.MinInt32:
		return math.MinInt32
	}
	return int32(d)
}

// Pow is pow(x, y)/power(x, y): StrictMath.pow.
func Pow(x, y float64) float64 { return strictPow(x, y) }

// Exp is exp(x): StrictMath.exp.
func Exp(x float64) float64 { return strictExp(x) }

// Sqrt is sqrt(x) (NaN for negative x, not NULL).
func Sqrt(x float64) float64 { return math.Sqrt(x) }

// Ln is ln(x): NULL (ok=false) for x <= 0.
func Ln(x float64) (float64, bool) {
	if x <= 0 {
		return 0, false
	}
	return strictLog(x), true
}

// Log10 is log10(x): NULL for x <= 0.
func Log10(x float64) (float64, bool) {
	if x <= 0 {
		return 0, false
	}
	return strictLog10(x), true
}

// Log2 is log2(x): StrictMath.log(x) / StrictMath.log(2), NULL for x <= 0.
func Log2(x float64) (float64, bool) {
	if x <= 0 {
		return 0, false
	}
	return strictLog(x) / strictLog(2), true
}

// Log is log(base, x): log(x)/log(base), NULL when either is <= 0.
// log(x) with one argument is Ln.
func Log(base, x float64) (float64, bool) {
	if base <= 0 || x <= 0 {
		return 0, false
	}
	return strictLog(x) / strictLog(base), true
}

// Signum is signum(d)/sign(d): Math.signum.
func Signum(d float64) float64 {
	switch {
	case d > 0:
		return 1
	case d < 0:
		return -1
	}
	return d // ±0 or NaN
}

// AbsInt32 is abs on INT: abs(MinInt32) wraps to MinInt32 (non-ANSI).
func AbsInt32(v int32) int32 {
	if v < 0 {
		return -v
	}
	return v
}

// AbsInt64 is abs on BIGINT, wrapping like AbsInt32.
func AbsInt64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// AbsInt32ANSI is abs on INT under ANSI: MinInt32 overflows.
func AbsInt32ANSI(v int32) (int32, error) {
	if v == math.MinInt32 {
		return 0, errOverflow("integer overflow", "")
	}
	return AbsInt32(v), nil
}

// AbsInt64ANSI is abs on BIGINT under ANSI.
func AbsInt64ANSI(v int64) (int64, error) {
	if v == math.MinInt64 {
		return 0, errOverflow("long overflow", "")
	}
	return AbsInt64(v), nil
}

// compareDouble is Spark's SQLOrderingUtil.compareDoubles: NaN equals NaN
// and is greater than everything; -0.0 equals 0.0.
func compareDouble(x, y float64) int {
	switch {
	case x == y:
		return 0
	case x != x:
		if y != y {
			return 0
		}
		return 1
	case y != y:
		return -1
	case x < y:
		return -1
	}
	return 1
}

// CompareDouble exposes Spark's double ordering for sorts and comparisons
// of arrays/structs: -1, 0 or 1.
func CompareDouble(x, y float64) int { return compareDouble(x, y) }
