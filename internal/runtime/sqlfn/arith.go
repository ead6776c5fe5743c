package sqlfn

import (
	"math"
	"strconv"
)

// Integer and floating arithmetic where Go and the JVM differ. Go's +, -, *
// on sized integers already wrap like Java's (Spark's non-ANSI behaviour),
// and Go's / and % truncate like Java's and give MinInt/-1 = MinInt,
// MinInt%-1 = 0 without trapping; what Go does differently is panic on a
// zero divisor, where Spark returns NULL (non-ANSI) or DIVIDE_BY_ZERO.
// The emitter must also keep float64 arithmetic from being folded at
// compile time (see DESIGN.md).

// DivInt64 is a div b (integral division, BIGINT result): NULL when b is 0.
func DivInt64(a, b int64) (int64, bool) {
	if b == 0 {
		return 0, false
	}
	return a / b, true
}

// DivInt64ANSI is a div b under ANSI: DIVIDE_BY_ZERO, and ARITHMETIC_OVERFLOW
// for MinInt64 div -1.
func DivInt64ANSI(a, b int64) (int64, error) {
	if b == 0 {
		return 0, errDivideByZero()
	}
	if a == math.MinInt64 && b == -1 {
		return 0, errOverflow("Overflow in integral divide", "try_divide")
	}
	return a / b, nil
}

// RemInt64 is a % b / mod(a, b) on integral operands (sign of a): NULL
// when b is 0. Narrower types convert their operands and the result.
func RemInt64(a, b int64) (int64, bool) {
	if b == 0 {
		return 0, false
	}
	return a % b, true
}

// RemInt64ANSI is a % b under ANSI.
func RemInt64ANSI(a, b int64) (int64, error) {
	if b == 0 {
		return 0, errDivideByZero()
	}
	return a % b, nil
}

// pmodInt64 (and the other pmod* helpers) stay unexported until the
// catalogue lists pmod.
//
// pmodInt64 is pmod(a, b): a % b made non-negative for positive b
// ((r + b) % b when r < 0, computed in the operand type: the emitter
// narrows); NULL when b is 0.
func pmodInt64(a, b int64) (int64, bool) {
	if b == 0 {
		return 0, false
	}
	r := a % b
	if r < 0 {
		r = (r + b) % b
	}
	return r, true
}

// pmodInt32 is pmod on INT (the intermediate r + b wraps in 32 bits).
func pmodInt32(a, b int32) (int32, bool) {
	if b == 0 {
		return 0, false
	}
	r := a % b
	if r < 0 {
		r = (r + b) % b
	}
	return r, true
}

// DivDouble is a / b on DOUBLE (Spark's / on non-decimal operands, after
// the emitter casts them to double): NULL when b is 0 (also -0.0).
func DivDouble(a, b float64) (float64, bool) {
	if b == 0 {
		return 0, false
	}
	return a / b, true
}

// DivDoubleANSI is a / b on DOUBLE under ANSI.
func DivDoubleANSI(a, b float64) (float64, error) {
	if b == 0 {
		return 0, errDivideByZero()
	}
	return a / b, nil
}

// RemDouble is a % b on DOUBLE/FLOAT (Java's %, i.e. fmod): NULL when b is 0.
func RemDouble(a, b float64) (float64, bool) {
	if b == 0 {
		return 0, false
	}
	return math.Mod(a, b), true
}

// pmodDouble is pmod(a, b) on DOUBLE: NULL when b is 0.
func pmodDouble(a, b float64) (float64, bool) {
	if b == 0 {
		return 0, false
	}
	r := math.Mod(a, b)
	if r < 0 {
		r = math.Mod(r+b, b)
	}
	return r, true
}

// AddInt32ANSI is a + b on INT under ANSI (ARITHMETIC_OVERFLOW).
func AddInt32ANSI(a, b int32) (int32, error) {
	r := a + b
	if (a^r)&(b^r) < 0 {
		return 0, errOverflow("integer overflow", "try_add")
	}
	return r, nil
}

// AddInt64ANSI is a + b on BIGINT under ANSI.
func AddInt64ANSI(a, b int64) (int64, error) {
	r := a + b
	if (a^r)&(b^r) < 0 {
		return 0, errOverflow("long overflow", "try_add")
	}
	return r, nil
}

// SubInt32ANSI is a - b on INT under ANSI.
func SubInt32ANSI(a, b int32) (int32, error) {
	r := a - b
	if (a^b)&(a^r) < 0 {
		return 0, errOverflow("integer overflow", "try_subtract")
	}
	return r, nil
}

// SubInt64ANSI is a - b on BIGINT under ANSI.
func SubInt64ANSI(a, b int64) (int64, error) {
	r := a - b
	if (a^b)&(a^r) < 0 {
		return 0, errOverflow("long overflow", "try_subtract")
	}
	return r, nil
}

// MulInt32ANSI is a * b on INT under ANSI.
func MulInt32ANSI(a, b int32) (int32, error) {
	r := int64(a) * int64(b)
	if r != int64(int32(r)) {
		return 0, errOverflow("integer overflow", "try_multiply")
	}
	return int32(r), nil
}

// MulInt64ANSI is a * b on BIGINT under ANSI.
func MulInt64ANSI(a, b int64) (int64, error) {
	r := a * b
	if a != 0 && (r/a != b || a == -1 && b == math.MinInt64 || b == -1 && a == math.MinInt64) {
		return 0, errOverflow("long overflow", "try_multiply")
	}
	return r, nil
}

// NegInt64ANSI is -a on BIGINT (bits 64) or INT (bits 32) under ANSI.
func NegInt64ANSI(a int64, bits int) (int64, error) {
	lo, _ := intRange(bits)
	if a == lo {
		what := "long overflow"
		if bits == 32 {
			what = "integer overflow"
		}
		return 0, errOverflow(what, "")
	}
	return -a, nil
}

// SmallArithANSI checks the result r of l op r2 on TINYINT (bits 8) or
// SMALLINT (16), computed in int32, under ANSI: BINARY_ARITHMETIC_OVERFLOW.
func SmallArithANSI(l int32, op string, r2 int32, r int32, bits int) (int32, error) {
	lo, hi := intRange(bits)
	if int64(r) < lo || int64(r) > hi {
		suffix := "S"
		if bits == 8 {
			suffix = "Y"
		}
		return 0, &Error{"BINARY_ARITHMETIC_OVERFLOW", strconv.Itoa(int(l)) + suffix + " " + op + " " +
			strconv.Itoa(int(r2)) + suffix + " caused overflow. " + ansiHint}
	}
	return r, nil
}
