package querygen

import (
	"github.com/streamc/streamc/internal/ir"
)

// liveness returns, for each step i, which columns of its input relation
// are read by what follows (live[len(Steps)] is the sink's need), so that
// no unused column is ever computed.
func liveness(q *ir.Query) [][]bool {
	n := len(q.Steps)
	rels := make([][]*ir.Column, n+1)
	rels[0] = q.Source.Columns
	for i, s := range q.Steps {
		switch s := s.(type) {
		case *ir.Project:
			rels[i+1] = s.Columns
		case *ir.Filter:
			rels[i+1] = rels[i]
		}
	}
	live := make([][]bool, n+1)
	live[n] = sinkNeeds(q, len(rels[n]))
	for i := n - 1; i >= 0; i-- {
		in := make([]bool, len(rels[i]))
		mark := func(e ir.Expr) {
			ir.Walk(e, func(e ir.Expr) {
				if r, ok := e.(*ir.Ref); ok && r.Index < len(in) {
					in[r.Index] = true
				}
			})
		}
		switch s := q.Steps[i].(type) {
		case *ir.Filter:
			copy(in, live[i+1])
			mark(s.Cond)
		case *ir.Project:
			if s.Generator != nil {
				mark(s.Generator.X)
			}
			for j, col := range s.Columns {
				if live[i+1][j] && col.Expr != nil {
					mark(col.Expr)
				}
			}
		}
		live[i] = in
	}
	return live
}

// sinkNeeds are the output columns the sink writes.
func sinkNeeds(q *ir.Query, n int) []bool {
	need := make([]bool, n)
	if q.Sink.Format != "kafka" {
		for i := range need {
			need[i] = true
		}
		return need
	}
	for _, i := range []int{q.Sink.Key, q.Sink.Value, q.Sink.Topic, q.Sink.Partition, q.Sink.Headers} {
		if i >= 0 && i < n {
			need[i] = true
		}
	}
	return need
}

// usesGen reports whether e reads a generator output.
func usesGen(e ir.Expr) bool {
	found := false
	ir.Walk(e, func(e ir.Expr) {
		if _, ok := e.(*ir.GenOutput); ok {
			found = true
		}
	})
	return found
}
