package catalog

// CastRule is one row of the cast table: every cast from a type of From
// to a type of To. A pair of atomic types no row names is refused, as
// Spark refuses it; the identity is always compiled (no row needed, but
// decimal to decimal changes precision and has its row).
type CastRule struct {
	From, To []Type
	// Spark3 and Spark4 are CAST's verdict in each mode (Cast.canCast and
	// Cast.canAnsiCast). TRY_CAST takes Spark4's in both modes: since Spark
	// 3.4 it is checked with canTryCast, which is canAnsiCast for atomic
	// types whatever spark.sql.ansi.enabled says.
	Spark3, Spark4 Verdict
	// Reason says why streamc refuses a cast Spark accepts (Unsupported).
	Reason string
	// Runtime lists the internal/runtime/sqlfn functions generated code calls
	// (none when the cast is a Go conversion).
	Runtime []string
	// Spark is what Spark does (Cast.scala), as the reference prints it.
	Spark string
}

func ts(t ...Type) []Type { return t }

const alwaysNull = "Spark 3's result is always NULL (Hive's rule); write NULL instead"

// castRules is the cast table. Verdicts follow Spark 3.5's and 4.0's
// Cast.canCast, canAnsiCast and canTryCast; behaviour their castTo*
// functions.
var castRules = []CastRule{
	// To string: every atomic type, in every mode.
	{From: ts(Boolean), To: ts(String), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastBoolToString"}, Spark: "true or false"},
	{From: integral, To: ts(String), Spark3: Compiled, Spark4: Compiled,
		Spark: "decimal digits"},
	{From: ts(Float), To: ts(String), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastFloatToString"}, Spark: "Java's Float.toString"},
	{From: ts(Double), To: ts(String), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastDoubleToString"}, Spark: "Java's Double.toString"},
	{From: ts(Decimal), To: ts(String), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastDecimalToString", "CastDecimalToStringANSI"}, Spark: "BigDecimal.toString (toPlainString under ANSI)"},
	{From: ts(Date), To: ts(String), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastDateToString"}, Spark: "yyyy-MM-dd"},
	{From: ts(Timestamp, TimestampNTZ), To: ts(String), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastTimestampToString"}, Spark: "yyyy-MM-dd HH:mm:ss[.SSSSSS], in the session time zone for timestamp"},
	{From: ts(Binary), To: ts(String), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastBinaryToString"}, Spark: "the bytes as UTF-8"},

	// From string.
	{From: ts(String), To: ts(Boolean), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastStringToBool", "CastStringToBoolANSI"}, Spark: "t/true/y/yes/1 and f/false/n/no/0, case-insensitive, trimmed; else NULL (an error under ANSI)"},
	{From: ts(String), To: integral, Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastStringToInt8", "CastStringToInt16", "CastStringToInt32", "CastStringToInt64",
			"CastStringToInt8ANSI", "CastStringToInt16ANSI", "CastStringToInt32ANSI", "CastStringToInt64ANSI"},
		Spark: "trimmed integer text (a fraction is truncated); NULL when malformed or out of range (an error under ANSI)"},
	{From: ts(String), To: ts(Float, Double), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastStringToFloat", "CastStringToDouble", "CastStringToFloatANSI", "CastStringToDoubleANSI"},
		Spark:   "Java's parseDouble plus inf/infinity/nan; NULL when malformed (an error under ANSI)"},
	{From: ts(String), To: ts(Decimal), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastStringToDecimal", "CastStringToDecimalANSI"},
		Spark:   "rounded half up to the scale; NULL when malformed or too wide (an error under ANSI)"},
	{From: ts(String), To: ts(Date), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastStringToDate", "CastStringToDateANSI"}, Spark: "yyyy[-MM[-dd]] with an optional time part; NULL when malformed (an error under ANSI)"},
	{From: ts(String), To: ts(Timestamp), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastStringToTimestamp", "CastStringToTimestampANSI"}, Spark: "ISO-8601-like text in the session time zone unless it names one; NULL when malformed (an error under ANSI)"},
	{From: ts(String), To: ts(TimestampNTZ), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastStringToTimestamp", "CastStringToTimestampANSI"}, Spark: "as for timestamp, without a time zone; NULL when malformed (an error under ANSI)"},
	{From: ts(String), To: ts(Binary), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastStringToBinary"}, Spark: "the UTF-8 bytes"},

	// Numbers and booleans.
	{From: integral, To: integral, Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastIntegralANSI"}, Spark: "narrowing keeps the low bits (an overflow error under ANSI)"},
	{From: ts(Float, Double), To: integral, Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastDoubleToInt8", "CastDoubleToInt16", "CastDoubleToInt32", "CastDoubleToInt64", "CastDoubleToIntegralANSI"},
		Spark:   "truncated as Java's (int)/(long) casts, NaN 0, saturating then narrowing (an overflow error under ANSI)"},
	{From: ts(Decimal), To: integral, Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastDecimalToInt64", "CastDecimalToIntegralANSI"}, Spark: "truncated, low bits kept (an overflow error under ANSI)"},
	{From: ts(Byte, Short, Int, Long, Float, Double), To: ts(Float, Double), Spark3: Compiled, Spark4: Compiled,
		Spark: "Java's widening or narrowing conversion"},
	{From: ts(Decimal), To: ts(Float, Double), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastDecimalToDouble"}, Spark: "the nearest double"},
	{From: integral, To: ts(Decimal), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastIntegralToDecimal", "CastToDecimalANSI"}, Spark: "NULL when too wide (an error under ANSI)"},
	{From: ts(Float, Double), To: ts(Decimal), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastDoubleToDecimal", "CastToDecimalANSI"}, Spark: "BigDecimal of Double.toString, rounded half up; NULL for NaN, infinities and too wide (an error under ANSI)"},
	{From: ts(Decimal), To: ts(Decimal), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"SetDecimalPrecision", "CastToDecimalANSI"}, Spark: "rounded half up to the scale; NULL when too wide (an error under ANSI)"},
	{From: ts(Boolean), To: numeric, Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastIntegralToDecimal"}, Spark: "1 or 0"},
	{From: numeric, To: ts(Boolean), Spark3: Compiled, Spark4: Compiled,
		Spark: "true unless zero"},
	{From: integral, To: ts(Binary), Spark3: Compiled, Spark4: Refused,
		Runtime: []string{"CastIntegralToBinary"}, Spark: "the value's bytes, big-endian, as wide as its type (NumberConverter.toBinary)"},

	// Dates and times.
	{From: ts(Date), To: ts(Timestamp, TimestampNTZ), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastDateToTimestamp"}, Spark: "midnight, in the session time zone for timestamp"},
	{From: ts(Timestamp, TimestampNTZ), To: ts(Date), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastTimestampToDate"}, Spark: "the day, in the session time zone for timestamp"},
	{From: ts(Timestamp), To: ts(TimestampNTZ), Spark3: Unsupported, Spark4: Unsupported,
		Reason: "streamc does not convert between timestamp and timestamp_ntz yet", Spark: "the local time in the session time zone"},
	{From: ts(TimestampNTZ), To: ts(Timestamp), Spark3: Unsupported, Spark4: Unsupported,
		Reason: "streamc does not convert between timestamp and timestamp_ntz yet", Spark: "the local time read in the session time zone"},
	{From: integral, To: ts(Timestamp), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastInt64ToTimestamp"}, Spark: "seconds since the epoch, saturating"},
	{From: ts(Float, Double), To: ts(Timestamp), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastDoubleToTimestamp", "CastDoubleToTimestampANSI"}, Spark: "seconds since the epoch, truncated to microseconds; NULL for NaN and infinities (errors under ANSI, as is overflow)"},
	{From: ts(Decimal), To: ts(Timestamp), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastDecimalToTimestamp"}, Spark: "seconds since the epoch, truncated to microseconds, low 64 bits kept (BigDecimal.longValue)"},
	{From: ts(Boolean), To: ts(Timestamp), Spark3: Compiled, Spark4: Refused,
		Spark: "true is 1 microsecond after the epoch, false the epoch"},
	{From: ts(Timestamp), To: integral, Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastTimestampToInt64", "CastIntegralANSI"}, Spark: "whole seconds since the epoch, rounded down, low bits kept (an overflow error under ANSI)"},
	{From: ts(Timestamp), To: ts(Float, Double), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastTimestampToDouble"}, Spark: "seconds since the epoch"},
	{From: ts(Timestamp), To: ts(Decimal), Spark3: Compiled, Spark4: Compiled,
		Runtime: []string{"CastTimestampToDouble", "CastDoubleToDecimal", "CastToDecimalANSI"},
		Spark:   "seconds since the epoch as a double, then to the decimal; NULL when too wide (an error under ANSI)"},
	{From: ts(Timestamp), To: ts(Boolean), Spark3: Compiled, Spark4: Refused,
		Spark: "true unless the epoch"},
	{From: ts(Date), To: ts(Boolean), Spark3: Unsupported, Spark4: Refused,
		Reason: alwaysNull, Spark: "always NULL"},
	{From: ts(Date), To: numeric, Spark3: Unsupported, Spark4: Refused,
		Reason: alwaysNull, Spark: "always NULL"},
}

// CastRules returns the cast table.
func CastRules() []CastRule { return castRules }

// CastEntry is the verdict on one cast in one mode.
type CastEntry struct {
	Verdict Verdict
	// Rule is the row that gave it (nil for the identity and for casts no
	// row names).
	Rule *CastRule
}

// LookupCast returns the verdict on CAST (try false) or TRY_CAST (try
// true) of from to to under mode.
func LookupCast(from, to Type, mode Mode, try bool) CastEntry {
	if from == to && from != Decimal {
		return CastEntry{Verdict: Compiled}
	}
	for i := range castRules {
		r := &castRules[i]
		if contains(r.From, from) && contains(r.To, to) {
			v := r.Spark3
			if try || mode == Spark4 {
				v = r.Spark4
			}
			return CastEntry{Verdict: v, Rule: r}
		}
	}
	return CastEntry{Verdict: Refused}
}

func contains(ts []Type, t Type) bool {
	for _, u := range ts {
		if u == t {
			return true
		}
	}
	return false
}
