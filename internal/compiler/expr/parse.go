package expr

import (
	"fmt"
	"strings"
)

// Parse parses one expression, as filter() and withColumn's expr() take it.
func Parse(src string) (Expr, error) {
	p, err := newParser(src)
	if err != nil {
		return nil, err
	}
	e := p.expr()
	p.expectEOF()
	if p.err != nil {
		return nil, p.err
	}
	return e, nil
}

// ParseNamed parses a selectExpr item: an expression with an optional alias
// (`x AS name`, `x name`, `explode(m) AS (k, v)`).
func ParseNamed(src string) (Expr, error) {
	p, err := newParser(src)
	if err != nil {
		return nil, err
	}
	e := p.expr()
	e = p.alias(e)
	p.expectEOF()
	if p.err != nil {
		return nil, p.err
	}
	return e, nil
}

// ParseColumn parses a column name as df.select and drop take them: a dotted
// path with optional backticks, or a star (`*`, `value.*`).
func ParseColumn(src string) (Expr, error) {
	p, err := newParser(src)
	if err != nil {
		return nil, err
	}
	start := p.tok().start
	var parts []string
	for {
		t := p.tok()
		switch {
		case t.kind == tOp && t.text == "*":
			p.next()
			p.expectEOF()
			if p.err != nil {
				return nil, p.err
			}
			return &Star{span{start, t.end}, parts}, nil
		case t.kind == tIdent || t.kind == tQuotedIdent:
			parts = append(parts, t.text)
			p.next()
		default:
			return nil, &Error{t.start, "expected a column name"}
		}
		if p.isOp(".") {
			p.next()
			continue
		}
		p.expectEOF()
		if p.err != nil {
			return nil, p.err
		}
		return &Column{span{start, p.prevEnd()}, parts}, nil
	}
}

type parser struct {
	src  string
	toks []token
	i    int
	err  error
}

func newParser(src string) (*parser, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	return &parser{src: src, toks: toks}, nil
}

func (p *parser) tok() token { return p.toks[p.i] }

func (p *parser) peek(n int) token {
	if p.i+n < len(p.toks) {
		return p.toks[p.i+n]
	}
	return p.toks[len(p.toks)-1]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if p.i < len(p.toks)-1 {
		p.i++
	}
	return t
}

func (p *parser) prevEnd() int {
	if p.i == 0 {
		return 0
	}
	return p.toks[p.i-1].end
}

// fail records the first error; parsing goes on with placeholders so that
// the caller still terminates.
func (p *parser) fail(at int, format string, args ...any) {
	if p.err == nil {
		p.err = &Error{at, fmt.Sprintf(format, args...)}
	}
}

func (p *parser) isOp(op string) bool {
	t := p.tok()
	return t.kind == tOp && t.text == op
}

// isKw reports whether the current token is the keyword kw (case-insensitive).
func (p *parser) isKw(kw string) bool {
	t := p.tok()
	return t.kind == tIdent && strings.EqualFold(t.text, kw)
}

func (p *parser) expectOp(op string) {
	if !p.isOp(op) {
		p.fail(p.tok().start, "expected %q, found %s", op, p.describe(p.tok()))
		return
	}
	p.next()
}

func (p *parser) expectKw(kw string) {
	if !p.isKw(kw) {
		p.fail(p.tok().start, "expected %s, found %s", kw, p.describe(p.tok()))
		return
	}
	p.next()
}

func (p *parser) expectEOF() {
	if t := p.tok(); t.kind != tEOF {
		p.fail(t.start, "unexpected %s after the expression", p.describe(t))
	}
}

func (p *parser) describe(t token) string {
	switch t.kind {
	case tEOF:
		return "end of input"
	case tString:
		return fmt.Sprintf("string %s", p.src[t.start:t.end])
	}
	return fmt.Sprintf("%q", p.src[t.start:t.end])
}

// expr is booleanExpression: OR of ANDs of NOTs of predicates.
func (p *parser) expr() Expr {
	l := p.and()
	for p.isKw("OR") {
		p.next()
		r := p.and()
		l = &Binary{span{l.Pos(), r.End()}, "OR", l, r}
	}
	return l
}

