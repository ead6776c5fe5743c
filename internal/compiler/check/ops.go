package check

import (
	"strconv"
	"strings"

	"github.com/streamc/streamc/internal/compiler/expr"
	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/runtime/sqlfn"
)

func (s *scope) unary(e *expr.Unary) val {
	at, end := e.Pos(), e.End()
	x := s.expr(e.X)
	if !x.ok() {
		return val{at: at, end: end}
	}
	switch e.Op {
	case "NOT":
		x = s.boolean(x, "NOT")
		if !x.ok() {
			return val{at: at, end: end}
		}
		return val{e: &Not{Typed: Typed{Type: prim(schema.Boolean), Nullable: x.nullable()}, X: x.e}, sql: "(NOT " + x.sql + ")", at: at, end: end}
	case "-", "+":
		x = s.numeric(x, e.Op)
		if !x.ok() {
			return val{at: at, end: end}
		}
		if e.Op == "+" {
			x.sql, x.name, x.attr, x.at, x.end = "(+ "+x.sql+")", "", false, at, end
			return x
		}
		return val{e: &Neg{Typed: Typed{Type: x.typ(), Nullable: x.nullable()}, X: x.e}, sql: "(- " + x.sql + ")", at: at, end: end}
	}
	s.errorf(at, "operator %s is not supported", e.Op)
	return val{at: at, end: end}
}

// numeric casts a string operand to double, as Spark's arithmetic does,
// and refuses other non-numeric operands.
func (s *scope) numeric(x val, op string) val {
	switch t := x.typ(); {
	case isNumeric(t):
		return x
	case t.Kind == schema.String, t.Kind == schema.Null:
		return s.cast(x, prim(schema.Double))
	}
	s.errorf(x.at, "operator %s needs a number, not %s of type %s", op, x.sql, typeName(x.typ()))
	return val{at: x.at, end: x.end}
}

// boolean requires a boolean operand; a NULL literal becomes a boolean
// NULL.
func (s *scope) boolean(x val, what string) val {
	switch x.typ().Kind {
	case schema.Boolean:
		return x
	case schema.Null:
		return s.cast(x, prim(schema.Boolean))
	}
	s.errorf(x.at, "%s needs a boolean, not %s of type %s", what, x.sql, typeName(x.typ()))
	return val{at: x.at, end: x.end}
}

func (s *scope) binary(e *expr.Binary) val {
	at, end := e.Pos(), e.End()
	l, r := s.expr(e.L), s.expr(e.R)
	if !l.ok() || !r.ok() {
		return val{at: at, end: end}
	}
	var v val
	switch e.Op {
	case "AND", "OR":
		l, r = s.boolean(l, e.Op), s.boolean(r, e.Op)
		if !l.ok() || !r.ok() {
			return val{at: at, end: end}
		}
		v = val{e: &Logic{Typed: Typed{Type: prim(schema.Boolean), Nullable: l.nullable() || r.nullable()}, Op: e.Op, L: l.e, R: r.e}}
	case "=", "<>", "<", "<=", ">", ">=", "<=>":
		v = s.compare(e.Op, l, r, at)
	case "+", "-", "*", "/", "%", "DIV":
		v = s.arith(strings.ToLower(e.Op), l, r, at)
	case "||":
		return s.callWith("concat", "concat", []val{l, r}, at, end)
	default:
		s.errorf(at, "operator %s is not supported", e.Op)
	}
	if !v.ok() {
		return val{at: at, end: end}
	}
	op := e.Op
	if op == "DIV" {
		op = "div"
	}
	v.sql, v.at, v.end = "("+l.sql+" "+op+" "+r.sql+")", at, end
	return v
}

// compare casts both sides to their comparison type.
func (s *scope) compare(op string, l, r val, at int) val {
	t := comparisonType(l.typ(), r.typ())
	if t == nil || !(isAtomic(t) || t.Kind == schema.Null) {
		s.errorf(at, "cannot compare %s (%s) with %s (%s)", l.sql, typeName(l.typ()), r.sql, typeName(r.typ()))
		return val{}
	}
	l, r = s.cast(l, t), s.cast(r, t)
	nullable := op != "<=>" && (l.nullable() || r.nullable())
	return val{e: &Compare{Typed: Typed{Type: prim(schema.Boolean), Nullable: nullable}, Op: op, L: l.e, R: r.e}}
}

