package jsonx

import (
	"encoding/binary"
	"math"
	"math/bits"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"
)

const (
	// maxDepth is Jackson 2.15's default StreamReadConstraints.maxNestingDepth.
	maxDepth = 1000
	// maxNumLen is Jackson 2.15's default maxNumberLength (digits).
	maxNumLen = 1000
	// pathDepth is how many levels of field names a MismatchError can name.
	pathDepth = 16
)

// frame remembers, for one nesting level, the last key (raw bounds in the
// input) or the current array index, for MismatchError.Field.
type frame struct {
	ks, ke int32 // ks < 0: an array, ke is the index
}

// Decoder reads one JSON document. Use it through Reset; it does not escape
// to the heap, and it allocates only the strings and byte slices it returns
// (and a buffer for a field name longer than 48 bytes with escapes), so a
// Decoder on the stack per record is cheap.
type Decoder struct {
	// Loc is the session time zone for timestamps without an offset; nil is UTC.
	Loc *time.Location
	// Strict rejects Spark's JSON extensions (single quotes, NaN/Infinity
	// tokens, the \' escape): strict RFC 8259.
	Strict bool
	// Borrow lets String return text that shares memory with the input
	// (when it has no escapes) instead of a copy: for callers, such as
	// query processors, that are done with every decoded value before the
	// input is reused.
	Borrow bool

	raw   []byte // the whole input
	buf   []byte // raw while reading; nil after a syntax error
	pos   int
	depth int
	first bool // the current container has had no field or element yet

	empty bool
	nmis  int
	err   *SyntaxError
	mis   *MismatchError

	keyMode uint8 // keyView, keyBuf or keyHeap
	ks, ke  int   // raw key bounds in raw
	klen    int
	kbuf    [48]byte
	kheap   []byte
	frames  [pathDepth]frame
}

const (
	keyNone uint8 = iota
	keyView
	keyBuf
	keyHeap
)

// Reset prepares d to read data, keeping Loc and Strict.
func (d *Decoder) Reset(data []byte) {
	*d = Decoder{Loc: d.Loc, Strict: d.Strict, raw: data, buf: data, kheap: d.kheap[:0]}
}

// Raw returns the whole input, for a corrupt-record column.
func (d *Decoder) Raw() []byte { return d.raw }

// Offset returns the current read position in the input (after a syntax
// error, where reading stopped).
func (d *Decoder) Offset() int { return d.pos }

// Err returns the syntax error found so far, or nil.
func (d *Decoder) Err() error {
	if d.err != nil {
		return d.err
	}
	return nil
}

// Mismatches returns how many type mismatches have been recorded so far.
// Generated code compares it before and after reading an array or a map:
// in Spark a failed element or map value makes the whole array or map NULL
// (up to the nearest enclosing struct field or map), while a struct element
// keeps its partial result.
func (d *Decoder) Mismatches() int { return d.nmis }

// Finish reports the outcome after the top-level value has been read: a
// *SyntaxError, ErrEmpty, the first *MismatchError, or nil. Content after the
// top-level value is not looked at.
func (d *Decoder) Finish() error {
	switch {
	case d.err != nil:
		return d.err
	case d.empty:
		return ErrEmpty
	case d.mis != nil:
		return d.mis
	case d.depth != 0:
		return &SyntaxError{Offset: d.pos, Reason: "unfinished object or array (decoder misuse)"}
	}
	return nil
}

// fail records a syntax error at offset at (the first one wins) and stops
// all further reading.
func (d *Decoder) fail(at int, reason string) {
	if d.err == nil {
		d.err = &SyntaxError{Offset: at, Reason: reason}
	}
	d.buf = nil // every later peek sees the end; pos stays for Offset
}

// mismatch records a type mismatch for the value at offset at.
func (d *Decoder) mismatch(at int, want, got string) {
	d.mismatchReason(at, "expected "+want+", got "+got)
}

func (d *Decoder) mismatchReason(at int, reason string) {
	d.nmis++
	if d.mis == nil {
		d.mis = &MismatchError{Offset: at, Field: d.path(), Reason: reason}
	}
}

