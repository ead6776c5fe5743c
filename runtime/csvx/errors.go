package csvx

import "fmt"

// SyntaxError is a record univocity cannot tokenize at all. (Spark would
// fail the query here even in PERMISSIVE mode: the parser's exception is not
// a BadRecordException.)
type SyntaxError struct {
	Offset int
	Reason string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("csv: syntax error at byte %d: %s", e.Offset, e.Reason)
}

// MismatchError is a record that does not fit the schema: a wrong token
// count (Field is -1; Spark's "Malformed CSV record") or a token that does
// not parse as its field's type. The row's other fields are still usable.
type MismatchError struct {
	Offset int
	Field  int
	Reason string
}

func (e *MismatchError) Error() string {
	if e.Field < 0 {
		return fmt.Sprintf("csv: malformed record: %s", e.Reason)
	}
	return fmt.Sprintf("csv: field %d at byte %d: %s", e.Field, e.Offset, e.Reason)
}
