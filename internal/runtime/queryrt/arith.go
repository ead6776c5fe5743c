package queryrt

import (
	"github.com/cockroachdb/apd/v3"

	"github.com/streamc/streamc/internal/runtime/sqlfn"
)

// NegDecimal is -x into dst; zero stays positive, as BigDecimal has no
// negative zero.
func NegDecimal(dst, x *apd.Decimal) {
	dst.Neg(x)
	if dst.IsZero() {
		dst.Negative = false
	}
}

// RemDoubleANSI is a % b on DOUBLE under ANSI: DIVIDE_BY_ZERO.
func RemDoubleANSI(a, b float64) (float64, error) {
	if b == 0 {
		_, err := sqlfn.DivDoubleANSI(a, b)
		return 0, err
	}
	r, _ := sqlfn.RemDouble(a, b)
	return r, nil
}

// B2I orders booleans as Spark does (false before true).
func B2I(b bool) int {
	if b {
		return 1
	}
	return 0
}