// path names the value being read from the frames of the enclosing levels.
func (d *Decoder) path() string {
	var b []byte
	for i := 0; i < d.depth; i++ {
		if i == pathDepth {
			b = append(b, ".…"...)
			break
		}
		f := d.frames[i]
		if f.ks < 0 {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(f.ke), 10)
			b = append(b, ']')
			continue
		}
		if i > 0 {
			b = append(b, '.')
		}
		o := out{b: make([]byte, 0, 3*(f.ke-f.ks))}
		o = decodeValue(o, d.raw[f.ks:f.ke])
		b = append(b, o.b...)
	}
	return string(b)
}

// peek skips whitespace and returns the next byte, or 0 at the end of input
// (and after a syntax error).
func (d *Decoder) peek() byte {
	if d.pos < len(d.buf) {
		if c := d.buf[d.pos]; c > ' ' {
			return c
		}
		return d.peekSlow()
	}
	return 0
}

func (d *Decoder) peekSlow() byte {
	for ; d.pos < len(d.buf); d.pos++ {
		switch c := d.buf[d.pos]; c {
		case ' ', '\t', '\n', '\r':
		default:
			return c
		}
	}
	return 0
}

// atEOF reports whether peek's 0 was the end of the input.
func (d *Decoder) atEOF() bool { return d.pos >= len(d.buf) }

// Kind is the JSON type of the next token.
type Kind uint8

const (
	KindInvalid Kind = iota // not the start of a value (or a syntax error was found)
	KindEnd                 // end of input
	KindNull
	KindBool
	KindNumber
	KindString
	KindObject
	KindArray
)

// PeekKind returns the kind of the next value without consuming it.
func (d *Decoder) PeekKind() Kind {
	c := d.peek()
	switch {
	case c == '{':
		return KindObject
	case c == '[':
		return KindArray
	case c == '"' || c == '\'' && !d.Strict:
		return KindString
	case c == 'n':
		return KindNull
	case c == 't' || c == 'f':
		return KindBool
	case c == '-' || c >= '0' && c <= '9' || !d.Strict && (c == 'N' || c == 'I' || c == '+'):
		return KindNumber
	case c == 0 && d.atEOF():
		if d.err != nil {
			return KindInvalid
		}
		return KindEnd
	}
	return KindInvalid
}

// BeginObject consumes '{' and returns true. On a JSON null it returns false
// (a top-level null is a bad record, recorded as a mismatch); on any other
// value it records a mismatch, skips the value and returns false.
func (d *Decoder) BeginObject() bool {
	if c := d.peek(); c == '{' {
		return d.open()
	} else {
		d.other(c, "object")
	}
	return false
}

// BeginArray consumes '[' and returns true; otherwise as BeginObject.
func (d *Decoder) BeginArray() bool {
	if c := d.peek(); c == '[' {
		if !d.open() {
			return false
		}
		if d.depth <= pathDepth {
			d.frames[d.depth-1] = frame{ks: -1, ke: -1}
		}
		return true
	} else {
		d.other(c, "array")
	}
	return false
}

func (d *Decoder) open() bool {
	if d.depth >= maxDepth {
		d.fail(d.pos, "nesting deeper than 1000")
		return false
	}
	d.pos++
	d.depth++
	d.first = true
	return true
}

// NextField moves to the next field of the object opened by BeginObject:
// it consumes the separator, the key and the colon and returns true, or
// consumes '}' and returns false. It also returns false after a syntax error.
func (d *Decoder) NextField() bool {
	if d.err != nil {
		return false
	}
	c := d.peek()
	if c == '}' {
		d.pos++
		d.depth--
		d.first = false
		d.keyMode = keyNone
		return false
	}
	if d.first {
		d.first = false
	} else {
		if c != ',' {
			d.unexpected(c, "',' or '}' in object")
			return false
		}
		d.pos++
		c = d.peek()
	}
	if c != '"' && (c != '\'' || d.Strict) {
		d.unexpected(c, "field name")
		return false
	}
	if !d.readKey(c) {
		return false
	}
	if c = d.peek(); c != ':' {
		d.unexpected(c, "':' after field name")
		return false
	}
	d.pos++
	if uint(d.depth-1) < pathDepth && d.ke <= math.MaxInt32 {
		d.frames[d.depth-1] = frame{ks: int32(d.ks), ke: int32(d.ke)}
	}
	return true
}

