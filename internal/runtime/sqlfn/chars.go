package sqlfn

import (
	"unicode/utf8"

	"github.com/streamc/streamc/internal/runtime/sparktext"
)

// charLen is UTF8String.numBytesForFirstByte of Spark 3.5: how many bytes
// the character starting with b takes. Continuation bytes and 0xF8-0xFF
// count as one-byte characters, so every byte string has a character count.
func charLen(b byte) int {
	switch {
	case b < 0x80:
		return 1
	case b < 0xC0:
		return 1
	case b < 0xE0:
		return 2
	case b < 0xF0:
		return 3
	case b < 0xF8:
		return 4
	}
	return 1
}

// numChars is UTF8String.numChars.
func numChars(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			i++
		} else {
			i += charLen(c)
		}
		n++
	}
	return n
}

// charOffset returns the byte offset of character k (0-based) in s, or
// len(s) when s has fewer characters, as UTF8String.substring walks.
func charOffset(s string, k int) int {
	i := 0
	for c := 0; i < len(s) && c < k; c++ {
		i += charLen(s[i])
	}
	if i > len(s) {
		return len(s)
	}
	return i
}

// isASCII reports whether s has only bytes below 0x80.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// javaString returns s as it reads after UTF8String.toString(): valid
// UTF-8 is returned as is; malformed sequences become U+FFFD the way the
// JDK's decoder groups them.
func javaString(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return string(sparktext.AppendJavaUTF8(nil, []byte(s)))
}
