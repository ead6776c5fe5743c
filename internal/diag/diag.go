// Package diag holds positioned diagnostics: the `file:line:col: message`
// errors every part of the generator reports, several per run.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a source file. Line and Column count from 1; zero means
// unknown.
type Pos struct {
	File   string
	Line   int
	Column int
}

func (p Pos) String() string {
	switch {
	case p.File == "" && p.Line == 0:
		return ""
	case p.Line == 0:
		return p.File
	case p.Column == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// IsValid reports whether p names a file.
func (p Pos) IsValid() bool { return p.File != "" }

// Error is one diagnostic.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string {
	if s := e.Pos.String(); s != "" {
		return s + ": " + e.Msg
	}
	return e.Msg
}

// Errorf makes a positioned error.
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// List collects diagnostics. Its zero value is ready to use.
type List struct {
	errs []*Error
}

// Add appends a diagnostic.
func (l *List) Add(pos Pos, format string, args ...any) {
	l.errs = append(l.errs, Errorf(pos, format, args...))
}

// Append adds err; a List or *Error keeps its positions, any other error is
// added without one.
func (l *List) Append(err error) {
	if err == nil {
		return
	}
	var el *List
	if errors.As(err, &el) {
		l.errs = append(l.errs, el.errs...)
		return
	}
	var e *Error
	if errors.As(err, &e) {
		l.errs = append(l.errs, e)
		return
	}
	l.errs = append(l.errs, &Error{Msg: err.Error()})
}

// Len is the number of diagnostics.
func (l *List) Len() int { return len(l.errs) }

// Errors returns the diagnostics sorted by file, line and column.
func (l *List) Errors() []*Error {
	out := append([]*Error(nil), l.errs...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return out
}

// Err returns l as an error, or nil if it is empty.
func (l *List) Err() error {
	if l == nil || len(l.errs) == 0 {
		return nil
	}
	return l
}

// Error prints one diagnostic per line.
func (l *List) Error() string {
	var b strings.Builder
	for i, e := range l.Errors() {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Suggest returns the candidate closest to name by edit distance, for "did you
// mean" hints, or "" if none is close enough to help.
func Suggest(name string, candidates []string) string {
	best, bestDist := "", len(name)/2+2
	for _, c := range candidates {
		d := distance(strings.ToLower(name), strings.ToLower(c))
		if d < bestDist || (d == bestDist && best != "" && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}

// DidYouMean formats a hint suffix such as `; did you mean "x"?`, or "".
func DidYouMean(name string, candidates []string) string {
	if s := Suggest(name, candidates); s != "" && s != name {
		return fmt.Sprintf("; did you mean %q?", s)
	}
	return ""
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
