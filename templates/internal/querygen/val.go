package querygen

import (
	"fmt"
	"strings"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
)

// val is a compiled expression: a Go expression of its value and one of
// its validity. The value expression is only ever evaluated where the
// validity holds, so it may dereference what is nil for NULL.
//
// Struct and decimal values are addressable expressions (a record field,
// a processor field, or *p of a pointer local), so big values are never
// copied to be read.
type val struct {
	t  *ir.Type
	x  *Statement
	ok *Statement // nil: never NULL
	// own is the local this value is; deps are the locals it reads.
	own  *local
	deps []*local
	// src is where the spec computes a column's value that is read inline
	// (no statements of its own), so its reader can say so.
	src ir.Src
}

// local is a Go variable of the Process body (a value and its validity
// flag). Its uses are counted so that a variable nobody reads is blanked
// out rather than rejected by the compiler.
type local struct {
	// id and okID are the names of the value and of its flag.
	id, okID      *Statement
	nullable      bool
	vUsed, okUsed bool
	use           *Statement
}

// newVar is a local not named yet.
func newVar(nullable bool) *local {
	return &local{id: &Statement{}, okID: &Statement{}, nullable: nullable, use: Null()}
}

// setName names the local's value and flag.
func (l *local) setName(name, ok string) {
	*l.id = append(*l.id, Id(name))
	*l.okID = append(*l.okID, Id(ok))
}

// v and okV refer to the local's value and flag.
func (l *local) v() *Statement   { return Add(l.id) }
func (l *local) okV() *Statement { return Add(l.okID) }

func (v val) touch(value, ok bool) {
	if v.own != nil {
		v.own.vUsed = v.own.vUsed || value
		v.own.okUsed = v.own.okUsed || ok
	}
	for _, d := range v.deps {
		d.vUsed, d.okUsed = true, true
	}
}

// V is the value expression.
func (v val) V() *Statement {
	v.touch(true, false)
	return cp(v.x)
}

// OK is the validity expression, nil when the value is never NULL.
func (v val) OK() *Statement {
	if v.ok == nil {
		return nil
	}
	v.touch(false, true)
	return cp(v.ok)
}

// nullable reports whether v can be NULL.
func (v val) nullable() bool { return v.ok != nil }

// allDeps is what a value derived from v reads.
func (v val) allDeps() []*local {
	out := append([]*local(nil), v.deps...)
	if v.own != nil {
		out = append(out, v.own)
	}
	return out
}

// derive makes a value computed inline from ins: x and ok are already
// built from their V/OK (so they are counted), and the new value reads
// all of ins' locals.
func derive(t *ir.Type, x, ok *Statement, ins ...val) val {
	r := val{t: t, x: x, ok: ok}
	for _, in := range ins {
		r.deps = append(r.deps, in.allDeps()...)
	}
	return r
}

// and joins validity expressions; nil ones (never NULL) are left out and
// the result is nil when all are. Conditions repeated through shared
// inputs are written once. (Validity expressions hold only locals, flags
// and comparisons, never package references, so their text can be
// rebuilt.)
func and(oks ...*Statement) *Statement {
	var parts []*Statement
	for _, o := range oks {
		if o != nil {
			parts = append(parts, o)
		}
	}
	switch len(parts) {
	case 0:
		return nil
	case 1:
		return parts[0]
	}
	var terms []string
	seen := map[string]bool{}
	for _, p := range parts {
		for _, t := range conjuncts(fmt.Sprintf("%#v", p)) {
			if !seen[t] {
				seen[t] = true
				terms = append(terms, t)
			}
		}
	}
	if len(terms) == 1 {
		return Op(terms[0])
	}
	for i, t := range terms {
		if strings.ContainsAny(t, " ") {
			terms[i] = "(" + t + ")"
		}
	}
	return Op(strings.Join(terms, " && "))
}

// conjuncts splits s at its top-level && operators, dropping parentheses
// around the whole of each term.
func conjuncts(s string) []string {
	s = strings.TrimSpace(s)
	for len(s) > 1 && s[0] == '(' && closing(s, 0) == len(s)-1 {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	depth := 0
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case '&':
			if depth == 0 && s[i+1] == '&' {
				return append(conjuncts(s[:i]), conjuncts(s[i+2:])...)
			}
		}
	}
	return []string{s}
}

// closing is the index of the parenthesis closing the one at open.
func closing(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// oks are the validity expressions of vs.
func oks(vs ...val) []*Statement {
	out := make([]*Statement, len(vs))
	for i, v := range vs {
		out[i] = v.OK()
	}
	return out
}

// guarded emits body under cond, or directly when cond is nil.
func guarded(g *Group, cond *Statement, body func(g *Group)) {
	if cond == nil {
		body(g)
		return
	}
	g.If(cond).BlockFunc(body)
}

// cp copies a statement so that chaining onto the copy (jennifer's
// methods append in place) never changes the original or other copies.
func cp(s *Statement) *Statement {
	t := make(Statement, len(*s))
	copy(t, *s)
	return &t
}
