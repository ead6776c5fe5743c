package querygen

import (
	"github.com/streamc/streamc/internal/ir"
)

// fieldsRead returns the mask of the top-level fields of source column src
// (a decoded record) that the query reads, bit i for field i, and whether
// the mask may be used at all: a query that reads the record whole (to_json
// of it, passes it to the sink, or uses it any way but through a field)
// needs every field. Only the live parts of the plan count, so a field read
// by a column nobody uses is not read either.
func fieldsRead(q *ir.Query, src int, nfields int) (uint64, bool) {
	if nfields > 64 {
		return 0, false
	}
	live := liveness(q)
	// alias[i] marks the columns of step i's input that are src passed
	// through unchanged.
	alias := make([]bool, len(q.Source.Columns))
	alias[src] = true
	var mask uint64
	whole := false
	var visit func(e ir.Expr)
	visit = func(e ir.Expr) {
		switch e := e.(type) {
		case *ir.GetField:
			if r, ok := e.X.(*ir.Ref); ok && r.Index < len(alias) && alias[r.Index] {
				mask |= 1 << uint(e.Index)
				return
			}
		case *ir.Ref:
			if e.Index < len(alias) && alias[e.Index] {
				whole = true
			}
			return
		}
		for _, c := range ir.Children(e) {
			visit(c)
		}
	}
	for i, s := range q.Steps {
		switch s := s.(type) {
		case *ir.Filter:
			visit(s.Cond)
		case *ir.Project:
			if s.Generator != nil {
				visit(s.Generator.X)
			}
			next := make([]bool, len(s.Columns))
			for j, col := range s.Columns {
				if !live[i+1][j] || col.Expr == nil {
					continue
				}
				if r, ok := col.Expr.(*ir.Ref); ok && r.Index < len(alias) && alias[r.Index] {
					next[j] = true
					continue
				}
				visit(col.Expr)
			}
			alias = next
		}
	}
	// What reaches the sink unchanged is written whole.
	for j, a := range alias {
		if a && j < len(live[len(q.Steps)]) && live[len(q.Steps)][j] {
			whole = true
		}
	}
	return mask, !whole
}
