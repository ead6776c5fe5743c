package wire

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"strconv"
)

// Header names under which newer Confluent clients carry the schema
// reference when it is not a prefix of the key or value.
const (
	ValueSchemaIDHeader = "__value_schema_id"
	KeySchemaIDHeader   = "__key_schema_id"
)

// Magic bytes and header sizes.
const (
	MagicID        = 0x00 // followed by a 4-byte big-endian schema id
	MagicGUID      = 0x01 // followed by a 16-byte schema GUID
	HeaderSize     = 5
	GUIDHeaderSize = 17
)

// Sentinel errors, reached through *Error with errors.Is.
var (
	ErrEmpty       = errors.New("empty message")
	ErrBadMagic    = errors.New("unknown magic byte")
	ErrShortHeader = errors.New("short header")
	ErrBadGUID     = errors.New("bad GUID")
)

// Error is a framing error: a sentinel and a message with the details.
type Error struct {
	Err    error // one of the sentinels
	Detail string
}

func (e *Error) Error() string { return "wire: " + e.Detail }
func (e *Error) Unwrap() error { return e.Err }

// GUID is a schema GUID in byte order: the UUID's most significant bits
// first, as Confluent's clients write it.
type GUID [16]byte

// String returns the canonical lower-case 8-4-4-4-12 form the registry's
// /schemas/guids/{guid} endpoint takes.
func (g GUID) String() string {
	var b [36]byte
	hex.Encode(b[0:8], g[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], g[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], g[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], g[8:10])
	b[23] = '-'
	hex.Encode(b[24:36], g[10:16])
	return string(b[:])
}

// ParseGUID parses the canonical 8-4-4-4-12 hex form, in either case.
func ParseGUID(s string) (GUID, error) {
	var g GUID
	bad := &Error{ErrBadGUID, "bad GUID " + strconv.Quote(s) + "; want the 8-4-4-4-12 hex form"}
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return GUID{}, bad
	}
	n := 0 // nibbles so far
	for i := 0; i < len(s); i++ {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			continue
		}
		v, ok := unhex(s[i])
		if !ok {
			return GUID{}, bad
		}
		g[n/2] |= v << (4 * (1 - n%2))
		n++
	}
	return g, nil
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// Frame is one Confluent-framed message split into its parts.
type Frame struct {
	Magic byte   // MagicID or MagicGUID
	ID    uint32 // the schema id when Magic is MagicID
	GUID  GUID   // the schema GUID when Magic is MagicGUID
	Body  []byte // the Avro body; aliases the input (nil from SchemaRefFromHeader)
}

// HasGUID reports whether the frame names its schema by GUID.
func (f Frame) HasGUID() bool { return f.Magic == MagicGUID }

// Parse splits a Confluent-framed message: magic 0x00, a 4-byte big-endian
// schema id and the body, or magic 0x01, a 16-byte schema GUID and the body.
func Parse(b []byte) (Frame, error) {
	f, n, err := parseRef(b, "message")
	if err != nil {
		return Frame{}, err
	}
	f.Body = b[n:len(b):len(b)]
	return f, nil
}

// SchemaRefFromHeader reads the value of a __value_schema_id or
// __key_schema_id record header: magic 0x01 and a 16-byte GUID (what
// Confluent's header serializer writes), or magic 0x00 and a 4-byte id. The
// payload is then unframed, so Body is nil. Bytes after the reference are
// ignored, as Confluent's deserializers do for Avro (only Protobuf puts
// message indexes there).
func SchemaRefFromHeader(v []byte) (Frame, error) {
	f, _, err := parseRef(v, "schema id header")
	return f, err
}

func parseRef(b []byte, what string) (Frame, int, error) {
	if len(b) == 0 {
		return Frame{}, 0, &Error{ErrEmpty, "empty " + what + "; Confluent framing starts with magic byte 0x00 and a 4-byte schema id"}
	}
	switch b[0] {
	case MagicID:
		if len(b) < HeaderSize {
			return Frame{}, 0, &Error{ErrShortHeader, strconv.Itoa(len(b)) + "-byte " + what + " is shorter than the 5-byte Confluent header"}
		}
		return Frame{Magic: MagicID, ID: binary.BigEndian.Uint32(b[1:5])}, HeaderSize, nil
	case MagicGUID:
		if len(b) < GUIDHeaderSize {
			return Frame{}, 0, &Error{ErrShortHeader, strconv.Itoa(len(b)) + "-byte " + what + " is shorter than the 17-byte Confluent GUID header"}
		}
		f := Frame{Magic: MagicGUID}
		copy(f.GUID[:], b[1:17])
		return f, GUIDHeaderSize, nil
	}
	const hexDigits = "0123456789abcdef"
	m := string([]byte{hexDigits[b[0]>>4], hexDigits[b[0]&15]})
	return Frame{}, 0, &Error{ErrBadMagic, "unknown magic byte 0x" + m + "; Confluent framing starts with 0x00 (or 0x01 for a schema GUID)"}
}

// AppendHeader appends the classic header: 0x00 and id big-endian.
func AppendHeader(dst []byte, id uint32) []byte {
	dst = append(dst, MagicID)
	return binary.BigEndian.AppendUint32(dst, id)
}

// AppendGUIDHeader appends the GUID header: 0x01 and the 16 GUID bytes. The
// same bytes are the value of a __value_schema_id record header.
func AppendGUIDHeader(dst []byte, guid [16]byte) []byte {
	dst = append(dst, MagicGUID)
	return append(dst, guid[:]...)
}
