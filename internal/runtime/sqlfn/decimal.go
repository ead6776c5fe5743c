package sqlfn

import (
	"github.com/cockroachdb/apd/v3"

	"github.com/streamc/streamc/internal/runtime/sparktext"
)

// Decimal arithmetic as Spark 3.5 does it with
// spark.sql.decimalOperations.allowPrecisionLoss=true (the default): the
// emitter computes the result type with DecimalResultType and calls the
// operation with it; the exact (or 38-digit, for * and /) result is rounded
// HALF_UP to the result scale, and a result with more digits than the
// result precision is NULL (ok=false) or, under ANSI,
// NUMERIC_VALUE_OUT_OF_RANGE. Division by zero is NULL or DIVIDE_BY_ZERO.

// MaxDecimalPrecision is DecimalType.MAX_PRECISION.
const MaxDecimalPrecision = 38

// DecimalResultType is the result DECIMAL(p, s) of op ('+', '-', '*', '/',
// '%'; pmod is '%') on DECIMAL(p1, s1) and DECIMAL(p2, s2), as
// DecimalPrecision / the arithmetic expressions of Spark 3.5 compute it
// (adjustPrecisionScale with allowPrecisionLoss). Integer operands take
// their decimal types first: TINYINT (3,0), SMALLINT (5,0), INT (10,0),
// BIGINT (20,0). It panics on another op (a bug in the caller).
func DecimalResultType(op byte, p1, s1, p2, s2 int) (p, s int) {
	switch op {
	case '+', '-':
		s = max(s1, s2)
		p = max(p1-s1, p2-s2) + s + 1
	case '*':
		p, s = p1+p2+1, s1+s2
	case '/':
		s = max(6, s1+p2+1)
		p = p1 - s1 + s2 + s
	case '%':
		s = max(s1, s2)
		p = min(p1-s1, p2-s2) + s
	default:
		panic("sqlfn.DecimalResultType: bad op " + string(op))
	}
	return adjustPrecisionScale(p, s)
}

// adjustPrecisionScale is DecimalType.adjustPrecisionScale.
func adjustPrecisionScale(p, s int) (int, int) {
	if p <= MaxDecimalPrecision {
		return p, s
	}
	if s < 0 {
		return MaxDecimalPrecision, s
	}
	intDigits := p - s
	minScale := min(s, 6)
	return MaxDecimalPrecision, max(MaxDecimalPrecision-intDigits, minScale)
}

// exactCtx is wide enough for exact sums and products of 38-digit values.
func exactCtx() apd.Context {
	return apd.Context{Precision: 100, MaxExponent: apd.MaxExponent, MinExponent: apd.MinExponent, Rounding: apd.RoundHalfUp}
}

// mc38 is Decimal.MATH_CONTEXT: 38 digits, HALF_UP.
func mc38() apd.Context {
	return apd.Context{Precision: MaxDecimalPrecision, MaxExponent: apd.MaxExponent, MinExponent: apd.MinExponent, Rounding: apd.RoundHalfUp}
}

// SetDecimalPrecision rounds x HALF_UP to scale s into dst and reports
// whether it fits in precision p (Decimal.changePrecision / toPrecision).
// dst may be x.
func SetDecimalPrecision(dst, x *apd.Decimal, p, s int) bool {
	return changePrecision(dst, x, p, s, apd.RoundHalfUp)
}

func changePrecision(dst, x *apd.Decimal, p, s int, mode apd.Rounder) bool {
	ctx := exactCtx()
	ctx.Rounding = mode
	if _, err := ctx.Quantize(dst, x, int32(-s)); err != nil {
		return false
	}
	if dst.IsZero() {
		dst.Negative = false
		return true
	}
	return int(dst.NumDigits()) <= p
}

// AddDecimal is a + b as DECIMAL(p, s).
func AddDecimal(dst, a, b *apd.Decimal, p, s int) bool {
	ctx := exactCtx()
	var t apd.Decimal
	if _, err := ctx.Add(&t, a, b); err != nil {
		return false
	}
	return SetDecimalPrecision(dst, &t, p, s)
}

// SubDecimal is a - b as DECIMAL(p, s).
func SubDecimal(dst, a, b *apd.Decimal, p, s int) bool {
	ctx := exactCtx()
	var t apd.Decimal
	if _, err := ctx.Sub(&t, a, b); err != nil {
		return false
	}
	return SetDecimalPrecision(dst, &t, p, s)
}