// NextElem moves to the next element of the array opened by BeginArray:
// it consumes a separator and returns true, or consumes ']' and returns
// false. It also returns false after a syntax error.
func (d *Decoder) NextElem() bool {
	if d.err != nil {
		return false
	}
	c := d.peek()
	if c == ']' {
		d.pos++
		d.depth--
		d.first = false
		return false
	}
	if d.first {
		d.first = false
	} else {
		if c != ',' {
			d.unexpected(c, "',' or ']' in array")
			return false
		}
		d.pos++
	}
	if uint(d.depth-1) < pathDepth {
		d.frames[d.depth-1].ke++
	}
	return true
}

// unexpected records a syntax error for byte c where want was expected.
func (d *Decoder) unexpected(c byte, want string) {
	if d.err != nil {
		return
	}
	if c == 0 && d.atEOF() {
		d.fail(d.pos, "unexpected end of input, expected "+want)
		return
	}
	d.fail(d.pos, "unexpected character "+strconv.QuoteRune(d.charAt(d.pos))+", expected "+want)
}

// charAt is the character at i for messages.
func (d *Decoder) charAt(i int) rune {
	if i >= len(d.buf) {
		return utf8.RuneError
	}
	if c := d.buf[i]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := javaRune(d.buf, i)
	return r
}

// Key returns the current field name, unescaped. It is valid until the next
// call on d; switch string(d.Key()) does not allocate.
func (d *Decoder) Key() []byte {
	switch d.keyMode {
	case keyView:
		return d.raw[d.ks:d.ke]
	case keyBuf:
		return d.kbuf[:d.klen]
	case keyHeap:
		return d.kheap
	}
	return nil
}

// readKey reads a field name whose quote q is at d.pos.
func (d *Decoder) readKey(q byte) bool {
	start := d.pos + 1
	end, flags := d.scanString(start, q)
	if end < 0 {
		return false
	}
	d.pos = end + 1
	d.ks, d.ke = start, end
	raw := d.raw[start:end]
	if flags&strEscape == 0 && (flags&strNonASCII == 0 || utf8.Valid(raw)) {
		d.keyMode = keyView
		return true
	}
	n := decodeValue(out{b: d.kbuf[:0]}, raw).n
	if n <= len(d.kbuf) {
		d.keyMode, d.klen = keyBuf, n
		return true
	}
	buf := d.kheap[:0]
	if cap(buf) < n {
		buf = make([]byte, 0, n)
	}
	d.keyMode, d.kheap = keyHeap, decodeValue(out{b: buf}, raw).b
	return true
}

const (
	strEscape   = 1 // the body has backslash escapes
	strNonASCII = 2 // the body has bytes >= 0x80
)

const (
	lsb8 = 0x0101010101010101
	msb8 = 0x8080808080808080
)

// specialMask flags (in the high bit of each byte) the bytes of w that a
// string scan must look at: control characters, the quote (qq holds it in
// every byte), backslash and non-ASCII. The lowest flag is exact.
func specialMask(w, qq uint64) uint64 {
	x, y := w^qq, w^('\\'*lsb8)
	return ((w-0x20*lsb8)&^w | (x-lsb8)&^x | (y-lsb8)&^y | w) & msb8
}