// arith types L op R as Spark 3.5 does: strings become double; "/" is
// double unless both sides are decimal or integral-and-decimal; decimal
// results take DecimalPrecision's type and keep each operand's own
// decimal type; other operands are cast to their common type.
func (s *scope) arith(op string, l, r val, at int) val {
	if l.typ().Kind == schema.Null && r.typ().Kind == schema.Null {
		l, r = s.cast(l, prim(schema.Double)), s.cast(r, prim(schema.Double))
	}
	if l.typ().Kind == schema.Null {
		l = s.cast(l, r.typ())
	}
	if r.typ().Kind == schema.Null {
		r = s.cast(r, l.typ())
	}
	l, r = s.numeric(l, op), s.numeric(r, op)
	if !l.ok() || !r.ok() {
		return val{}
	}
	lt, rt := l.typ(), r.typ()
	decimal := (lt.Kind == schema.Decimal || rt.Kind == schema.Decimal) && decimalOf(lt) != nil && decimalOf(rt) != nil
	nullable := l.nullable() || r.nullable()
	switch {
	case op == "div":
		if decimal {
			s.errorf(l.at, "div of decimals is not supported by streamc yet; cast the operands to bigint or double")
			return val{}
		}
		t := prim(schema.Long)
		l, r = s.cast(l, t), s.cast(r, t)
		return val{e: &Arith{Typed: Typed{Type: prim(schema.Long), Nullable: true}, Op: op, L: l.e, R: r.e}}
	case decimal:
		dl, dr := literalDecimal(l), literalDecimal(r)
		l, r = s.cast(l, dl), s.cast(r, dr)
		p, sc := sqlfn.DecimalResultType(op[0], dl.Precision, dl.Scale, dr.Precision, dr.Scale)
		return val{e: &Arith{Typed: Typed{Type: decimalType(p, sc), Nullable: nullable || !s.q.ANSI || op == "/" || op == "%"}, Op: op, L: l.e, R: r.e}}
	case op == "/":
		l, r = s.cast(l, prim(schema.Double)), s.cast(r, prim(schema.Double))
		return val{e: &Arith{Typed: Typed{Type: prim(schema.Double), Nullable: true}, Op: op, L: l.e, R: r.e}}
	}
	t := tightestCommonType(lt, rt)
	if t == nil {
		t = widerDecimalType(lt, rt)
	}
	if t == nil {
		s.errorf(at, "operator %s cannot combine %s and %s", op, typeName(lt), typeName(rt))
		return val{}
	}
	l, r = s.cast(l, t), s.cast(r, t)
	return val{e: &Arith{Typed: Typed{Type: t, Nullable: nullable || op == "%"}, Op: op, L: l.e, R: r.e}}
}

// isBool is x IS [NOT] TRUE|FALSE: Spark 3.5 parses it as x <=> value.
func (s *scope) isBool(e *expr.IsBool) val {
	at, end := e.Pos(), e.End()
	x := s.expr(e.X)
	if !x.ok() {
		return val{at: at, end: end}
	}
	lit := val{e: &Lit{Typed: Typed{Type: prim(schema.Boolean), Nullable: false}, Value: e.Value}, sql: map[bool]string{true: "true", false: "false"}[e.Value]}
	v := s.compare("<=>", x, lit, at)
	if !v.ok() {
		return val{at: at, end: end}
	}
	v.sql = "(" + x.sql + " <=> " + lit.sql + ")"
	if e.Not {
		v = val{e: &Not{Typed: Typed{Type: prim(schema.Boolean), Nullable: false}, X: v.e}, sql: "(NOT " + v.sql + ")"}
	}
	v.at, v.end = at, end
	return v
}

