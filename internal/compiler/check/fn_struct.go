package check

import (
	"fmt"
	"strings"

	"github.com/streamc/streamc/internal/compiler/expr"
	"github.com/streamc/streamc/internal/compiler/schema"
)

// makeStruct is struct(...): a field per argument, named as Spark's
// CreateStruct names it (see structFieldName); * and x.* expand to the input
// columns or x's fields.
func (s *scope) makeStruct(e *expr.Call) val {
	at, end := e.Pos(), e.End()
	var (
		vals  []val
		names []string
	)
	failed := false
	for i, a := range e.Args {
		if al, ok := a.(*expr.Alias); ok {
			if star, ok := al.X.(*expr.Star); ok {
				s.errorf(al.Pos(), "struct: %s cannot take an alias: it expands to one field per column", starText(star))
				failed = true
				continue
			}
			if len(al.Names) != 1 {
				s.errorf(al.Pos(), "struct: an argument takes one alias, not (%s)", strings.Join(al.Names, ", "))
				failed = true
				continue
			}
		}
		if star, ok := a.(*expr.Star); ok {
			vs := s.expandStar(star)
			failed = failed || vs == nil
			for _, v := range vs {
				vals = append(vals, v)
				names = append(names, v.name)
			}
			continue
		}
		name := structFieldName(a, i)
		var v val
		if al, ok := a.(*expr.Alias); ok {
			v = s.expr(al.X)
			v.sql += " AS " + quoteIdent(name) // as Spark's Alias.sql
		} else {
			v = s.expr(a)
		}
		failed = failed || !v.ok()
		vals = append(vals, v)
		names = append(names, name)
	}
	if failed {
		return val{at: at, end: end}
	}
	t := &schema.Type{Kind: schema.Struct, Fields: []*schema.Field{}}
	out := &MakeStruct{Typed: Typed{Type: t, Nullable: false}}
	sqls := make([]string, len(vals))
	for i, v := range vals {
		t.Fields = append(t.Fields, &schema.Field{Name: names[i], Type: v.typ(), Nullable: v.nullable()})
		out.Fields = append(out.Fields, v.e)
		sqls[i] = v.sql
	}
	return val{e: out, sql: "struct(" + strings.Join(sqls, ", ") + ")", at: at, end: end}
}

// structFieldName is the name Spark 3.5's CreateStruct gives argument i of
// struct(...), read off the syntax as Spark reads it before resolution: the
// alias; a column path's last part; the name after a dot or a string
// subscript (x.f, m['k']), as written; otherwise col<i+1>, where i counts
// the arguments as written (a star is one).
func structFieldName(a expr.Expr, i int) string {
	switch a := a.(type) {
	case *expr.Alias:
		return a.Names[0]
	case *expr.Column:
		return a.Parts[len(a.Parts)-1]
	case *expr.Field:
		return a.Name
	case *expr.Index:
		if lit, ok := a.Index.(*expr.Literal); ok && lit.Kind == expr.LitString {
			return lit.Text
		}
	}
	return fmt.Sprintf("col%d", i+1)
}

// expandStar is * (every input column) or x.* (x's fields, x a struct),
// each named as Spark names it; nil after an error.
func (s *scope) expandStar(star *expr.Star) []val {
	at, end := star.Pos(), star.End()
	if len(star.Qualifier) == 0 {
		vals := make([]val, len(s.cols))
		for i, c := range s.cols {
			vals[i] = val{e: s.ref(i), sql: quoteIdent(c.Name), name: c.Name, attr: true, at: at, end: end}
		}
		if len(vals) == 0 {
			return []val{}
		}
		return vals
	}
	x := s.columnPath(&expr.Column{Parts: star.Qualifier})
	if !x.ok() {
		return nil
	}
	t := x.typ()
	if t.Kind != schema.Struct {
		s.errorf(at, "cannot expand %s.*: it is %s, not a struct", strings.Join(star.Qualifier, "."), typeName(t))
		return nil
	}
	vals := []val{}
	for i, f := range t.Fields {
		e := &GetField{Typed: Typed{Type: f.Type, Nullable: x.nullable() || f.Nullable}, X: x.e, Index: i}
		vals = append(vals, val{e: e, sql: x.sql + "." + quoteIdent(f.Name), name: f.Name, at: at, end: end})
	}
	return vals
}

