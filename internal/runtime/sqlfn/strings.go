package sqlfn

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Length is length(s)/char_length(s): the number of characters.
func Length(s string) int32 { return int32(numChars(s)) }

// OctetLength is octet_length(s): the number of bytes.
func OctetLength(s string) int32 { return int32(len(s)) }

// Substring is substring(s, pos, len) / substr (UTF8String.substringSQL):
// 1-based pos; pos 0 behaves as 1; a negative pos counts from the end; a
// negative len gives "". The result shares s's memory. substring(s, pos)
// is Substring(s, pos, math.MaxInt32).
func Substring(s string, pos, length int32) string {
	start := int64(pos) - 1
	switch {
	case pos == 0:
		start = 0
	case pos < 0:
		start = int64(numChars(s)) + int64(pos)
	}
	end := start + int64(length)
	if end > math.MaxInt32 {
		end = math.MaxInt32
	}
	if start < 0 {
		start = 0
	}
	if end <= start || start >= int64(len(s)) {
		return ""
	}
	i := charOffset(s, int(start))
	j := i + charOffset(s[i:], int(end-start))
	return s[i:j]
}

// SubstringBinary is substring on BINARY (ByteArray.subStringSQL): the same
// positions counted in bytes.
func SubstringBinary(b []byte, pos, length int32) []byte {
	start := int64(pos) - 1
	switch {
	case pos == 0:
		start = 0
	case pos < 0:
		start = int64(len(b)) + int64(pos)
	}
	end := start + int64(length)
	if start < 0 {
		start = 0
	}
	if end > int64(len(b)) {
		end = int64(len(b))
	}
	if end <= start {
		return []byte{}
	}
	return b[start:end]
}

// Left is left(s, n): the first n characters ("" when n <= 0).
func Left(s string, n int32) string { return Substring(s, 1, n) }

// Right is right(s, n): the last n characters ("" when n <= 0).
func Right(s string, n int32) string {
	if n <= 0 {
		return ""
	}
	return Substring(s, -n, math.MaxInt32)
}

// Trim is trim(s)/btrim(s): spaces (0x20 only, not other whitespace) removed
// from both ends.
func Trim(s string) string { return RTrim(LTrim(s)) }

// LTrim is ltrim(s): leading spaces (0x20) removed.
func LTrim(s string) string {
	i := 0
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return s[i:]
}

// RTrim is rtrim(s): trailing spaces (0x20) removed.
func RTrim(s string) string {
	j := len(s)
	for j > 0 && s[j-1] == ' ' {
		j--
	}
	return s[:j]
}

// TrimChars is trim(BOTH set FROM s) / btrim(s, set): characters of s that
// occur in set removed from both ends.
func TrimChars(s, set string) string { return RTrimChars(LTrimChars(s, set), set) }

// LTrimChars is trim(LEADING set FROM s) / ltrim(s, set).
func LTrimChars(s, set string) string {
	i := 0
	for i < len(s) {
		n := min(charLen(s[i]), len(s)-i)
		if !strings.Contains(set, s[i:i+n]) {
			break
		}
		i += n
	}
	return s[i:]
}

// RTrimChars is trim(TRAILING set FROM s) / rtrim(s, set).
func RTrimChars(s, set string) string {
	if s == "" {
		return s
	}
	// Character starts, as UTF8String.trimRight computes them.
	var small [64]int32
	starts := small[:0]
	for i := 0; i < len(s); i += charLen(s[i]) {
		starts = append(starts, int32(i))
	}
	j := len(s)
	for k := len(starts) - 1; k >= 0; k-- {
		st := int(starts[k])
		if !strings.Contains(set, s[st:j]) {
			break
		}
		j = st
	}
	return s[:j]
}

// Concat is concat(a, b, ...) on non-null strings (any NULL argument makes
// the result NULL; the emitter checks).
func Concat(parts ...string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts, "")
}

// ConcatWS is concat_ws(sep, ...) given the non-null values in order: the
// emitter drops NULL arguments and flattens array arguments (dropping their
// NULL elements) before calling. A NULL sep makes the result NULL.
func ConcatWS(sep string, parts ...string) string { return strings.Join(parts, sep) }

// Replace is replace(s, search, rep) (UTF8String.replace): an empty search
// leaves s unchanged. replace(s, search) is Replace(s, search, "").
func Replace(s, search, rep string) string {
	if s == "" || search == "" {
		return s
	}
	return strings.ReplaceAll(s, search, rep)
}