func (p *parser) and() Expr {
	l := p.not()
	for p.isKw("AND") {
		p.next()
		r := p.not()
		l = &Binary{span{l.Pos(), r.End()}, "AND", l, r}
	}
	return l
}

func (p *parser) not() Expr {
	if p.isKw("NOT") || p.isOp("!") {
		t := p.next()
		x := p.not()
		return &Unary{span{t.start, x.End()}, "NOT", x}
	}
	return p.predicated()
}

// predicated is a value expression with an optional predicate:
// [NOT] BETWEEN, [NOT] IN, [NOT] LIKE/ILIKE/RLIKE/REGEXP, IS [NOT] ....
func (p *parser) predicated() Expr {
	x := p.comparison()
	for {
		not := false
		save := p.i
		if p.isKw("NOT") {
			not = true
			p.next()
		}
		switch {
		case p.isKw("BETWEEN"):
			p.next()
			lo := p.comparison()
			p.expectKw("AND")
			hi := p.comparison()
			x = &Between{span{x.Pos(), hi.End()}, x, lo, hi, not}
		case p.isKw("IN"):
			p.next()
			p.expectOp("(")
			var list []Expr
			for !p.isOp(")") && p.err == nil {
				list = append(list, p.expr())
				if !p.isOp(",") {
					break
				}
				p.next()
			}
			end := p.tok().end
			p.expectOp(")")
			x = &In{span{x.Pos(), end}, x, list, not}
		case p.isKw("LIKE") || p.isKw("ILIKE") || p.isKw("RLIKE") || p.isKw("REGEXP"):
			op := strings.ToUpper(p.next().text)
			if op == "REGEXP" {
				op = "RLIKE"
			}
			pat := p.comparison()
			l := &Like{span: span{x.Pos(), pat.End()}, Op: op, X: x, Pattern: pat, Not: not}
			if p.isKw("ESCAPE") {
				p.next()
				t := p.tok()
				if t.kind != tString {
					p.fail(t.start, "ESCAPE needs a string literal")
				} else {
					p.next()
					l.Escape = t.text
					l.Stop = t.end
				}
			}
			x = l
		case !not && p.isKw("IS"):
			p.next()
			if p.isKw("NOT") {
				not = true
				p.next()
			}
			t := p.tok()
			switch {
			case p.isKw("NULL"):
				p.next()
				x = &IsNull{span{x.Pos(), t.end}, x, not}
			case p.isKw("TRUE") || p.isKw("FALSE"):
				p.next()
				x = &IsBool{span{x.Pos(), t.end}, x, not, strings.EqualFold(t.text, "TRUE")}
			case p.isKw("DISTINCT"):
				p.next()
				p.expectKw("FROM")
				r := p.comparison()
				// a IS DISTINCT FROM b is NOT (a <=> b).
				eq := &Binary{span{x.Pos(), r.End()}, "<=>", x, r}
				if not {
					x = eq
				} else {
					x = &Unary{span{x.Pos(), r.End()}, "NOT", eq}
				}
			default:
				p.fail(t.start, "expected NULL, TRUE, FALSE or DISTINCT FROM after IS, found %s", p.describe(t))
				return x
			}
		default:
			p.i = save
			return x
		}
	}
}

// Binary operator levels, loosest first, as in Spark's grammar.
var levels = [][]string{
	{"=", "==", "<>", "!=", "<", "<=", ">", ">=", "<=>"},
	{"|"},
	{"^"},
	{"&"},
	{"+", "-", "||"},
	{"*", "/", "%", "DIV"},
}

func (p *parser) comparison() Expr { return p.binary(0) }

func (p *parser) binary(level int) Expr {
	if level == len(levels) {
		return p.unary()
	}
	l := p.binary(level + 1)
	for {
		op, ok := p.levelOp(level)
		if !ok {
			return l
		}
		p.next()
		r := p.binary(level + 1)
		l = &Binary{span{l.Pos(), r.End()}, op, l, r}
	}
}

