package schema

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/streamc/streamc/internal/diag"
)

// ParseDDL reads a Spark DDL schema as StructType.fromDDL and from_json
// accept it:
//
//	InvoiceNumber STRING NOT NULL COMMENT 'id', Items ARRAY<STRUCT<Code: STRING, Qty: INT>>
//
// Keywords are case-insensitive; a name may be back-quoted, with a doubled
// backquote standing for one; a colon may separate a name from its type, as
// inside STRUCT<>. A text that is one STRUCT<...>, ARRAY<...> or MAP<...>
// type is read as that type (DataType.fromDDL's fallback), so the result is
// not always a struct.
//
// base is where text starts (a file's 1:1 or a YAML scalar's position; its
// File is ignored: positions name file). Errors are a *diag.List at base plus
// the offset of the offending token, columns counting characters.
// After an error the reader skips to the next top-level comma, so one run
// reports one problem per column.
func ParseDDL(file string, text string, base diag.Pos) (*Type, error) {
	p := &ddlParser{src: newSource(file, text, base), lex: ddlLexer{text: text}}
	p.advance()
	t := p.schema()
	if err := p.errs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

type ddlParser struct {
	src  *source
	lex  ddlLexer
	tok  ddlToken
	errs diag.List
	// failed is set by the first error in a column; later errors in the same
	// column would only repeat it.
	failed bool
	// lexFailed stops reading once the text cannot be tokenized.
	lexFailed bool
	// depth counts the < and ( consumed and not closed, for recover.
	depth int
}

func (p *ddlParser) advance() {
	if p.lexFailed {
		return
	}
	switch {
	case p.tok.is("<") || p.tok.is("("):
		p.depth++
	case p.tok.is(">") || p.tok.is(")"):
		p.depth--
	}
	t, err := p.lex.next()
	if err != nil {
		// Reported even inside a column that already failed: nothing after
		// it can be read.
		p.errs.Add(p.src.pos(err.off), "%s", err.msg)
		p.failed, p.lexFailed = true, true
		p.tok = ddlToken{kind: tokEOF, off: err.off}
		return
	}
	p.tok = t
}

func (p *ddlParser) errorAt(off int, format string, args ...any) {
	if !p.failed {
		p.errs.Add(p.src.pos(off), format, args...)
	}
	p.failed = true
}

// expect consumes punctuation or keyword s, or reports what was found.
func (p *ddlParser) expect(s, context string) bool {
	if p.failed {
		return false
	}
	if !p.tok.is(s) {
		p.errorAt(p.tok.off, "expected %q %s, found %s", s, context, p.tok)
		return false
	}
	p.advance()
	return true
}

func (p *ddlParser) schema() *Type {
	if p.tok.kind == tokEOF {
		p.errorAt(p.tok.off, "empty schema; expected columns such as \"id INT, name STRING\"")
		return nil
	}
	if p.tok.kind == tokWord && p.lex.peekPunct('<') {
		switch strings.ToUpper(p.tok.text) {
		case "STRUCT", "ARRAY", "MAP":
			t := p.dataType()
			if !p.failed && p.tok.kind != tokEOF {
				p.errorAt(p.tok.off, "unexpected %s after the data type", p.tok)
			}
			return t
		}
	}
	t := newStruct()
	for {
		if p.lexFailed {
			return t
		}
		p.failed, p.depth = false, 0
		if f := p.column(true); f != nil && !p.failed {
			if d := duplicateField(t.Fields, f.Name); d != nil {
				p.errs.Add(f.Pos, "duplicate column %q (first at %d:%d)", f.Name, d.Pos.Line, d.Pos.Column)
			} else {
				t.Fields = append(t.Fields, f)
			}
		}
		if p.failed {
			p.recover()
		} else if p.tok.kind != tokEOF && !p.tok.is(",") {
			p.errorAt(p.tok.off, "expected \",\" or end of input after a column, found %s", p.tok)
			p.recover()
		}
		if p.tok.kind == tokEOF {
			return t
		}
		p.advance() // ,
	}
}

// recover skips to the next comma between top-level columns.
func (p *ddlParser) recover() {
	for p.tok.kind != tokEOF && !(p.tok.is(",") && p.depth <= 0) {
		p.advance()
	}
}

// column reads `name [:] type [NOT NULL] [COMMENT 'text']`.
func (p *ddlParser) column(topLevel bool) *Field {
	f := &Field{Nullable: true, Pos: p.src.pos(p.tok.off)}
	switch p.tok.kind {
	case tokWord, tokQuoted:
		f.Name = p.tok.text
	default:
		what := "a column name"
		if !topLevel {
			what = "a field name"
		}
		p.errorAt(p.tok.off, "expected %s, found %s", what, p.tok)
		return nil
	}
	p.advance()
	if p.tok.is(":") {
		p.advance()
	}
	f.Type = p.dataType()
	if p.failed {
		return nil
	}
	if p.tok.is("NOT") {
		p.advance()
		if !p.expect("NULL", "after NOT") {
			return nil
		}
		f.Nullable = false
	}
	if p.tok.is("COMMENT") {
		p.advance()
		if p.tok.kind != tokString {
			p.errorAt(p.tok.off, "expected a string literal after COMMENT, found %s", p.tok)
			return nil
		}
		f.Comment = p.tok.text
		p.advance()
	}
	return f
}

// ddlTypes maps Spark's primitive type keywords and their aliases.
var ddlTypes = map[string]Kind{
	"BOOLEAN":       Boolean,
	"TINYINT":       Byte,
	"BYTE":          Byte,
	"SMALLINT":      Short,
	"SHORT":         Short,
	"INT":           Int,
	"INTEGER":       Int,
	"BIGINT":        Long,
	"LONG":          Long,
	"FLOAT":         Float,
	"REAL":          Float,
	"DOUBLE":        Double,
	"DATE":          Date,
	"TIMESTAMP":     Timestamp,
	"TIMESTAMP_LTZ": Timestamp,
	"TIMESTAMP_NTZ": TimestampNTZ,
	"STRING":        String,
	"BINARY":        Binary,
	"VOID":          Null,
}

// ddlTypeWords lists every type keyword, for "did you mean" hints.
var ddlTypeWords = func() []string {
	words := []string{"ARRAY", "MAP", "STRUCT", "DECIMAL", "DEC", "NUMERIC", "CHAR", "CHARACTER", "VARCHAR"}
	for w := range ddlTypes {
		words = append(words, w)
	}
	return words
}()

func (p *ddlParser) dataType() *Type {
	if p.failed {
		return nil
	}
	tok := p.tok
	if tok.kind != tokWord {
		p.errorAt(tok.off, "expected a data type, found %s", tok)
		return nil
	}
	word := strings.ToUpper(tok.text)
	p.advance()
	if k, ok := ddlTypes[word]; ok {
		if k == String && p.tok.is("COLLATE") {
			p.errorAt(p.tok.off, "string collations are not supported")
			return nil
		}
		return &Type{Kind: k}
	}
	switch word {
	case "ARRAY":
		p.expect("<", "after ARRAY")
		elem := p.dataType()
		p.expect(">", "to close ARRAY<")
		return p.ok(&Type{Kind: Array, Elem: elem, ContainsNull: true})
	case "MAP":
		p.expect("<", "after MAP")
		key := p.dataType()
		p.expect(",", "between the key and value types of MAP<")
		val := p.dataType()
		p.expect(">", "to close MAP<")
		return p.ok(&Type{Kind: Map, Key: key, Value: val, ValueContainsNull: true})
	case "STRUCT":
		return p.structType()
	case "DECIMAL", "DEC", "NUMERIC":
		return p.decimal(tok)
	case "CHAR", "CHARACTER", "VARCHAR":
		// Spark reads char/varchar as string outside table schemas; the
		// length is still required.
		if !p.tok.is("(") {
			p.errorAt(p.tok.off, "%s needs a length, as %s(10)", word, word)
			return nil
		}
		p.advance()
		p.number("length")
		p.expect(")", "after the length")
		return p.ok(&Type{Kind: String})
	case "INTERVAL":
		p.errorAt(tok.off, "data type INTERVAL is not supported: streamc has no interval types")
		return nil
	}
	p.errorAt(tok.off, "unknown data type %s%s", tok, diag.DidYouMean(word, ddlTypeWords))
	return nil
}

// ok returns t unless the type had an error.
func (p *ddlParser) ok(t *Type) *Type {
	if p.failed {
		return nil
	}
	return t
}

func (p *ddlParser) structType() *Type {
	if !p.expect("<", "after STRUCT") {
		return nil
	}
	t := newStruct()
	if p.tok.is(">") {
		p.advance()
		return t
	}
	for !p.failed {
		f := p.column(false)
		if f == nil {
			return nil
		}
		if d := duplicateField(t.Fields, f.Name); d != nil {
			p.errs.Add(f.Pos, "duplicate field %q (first at %d:%d)", f.Name, d.Pos.Line, d.Pos.Column)
			p.failed = true
			return nil
		}
		t.Fields = append(t.Fields, f)
		if p.tok.is(">") {
			p.advance()
			return t
		}
		p.expect(",", "or \">\" in STRUCT<")
	}
	return nil
}

// decimal reads the optional (p) or (p, s) after DECIMAL.
func (p *ddlParser) decimal(tok ddlToken) *Type {
	prec, scale := 10, 0
	if p.tok.is("(") {
		p.advance()
		prec = p.number("precision")
		if p.tok.is(",") {
			p.advance()
			scale = p.number("scale")
		}
		p.expect(")", fmt.Sprintf("to close %s(", strings.ToUpper(tok.text)))
		if p.failed {
			return nil
		}
		if msg := checkDecimal(prec, scale); msg != "" {
			p.errorAt(tok.off, "%s", msg)
			return nil
		}
	}
	return &Type{Kind: Decimal, Precision: prec, Scale: scale}
}

func (p *ddlParser) number(what string) int {
	if p.failed {
		return 0
	}
	if p.tok.kind != tokNumber {
		p.errorAt(p.tok.off, "expected the %s as a number, found %s", what, p.tok)
		return 0
	}
	n, err := strconv.Atoi(p.tok.text)
	if err != nil || n > 1<<20 {
		p.errorAt(p.tok.off, "%s %s is too large", what, p.tok.text)
		return 0
	}
	p.advance()
	return n
}
