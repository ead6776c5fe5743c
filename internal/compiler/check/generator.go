package check

import (
	"strings"

	"github.com/streamc/streamc/internal/compiler/expr"
	"github.com/streamc/streamc/internal/compiler/schema"
)

// genItem is the generator a select list already holds.
type genItem struct {
	sql string
}

// item checks one select item: a star, a generator, or an expression with
// an optional alias; gen is nil where generators are not allowed. It
// returns the item's output columns (none after an error).
func (s *scope) item(e expr.Expr, p *Project, gen **genItem) []*Column {
	var names []string
	namePos := e.Pos()
	switch a := e.(type) {
	case *withName:
		names, e = []string{a.name}, a.Expr
	case *expr.Alias:
		names, e = a.Names, a.X
	}
	if star, ok := e.(*expr.Star); ok {
		if names != nil {
			s.errorf(namePos, "%s cannot take an alias", starText(star))
			return nil
		}
		var out []*Column
		for _, v := range s.expandStar(star) {
			out = append(out, &Column{Name: v.name, Type: v.typ(), Nullable: v.nullable(), Expr: v.e})
		}
		return out
	}
	if call, ok := e.(*expr.Call); ok && isGenerator(call.Name) && gen != nil {
		return s.generator(call, names, p, gen)
	}
	v := s.expr(e)
	if !v.ok() {
		return nil
	}
	if len(names) > 1 {
		s.errorf(namePos, "%s produces one column but %d names are given", v.sql, len(names))
		return nil
	}
	if v.typ().Kind == schema.Null {
		// A void column has no Go form, and Spark's file sinks refuse it.
		s.errorf(v.at, "%s has no type (NULL); give it one, e.g. CAST(NULL AS STRING)", v.sql)
		return nil
	}
	name := v.sql
	switch {
	case len(names) == 1:
		name = names[0]
	case v.name != "":
		name = v.name
	case v.keep != "":
		name = v.keep
	}
	return []*Column{{Name: name, Type: v.typ(), Nullable: v.nullable(), Expr: v.e}}
}

// generator checks explode, explode_outer, posexplode and
// posexplode_outer at the top of a select item and sets p.Generator.
func (s *scope) generator(call *expr.Call, names []string, p *Project, gen **genItem) []*Column {
	kind := strings.ToLower(call.Name)
	if len(call.Args) != 1 {
		s.errorf(call.NamePos, "function %s takes 1 argument, not %d", kind, len(call.Args))
		return nil
	}
	x := s.expr(call.Args[0])
	if !x.ok() {
		return nil
	}
	sql := kind + "(" + x.sql + ")"
	if *gen != nil {
		s.errorf(call.Pos(), "only one generator allowed per select clause but found 2: %s, %s", (*gen).sql, sql)
		return nil
	}
	outer := strings.HasSuffix(kind, "_outer")
	type output struct {
		role, name string
		t          *schema.Type
		nullable   bool
	}
	var outs []output
	if strings.HasPrefix(kind, "pos") {
		outs = append(outs, output{"pos", "pos", prim(schema.Int), outer})
	}
	switch t := x.typ(); t.Kind {
	case schema.Array:
		outs = append(outs, output{"col", "col", t.Elem, outer || t.ContainsNull})
	case schema.Map:
		outs = append(outs, output{"key", "key", t.Key, outer}, output{"value", "value", t.Value, outer || t.ValueContainsNull})
	default:
		s.errorf(x.at, "function %s: argument 1 must be an array or a map, not %s (%s)", kind, typeName(t), x.sql)
		return nil
	}
	if names != nil && len(names) != len(outs) {
		s.errorf(call.Pos(), "%s produces %d columns but %d names are given", sql, len(outs), len(names))
		return nil
	}
	*gen = &genItem{sql: sql}
	p.Generator = &Generator{Kind: kind, X: x.e}
	cols := make([]*Column, len(outs))
	for i, o := range outs {
		name := o.name
		if names != nil {
			name = names[i]
		}
		cols[i] = &Column{Name: name, Type: o.t, Nullable: o.nullable, Expr: &GenOutput{Typed: Typed{Type: o.t, Nullable: o.nullable}, Role: o.role}}
	}
	return cols
}