func (s *scope) in(e *expr.In) val {
	at, end := e.Pos(), e.End()
	x := s.expr(e.X)
	vals := []val{x}
	for _, item := range e.List {
		vals = append(vals, s.expr(item))
	}
	types := make([]*schema.Type, 0, len(vals))
	for _, v := range vals {
		if !v.ok() {
			return val{at: at, end: end}
		}
		types = append(types, v.typ())
	}
	t := widerCommonType(types, true)
	if t == nil {
		s.errorf(at, "IN: cannot compare %s with the list's types (%s)", typeName(x.typ()), joinTypes(types[1:]))
		return val{at: at, end: end}
	}
	if t.Kind == schema.Null {
		t = prim(schema.Boolean)
	}
	if !isAtomic(t) {
		s.errorf(at, "IN: values of type %s cannot be compared", typeName(t))
		return val{at: at, end: end}
	}
	nullable := false
	sqls := make([]string, 0, len(vals)-1)
	var list []Expr
	for i, v := range vals {
		v = s.cast(v, t)
		nullable = nullable || v.nullable()
		if i == 0 {
			x = v
			continue
		}
		list = append(list, v.e)
		sqls = append(sqls, v.sql)
	}
	sql := "(" + x.sql + " IN (" + strings.Join(sqls, ", ") + "))"
	if e.Not {
		sql = "(NOT " + sql + ")"
	}
	return val{e: &In{Typed: Typed{Type: prim(schema.Boolean), Nullable: nullable}, X: x.e, List: list, Not: e.Not}, sql: sql, at: at, end: end}
}

func joinTypes(ts []*schema.Type) string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = typeName(t)
	}
	return strings.Join(out, ", ")
}

// between is x >= lo AND x <= hi, as Spark 3.5's parser rewrites it.
func (s *scope) between(e *expr.Between) val {
	at, end := e.Pos(), e.End()
	x, lo, hi := s.expr(e.X), s.expr(e.Lo), s.expr(e.Hi)
	if !x.ok() || !lo.ok() || !hi.ok() {
		return val{at: at, end: end}
	}
	ge, le := s.compare(">=", x, lo, at), s.compare("<=", x, hi, at)
	if !ge.ok() || !le.ok() {
		return val{at: at, end: end}
	}
	sql := "((" + x.sql + " >= " + lo.sql + ") AND (" + x.sql + " <= " + hi.sql + "))"
	v := val{e: &Logic{Typed: Typed{Type: prim(schema.Boolean), Nullable: ge.nullable() || le.nullable()}, Op: "AND", L: ge.e, R: le.e}, sql: sql, at: at, end: end}
	if e.Not {
		v.e = &Not{Typed: Typed{Type: prim(schema.Boolean), Nullable: v.nullable()}, X: v.e}
		v.sql = "(NOT " + sql + ")"
	}
	return v
}

// like is x LIKE|ILIKE|RLIKE pattern: a like/ilike/rlike Call.
func (s *scope) like(e *expr.Like) val {
	at, end := e.Pos(), e.End()
	x, p := s.expr(e.X), s.expr(e.Pattern)
	if !x.ok() || !p.ok() {
		return val{at: at, end: end}
	}
	name := strings.ToLower(e.Op)
	args := []val{x, p}
	if e.Escape != "" {
		args = append(args, val{e: &Lit{Typed: Typed{Type: prim(schema.String), Nullable: false}, Value: e.Escape}, sql: e.Escape, at: p.end, end: end})
	}
	v := s.callWith(name, name, args, at, end)
	if !v.ok() {
		return v
	}
	v.sql = x.sql + " " + e.Op + " " + p.sql
	if e.Escape != "" {
		v.sql += " ESCAPE '" + e.Escape + "'"
	}
	if e.Not {
		v.e = &Not{Typed: Typed{Type: prim(schema.Boolean), Nullable: v.nullable()}, X: v.e}
		v.sql = "(NOT " + v.sql + ")"
	}
	return v
}

