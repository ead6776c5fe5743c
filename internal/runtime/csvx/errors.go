package csvx

import (
	"errors"
	"fmt"
	"strconv"
)

// SyntaxError is a record univocity cannot tokenize at all. (Spark would
// fail the query here even in PERMISSIVE mode: the parser's exception is not
// a BadRecordException.)
type SyntaxError struct {
	Offset int
	Reason string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("malformed CSV at byte %d: %s", e.Offset, e.Reason)
}

// MismatchError is a record that does not fit the schema: a wrong token
// count (Field is -1; Spark's "Malformed CSV record") or a token that does
// not parse as its field's type. The row's other fields are still usable.
type MismatchError struct {
	Offset int
	Field  int
	// Column is the field's name in the schema, when the decoder's caller
	// knows it (generated decoders set it through NameColumn).
	Column string
	Reason string
}

func (e *MismatchError) Error() string {
	switch {
	case e.Field < 0:
		return "malformed CSV record: " + e.Reason
	case e.Column != "":
		return fmt.Sprintf("column %s at byte %d: %s", strconv.Quote(e.Column), e.Offset, e.Reason)
	}
	return fmt.Sprintf("field %d at byte %d: %s", e.Field, e.Offset, e.Reason)
}

// NameColumn names the column of a type mismatch in err: columns are the
// names of the fields the decoder read, in order. Other errors are left as
// they are.
func NameColumn(err error, columns []string) {
	var me *MismatchError
	if errors.As(err, &me) && me.Field >= 0 && me.Field < len(columns) {
		me.Column = columns[me.Field]
	}
}