// namedStruct is named_struct('a', x, 'b', y): names are string constants.
func (s *scope) namedStruct(e *expr.Call) val {
	at, end := e.Pos(), e.End()
	if len(e.Args)%2 != 0 || len(e.Args) == 0 {
		s.errorf(e.NamePos, "function named_struct takes name/value pairs, not %d arguments", len(e.Args))
		return val{at: at, end: end}
	}
	t := &schema.Type{Kind: schema.Struct, Fields: []*schema.Field{}}
	out := &MakeStruct{Typed: Typed{Type: t, Nullable: false}}
	var sqls []string
	failed := false
	for i := 0; i < len(e.Args); i += 2 {
		lit, ok := e.Args[i].(*expr.Literal)
		if !ok || lit.Kind != expr.LitString {
			s.errorf(e.Args[i].Pos(), "function named_struct: argument %d must be a field name as a string constant", i+1)
			failed = true
			continue
		}
		v := s.expr(e.Args[i+1])
		if !v.ok() {
			failed = true
			continue
		}
		t.Fields = append(t.Fields, &schema.Field{Name: lit.Text, Type: v.typ(), Nullable: v.nullable()})
		out.Fields = append(out.Fields, v.e)
		sqls = append(sqls, lit.Text, v.sql)
	}
	if failed {
		return val{at: at, end: end}
	}
	return val{e: out, sql: "named_struct(" + strings.Join(sqls, ", ") + ")", at: at, end: end}
}

// fromJSON is from_json(text, 'ddl'): the DDL, parsed at generate time,
// is the result type; the Call keeps only the text argument.
func (s *scope) fromJSON(e *expr.Call) val {
	at, end := e.Pos(), e.End()
	if len(e.Args) != 2 {
		if len(e.Args) == 3 {
			s.errorf(e.Args[2].Pos(), "function from_json: options are not supported here; use readStream's value format json with options")
		} else {
			s.errorf(e.NamePos, "function from_json takes 2 arguments (text, schema as a DDL string), not %d", len(e.Args))
		}
		return val{at: at, end: end}
	}
	x := s.expr(e.Args[0])
	lit, ok := e.Args[1].(*expr.Literal)
	if !ok || lit.Kind != expr.LitString {
		s.errorf(e.Args[1].Pos(), "function from_json: the schema must be a DDL string constant, as 'a INT, b STRING'")
		return val{at: at, end: end}
	}
	base := s.pos(lit.Pos())
	if base.Column > 0 {
		base.Column++ // past the quote
	}
	t, err := schema.ParseDDL(s.src.Pos.File, lit.Text, base)
	if err != nil {
		s.c.errs.Append(err)
		return val{at: at, end: end}
	}
	if !x.ok() {
		return val{at: at, end: end}
	}
	f := &fnCall{name: "from_json", written: "from_json", args: []val{x}, at: at, end: end}
	if !s.want(f, 0, prim(schema.String)) {
		return val{at: at, end: end}
	}
	v := s.result(f, t, true)
	v.at, v.end = at, end
	return v
}

func toJSONFn(s *scope, f *fnCall) val {
	switch f.args[0].typ().Kind {
	case schema.Struct, schema.Array, schema.Map:
		return s.strict(f, prim(schema.String), false)
	}
	return s.fail(f, 0, "a struct, an array or a map")
}

func toCSVFn(s *scope, f *fnCall) val {
	t := f.args[0].typ()
	if t.Kind != schema.Struct {
		return s.fail(f, 0, "a struct")
	}
	for _, fld := range t.Fields {
		if !isAtomic(fld.Type) {
			s.errorf(f.args[0].at, "function to_csv: field %s of type %s is not atomic; CSV holds atomic values only", fld.Name, typeName(fld.Type))
			return val{}
		}
	}
	return s.strict(f, prim(schema.String), false)
}