func (p *parser) levelOp(level int) (string, bool) {
	t := p.tok()
	for _, op := range levels[level] {
		if t.kind == tOp && t.text == op || op == "DIV" && p.isKw("DIV") {
			switch op {
			case "==":
				return "=", true
			case "!=":
				return "<>", true
			}
			return op, true
		}
	}
	return "", false
}

func (p *parser) unary() Expr {
	if p.isOp("-") || p.isOp("+") || p.isOp("~") {
		t := p.next()
		x := p.unary()
		if lit, ok := x.(*Literal); ok && t.text == "-" && isNumeric(lit.Kind) && lit.Pos() == t.end {
			// -5 is one literal, so that -2147483648 is an int as in Spark.
			return &Literal{span{t.start, lit.End()}, lit.Kind, "-" + lit.Text}
		}
		return &Unary{span{t.start, x.End()}, t.text, x}
	}
	return p.postfix(p.primary())
}

func isNumeric(k LitKind) bool {
	switch k {
	case LitInt, LitLong, LitShort, LitByte, LitDecimal, LitDouble, LitFloat:
		return true
	}
	return false
}

// postfix applies [index], .field and ::type.
func (p *parser) postfix(x Expr) Expr {
	for p.err == nil {
		switch {
		case p.isOp("["):
			p.next()
			i := p.expr()
			end := p.tok().end
			p.expectOp("]")
			x = &Index{span{x.Pos(), end}, x, i}
		case p.isOp(".") && (p.peek(1).kind == tIdent || p.peek(1).kind == tQuotedIdent):
			p.next()
			t := p.next()
			if c, ok := x.(*Column); ok {
				c.Parts = append(c.Parts, t.text)
				c.Stop = t.end
			} else {
				x = &Field{span{x.Pos(), t.end}, x, t.text}
			}
		case p.isOp(".") && p.peek(1).kind == tOp && p.peek(1).text == "*":
			c, ok := x.(*Column)
			if !ok {
				p.fail(p.tok().start, "only a column can be expanded with .*")
				return x
			}
			p.next()
			t := p.next()
			return &Star{span{c.Pos(), t.end}, c.Parts}
		case p.isOp("::"):
			p.next()
			tn := p.typeName()
			x = &Cast{span{x.Pos(), tn.End}, x, tn, false}
		default:
			return x
		}
	}
	return x
}

func (p *parser) primary() Expr {
	t := p.tok()
	switch t.kind {
	case tNumber:
		p.next()
		return numberLiteral(p, t)
	case tString:
		p.next()
		text := t.text
		end := t.end
		// Adjacent string literals concatenate, as in Spark.
		for p.tok().kind == tString {
			text += p.tok().text
			end = p.next().end
		}
		return &Literal{span{t.start, end}, LitString, text}
	case tQuotedIdent:
		p.next()
		return p.afterIdent(t)
	case tOp:
		switch t.text {
		case "(":
			return p.parenthesized()
		case "*":
			// A bare star stands alone: select *, count(*), struct(*).
			if n := p.peek(1); n.kind == tEOF || n.kind == tOp && (n.text == ")" || n.text == ",") {
				p.next()
				return &Star{span{t.start, t.end}, nil}
			}
		}
	case tIdent:
		return p.keywordOrIdent(t)
	case tEOF:
		p.fail(t.start, "expected an expression, found end of input")
		return &Literal{span{t.start, t.end}, LitNull, "NULL"}
	}
	p.fail(t.start, "expected an expression, found %s", p.describe(t))
	p.next()
	return &Literal{span{t.start, t.end}, LitNull, "NULL"}
}

func (p *parser) keywordOrIdent(t token) Expr {
	up := strings.ToUpper(t.text)
	next := p.peek(1)
	switch up {
	case "NULL":
		p.next()
		return &Literal{span{t.start, t.end}, LitNull, "NULL"}
	case "TRUE", "FALSE":
		p.next()
		return &Literal{span{t.start, t.end}, LitBool, strings.ToLower(up)}
	case "CASE":
		return p.caseExpr()
	case "CAST", "TRY_CAST":
		if next.kind == tOp && next.text == "(" {
			return p.cast(up == "TRY_CAST")
		}
	case "DATE", "TIMESTAMP", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "X":
		if next.kind == tString {
			p.next()
			s := p.next()
			kind := map[string]LitKind{"DATE": LitDate, "TIMESTAMP": LitTimestamp, "TIMESTAMP_LTZ": LitTimestamp,
				"TIMESTAMP_NTZ": LitTimestampNTZ, "X": LitBinary}[up]
			return &Literal{span{t.start, s.end}, kind, s.text}
		}
	case "INTERVAL":
		p.fail(t.start, "interval literals are not supported")
	}
	if next.kind == tOp && next.text == "->" {
		return p.lambda()
	}
	p.next()
	return p.afterIdent(t)
}

