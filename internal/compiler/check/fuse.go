package check

import "github.com/streamc/streamc/internal/ir"

// fuse merges a projection into the one before it when that loses
// nothing: the later one has no generator and each column of the earlier
// one it reads is cheap to repeat or read once. Chains of withColumn,
// drop and renames then become one projection, which the emitter turns
// into one pass.
func fuse(steps []Step) []Step {
	var out []Step
	for _, st := range steps {
		p, ok := st.(*Project)
		if ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(*Project); ok && p.Generator == nil && canFuse(prev, p) {
				out[len(out)-1] = merge(prev, p)
				continue
			}
		}
		out = append(out, st)
	}
	return out
}

func canFuse(prev, p *Project) bool {
	uses := make([]int, len(prev.Columns))
	for _, e := range Exprs(p) {
		Walk(e, func(e Expr) {
			if r, ok := e.(*Ref); ok && r.Index < len(uses) {
				uses[r.Index]++
			}
		})
	}
	for i, n := range uses {
		if n > 1 && !cheap(prev.Columns[i].Expr) {
			return false
		}
	}
	return true
}

// cheap reports an expression worth repeating rather than storing.
func cheap(e Expr) bool {
	switch e := e.(type) {
	case *Ref, *GenOutput, *Lit:
		return true
	case *GetField:
		return cheap(e.X)
	}
	return false
}

// merge is p with its references to prev's columns replaced by their
// expressions.
func merge(prev, p *Project) *Project {
	out := &Project{Generator: prev.Generator, Columns: make([]*Column, len(p.Columns))}
	for i, c := range p.Columns {
		src := c.Src
		if r, ok := c.Expr.(*Ref); ok && r.Index < len(prev.Columns) {
			src = prev.Columns[r.Index].Src // passed through: computed before
		}
		out.Columns[i] = &Column{Name: c.Name, Type: c.Type, Nullable: c.Nullable, Expr: substitute(c.Expr, prev.Columns), Src: src}
	}
	return out
}

// substitute rebuilds e with every *Ref replaced by cols[Index].Expr.
// Nodes are copied, never changed in place.
func substitute(e Expr, cols []*Column) Expr {
	sub := func(x Expr) Expr { return substitute(x, cols) }
	switch e := e.(type) {
	case nil:
		return nil
	case *Ref:
		if e.Index >= len(cols) || cols[e.Index].Expr == nil {
			return e
		}
		c := cols[e.Index]
		if cheap(c.Expr) || c.Src.Text == "" {
			return c.Expr // cannot fail, or has no text of its own to name
		}
		return &ir.Inlined{Typed: ir.TypeOf(c.Expr), X: c.Expr, Name: c.Name, Src: c.Src}
	case *ir.Inlined:
		n := *e
		n.X = sub(e.X)
		return &n
	case *GetField:
		n := *e
		n.X = sub(e.X)
		return &n
	case *GetItem:
		n := *e
		n.X, n.Key = sub(e.X), sub(e.Key)
		return &n
	case *Cast:
		n := *e
		n.X = sub(e.X)
		return &n
	case *Arith:
		n := *e
		n.L, n.R = sub(e.L), sub(e.R)
		return &n
	case *Neg:
		n := *e
		n.X = sub(e.X)
		return &n
	case *Compare:
		n := *e
		n.L, n.R = sub(e.L), sub(e.R)
		return &n
	case *Logic:
		n := *e
		n.L, n.R = sub(e.L), sub(e.R)
		return &n
	case *Not:
		n := *e
		n.X = sub(e.X)
		return &n
	case *IsNull:
		n := *e
		n.X = sub(e.X)
		return &n
	case *In:
		n := *e
		n.X = sub(e.X)
		n.List = subAll(e.List, cols)
		return &n
	case *Case:
		n := *e
		n.Whens = make([]When, len(e.Whens))
		for i, w := range e.Whens {
			n.Whens[i] = When{Cond: sub(w.Cond), Result: sub(w.Result)}
		}
		n.Else = sub(e.Else)
		return &n
	case *MakeStruct:
		n := *e
		n.Fields = subAll(e.Fields, cols)
		n.Srcs = make([]ir.Src, len(e.Fields))
		for i, f := range e.Fields {
			if r, ok := f.(*Ref); ok && r.Index < len(cols) {
				n.Srcs[i] = cols[r.Index].Src
			} else if i < len(e.Srcs) {
				n.Srcs[i] = e.Srcs[i]
			}
		}
		return &n
	case *Call:
		n := *e
		n.Args = subAll(e.Args, cols)
		return &n
	}
	return e
}

func subAll(es []Expr, cols []*Column) []Expr {
	out := make([]Expr, len(es))
	for i, e := range es {
		out[i] = substitute(e, cols)
	}
	return out
}
