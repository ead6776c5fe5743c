// Package sparktext writes and reads SQL values as text exactly the way
// Spark 3.5 on the JVM does: Double.toString, BigDecimal.toString, the
// java.time patterns Spark's JSON/CSV writers use, DateTimeUtils'
// lenient string-to-date/timestamp parsers and Java's number parsers.
//
// Formatters append to a caller's buffer and parsers take byte slices, so
// hot paths allocate nothing when the result is a number.
package sparktext
