package check

import (
	"github.com/streamc/streamc/internal/compiler/catalog"
	"github.com/streamc/streamc/internal/compiler/expr"
	"github.com/streamc/streamc/internal/compiler/schema"
)

// typeName reads a CAST's type with the DDL parser's rules, as the type
// of a one-column schema; errors point into the expression.
func (s *scope) typeName(tn expr.TypeName) *schema.Type {
	const prefix = "c "
	base := s.pos(tn.Pos)
	if base.Column > len(prefix) {
		base.Column -= len(prefix)
	}
	t, err := schema.ParseDDL(s.src.Pos.File, prefix+tn.Text, base)
	if err != nil {
		s.c.errs.Append(err)
		return nil
	}
	if t.Kind != schema.Struct || len(t.Fields) != 1 {
		s.errorf(tn.Pos, "invalid type %q", tn.Text)
		return nil
	}
	return t.Fields[0].Type
}

// mode is the query's semantics as the catalogue names it.
func (s *scope) mode() catalog.Mode {
	if s.q.ANSI {
		return catalog.Spark4
	}
	return catalog.Spark3
}
