package ir

// Children returns e's operands in evaluation order.
func Children(e Expr) []Expr {
	switch e := e.(type) {
	case *GetField:
		return []Expr{e.X}
	case *GetItem:
		return []Expr{e.X, e.Key}
	case *Cast:
		return []Expr{e.X}
	case *Inlined:
		return []Expr{e.X}
	case *Arith:
		return []Expr{e.L, e.R}
	case *Neg:
		return []Expr{e.X}
	case *Compare:
		return []Expr{e.L, e.R}
	case *Logic:
		return []Expr{e.L, e.R}
	case *Not:
		return []Expr{e.X}
	case *IsNull:
		return []Expr{e.X}
	case *In:
		return append([]Expr{e.X}, e.List...)
	case *Case:
		var out []Expr
		for _, w := range e.Whens {
			out = append(out, w.Cond, w.Result)
		}
		if e.Else != nil {
			out = append(out, e.Else)
		}
		return out
	case *MakeStruct:
		return e.Fields
	case *Call:
		return e.Args
	}
	return nil
}

// Walk calls fn for e and, depth first, every expression under it.
func Walk(e Expr, fn func(Expr)) {
	if e == nil {
		return
	}
	fn(e)
	for _, c := range Children(e) {
		Walk(c, fn)
	}
}

// Exprs returns the top-level expressions of a step: its columns'
// expressions and its generator's or filter's.
func Exprs(s Step) []Expr {
	switch s := s.(type) {
	case *Project:
		var out []Expr
		if s.Generator != nil {
			out = append(out, s.Generator.X)
		}
		for _, c := range s.Columns {
			if c.Expr != nil {
				out = append(out, c.Expr)
			}
		}
		return out
	case *Filter:
		return []Expr{s.Cond}
	}
	return nil
}
