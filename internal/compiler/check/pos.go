package check

import (
	"strings"
	"unicode/utf8"

	"github.com/streamc/streamc/internal/compiler/spec"
	"github.com/streamc/streamc/internal/diag"
)

// exprPos maps a byte offset inside an expression to its position in the
// spec. A plain or quoted one-line scalar starts at its position (one column
// later when quoted; escapes in double-quoted text make the column
// approximate); a block scalar starts on the next line, at a column the
// model does not keep, so only the line is given.
func exprPos(s spec.Str, off int) diag.Pos {
	p := s.Pos
	off = max(0, min(off, len(s.Value)))
	before := s.Value[:off]
	nl := strings.Count(before, "\n")
	switch s.Quoted {
	case '|', '>':
		p.Line += 1 + nl
		p.Column = 0
		return p
	case '\'', '"':
		p.Column++
	}
	if nl > 0 || p.Column == 0 {
		p.Line += nl
		p.Column = 0
		return p
	}
	p.Column += utf8.RuneCountInString(before)
	return p
}
