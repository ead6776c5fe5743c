package expr

import (
	"strconv"
	"strings"
)

// Format prints e as a fully parenthesised S-expression, for tests and
// debugging: (+ a (* b 2)).
func Format(e Expr) string {
	var b strings.Builder
	format(&b, e)
	return b.String()
}

func format(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case *Literal:
		switch e.Kind {
		case LitString:
			b.WriteString(strconv.Quote(e.Text))
		case LitDate:
			b.WriteString("DATE " + strconv.Quote(e.Text))
		case LitTimestamp:
			b.WriteString("TIMESTAMP " + strconv.Quote(e.Text))
		case LitTimestampNTZ:
			b.WriteString("TIMESTAMP_NTZ " + strconv.Quote(e.Text))
		case LitBinary:
			b.WriteString("X" + strconv.Quote(e.Text))
		default:
			b.WriteString(e.Text)
			b.WriteString(map[LitKind]string{LitLong: "L", LitShort: "S", LitByte: "Y", LitDecimal: "BD", LitDouble: "D", LitFloat: "F"}[e.Kind])
		}
	case *Column:
		b.WriteString(strings.Join(quoteParts(e.Parts), "."))
	case *Star:
		for _, q := range quoteParts(e.Qualifier) {
			b.WriteString(q + ".")
		}
		b.WriteString("*")
	case *Unary:
		list(b, e.Op, e.X)
	case *Binary:
		list(b, e.Op, e.L, e.R)
	case *IsNull:
		list(b, map[bool]string{false: "IS-NULL", true: "IS-NOT-NULL"}[e.Not], e.X)
	case *IsBool:
		op := "IS-" + strings.ToUpper(strconv.FormatBool(e.Value))
		if e.Not {
			op = "NOT-" + op
		}
		list(b, op, e.X)
	case *In:
		list(b, map[bool]string{false: "IN", true: "NOT-IN"}[e.Not], append([]Expr{e.X}, e.List...)...)
	case *Between:
		list(b, map[bool]string{false: "BETWEEN", true: "NOT-BETWEEN"}[e.Not], e.X, e.Lo, e.Hi)
	case *Like:
		op := e.Op
		if e.Not {
			op = "NOT-" + op
		}
		list(b, op, e.X, e.Pattern)
	case *Case:
		b.WriteString("(CASE")
		if e.Operand != nil {
			b.WriteByte(' ')
			format(b, e.Operand)
		}
		for _, w := range e.Whens {
			b.WriteString(" (WHEN ")
			format(b, w.Cond)
			b.WriteByte(' ')
			format(b, w.Result)
			b.WriteByte(')')
		}
		if e.Else != nil {
			b.WriteString(" (ELSE ")
			format(b, e.Else)
			b.WriteByte(')')
		}
		b.WriteByte(')')
	case *Cast:
		op := "CAST"
		if e.Try {
			op = "TRY_CAST"
		}
		b.WriteString("(" + op + " ")
		format(b, e.X)
		b.WriteString(" " + e.Type.Text + ")")
	case *Call:
		name := strings.ToLower(e.Name)
		if e.Distinct {
			name += "-distinct"
		}
		list(b, name+"()", e.Args...)
	case *Index:
		list(b, "[]", e.X, e.Index)
	case *Field:
		b.WriteString("(. ")
		format(b, e.X)
		b.WriteString(" " + e.Name + ")")
	case *Alias:
		b.WriteString("(AS ")
		format(b, e.X)
		b.WriteString(" " + strings.Join(quoteParts(e.Names), ",") + ")")
	case *Lambda:
		b.WriteString("(LAMBDA (" + strings.Join(e.Params, " ") + ") ")
		format(b, e.Body)
		b.WriteByte(')')
	default:
		b.WriteString("?")
	}
}

func list(b *strings.Builder, op string, args ...Expr) {
	b.WriteString("(" + op)
	for _, a := range args {
		b.WriteByte(' ')
		format(b, a)
	}
	b.WriteByte(')')
}

func quoteParts(parts []string) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		if isPlainIdent(p) {
			out[i] = p
		} else {
			out[i] = "`" + strings.ReplaceAll(p, "`", "``") + "`"
		}
	}
	return out
}

func isPlainIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
