package jsonx

import (
	"errors"
	"strconv"
)

// ErrEmpty is what Finish returns for empty or whitespace-only input. Spark's
// from_json returns NULL (not a struct of NULLs) for it, and it is not a bad
// record.
var ErrEmpty = errors.New("empty JSON input")

// SyntaxError reports malformed JSON. Spark treats the whole record as bad:
// PERMISSIVE gives a struct of NULLs (plus the corrupt-record column).
type SyntaxError struct {
	Offset int    // byte offset where the problem was found
	Reason string // what was wrong
}

func (e *SyntaxError) Error() string {
	return "malformed JSON at byte " + strconv.Itoa(e.Offset) + ": " + e.Reason
}

// MismatchError reports the first value whose JSON token did not fit the
// column type (or did not fit its range). Only that column is NULL in Spark
// 3.4+'s partial results, but the record still counts as bad (it sets the
// corrupt-record column and fails a FAILFAST query).
type MismatchError struct {
	Offset int    // byte offset of the value
	Field  string // path of the value, like "Items[2].Price"; "" for the top-level value
	Reason string // like "expected double, got string"
}

func (e *MismatchError) Error() string {
	s := "top-level value"
	if e.Field != "" {
		s = "field " + strconv.Quote(e.Field)
	}
	return s + " at byte " + strconv.Itoa(e.Offset) + ": " + e.Reason
}
