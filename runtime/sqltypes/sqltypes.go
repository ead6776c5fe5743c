// Package sqltypes holds the Go forms of Spark SQL values that generated code
// uses: a nullable wrapper that costs no allocation, map entries that keep
// Spark's order, and day/microsecond counts for dates and timestamps.
package sqltypes

import "time"

// Null is a nullable T: Valid is false for SQL NULL. Unlike *T it needs no
// heap allocation, and unlike T alone it tells NULL from the zero value.
type Null[T any] struct {
	V     T
	Valid bool
}

// Some returns a non-null value.
func Some[T any](v T) Null[T] { return Null[T]{V: v, Valid: true} }

// Get returns the value and whether it is non-null.
func (n Null[T]) Get() (T, bool) { return n.V, n.Valid }

// Or returns the value, or def when null.
func (n Null[T]) Or(def T) T {
	if n.Valid {
		return n.V
	}
	return def
}

// Entry is one key/value pair of a Spark map. Maps are slices of entries
// because Spark keeps map entries in order (to_json prints them that way).
type Entry[K comparable, V any] struct {
	Key   K
	Value V
}

// Date is a Spark DateType value: days since 1970-01-01.
type Date int32

// Timestamp is a Spark TimestampType value: microseconds since the Unix epoch,
// UTC (rendered in the session time zone).
type Timestamp int64

// TimestampNTZ is a Spark TimestampNTZType value: microseconds since
// 1970-01-01T00:00:00 in no particular time zone.
type TimestampNTZ int64

// Time returns t as a time.Time in UTC.
func (t Timestamp) Time() time.Time { return time.UnixMicro(int64(t)).UTC() }

// TimestampOf converts a time.Time.
func TimestampOf(t time.Time) Timestamp { return Timestamp(t.UnixMicro()) }

// Time returns d as midnight UTC of its day.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// DateOf returns the day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, day := t.Date()
	return Date(time.Date(y, m, day, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}
