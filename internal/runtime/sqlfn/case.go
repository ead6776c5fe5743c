package sqlfn

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Upper is upper(s)/ucase(s): Java's String.toUpperCase() in an English
// locale, i.e. full Unicode case mapping with the special cases ('ß' ->
// "SS", 'ŉ' -> "ʼN", ligatures, Greek iota subscripts). Mappings are the
// JDK 17 ones (Unicode 13): zcase.go lists where they differ from Go's
// unicode package. ASCII input needing no change is returned as is.
func Upper(s string) string {
	if isASCII(s) {
		return asciiMap(s, 'a', 'z')
	}
	return mapCase(javaString(s), true)
}

// Lower is lower(s)/lcase(s): Java's String.toLowerCase() in an English
// locale, including 'İ' -> "i̇" and a final-sigma rule for 'Σ'.
func Lower(s string) string {
	if isASCII(s) {
		return asciiMap(s, 'A', 'Z')
	}
	return mapCase(javaString(s), false)
}

// asciiMap flips the case of bytes in [lo, hi], returning s itself when
// there are none.
func asciiMap(s string, lo, hi byte) string {
	i := 0
	for i < len(s) && (s[i] < lo || s[i] > hi) {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if c >= lo && c <= hi {
			c ^= 0x20
		}
		b.WriteByte(c)
	}
	return b.String()
}

func mapCase(s string, upper bool) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i, r := range s {
		if r < utf8.RuneSelf {
			if upper && r >= 'a' && r <= 'z' || !upper && r >= 'A' && r <= 'Z' {
				r ^= 0x20
			}
			b.WriteByte(byte(r))
			continue
		}
		if !upper && r == 'Σ' && finalSigma(s, i) {
			b.WriteRune('ς')
			continue
		}
		table, vals := lowerTable, lowerVals
		if upper {
			table, vals = upperTable, upperVals
		}
		if m, ok := caseException(table, vals, r); ok {
			b.WriteString(m)
			continue
		}
		if upper {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// caseException looks r up in a table of 6-byte records (3-byte code point,
// 2-byte offset into vals, 1-byte length), sorted by code point.
func caseException(table, vals string, r rune) (string, bool) {
	lo, hi := 0, len(table)/6
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		rec := table[m*6:]
		k := rune(rec[0])<<16 | rune(rec[1])<<8 | rune(rec[2])
		switch {
		case k < r:
			lo = m + 1
		case k > r:
			hi = m
		default:
			off := int(rec[3])<<8 | int(rec[4])
			return vals[off : off+int(rec[5])], true
		}
	}
	return "", false
}

// finalSigma approximates Java's ConditionalSpecialCasing FINAL_CASED test
// for the 'Σ' at byte i: a cased letter precedes it within the word and none
// follows it within the word. Java finds word limits with a BreakIterator;
// here a word is a run of letters, marks and digits.
func finalSigma(s string, i int) bool {
	before := false
	for j := i; j > 0; {
		r, n := utf8.DecodeLastRuneInString(s[:j])
		if isCased(r) {
			before = true
			break
		}
		if !isWordRune(r) {
			break
		}
		j -= n
	}
	if !before {
		return false
	}
	for j := i + len("Σ"); j < len(s); {
		r, n := utf8.DecodeRuneInString(s[j:])
		if isCased(r) {
			return false
		}
		if !isWordRune(r) {
			break
		}
		j += n
	}
	return true
}

func isCased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) ||
		unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
}

// isWordRune reports whether r continues a word: letters, marks, digits and
// the MidLetter/MidNumLet punctuation of the Unicode word-break rules.
func isWordRune(r rune) bool {
	switch r {
	case '\'', '.', ':', '\u00B7', '\u0387', '\u05F4', '\u2018', '\u2019', '\u2024', '\uFE52', '\uFE55', '\uFF07', '\uFF0E', '\uFF1A':
		return true
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

// InitCap is initcap(s) of Spark 3.5: Lower(s), then each ASCII letter at
// the start or after a space (0x20) upper-cased. Spark 3.5 title-cases byte
// by byte, so a non-ASCII first letter stays lower case.
func InitCap(s string) string {
	s = Lower(s)
	need := false
	for i := 0; i < len(s); i++ {
		if (i == 0 || s[i-1] == ' ') && s[i] >= 'a' && s[i] <= 'z' {
			need = true
			break
		}
	}
	if !need {
		return s
	}
	b := []byte(s)
	for i := range b {
		if (i == 0 || b[i-1] == ' ') && b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 0x20
		}
	}
	return string(b)
}
