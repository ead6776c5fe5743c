package schema

import (
	"sort"
	"unicode/utf8"

	"github.com/streamc/streamc/internal/diag"
)

// source turns byte offsets in a text into positions. Columns count
// characters, not bytes, as yaml.v3 does, so that a DDL string embedded in
// pipelines.yaml and a schema file report columns the same way.
type source struct {
	base  diag.Pos // where the text starts
	text  string
	lines []int // byte offset of each line start
}

func newSource(file, text string, base diag.Pos) *source {
	base.File = file
	if base.Line <= 0 {
		base.Line, base.Column = 1, 1
	}
	if base.Column <= 0 {
		base.Column = 1
	}
	s := &source{base: base, text: text, lines: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	return s
}

// pos returns the position of byte offset off.
func (s *source) pos(off int) diag.Pos {
	off = max(0, min(off, len(s.text)))
	i := sort.SearchInts(s.lines, off+1) - 1
	col := utf8.RuneCountInString(s.text[s.lines[i]:off]) + 1
	if i == 0 {
		col += s.base.Column - 1
	}
	return diag.Pos{File: s.base.File, Line: s.base.Line + i, Column: col}
}