// MulDecimal is a * b as DECIMAL(p, s): the product is first rounded to 38
// significant digits (BigDecimal.multiply with MATH_CONTEXT), then to s.
func MulDecimal(dst, a, b *apd.Decimal, p, s int) bool {
	ctx := mc38()
	var t apd.Decimal
	if _, err := ctx.Mul(&t, a, b); err != nil {
		return false
	}
	return SetDecimalPrecision(dst, &t, p, s)
}

// DivDecimal is a / b as DECIMAL(p, s): the quotient to 38 significant
// digits (HALF_UP), then rounded to s. ok is false for b = 0 too.
func DivDecimal(dst, a, b *apd.Decimal, p, s int) bool {
	if b.IsZero() {
		return false
	}
	ctx := mc38()
	var t apd.Decimal
	if _, err := ctx.Quo(&t, a, b); err != nil {
		return false
	}
	return SetDecimalPrecision(dst, &t, p, s)
}

// RemDecimal is a % b as DECIMAL(p, s) (sign of a). ok is false for b = 0.
func RemDecimal(dst, a, b *apd.Decimal, p, s int) bool {
	if b.IsZero() {
		return false
	}
	ctx := exactCtx()
	var t apd.Decimal
	if _, err := ctx.Rem(&t, a, b); err != nil {
		return false
	}
	return SetDecimalPrecision(dst, &t, p, s)
}

// pmodDecimal is pmod(a, b) as DECIMAL(p, s): r = a % b; r < 0 ? (r+b) % b.
func pmodDecimal(dst, a, b *apd.Decimal, p, s int) bool {
	if b.IsZero() {
		return false
	}
	ctx := exactCtx()
	var r apd.Decimal
	if _, err := ctx.Rem(&r, a, b); err != nil {
		return false
	}
	if r.Sign() < 0 {
		if _, err := ctx.Add(&r, &r, b); err != nil {
			return false
		}
		if _, err := ctx.Rem(&r, &r, b); err != nil {
			return false
		}
	}
	return SetDecimalPrecision(dst, &r, p, s)
}

// DecimalOpANSI runs one of the decimal operations above and turns its
// failure into Spark's ANSI error: DIVIDE_BY_ZERO when b is zero for '/',
// '%' and pmod, NUMERIC_VALUE_OUT_OF_RANGE otherwise.
func DecimalOpANSI(op func(dst, a, b *apd.Decimal, p, s int) bool, dst, a, b *apd.Decimal, p, s int, divides bool) error {
	if op(dst, a, b, p, s) {
		return nil
	}
	if divides && b.IsZero() {
		return errDivideByZero()
	}
	return errDecimalOutOfRange(string(sparktext.AppendDecimalPlain(nil, dst)), p, s)
}

// RoundDecimal is round(d, scale) on a DECIMAL: rounded HALF_UP to scale
// (which may be negative) into dst, ok=false when the result needs more
// than p digits (p is the precision of the result type the emitter
// computed: Spark keeps the input precision).
func RoundDecimal(dst, d *apd.Decimal, scale int32, p int) bool {
	return changePrecision(dst, d, p, int(scale), apd.RoundHalfUp)
}

// BRoundDecimal is bround(d, scale) on a DECIMAL (HALF_EVEN).
func BRoundDecimal(dst, d *apd.Decimal, scale int32, p int) bool {
	return changePrecision(dst, d, p, int(scale), apd.RoundHalfEven)
}

// FloorDecimal is floor(d) on DECIMAL(p, s): DECIMAL(p-s+1, 0) (bounded at
// 38), rounding toward negative infinity.
func FloorDecimal(dst, d *apd.Decimal, p int) bool {
	return changePrecision(dst, d, p, 0, apd.RoundFloor)
}

// CeilDecimal is ceil(d) on a DECIMAL.
func CeilDecimal(dst, d *apd.Decimal, p int) bool {
	return changePrecision(dst, d, p, 0, apd.RoundCeiling)
}

// FloorCeilDecimalType is the result type of floor/ceil on DECIMAL(p, s).
func FloorCeilDecimalType(p, s int) (int, int) {
	if s == 0 {
		return p, 0
	}
	return min(p-s+1, MaxDecimalPrecision), 0
}