// afterIdent finishes an identifier: a function call or a column path.
func (p *parser) afterIdent(t token) Expr {
	if t.kind == tIdent && p.isOp("(") {
		return p.call(t)
	}
	return &Column{span{t.start, t.end}, []string{t.text}}
}

func (p *parser) call(name token) Expr {
	p.expectOp("(")
	c := &Call{Name: name.text, NamePos: name.start}
	c.Start = name.start
	// struct's arguments are named expressions in Spark's grammar, so each
	// may carry an alias that names its field; other calls take none.
	named := strings.EqualFold(name.text, "struct")
	if p.isKw("DISTINCT") {
		p.next()
		c.Distinct = true
	}
	for !p.isOp(")") && p.err == nil {
		if p.isOp("*") && p.peek(1).kind == tOp && p.peek(1).text == ")" {
			t := p.next()
			c.Args = append(c.Args, &Star{span{t.start, t.end}, nil})
			break
		}
		arg := p.argument()
		if named {
			arg = p.alias(arg)
		}
		c.Args = append(c.Args, arg)
		if !p.isOp(",") {
			break
		}
		p.next()
	}
	c.Stop = p.tok().end
	p.expectOp(")")
	return c
}

// argument is an expression or a lambda: x -> ..., (x, y) -> ....
func (p *parser) argument() Expr {
	if p.isOp("(") {
		// (a, b) -> body
		j := p.i + 1
		for j < len(p.toks) && (p.toks[j].kind == tIdent || p.toks[j].kind == tOp && p.toks[j].text == ",") {
			j++
		}
		if j+1 < len(p.toks) && p.toks[j].kind == tOp && p.toks[j].text == ")" && p.toks[j+1].kind == tOp && p.toks[j+1].text == "->" {
			return p.lambda()
		}
	}
	return p.expr()
}

func (p *parser) lambda() Expr {
	start := p.tok().start
	var params []string
	if p.isOp("(") {
		p.next()
		for p.tok().kind == tIdent {
			params = append(params, p.next().text)
			if !p.isOp(",") {
				break
			}
			p.next()
		}
		p.expectOp(")")
	} else {
		params = append(params, p.next().text)
	}
	p.expectOp("->")
	body := p.expr()
	return &Lambda{span{start, body.End()}, params, body}
}

func (p *parser) parenthesized() Expr {
	open := p.next()
	e := p.expr()
	if named := p.alias(e); named != e || p.isOp(",") {
		// (a AS x, b) is struct(a AS x, b), as in Spark: a row constructor
		// of two or more named expressions.
		c := &Call{Name: "struct", NamePos: open.start, Args: []Expr{named}}
		c.Start = open.start
		if !p.isOp(",") {
			p.expectOp(",")
		}
		for p.isOp(",") && p.err == nil {
			p.next()
			c.Args = append(c.Args, p.alias(p.expr()))
		}
		c.Stop = p.tok().end
		p.expectOp(")")
		return c
	}
	p.expectOp(")")
	return e
}

func (p *parser) caseExpr() Expr {
	start := p.next().start
	c := &Case{}
	if p.isKw("END") {
		p.fail(p.tok().start, "CASE needs at least one WHEN")
	}
	if !p.isKw("WHEN") && p.err == nil {
		c.Operand = p.expr()
	}
	for p.isKw("WHEN") && p.err == nil {
		p.next()
		cond := p.expr()
		p.expectKw("THEN")
		res := p.expr()
		c.Whens = append(c.Whens, When{cond, res})
	}
	if len(c.Whens) == 0 {
		p.fail(p.tok().start, "CASE needs at least one WHEN")
	}
	if p.isKw("ELSE") {
		p.next()
		c.Else = p.expr()
	}
	end := p.tok().end
	p.expectKw("END")
	c.span = span{start, end}
	return c
}

