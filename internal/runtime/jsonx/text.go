package jsonx

import (
	"unicode/utf8"
	"unsafe"
)

// out is a bounded output buffer that keeps counting after it is full, so a
// caller can write into a stack array first and, only when that was too
// small, allocate exactly n bytes and write again.
type out struct {
	b []byte
	n int // bytes written, including those that did not fit
}

func (o out) add(p []byte) out {
	o.n += len(p)
	if o.n <= cap(o.b) {
		o.b = append(o.b, p...)
	}
	return o
}

func (o out) addString(s string) out {
	o.n += len(s)
	if o.n <= cap(o.b) {
		o.b = append(o.b, s...)
	}
	return o
}

func (o out) addByte(c byte) out {
	o.n++
	if o.n <= cap(o.b) {
		o.b = append(o.b, c)
	}
	return o
}

// full reports whether everything written fitted in o.b.
func (o out) full() bool { return o.n > cap(o.b) }

func (o out) addRune(r rune) out {
	var tmp [utf8.UTFMax]byte
	return o.add(utf8.AppendRune(tmp[:0], r))
}

// ownedString returns b as a string without copying. The caller must have
// allocated b for this purpose and must not touch it again.
func ownedString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

const replacement = "\uFFFD"

const upperHex = "0123456789ABCDEF"

// javaRune decodes the character at b[i] (b[i] >= 0x80) the way Java's UTF-8
// decoder (CharsetDecoder with REPLACE, and JDK 17's new String(bytes, UTF_8))
// does: it returns the code point and its length, or utf8.RuneError and the
// length of the malformed sequence that becomes one U+FFFD. A truncated
// sequence at the end of b counts as one malformed sequence, as at the end of
// Java's input; inside a JSON string the next byte is always ASCII, and the
// grouping is then the same as when Java sees that byte.
func javaRune[T []byte | string](b T, i int) (rune, int) {
	n := len(b) - i
	b1 := b[i]
	switch {
	case b1 >= 0xC2 && b1 <= 0xDF:
		if n < 2 {
			return utf8.RuneError, n
		}
		b2 := b[i+1]
		if !isCont(b2) {
			return utf8.RuneError, 1
		}
		return rune(b1&0x1F)<<6 | rune(b2&0x3F), 2
	case b1&0xF0 == 0xE0:
		if n < 3 {
			if n > 1 && malformed3x2(b1, b[i+1]) {
				return utf8.RuneError, 1
			}
			return utf8.RuneError, n
		}
		b2, b3 := b[i+1], b[i+2]
		if malformed3x2(b1, b2) {
			return utf8.RuneError, 1
		}
		if !isCont(b3) {
			return utf8.RuneError, 2
		}
		r := rune(b1&0x0F)<<12 | rune(b2&0x3F)<<6 | rune(b3&0x3F)
		if r >= 0xD800 && r <= 0xDFFF {
			return utf8.RuneError, 3 // an encoded surrogate: one U+FFFD for all three bytes
		}
		return r, 3
	case b1&0xF8 == 0xF0:
		if n < 4 {
			if b1 > 0xF4 || n > 1 && malformed4x2(b1, b[i+1]) {
				return utf8.RuneError, 1
			}
			if n > 2 && !isCont(b[i+2]) {
				return utf8.RuneError, 2
			}
			return utf8.RuneError, n
		}
		b2, b3, b4 := b[i+1], b[i+2], b[i+3]
		if b1 > 0xF4 || malformed4x2(b1, b2) {
			return utf8.RuneError, 1
		}
		if !isCont(b3) {
			return utf8.RuneError, 2
		}
		if !isCont(b4) {
			return utf8.RuneError, 3
		}
		return rune(b1&0x07)<<18 | rune(b2&0x3F)<<12 | rune(b3&0x3F)<<6 | rune(b4&0x3F), 4
	}
	return utf8.RuneError, 1
}

func isCont(c byte) bool { return c&0xC0 == 0x80 }

// malformed3x2 is the JDK's isMalformed3_2: b2 cannot follow b1 in a
// three-byte sequence (E0 needs A0..BF, overlong otherwise).
func malformed3x2(b1, b2 byte) bool { return b1 == 0xE0 && b2&0xE0 == 0x80 || !isCont(b2) }

// malformed4x2 is the JDK's isMalformed4_2.
func malformed4x2(b1, b2 byte) bool {
	return b1 == 0xF0 && (b2 < 0x90 || b2 > 0xBF) || b1 == 0xF4 && b2&0xF0 != 0x80 || !isCont(b2)
}

// hexVal is the value of a hex digit, or -1.
func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// hex4 decodes the four hex digits of a validated \u escape.
func hex4(b []byte) rune {
	return rune(hexVal(b[0])<<12 | hexVal(b[1])<<8 | hexVal(b[2])<<4 | hexVal(b[3]))
}

