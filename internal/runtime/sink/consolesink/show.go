package consolesink

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/streamc/streamc/internal/runtime/sparktext"
)

// Show is Dataset.showString(numRows, truncate) of a table whose cells are
// already cast to text: a border, the column names, the rows, a border,
// and "only showing top N rows" when hasMore. Cells are read as Java reads
// them (malformed UTF-8 becomes U+FFFD), control characters escaped as
// \n, \t..., cut to truncate characters ("..." in the last three) when
// truncate > 0, and padded to the column's width: on the left when
// truncating, on the right otherwise. Lengths are counted as Java counts
// them, in UTF-16 units, plus one for each full-width (East Asian wide)
// character, which takes two columns on a terminal.
func Show(columns []string, rows [][]string, hasMore bool, numRows, truncate int) string {
	table := make([][]string, 0, len(rows)+1)
	head := make([]string, len(columns))
	for i, c := range columns {
		head[i] = escapeMeta(javaString(c))
	}
	table = append(table, head)
	for _, r := range rows {
		cells := make([]string, len(columns))
		for i := range cells {
			c := "NULL"
			if i < len(r) {
				c = r[i]
			}
			cells[i] = cut(escapeMeta(javaString(c)), truncate)
		}
		table = append(table, cells)
	}
	widths := make([]int, len(columns))
	for i := range widths {
		widths[i] = 3 // show()'s minimum column width
		for _, r := range table {
			widths[i] = max(widths[i], halfWidth(r[i]))
		}
	}
	var b strings.Builder
	sep := "+"
	for _, w := range widths {
		sep += strings.Repeat("-", w) + "+"
	}
	sep += "\n"
	b.WriteString(sep)
	for n, r := range table {
		b.WriteByte('|')
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-halfWidth(c))
			if truncate > 0 {
				b.WriteString(pad + c)
			} else {
				b.WriteString(c + pad)
			}
			b.WriteByte('|')
		}
		b.WriteByte('\n')
		if n == 0 {
			b.WriteString(sep)
		}
	}
	b.WriteString(sep)
	if hasMore {
		noun := "rows"
		if numRows == 1 {
			noun = "row"
		}
		b.WriteString("only showing top " + strconv.Itoa(numRows) + " " + noun + "\n")
	}
	return b.String()
}

// javaString is s after a round trip through a Java String.
func javaString(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return string(sparktext.AppendJavaUTF8(nil, []byte(s)))
}

// escapeMeta is SchemaUtils.escapeMetaCharacters: the control characters
// that would break the table, written as escapes.
var escapeMeta = strings.NewReplacer("\n", `\n`, "\r", `\r`, "\t", `\t`, "\f", `\f`, "\b", `\b`, "\v", `\v`, "\a", `\a`).Replace

// cut is getRows' truncation: a cell longer than truncate UTF-16 units
// keeps its first truncate-3 and "..." (the first truncate, under 4). A
// surrogate pair cut in half leaves a lone surrogate, which Java prints as
// '?'.
func cut(s string, truncate int) string {
	if truncate <= 0 || utf16Len(s) <= truncate {
		return s
	}
	keep, tail := truncate-3, "..."
	if truncate < 4 {
		keep, tail = truncate, ""
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		w := utf16.RuneLen(r)
		if n+w > keep {
			if n < keep {
				b.WriteByte('?')
			}
			break
		}
		b.WriteRune(r)
		n += w
	}
	return b.String() + tail
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// halfWidth is Utils.stringHalfWidth: the length in UTF-16 units plus one
// for each character in Spark's full-width ranges.
func halfWidth(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
		if fullWidth(r) {
			n++
		}
	}
	return n
}

func fullWidth(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3,
		r >= 0xF900 && r <= 0xFAFF, r >= 0xFE10 && r <= 0xFE19, r >= 0xFE30 && r <= 0xFE6F,
		r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6:
		return true
	}
	return false
}