func (p *parser) cast(try bool) Expr {
	start := p.next().start
	p.expectOp("(")
	x := p.expr()
	p.expectKw("AS")
	tn := p.typeName()
	end := p.tok().end
	p.expectOp(")")
	return &Cast{span{start, end}, x, tn, try}
}

// typeName takes a type as written (INT, DECIMAL(10, 2), ARRAY<STRUCT<a: INT>>)
// up to the closing parenthesis or the end; the checker parses it.
func (p *parser) typeName() TypeName {
	start := p.tok().start
	depth := 0
	end := start
	for p.err == nil {
		t := p.tok()
		if t.kind == tEOF {
			break
		}
		if t.kind == tOp {
			switch t.text {
			case "(":
				depth++
			case ")":
				if depth == 0 {
					return TypeName{strings.TrimSpace(p.src[start:end]), start, end}
				}
				depth--
			case "<":
				depth++
			case ">":
				depth--
			case ",", "=", "+", "-", "*", "/", "]":
				if depth == 0 {
					return TypeName{strings.TrimSpace(p.src[start:end]), start, end}
				}
			}
		}
		if t.kind == tIdent && depth == 0 && end > start && isClauseWord(t.text) {
			break
		}
		end = t.end
		p.next()
	}
	if end == start {
		p.fail(start, "expected a type name")
	}
	return TypeName{strings.TrimSpace(p.src[start:end]), start, end}
}

func isClauseWord(s string) bool {
	switch strings.ToUpper(s) {
	case "AS", "AND", "OR", "IS", "IN", "BETWEEN", "LIKE", "THEN", "ELSE", "END", "WHEN", "NOT":
		return true
	}
	return false
}

// alias reads `AS name`, `name`, or `AS (a, b)` after a selectExpr item or a
// struct argument.
func (p *parser) alias(e Expr) Expr {
	hasAs := p.isKw("AS")
	if hasAs {
		p.next()
	}
	t := p.tok()
	switch {
	case hasAs && t.kind == tOp && t.text == "(":
		p.next()
		var names []string
		for p.tok().kind == tIdent || p.tok().kind == tQuotedIdent {
			names = append(names, p.next().text)
			if !p.isOp(",") {
				break
			}
			p.next()
		}
		end := p.tok().end
		p.expectOp(")")
		return &Alias{span{e.Pos(), end}, e, names}
	case t.kind == tIdent || t.kind == tQuotedIdent:
		p.next()
		return &Alias{span{e.Pos(), t.end}, e, []string{t.text}}
	case hasAs:
		p.fail(t.start, "expected a name after AS, found %s", p.describe(t))
	}
	return e
}

// numberLiteral types a number as Spark's parser does.
func numberLiteral(p *parser, t token) Expr {
	text := t.text
	lower := strings.ToLower(text)
	kind := LitInt
	switch {
	case strings.HasSuffix(lower, "bd"):
		kind, text = LitDecimal, text[:len(text)-2]
	case strings.HasSuffix(lower, "l"):
		kind, text = LitLong, text[:len(text)-1]
	case strings.HasSuffix(lower, "s"):
		kind, text = LitShort, text[:len(text)-1]
	case strings.HasSuffix(lower, "y"):
		kind, text = LitByte, text[:len(text)-1]
	case strings.HasSuffix(lower, "d"):
		kind, text = LitDouble, text[:len(text)-1]
	case strings.HasSuffix(lower, "f"):
		kind, text = LitFloat, text[:len(text)-1]
	case strings.ContainsAny(lower, "e"):
		kind = LitDouble
	case strings.Contains(text, "."):
		kind = LitDecimal
	}
	if (kind == LitLong || kind == LitShort || kind == LitByte) && strings.ContainsAny(text, ".eE") {
		p.fail(t.start, "%s is not an integer literal", t.text)
	}
	return &Literal{span{t.start, t.end}, kind, text}
}
