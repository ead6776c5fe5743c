package check

import (
	"fmt"
	"strings"

	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/compiler/spec"
	"github.com/streamc/streamc/internal/diag"
)

// scope is where one expression is checked: the query, the YAML scalar
// the text came from, and the step's input relation.
type scope struct {
	c    *checker
	q    *Query
	src  spec.Str
	cols []*Column
}

// val is a checked expression: its typed form (nil after an error, which
// is already reported), Spark's pretty SQL text, and the name Spark gives
// it in a select list when it is a column or field reference.
type val struct {
	e    Expr
	sql  string
	name string
	// attr is set for a plain column reference, whose name a CAST keeps.
	attr bool
	// keep is the name a select list gives a CAST of a column (the
	// column's), which struct() does not use.
	keep string
	// at and end are the expression's byte offsets, for messages.
	at, end int
}

func (v val) ok() bool { return v.e != nil }

func (v val) typ() *schema.Type { return TypeOf(v.e).Type }

func (v val) nullable() bool { return TypeOf(v.e).Nullable }

func (s *scope) pos(off int) diag.Pos { return exprPos(s.src, off) }

func (s *scope) errorf(off int, format string, args ...any) {
	s.c.errorf(s.pos(off), format, args...)
}

// column finds the input column name matches (case-insensitively, as
// spark.sql.caseSensitive=false). It reports a missing or ambiguous name.
func (s *scope) column(name string, at int) (int, bool) {
	found := -1
	for i, c := range s.cols {
		if strings.EqualFold(c.Name, name) {
			if found >= 0 {
				s.errorf(at, "column %q is ambiguous: the input has %s", name, s.describeMatches(name))
				return -1, false
			}
			found = i
		}
	}
	if found < 0 {
		if s.c.partial {
			// An earlier step failed, so the relation may lack the column
			// for that reason alone.
			return -1, false
		}
		s.errorf(at, "column %q not found%s", name, diag.DidYouMean(name, s.names()))
		return -1, false
	}
	return found, true
}

func (s *scope) describeMatches(name string) string {
	var out []string
	for i, c := range s.cols {
		if strings.EqualFold(c.Name, name) {
			out = append(out, fmt.Sprintf("%s (column %d)", c.Name, i+1))
		}
	}
	return strings.Join(out, " and ")
}

func (s *scope) names() []string {
	out := make([]string, len(s.cols))
	for i, c := range s.cols {
		out[i] = c.Name
	}
	return out
}

// ref is a reference to input column i.
func (s *scope) ref(i int) *Ref {
	c := s.cols[i]
	return &Ref{Typed: Typed{Type: c.Type, Nullable: c.Nullable}, Index: i, Name: c.Name}
}

// field finds a struct field case-insensitively and reports a missing or
// ambiguous one; what names the struct in messages.
func (s *scope) field(t *schema.Type, name, what string, at int) (int, bool) {
	if t.Kind != schema.Struct {
		s.errorf(at, "cannot get field %q: %s is %s, not a struct", name, what, typeName(t))
		return -1, false
	}
	found := -1
	for i, f := range t.Fields {
		if strings.EqualFold(f.Name, name) {
			if found >= 0 {
				s.errorf(at, "field %q of %s is ambiguous: it matches %s and %s", name, what, t.Fields[found].Name, f.Name)
				return -1, false
			}
			found = i
		}
	}
	if found < 0 {
		names := make([]string, len(t.Fields))
		for i, f := range t.Fields {
			names[i] = f.Name
		}
		s.errorf(at, "field %q not found in %s%s", name, what, diag.DidYouMean(name, names))
		return -1, false
	}
	return found, true
}

// getField is x.name on struct value x, named as written.
func (s *scope) getField(x val, name string, at, end int) val {
	if !x.ok() {
		return val{at: at, end: end}
	}
	t := x.typ()
	i, ok := s.field(t, name, x.sql, at)
	if !ok {
		return val{at: at, end: end}
	}
	f := t.Fields[i]
	e := &GetField{Typed: Typed{Type: f.Type, Nullable: x.nullable() || f.Nullable}, X: x.e, Index: i}
	return val{e: e, sql: x.sql + "." + name, name: name, at: x.at, end: end}
}
