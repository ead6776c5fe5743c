package sqlfn

import (
	"strconv"
	"strings"
)

// Error is a Spark runtime error: Class is Spark's error class (the text in
// brackets at the start of Error()), Msg the rest of the message.
type Error struct {
	Class string
	Msg   string
}

func (e *Error) Error() string { return "[" + e.Class + "] " + e.Msg }

// ansiHint is the sentence Spark appends to errors that only ANSI mode raises.
const ansiHint = `If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.`

func errDivideByZero() error {
	return &Error{"DIVIDE_BY_ZERO", "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. " + ansiHint}
}

// errOverflow is ARITHMETIC_OVERFLOW; what is e.g. "integer overflow" and
// try the function to suggest ("try_add"), or "" for none.
func errOverflow(what, try string) error {
	msg := what + "."
	if try != "" {
		msg += " Use '" + try + "' to tolerate overflow and return NULL instead."
	}
	return &Error{"ARITHMETIC_OVERFLOW", msg + " " + ansiHint}
}

// errCastInvalid is CAST_INVALID_INPUT for a string that does not parse as
// the target type (a SQL type name such as "INT", "DATE", "DECIMAL(10,2)").
func errCastInvalid(s, to string) error {
	return &Error{"CAST_INVALID_INPUT", "The value " + sqlString(s) + ` of the type "STRING" cannot be cast to "` + to +
		"\" because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead. " + ansiHint}
}

// errCastOverflow is CAST_OVERFLOW; value is the source in Spark's SQL
// literal form (toSQLValue: 1.0E10D, 123L, 'abc'...), from its type name.
func errCastOverflow(value, from, to string) error {
	return &Error{"CAST_OVERFLOW", "The value " + value + ` of the type "` + from + `" cannot be cast to "` + to +
		"\" due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead. " + ansiHint}
}

// errDecimalOutOfRange is NUMERIC_VALUE_OUT_OF_RANGE (a decimal that does
// not fit its type under ANSI).
func errDecimalOutOfRange(value string, p, s int) error {
	return &Error{"NUMERIC_VALUE_OUT_OF_RANGE", value + " cannot be represented as Decimal(" + strconv.Itoa(p) + ", " +
		strconv.Itoa(s) + `). If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error, and return NULL instead.`}
}

// sqlString quotes s as Spark's toSQLValue does for strings.
func sqlString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `\'`) + "'"
}
