package jsonx

import "bytes"

const b64Pad = -2

// b64Val is Jackson's default Base64 variant (MIME_NO_LINEFEEDS: standard
// alphabet, padding required): the 6-bit value of a character, b64Pad for
// '=', -1 for anything else.
var b64Val = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := range len(alphabet) {
		t[alphabet[i]] = int8(i)
	}
	t['='] = b64Pad
	return t
}()

// Binary reads a binary column from a base64 string, decoded as Jackson's
// getBinaryValue does. Bad base64 is a mismatch.
func (d *Decoder) Binary() ([]byte, bool) {
	switch c := d.peek(); {
	case c == '"':
		return d.binaryStream()
	case c == '\'' && !d.Strict:
		start := d.pos
		var tmp [128]byte
		s, ok := d.text(c, tmp[:])
		if !ok {
			return nil, false
		}
		if v, ok := decodeBase64(make([]byte, 0, len(s)/4*3+3), s); ok {
			return v, true
		}
		d.mismatch(start, "binary", "invalid base64 string")
	default:
		d.other(c, "binary")
	}
	return nil, false
}

// decodeBase64 is Jackson's Base64Variant.decode(String) (used for a string
// Jackson has already read, here a single-quoted one).
func decodeBase64(dst, s []byte) ([]byte, bool) {
	p := 0
	next := func() (int32, byte, bool) {
		if p >= len(s) {
			return 0, 0, false
		}
		c := s[p]
		p++
		return int32(b64Val[c]), c, true
	}
	for {
		for p < len(s) && s[p] <= ' ' {
			p++
		}
		if p >= len(s) {
			return dst, true
		}
		b1, _, _ := next()
		b2, _, ok := next()
		if b1 < 0 || !ok || b2 < 0 {
			return nil, false
		}
		v := b1<<6 | b2
		b3, _, ok := next()
		if !ok {
			return nil, false
		}
		if b3 < 0 {
			if _, c, ok := next(); b3 != b64Pad || !ok || c != '=' {
				return nil, false
			}
			dst = append(dst, byte(v>>4))
			continue
		}
		v = v<<6 | b3
		b4, _, ok := next()
		switch {
		case !ok || b4 == -1:
			return nil, false
		case b4 == b64Pad:
			v >>= 2
			dst = append(dst, byte(v>>8), byte(v))
		default:
			v = v<<6 | b4
			dst = append(dst, byte(v>>16), byte(v>>8), byte(v))
		}
	}
}

const (
	b64OK = iota
	b64Bad
	b64EOF
)

// binaryStream decodes the double-quoted string at d.pos as Jackson's
// ReaderBasedJsonParser._decodeBase64 does, straight from the input: white
// space and control characters are skipped between quadruplets, escapes are
// decoded, a missing final padding is an error. On an error Jackson leaves
// the token unfinished and its next call skips the rest as a string from the
// character after the offending one (even when that was the closing quote),
// which is what happens here too.
func (d *Decoder) binaryStream() ([]byte, bool) {
	b := d.buf
	start := d.pos
	i := d.pos + 1
	res := []byte{}
	if k := bytes.IndexByte(b[i:], '"'); k > 0 {
		res = make([]byte, 0, k/4*3+3)
	}
	next := func() (int32, byte, int) {
		if i >= len(b) {
			return 0, 0, b64EOF
		}
		c := b[i]
		i++
		return int32(b64Val[c]), c, b64OK
	}
	var (
		bits, v int32
		c       byte
		st      int
	)
	for {
		for i < len(b) && b[i] <= ' ' {
			i++
		}
		if bits, c, st = next(); st != b64OK {
			break
		}
		if bits < 0 {
			if c == '"' {
				d.pos = i
				return res, true
			}
			if bits, i, st = d.b64Escape(c, i, 0); st != b64OK {
				break
			}
			if bits < 0 {
				continue // escaped white space or padding
			}
		}
		v = bits
		if bits, c, st = next(); st != b64OK {
			break
		}
		if bits < 0 {
			if bits, i, st = d.b64Escape(c, i, 1); st != b64OK {
				break
			}
		}
		v = v<<6 | bits
		if bits, c, st = next(); st != b64OK {
			break
		}
		if bits < 0 {
			if bits != b64Pad {
				if c == '"' { // missing padding; Jackson puts the quote back
					i--
					st = b64Bad
					break
				}
				if bits, i, st = d.b64Escape(c, i, 2); st != b64OK {
					break
				}
			}
			if bits == b64Pad {
				if bits, c, st = next(); st != b64OK {
					break
				}
				if c != '=' {
					if bits, i, st = d.b64Escape(c, i, 3); st == b64OK && bits != b64Pad {
						st = b64Bad
					}
					if st != b64OK {
						break
					}
				}
				res = append(res, byte(v>>4))
				continue
			}
		}
		v = v<<6 | bits
		if bits, c, st = next(); st != b64OK {
			break
		}
		if bits < 0 {
			if bits != b64Pad {
				if c == '"' {
					i--
					st = b64Bad
					break
				}
				if bits, i, st = d.b64Escape(c, i, 3); st != b64OK {
					break
				}
			}
			if bits == b64Pad {
				v >>= 2
				res = append(res, byte(v>>8), byte(v))
				continue
			}
		}
		v = v<<6 | bits
		res = append(res, byte(v>>16), byte(v>>8), byte(v))
	}
	if st == b64EOF {
		d.fail(len(b), "unterminated string")
		return nil, false
	}
	end, _ := d.scanString(i, '"')
	if end < 0 {
		return nil, false
	}
	d.pos = end + 1
	d.mismatch(start, "binary", "invalid base64 string")
	return nil, false
}

// b64Escape is Jackson's _decodeBase64Escape for character c (already
// consumed) at quadruplet position index: c must start an escape whose value
// is a Base64 character (or, at position 0, white space, which is skipped).
func (d *Decoder) b64Escape(c byte, i, index int) (int32, int, int) {
	b := d.buf
	if c != '\\' {
		return 0, i, b64Bad
	}
	if i >= len(b) {
		return 0, i, b64EOF
	}
	e := b[i]
	i++
	var u rune
	switch {
	case e == 'u':
		for range 4 {
			if i >= len(b) {
				return 0, i, b64EOF
			}
			h := hexVal(b[i])
			i++
			if h < 0 {
				return 0, i, b64Bad
			}
			u = u<<4 | rune(h)
		}
	case simpleEscape[e] != 0 && (e != '\'' || !d.Strict):
		u = rune(simpleEscape[e])
	default:
		return 0, i, b64Bad
	}
	if u <= ' ' && index == 0 {
		return -1, i, b64OK
	}
	bits := int32(-1)
	if u < 256 {
		bits = int32(b64Val[u])
	}
	if bits == -1 {
		return 0, i, b64Bad
	}
	return bits, i, b64OK
}
