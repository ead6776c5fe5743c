package check

import (
	"errors"
	"strings"

	"github.com/streamc/streamc/internal/compiler/expr"
	"github.com/streamc/streamc/internal/compiler/spec"
	"github.com/streamc/streamc/internal/ir"
)

// step checks one transform step against the relation in and returns its
// IR steps and the relation after them. A withColumn map applies its
// entries in order, each seeing the ones before (as chained withColumn
// calls do); fuse merges the resulting projections.
func (c *checker) step(q *Query, st spec.Step, in []*Column) ([]Step, []*Column) {
	newScope := func(src spec.Str, cols []*Column) *scope {
		return &scope{c: c, q: q, src: src, cols: cols}
	}
	switch {
	case st.Select != nil:
		p := &Project{Columns: []*Column{}}
		for _, item := range st.Select {
			s := newScope(item, in)
			e, ok := s.parse(item, expr.ParseColumn)
			if !ok {
				continue
			}
			p.Columns = append(p.Columns, at(item, p, s.item(e, p, nil))...)
		}
		return []Step{p}, p.Columns
	case st.SelectExpr != nil:
		p := &Project{Columns: []*Column{}}
		var gen *genItem
		for _, item := range st.SelectExpr {
			s := newScope(item, in)
			e, ok := s.parse(item, expr.ParseNamed)
			if !ok {
				continue
			}
			p.Columns = append(p.Columns, at(item, p, s.item(e, p, &gen))...)
		}
		return []Step{p}, p.Columns
	case st.WithColumn != nil:
		var steps []Step
		cols := in
		for _, entry := range st.WithColumn {
			s := newScope(entry.Value, cols)
			e, ok := s.parse(entry.Value, expr.Parse)
			if !ok {
				continue
			}
			p := &Project{}
			var gen *genItem
			out := at(entry.Value, p, s.item(&withName{e, entry.Key}, p, &gen))
			if len(out) != 1 {
				if len(out) > 1 {
					s.errorf(e.Pos(), "withColumn %s: the generator produces %d columns; withColumn takes one (use selectExpr with AS (a, b))", entry.Key, len(out))
				}
				continue
			}
			p.Columns = withColumn(s, out[0])
			steps = append(steps, p)
			cols = p.Columns
		}
		return steps, cols
	case st.WithColumnRenamed != nil:
		s := newScope(spec.Str{}, in)
		p := &Project{Columns: passThrough(s)}
		for _, entry := range st.WithColumnRenamed {
			for _, col := range p.Columns {
				if strings.EqualFold(col.Name, entry.Key) {
					col.Name = entry.Value.Value
				}
			}
		}
		return []Step{p}, p.Columns
	case st.Drop != nil:
		s := newScope(spec.Str{}, in)
		p := &Project{Columns: []*Column{}}
		for _, col := range passThrough(s) {
			dropped := false
			for _, name := range st.Drop {
				dropped = dropped || strings.EqualFold(col.Name, name.Value)
			}
			if !dropped {
				p.Columns = append(p.Columns, col)
			}
		}
		return []Step{p}, p.Columns
	case st.Filter != nil || st.Where != nil:
		src := st.Filter
		if src == nil {
			src = st.Where
		}
		s := newScope(*src, in)
		e, ok := s.parse(*src, expr.Parse)
		if !ok {
			return nil, in
		}
		v := s.expr(e)
		if !v.ok() {
			return nil, in
		}
		v = s.boolean(v, "filter")
		if !v.ok() {
			return nil, in
		}
		return []Step{&Filter{Cond: v.e, Src: srcOf(*src)}}, in
	}
	return nil, in
}

// at gives the columns an item computes (and p's generator, when the item
// made it) the item's source; a star's columns are its input's, passed
// through.
func at(item spec.Str, p *Project, cols []*Column) []*Column {
	if p.Generator != nil && p.Generator.Src.Text == "" {
		p.Generator.Src = srcOf(item)
	}
	for _, c := range cols {
		if _, ref := c.Expr.(*Ref); !ref {
			c.Src = srcOf(item)
		}
	}
	return cols
}

// srcOf is the IR's form of an expression's spec text.
func srcOf(s spec.Str) ir.Src { return ir.Src{Pos: exprPos(s, 0), Text: s.Value} }

// withName carries a withColumn entry's name as an alias.
type withName struct {
	expr.Expr
	name string
}

// parse parses an expression, reporting a syntax error at its position.
func (s *scope) parse(src spec.Str, parse func(string) (expr.Expr, error)) (expr.Expr, bool) {
	e, err := parse(src.Value)
	if err != nil {
		var pe *expr.Error
		if errors.As(err, &pe) {
			s.errorf(pe.Offset, "syntax error: %s", pe.Msg)
		} else {
			s.errorf(0, "syntax error: %v", err)
		}
		return nil, false
	}
	return e, true
}

// passThrough is every input column as a reference to itself.
func passThrough(s *scope) []*Column {
	out := make([]*Column, len(s.cols))
	for i, c := range s.cols {
		out[i] = &Column{Name: c.Name, Type: c.Type, Nullable: c.Nullable, Expr: s.ref(i)}
	}
	return out
}

// withColumn replaces the columns named like col (case-insensitively) in
// place, or appends it.
func withColumn(s *scope, col *Column) []*Column {
	out := passThrough(s)
	replaced := false
	for i, c := range out {
		if strings.EqualFold(c.Name, col.Name) {
			out[i] = &Column{Name: col.Name, Type: col.Type, Nullable: col.Nullable, Expr: col.Expr, Src: col.Src}
			replaced = true
		}
	}
	if !replaced {
		out = append(out, col)
	}
	return out
}
