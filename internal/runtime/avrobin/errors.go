package avrobin

import (
	"errors"
	"strconv"
)

// Sentinel errors. Err and Done return an *Error whose chain reaches one of
// these, so callers test with errors.Is.
var (
	ErrTruncated      = errors.New("truncated")
	ErrVarintTooLong  = errors.New("varint too long")
	ErrIntOverflow    = errors.New("int overflow")
	ErrNegativeLength = errors.New("negative length")
	ErrBadBool        = errors.New("bad boolean")
	ErrEnumIndex      = errors.New("enum index out of range")
	ErrUnionIndex     = errors.New("union index out of range")
	ErrTooManyItems   = errors.New("too many items")
	ErrTrailing       = errors.New("trailing bytes")
	ErrBadScale       = errors.New("bad decimal scale")
	// ErrDecimalRange is what the decimal Append functions return when a value
	// cannot be written exactly at the schema's scale or does not fit a fixed.
	ErrDecimalRange = errors.New("decimal out of range")
)

// Error is a decoding failure at a byte offset of the datum.
type Error struct {
	Offset int   // byte offset where the failing value starts
	Err    error // unwraps to one of the sentinel errors (or the caller's error given to Fail)
}

func (e *Error) Error() string {
	return "avro: at byte " + strconv.Itoa(e.Offset) + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// detailError carries a full message and unwraps to its sentinel, so messages
// read naturally ("3 trailing bytes after the datum") and errors.Is still works.
type detailError struct {
	kind error
	msg  string
}

func (e *detailError) Error() string { return e.msg }
func (e *detailError) Unwrap() error { return e.kind }

func detail(kind error, msg string) error { return &detailError{kind: kind, msg: msg} }

func itoa(n int) string     { return strconv.Itoa(n) }
func i64toa(n int64) string { return strconv.FormatInt(n, 10) }
