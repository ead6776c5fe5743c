package sparktext

import "unicode/utf8"

// AppendJavaUTF8 appends s as it reads after a round trip through a Java
// String (new String(s, UTF_8).getBytes(UTF_8)), which is what Spark does
// to text before a JVM parser sees it: valid UTF-8 is unchanged and each
// malformed sequence becomes U+FFFD, grouped the way JDK 17's decoder
// groups them.
func AppendJavaUTF8(dst, s []byte) []byte {
	if utf8.Valid(s) {
		return append(dst, s...)
	}
	const repl = "\uFFFD"
	for i := 0; i < len(s); {
		b1 := s[i]
		i++
		switch {
		case b1 < 0x80:
			dst = append(dst, b1)
		case b1>>5 == 0x6 && b1&0x1e != 0: // 2 bytes, not overlong
			if i < len(s) {
				if !isCont(s[i]) {
					dst = append(dst, repl...)
					continue
				}
				dst = append(dst, b1, s[i])
				i++
				continue
			}
			dst = append(dst, repl...)
			return dst
		case b1>>4 == 0xE: // 3 bytes
			if i+1 < len(s) {
				b2, b3 := s[i], s[i+1]
				if b1 == 0xE0 && b2&0xE0 == 0x80 || !isCont(b2) || !isCont(b3) {
					dst = append(dst, repl...)
					if !(b1 == 0xE0 && b2&0xE0 == 0x80 || !isCont(b2)) {
						i++ // malformed3: lead and b2 form one malformed unit
					}
					continue
				}
				if b1 == 0xED && b2 >= 0xA0 { // a surrogate: one U+FFFD for 3 bytes
					dst = append(dst, repl...)
				} else {
					dst = append(dst, b1, b2, b3)
				}
				i += 2
				continue
			}
			if i < len(s) && (b1 == 0xE0 && s[i]&0xE0 == 0x80 || !isCont(s[i])) {
				dst = append(dst, repl...)
				continue
			}
			dst = append(dst, repl...)
			return dst
		case b1>>3 == 0x1E: // 4 bytes
			if i+2 < len(s) {
				b2, b3, b4 := s[i], s[i+1], s[i+2]
				uc := rune(b1&0x07)<<18 | rune(b2&0x3f)<<12 | rune(b3&0x3f)<<6 | rune(b4&0x3f)
				if !isCont(b2) || !isCont(b3) || !isCont(b4) || uc < 0x10000 || uc > 0x10FFFF {
					dst = append(dst, repl...)
					i += malformed4(b1, s[i:]) - 1
					continue
				}
				dst = append(dst, b1, b2, b3, b4)
				i += 3
				continue
			}
			if b1 > 0xF4 || i < len(s) && malformed4x2(b1, s[i]) {
				dst = append(dst, repl...)
				continue
			}
			i++
			dst = append(dst, repl...)
			if i < len(s) && !isCont(s[i]) {
				continue
			}
			return dst
		default:
			dst = append(dst, repl...)
		}
	}
	return dst
}

func isCont(b byte) bool { return b&0xC0 == 0x80 }

// malformed4x2 reports whether the first two bytes of a 4-byte sequence
// already rule it out.
func malformed4x2(b1, b2 byte) bool {
	return b1 == 0xF0 && (b2 < 0x90 || b2 > 0xBF) || b1 == 0xF4 && b2&0xF0 != 0x80 || !isCont(b2)
}

// malformed4 is how many bytes (including b1) one U+FFFD replaces when a
// 4-byte sequence starting with b1 and followed by rest is malformed.
func malformed4(b1 byte, rest []byte) int {
	if b1 > 0xF4 || malformed4x2(b1, rest[0]) {
		return 1
	}
	if !isCont(rest[1]) {
		return 2
	}
	return 3
}
