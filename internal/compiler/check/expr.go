package check

import (
	"strings"

	"github.com/streamc/streamc/internal/compiler/expr"
	"github.com/streamc/streamc/internal/compiler/schema"
)

// expr checks one parsed expression against the scope's relation.
// Generators are refused here; select lists take them at the top (see
// item).
func (s *scope) expr(e expr.Expr) val {
	if e == nil {
		return val{}
	}
	at, end := e.Pos(), e.End()
	switch e := e.(type) {
	case *expr.Literal:
		return s.literal(e)
	case *expr.Column:
		return s.columnPath(e)
	case *expr.Star:
		s.errorf(at, "%s is only allowed as a select item or in struct(*)", starText(e))
		return val{at: at, end: end}
	case *expr.Unary:
		return s.unary(e)
	case *expr.Binary:
		return s.binary(e)
	case *expr.IsNull:
		x := s.expr(e.X)
		if !x.ok() {
			return val{at: at, end: end}
		}
		op := "IS NULL"
		if e.Not {
			op = "IS NOT NULL"
		}
		return val{e: &IsNull{Typed: Typed{Type: prim(schema.Boolean), Nullable: false}, X: x.e, Not: e.Not},
			sql: "(" + x.sql + " " + op + ")", at: at, end: end}
	case *expr.IsBool:
		return s.isBool(e)
	case *expr.In:
		return s.in(e)
	case *expr.Between:
		return s.between(e)
	case *expr.Like:
		return s.like(e)
	case *expr.Case:
		return s.caseExpr(e)
	case *expr.Cast:
		return s.castExpr(e)
	case *expr.Call:
		return s.call(e)
	case *expr.Index:
		return s.index(e)
	case *expr.Field:
		// Only a column path is named after its last part; x.f on another
		// expression is named by its text, as Spark's ExtractValue.
		v := s.getField(s.expr(e.X), e.Name, at, end)
		v.name = ""
		return v
	case *expr.Alias:
		s.errorf(at, "an alias (AS %s) is only allowed at the top of a select item", strings.Join(e.Names, ", "))
		return val{at: at, end: end}
	case *expr.Lambda:
		s.errorf(at, "lambda functions are not supported: streamc has no higher-order functions")
		return val{at: at, end: end}
	}
	s.errorf(at, "unsupported expression")
	return val{at: at, end: end}
}

func starText(e *expr.Star) string {
	if len(e.Qualifier) == 0 {
		return "*"
	}
	return strings.Join(e.Qualifier, ".") + ".*"
}

// columnPath resolves a.b.c: a is an input column, the rest struct fields.
// A plain column keeps the relation's spelling; a field is named as
// written, as Spark does.
func (s *scope) columnPath(c *expr.Column) val {
	at, end := c.Pos(), c.End()
	i, ok := s.column(c.Parts[0], at)
	if !ok {
		return val{at: at, end: end}
	}
	col := s.cols[i]
	v := val{e: s.ref(i), sql: quoteIdent(col.Name), name: col.Name, attr: true, at: at, end: end}
	for k, part := range c.Parts[1:] {
		off := partOffset(s.src.Value, c, k+1)
		v = s.getField(v, part, off, end)
		if !v.ok() {
			return v
		}
		v.at = at
	}
	if len(c.Parts) > 1 {
		v.attr = false
	}
	return v
}

// partOffset is the byte offset of c.Parts[k] when the path is written
// plainly (a.b.c); otherwise the path's start.
func partOffset(src string, c *expr.Column, k int) int {
	if c.Pos() < 0 || c.End() > len(src) || src[c.Pos():c.End()] != strings.Join(c.Parts, ".") {
		return c.Pos()
	}
	return c.Pos() + len(strings.Join(c.Parts[:k], ".")) + 1
}

// index is x[i]: an array element (0-based), a map value, or a struct
// field by a constant name.
func (s *scope) index(e *expr.Index) val {
	at, end := e.Pos(), e.End()
	x := s.expr(e.X)
	k := s.expr(e.Index)
	if !x.ok() || !k.ok() {
		return val{at: at, end: end}
	}
	sql := x.sql + "[" + k.sql + "]"
	t := x.typ()
	switch t.Kind {
	case schema.Array:
		if !isIntegral(k.typ()) && k.typ().Kind != schema.Null {
			s.errorf(k.at, "array index must be an integer, not %s", typeName(k.typ()))
			return val{at: at, end: end}
		}
		key := s.cast(k, prim(schema.Int))
		nullable := true
		if s.q.ANSI {
			nullable = x.nullable() || k.nullable() || t.ContainsNull
		}
		return val{e: &GetItem{Typed: Typed{Type: t.Elem, Nullable: nullable}, X: x.e, Key: key.e}, sql: sql, at: at, end: end}
	case schema.Map:
		if !implicitCastOK(k.typ(), t.Key) {
			s.errorf(k.at, "map key must be %s, not %s", typeName(t.Key), typeName(k.typ()))
			return val{at: at, end: end}
		}
		key := s.cast(k, t.Key)
		return val{e: &GetItem{Typed: Typed{Type: t.Value, Nullable: true}, X: x.e, Key: key.e}, sql: sql, at: at, end: end}
	case schema.Struct:
		lit, ok := e.Index.(*expr.Literal)
		if !ok || lit.Kind != expr.LitString {
			s.errorf(k.at, "a struct field is selected by a constant string, as s['name']")
			return val{at: at, end: end}
		}
		v := s.getField(x, lit.Text, k.at, end)
		v.name = ""
		return v
	}
	s.errorf(at, "cannot index %s of type %s: [] applies to arrays, maps and structs", x.sql, typeName(t))
	return val{at: at, end: end}
}

// cast converts v to t implicitly: no node when the types already agree,
// a typed NULL for a NULL literal, else a *Cast. The SQL text is kept, as
// Spark's pretty names leave implicit casts out.
func (s *scope) cast(v val, t *schema.Type) val {
	if !v.ok() {
		return v
	}
	if lit, ok := v.e.(*Lit); ok && lit.Value == nil {
		if !sameType(v.typ(), t, true) {
			v.e = &Lit{Typed: Typed{Type: t, Nullable: true}}
		}
		return v
	}
	if sameType(v.typ(), t, true) && (isAtomic(t) || sameGoShape(v.typ(), t)) {
		return v
	}
	// An uncompiled cast is reported here; the node stays, so that callers
	// carry on (the query has an error and is never emitted).
	s.castError(v, t)
	v.e = &Cast{Typed: Typed{Type: t, Nullable: castNullable(TypeOf(v.e), t, s.q.ANSI, false)}, X: v.e}
	return v
}
