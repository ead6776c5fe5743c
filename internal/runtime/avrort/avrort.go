// Package avrort holds the small helpers generated Avro codecs call beside
// internal/runtime/avrobin's primitives: the logical-type conversions Spark makes and
// the errors an encoder reports. It knows no schema.
package avrort

import (
	"errors"
	"fmt"
	"math"

	"github.com/cockroachdb/apd/v3"

	"github.com/streamc/streamc/internal/runtime/avrobin"
)

// ErrOverflow is a logical value Spark's type cannot hold.
var ErrOverflow = errors.New("value out of range")

// MillisToMicros converts a timestamp-millis value to Spark's microseconds.
// Like Spark's Math.multiplyExact, a value that does not fit is an error (in
// rd, so the record is malformed), not a wrapped number.
func MillisToMicros(rd *avrobin.Reader, ms int64) int64 {
	if ms > math.MaxInt64/1000 || ms < math.MinInt64/1000 {
		rd.Fail(fmt.Errorf("%w: timestamp of %d ms is beyond Spark's microsecond range", ErrOverflow, ms))
		return 0
	}
	return ms * 1000
}

// MicrosToMillis converts Spark's microseconds to milliseconds, rounding
// towards negative infinity as Spark's microsToMillis does.
func MicrosToMillis(us int64) int64 {
	ms := us / 1000
	if us%1000 < 0 {
		ms--
	}
	return ms
}

// CheckPrecision fails rd when d has more digits than the decimal type's
// precision: Spark's Decimal refuses such a value.
func CheckPrecision(rd *avrobin.Reader, d *apd.Decimal, precision int) {
	if rd.Err() != nil || d.Form != apd.Finite {
		return
	}
	if d.NumDigits() > int64(precision) && !d.IsZero() {
		rd.Fail(fmt.Errorf("%w: decimal %s has more than %d digits", ErrOverflow, d.String(), precision))
	}
}

// Grow extends s by one element, reusing one a previous decode left behind
// when s has room, so the slices inside it keep their memory.
func Grow[T any](s []T) []T {
	if len(s) < cap(s) {
		return s[:len(s)+1]
	}
	var zero T
	return append(s, zero)
}

// FixedSizeError is the error for a binary value written to an Avro fixed
// of another size.
func FixedSizeError(field string, size, got int) error {
	return fmt.Errorf("%s: %d bytes cannot be written as an Avro fixed of %d bytes", field, got, size)
}

// EnumSymbolError is the error for a string that is not a symbol of the Avro
// enum it is written as.
func EnumSymbolError(enum, got string) error {
	return fmt.Errorf("%q is not a symbol of Avro enum %s", got, enum)
}

// MaxDepth is how deeply records may nest in a datum a generated decoder
// reads: internal/runtime/avroschema.MaxDepth, which internal/runtime/avroresolve applies
// when it transcodes, so a datum is refused alike whether or not it needed
// transcoding. Only recursive schemas can nest without bound.
const MaxDepth = 1000

// ErrTooDeep is the error for records nested deeper than MaxDepth.
var ErrTooDeep = fmt.Errorf("records nested deeper than %d", MaxDepth)

// TooDeep fails rd with ErrTooDeep.
func TooDeep(rd *avrobin.Reader) { rd.Fail(ErrTooDeep) }
