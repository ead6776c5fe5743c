// Package sqlfn implements Spark 3.5's SQL functions, casts and arithmetic
// for the straight-line Go that streamc's query compiler emits. It is an API
// for generated code: names and signatures follow what the emitter needs, not
// what a person would call by hand.
//
// # Conventions
//
// Values. Strings are Go strings of UTF-8; binary is []byte; dates are int32
// days since 1970-01-01; timestamps are int64 microseconds since the epoch
// (UTC), rendered and read in the session time zone, a *time.Location where
// nil means UTC; decimals are *apd.Decimal values whose precision and scale
// the caller knows from the SQL type (functions that produce a decimal take
// the result precision/scale and store into a caller-owned *apd.Decimal).
//
// NULL. Functions take non-null Go values: for the null-intolerant functions
// (almost all) the emitter checks its operands first and yields NULL when any
// is NULL. A function whose result can be NULL for non-null inputs returns
// (value, ok bool) with ok=false meaning NULL (to_date("garbage"), a cast
// that fails in non-ANSI mode, integer division by zero, element_at out of
// range...). Functions that treat NULL arguments specially (coalesce, nvl,
// concat_ws skipping nulls, array_contains's three-valued answer) are emitted
// inline; the helpers here that serve them say what the emitter must do.
// Where Spark answers "" rather than NULL (regexp_extract with no match), so
// do these functions.
//
// Characters. Spark counts characters, not bytes, for length, substring,
// lpad/rpad, instr, locate, left/right, reverse, translate and split with an
// empty pattern. A character is what UTF8String counts: a UTF-8 sequence
// whose length is given by its first byte (so valid text counts code points,
// and invalid bytes count as Spark 3.5 counts them). ASCII input takes fast
// paths, and functions whose result is a substring of an argument return
// that substring without allocating.
//
// ANSI. The plain function is Spark 3.5's default (spark.sql.ansi.enabled =
// false). Where ANSI mode (semantics: spark4) differs, a twin with the suffix
// ANSI returns an error instead of NULL or a wrapped value; the error is an
// *Error whose text starts with Spark's error class in brackets, e.g.
// "[CAST_INVALID_INPUT] The value 'abc' of the type \"STRING\" cannot be
// cast to \"INT\" because it is malformed. ...". Errors that Spark raises in
// both modes (a regexp_extract group index out of range, element_at(arr, 0),
// a bad regexp replacement) are returned by the plain function too.
//
// Patterns. Regular expressions (Java syntax, translated to RE2 by
// CompileRegexp) and datetime patterns (CompileDatePattern) are compiled by
// the emitter at generate time when they are constants, so a bad pattern is
// a generate-time error, and once per query at run time; the compiled values
// are immutable and safe for concurrent use. The package keeps no mutable
// state of its own.
//
// Fidelity. Behaviours were taken from Spark's sources (UTF8String.java,
// stringExpressions.scala, regexpExpressions.scala, mathExpressions.scala,
// Decimal.scala, DecimalPrecision.scala, Cast.scala, DateTimeUtils.scala,
// DateTimeFormatterHelper.scala, hash.scala, Murmur3_x86_32.java) and, where
// Spark defers to the JDK (case mapping, BigDecimal, java.util.regex,
// java.time patterns), checked against a JDK: see testdata/java. Known
// differences are listed on the functions concerned.
package sqlfn