// caseExpr checks CASE; the simple form becomes equality conditions.
func (s *scope) caseExpr(e *expr.Case) val {
	at, end := e.Pos(), e.End()
	var operand val
	if e.Operand != nil {
		if operand = s.expr(e.Operand); !operand.ok() {
			return val{at: at, end: end}
		}
	}
	var conds, results []val
	failed := false
	for _, w := range e.Whens {
		c := s.expr(w.Cond)
		if c.ok() && e.Operand != nil {
			eq := s.compare("=", operand, c, c.at)
			if eq.ok() {
				eq.sql, eq.at, eq.end = "("+operand.sql+" = "+c.sql+")", c.at, c.end
			}
			c = eq
		} else if c.ok() {
			c = s.boolean(c, "WHEN")
		}
		r := s.expr(w.Result)
		failed = failed || !c.ok() || !r.ok()
		conds, results = append(conds, c), append(results, r)
	}
	var els val
	if e.Else != nil {
		els = s.expr(e.Else)
		failed = failed || !els.ok()
	}
	if failed {
		return val{at: at, end: end}
	}
	all := append([]val(nil), results...)
	if e.Else != nil {
		all = append(all, els)
	}
	t := s.commonType(all, "CASE", at, true)
	if t == nil {
		return val{at: at, end: end}
	}
	out := &Case{}
	nullable := e.Else == nil
	var b strings.Builder
	b.WriteString("CASE")
	for i := range conds {
		r := s.cast(results[i], t)
		nullable = nullable || r.nullable()
		out.Whens = append(out.Whens, When{Cond: conds[i].e, Result: r.e})
		b.WriteString(" WHEN " + conds[i].sql + " THEN " + results[i].sql)
	}
	if e.Else != nil {
		els = s.cast(els, t)
		nullable = nullable || els.nullable()
		out.Else = els.e
		b.WriteString(" ELSE " + els.sql)
	}
	b.WriteString(" END")
	out.Typed = Typed{Type: t, Nullable: nullable}
	return val{e: out, sql: b.String(), at: at, end: end}
}

// commonType is the wider common type of vs, reported when there is none;
// a common NULL type becomes string, as Spark's NULL columns print.
func (s *scope) commonType(vs []val, what string, at int, promoteStrings bool) *schema.Type {
	types := make([]*schema.Type, len(vs))
	for i, v := range vs {
		types[i] = v.typ()
	}
	t := widerCommonType(types, promoteStrings)
	if t == nil {
		s.errorf(at, "%s: the values have no common type (%s)", what, joinTypes(types))
		return nil
	}
	if t.Kind == schema.Null {
		t = prim(schema.String)
	}
	return t
}

// castExpr is CAST, TRY_CAST and x::type; the type is read with the DDL
// parser's type rules.
func (s *scope) castExpr(e *expr.Cast) val {
	at, end := e.Pos(), e.End()
	x := s.expr(e.X)
	t := s.typeName(e.Type)
	if !x.ok() || t == nil {
		return val{at: at, end: end}
	}
	if !canCast(x.typ(), t, s.mode(), e.Try) {
		s.errorf(at, "cannot cast %s of type %s to %s", x.sql, typeName(x.typ()), typeName(t))
		return val{at: at, end: end}
	}
	if s.castError(val{e: x.e, sql: x.sql, at: at}, t) {
		return val{at: at, end: end}
	}
	op := "CAST"
	if e.Try {
		op = "TRY_CAST"
	}
	sql := op + "(" + x.sql + " AS " + sqlTypeName(t) + ")"
	v := val{e: &Cast{Typed: Typed{Type: t, Nullable: castNullable(TypeOf(x.e), t, s.q.ANSI, e.Try)}, X: x.e, Try: e.Try}, sql: sql, at: at, end: end}
	if lit, ok := x.e.(*Lit); ok && lit.Value == nil {
		// CAST(NULL AS t) is a NULL of type t.
		v.e = &Lit{Typed: Typed{Type: t, Nullable: true}}
	}
	if x.attr {
		// ResolveAliases names a cast of a column after the column.
		v.keep = x.name
	}
	return v
}

// literalDecimal is the decimal type of an operand of decimal arithmetic:
// an integer literal takes the fewest digits that hold it (Spark's
// spark.sql.legacy.literal.pickMinimumPrecision, on by default), other
// integers their type's DecimalType.forType.
func literalDecimal(v val) *schema.Type {
	if lit, ok := v.e.(*Lit); ok && isIntegral(lit.Type) {
		if n, ok := lit.Value.(int64); ok {
			digits := len(strconv.FormatInt(n, 10))
			if n < 0 {
				digits--
			}
			return decimalType(digits, 0)
		}
	}
	return decimalOf(v.typ())
}