// LPad is lpad(s, n, pad): s left-padded with repetitions of pad to n
// characters, or cut to its first n characters. An empty pad only cuts; a
// negative n gives "". lpad(s, n) pads with " ".
func LPad(s string, n int32, pad string) string {
	return padString(s, n, pad, true)
}

// RPad is rpad(s, n, pad), the right-padding twin of LPad.
func RPad(s string, n int32, pad string) string {
	return padString(s, n, pad, false)
}

func padString(s string, n int32, pad string, left bool) string {
	spaces := int(n) - numChars(s)
	if spaces <= 0 || pad == "" {
		return Substring(s, 1, n)
	}
	padChars := numChars(pad)
	count := spaces / padChars
	remain := pad[:charOffset(pad, spaces-padChars*count)]
	var b strings.Builder
	b.Grow(len(s) + len(pad)*count + len(remain))
	if !left {
		b.WriteString(s)
	}
	for range count {
		b.WriteString(pad)
	}
	b.WriteString(remain)
	if left {
		b.WriteString(s)
	}
	return b.String()
}

// Reverse is reverse(s): the characters in reverse order.
func Reverse(s string) string {
	if len(s) < 2 {
		return s
	}
	b := make([]byte, len(s))
	for i := 0; i < len(s); {
		n := min(charLen(s[i]), len(s)-i)
		copy(b[len(s)-i-n:], s[i:i+n])
		i += n
	}
	return string(b)
}

// Repeat is repeat(s, n): "" when n <= 0.
func Repeat(s string, n int32) string {
	if n <= 0 || s == "" {
		return ""
	}
	return strings.Repeat(s, int(n))
}

// Instr is instr(s, sub): the 1-based character position of the first sub
// in s, 0 when absent; an empty sub gives 1.
func Instr(s, sub string) int32 { return indexOf(s, sub, 0) + 1 }

// Locate is locate(sub, s, pos) / position(sub IN s): like Instr but
// searching from character pos (1-based); pos < 1 gives 0, and an empty
// sub gives 1 (Spark 3.5). The emitter returns 0, not NULL, when pos is
// NULL (Hive compatibility); locate(sub, s) is Locate(sub, s, 1).
func Locate(sub, s string, pos int32) int32 {
	if pos < 1 {
		return 0
	}
	return indexOf(s, sub, int(pos)-1) + 1
}

// indexOf is UTF8String.indexOf(v, start) of Spark 3.5.
func indexOf(s, v string, start int) int32 {
	if v == "" {
		return 0
	}
	i, c := 0, 0
	for i < len(s) && c < start {
		i += charLen(s[i])
		c++
	}
	if i >= len(s) {
		return -1
	}
	if isASCII(s[i:]) {
		k := strings.Index(s[i:], v)
		if k < 0 {
			return -1
		}
		return int32(c + k)
	}
	for {
		if i+len(v) > len(s) {
			return -1
		}
		if s[i:i+len(v)] == v {
			return int32(c)
		}
		i += charLen(s[i])
		c++
		if i >= len(s) {
			return -1
		}
	}
}

// Translate is translate(s, from, to): each character of s found in from
// is replaced by the character at the same position in to, or deleted when
// to is shorter; the first occurrence in from wins. As in Spark, a NUL
// character in to also deletes.
func Translate(s, from, to string) string {
	if from == "" || s == "" {
		return s
	}
	s, from, to = javaString(s), javaString(from), javaString(to)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		rep, found := translateOf(r, from, to)
		switch {
		case !found:
			b.WriteRune(r)
		case rep >= 0 && rep != 0:
			b.WriteRune(rep)
		}
	}
	return b.String()
}

// translateOf returns the replacement of r (-1 for deletion).
func translateOf(r rune, from, to string) (rune, bool) {
	k := 0
	for _, f := range from {
		if f == r {
			j := 0
			for _, t := range to {
				if j == k {
					return t, true
				}
				j++
			}
			return -1, true
		}
		k++
	}
	return 0, false
}

// Ascii is ascii(s): the code point of the first character (U+FFFD for a
// malformed one), 0 for "".
func Ascii(s string) int32 {
	if s == "" {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// Chr is chr(n)/char(n): "" for n < 0, else the character U+0000..U+00FF
// given by n & 0xFF.
func Chr(n int64) string {
	if n < 0 {
		return ""
	}
	return string(rune(n & 0xFF))
}