// scanString validates the body of a string that starts at i (just after the
// opening quote q) as Jackson does and returns the index of the closing quote
// and what the body contains. On malformed input it records a syntax error and
// returns -1.
func (d *Decoder) scanString(i int, q byte) (end, flags int) {
	b := d.buf
	qq := uint64(q) * lsb8
	for {
		for ; i+8 <= len(b); i += 8 {
			if m := specialMask(binary.LittleEndian.Uint64(b[i:]), qq); m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
		}
		for i < len(b) {
			if c := b[i]; c >= 0x20 && c < 0x80 && c != q && c != '\\' {
				i++
				continue
			}
			break
		}
		if i >= len(b) {
			d.fail(len(b), "unterminated string")
			return -1, 0
		}
		switch c := b[i]; {
		case c == q:
			return i, flags
		case c >= 0x80:
			flags |= strNonASCII
			i++
		case c == '\\':
			flags |= strEscape
			if i+1 >= len(b) {
				d.fail(len(b), "unterminated string")
				return -1, 0
			}
			switch e := b[i+1]; {
			case e == 'u':
				for k := i + 2; k < i+6; k++ {
					if k >= len(b) {
						d.fail(len(b), "unterminated string")
						return -1, 0
					}
					if hexVal(b[k]) < 0 {
						d.fail(k, "expected a hex digit in \\u escape")
						return -1, 0
					}
				}
				i += 6
			case simpleEscape[e] != 0 && (e != '\'' || !d.Strict):
				i += 2
			default:
				d.fail(i+1, "invalid escape "+strconv.QuoteRune(d.charAt(i+1)))
				return -1, 0
			}
		case c < 0x20:
			d.fail(i, "control character in string")
			return -1, 0
		default: // the other quote character
			i++
		}
	}
}

// literal consumes the keyword lit at d.pos; the next character must not
// continue it (Jackson's _matchToken).
func (d *Decoder) literal(lit string) bool {
	b := d.buf
	end := d.pos + len(lit)
	if end > len(b) || string(b[d.pos:end]) != lit {
		d.fail(d.pos, "invalid literal, expected "+lit)
		return false
	}
	if end < len(b) && d.identPart(end) {
		d.fail(d.pos, "invalid literal, expected "+lit)
		return false
	}
	d.pos = end
	return true
}

// identPart reports whether the character at i would make Jackson reject the
// keyword before it: at or above '0', not ']' or '}', and a Java identifier
// part (letters, digits, '_', marks, currency, ignorable controls).
func (d *Decoder) identPart(i int) bool {
	c := d.buf[i]
	if c < '0' || c == ']' || c == '}' {
		return false
	}
	if c < utf8.RuneSelf {
		return c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == 0x7F
	}
	r, _ := javaRune(d.buf, i)
	return r >= 0x80 && r <= 0x9F || r < 0x10000 && (unicode.IsLetter(r) || unicode.IsDigit(r) ||
		unicode.In(r, unicode.Nl, unicode.Mn, unicode.Mc, unicode.Pc, unicode.Sc, unicode.Cf))
}

// other handles a token a reader does not accept as a value: JSON null
// (SQL NULL), the end of input, or a mismatch (recorded, value skipped).
func (d *Decoder) other(c byte, want string) {
	switch {
	case c == 'n':
		d.null()
	case c == 0 && d.atEOF():
		d.eof()
	default:
		start := d.pos
		got := d.kindName(c)
		if _, ok := d.walk(out{}, false); ok {
			d.mismatch(start, want, got)
		}
	}
}

// null consumes the literal null. A top-level null is a bad record in Spark
// (the root converter returns null), recorded as a mismatch.
func (d *Decoder) null() {
	start := d.pos
	if d.literal("null") && d.depth == 0 {
		d.mismatchReason(start, "top-level value is null")
	}
}

// eof handles the end of input where a value should start.
func (d *Decoder) eof() {
	if d.err != nil {
		return
	}
	if d.depth == 0 {
		d.empty = true
		return
	}
	d.fail(d.pos, "unexpected end of input, expected a value")
}

func (d *Decoder) kindName(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"', '\'':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'N', 'I', '+':
		return "non-numeric number"
	}
	return "number"
}

// IsNull consumes a JSON null and returns true if one is next; otherwise it
// consumes nothing and returns false.
func (d *Decoder) IsNull() bool {
	if d.peek() != 'n' {
		return false
	}
	d.null()
	return d.err == nil
}

// Skip consumes the next value, whatever it is, validating it as Jackson's
// skipChildren does. At the end of input it behaves like any reader.
func (d *Decoder) Skip() {
	if c := d.peek(); c == 0 && d.atEOF() {
		d.eof()
		return
	}
	d.walk(out{}, false)
}