// simpleEscape maps the character after a backslash to its value for the
// escapes other than \u; 0 means invalid. \' is valid only in lenient mode,
// which the scanner checks.
var simpleEscape = [256]byte{
	'"': '"', '\\': '\\', '/': '/', '\'': '\'',
	'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t',
}

func isSurrogate(r rune) bool { return r >= 0xD800 && r <= 0xDFFF }
func isHigh(r rune) bool      { return r >= 0xD800 && r <= 0xDBFF }
func isLow(r rune) bool       { return r >= 0xDC00 && r <= 0xDFFF }

// decodeValue writes the text of a validated JSON string body as the UTF-8
// bytes Spark stores: escapes decoded, surrogate pairs joined, an unpaired
// surrogate as '?' (Java's String.getBytes), invalid UTF-8 as U+FFFD.
func decodeValue(o out, raw []byte) out {
	start := 0
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if c != '\\' {
				i++
				continue
			}
			o = o.add(raw[start:i])
			e := raw[i+1]
			if e != 'u' {
				o = o.addByte(simpleEscape[e])
				i += 2
				start = i
				continue
			}
			r := hex4(raw[i+2:])
			i += 6
			if isSurrogate(r) {
				if isHigh(r) && i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
					if r2 := hex4(raw[i+2:]); isLow(r2) {
						o = o.addRune(0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00))
						i += 6
						start = i
						continue
					}
				}
				o = o.addByte('?')
			} else {
				o = o.addRune(r)
			}
			start = i
			continue
		}
		if r, size := utf8.DecodeRune(raw[i:]); r != utf8.RuneError || size > 1 {
			i += size
			continue
		}
		o = o.add(raw[start:i])
		o = o.addString(replacement)
		_, size := javaRune(raw, i)
		i += size
		start = i
	}
	return o.add(raw[start:])
}

// jsonEscape is Jackson's output escape for each ASCII character: 0 for
// none, a letter for a two-character escape, 'u' for \u00XX.
var jsonEscape = func() (t [128]byte) {
	for i := range 0x20 {
		t[i] = 'u'
	}
	t['\b'], t['\t'], t['\n'], t['\f'], t['\r'] = 'b', 't', 'n', 'f', 'r'
	t['"'], t['\\'] = '"', '\\'
	return t
}()

// genUnit writes one UTF-16 unit as Jackson's UTF8JsonGenerator does: ASCII
// with the standard escapes, surrogates (paired or not) as \uXXXX with
// upper-case hex, everything else as UTF-8.
func genUnit(o out, u rune) out {
	switch {
	case u < utf8.RuneSelf:
		if e := jsonEscape[u]; e != 0 {
			o = genEscape(o, byte(u), e)
		} else {
			o = o.addByte(byte(u))
		}
	case isSurrogate(u):
		o = o.add([]byte{'\\', 'u', upperHex[u>>12], upperHex[u>>8&15], upperHex[u>>4&15], upperHex[u&15]})
	default:
		o = o.addRune(u)
	}
	return o
}

func genEscape(o out, c, e byte) out {
	if e == 'u' {
		o = o.add([]byte{'\\', 'u', '0', '0', upperHex[c>>4], upperHex[c&15]})
	} else {
		o = o.add([]byte{'\\', e})
	}
	return o
}

// genString writes a validated JSON string body re-encoded as Jackson's
// UTF8JsonGenerator writes a string it parsed (what Spark keeps for a string
// column given a JSON object or array): quoted, Jackson escapes, characters
// outside the BMP as two \uXXXX escapes (Jackson 2.15 escapes every
// surrogate), invalid UTF-8 as U+FFFD.
func genString(o out, raw []byte) out {
	o = o.addByte('"')
	start := 0
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			if c != '\\' && jsonEscape[c] == 0 {
				i++
				continue
			}
			o = o.add(raw[start:i])
			if c != '\\' {
				o = genEscape(o, c, jsonEscape[c])
				i++
			} else if e := raw[i+1]; e != 'u' {
				o = genUnit(o, rune(simpleEscape[e]))
				i += 2
			} else {
				o = genUnit(o, hex4(raw[i+2:]))
				i += 6
			}
			start = i
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			o = o.add(raw[start:i])
			o = o.addString(replacement)
			_, size = javaRune(raw, i)
			i += size
			start = i
			continue
		}
		if r >= 0x10000 {
			o = o.add(raw[start:i])
			o = genUnit(o, 0xD800+(r-0x10000)>>10)
			o = genUnit(o, 0xDC00+(r-0x10000)&0x3FF)
			i += size
			start = i
			continue
		}
		i += size
	}
	o = o.add(raw[start:])
	return o.addByte('"')
}
