package schema

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The tokens of Spark's SQL lexer that a DDL schema can contain.

type ddlTokKind uint8

const (
	tokEOF    ddlTokKind = iota
	tokWord              // keyword or identifier: [A-Za-z0-9_]+, not all digits
	tokQuoted            // `back-quoted identifier`
	tokString            // 'string' or "string" literal
	tokNumber            // digits
	tokPunct             // one of , : < > ( )
)

type ddlToken struct {
	kind ddlTokKind
	text string // the word or punctuation as written, the unquoted value otherwise
	off  int
}

// is reports whether t is the keyword kw (case-insensitive) or punctuation kw.
func (t ddlToken) is(kw string) bool {
	return (t.kind == tokWord || t.kind == tokPunct) && strings.EqualFold(t.text, kw)
}

func (t ddlToken) String() string {
	switch t.kind {
	case tokEOF:
		return "end of input"
	case tokQuoted:
		return "`" + strings.ReplaceAll(t.text, "`", "``") + "`"
	case tokString:
		return strconv.Quote(t.text)
	}
	return fmt.Sprintf("%q", t.text)
}

type ddlLexer struct {
	text string
	pos  int
}

// lexError is a token that could not be read.
type lexError struct {
	off int
	msg string
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// next returns the next token, skipping white space and SQL comments.
func (l *ddlLexer) next() (ddlToken, *lexError) {
	if err := l.skip(); err != nil {
		return ddlToken{}, err
	}
	start := l.pos
	if l.pos >= len(l.text) {
		return ddlToken{kind: tokEOF, off: start}, nil
	}
	c := l.text[l.pos]
	switch {
	case isWordByte(c):
		for l.pos < len(l.text) && isWordByte(l.text[l.pos]) {
			l.pos++
		}
		word := l.text[start:l.pos]
		if strings.Trim(word, "0123456789") == "" {
			return ddlToken{kind: tokNumber, text: word, off: start}, nil
		}
		return ddlToken{kind: tokWord, text: word, off: start}, nil
	case c == '`':
		return l.quotedIdent()
	case c == '\'' || c == '"':
		return l.stringLit()
	case strings.IndexByte(",:<>()", c) >= 0:
		l.pos++
		return ddlToken{kind: tokPunct, text: string(c), off: start}, nil
	}
	if c == '-' && start > 0 && isWordByte(l.text[start-1]) {
		// a-b: Spark's "possibly unquoted identifier" hint.
		ws, we := start-1, start+1
		for ws > 0 && isWordByte(l.text[ws-1]) {
			ws--
		}
		for we < len(l.text) && (isWordByte(l.text[we]) || l.text[we] == '-') {
			we++
		}
		id := l.text[ws:we]
		return ddlToken{}, &lexError{ws, fmt.Sprintf("possibly unquoted identifier %s; quote it with backquotes, as `%s`", id, id)}
	}
	r, _ := utf8.DecodeRuneInString(l.text[l.pos:])
	return ddlToken{}, &lexError{start, fmt.Sprintf("unexpected character %q", r)}
}

// peekPunct reports whether the token after the current one is punctuation c.
func (l *ddlLexer) peekPunct(c byte) bool {
	save := *l
	defer func() { *l = save }()
	t, err := l.next()
	return err == nil && t.kind == tokPunct && t.text[0] == c
}

func (l *ddlLexer) skip() *lexError {
	for l.pos < len(l.text) {
		switch {
		case strings.IndexByte(" \t\r\n", l.text[l.pos]) >= 0:
			l.pos++
		case strings.HasPrefix(l.text[l.pos:], "--"):
			if i := strings.IndexByte(l.text[l.pos:], '\n'); i >= 0 {
				l.pos += i + 1
			} else {
				l.pos = len(l.text)
			}
		case strings.HasPrefix(l.text[l.pos:], "/*"):
			// Spark's bracketed comments nest.
			start, depth := l.pos, 0
			for {
				switch {
				case l.pos >= len(l.text):
					return &lexError{start, "unterminated /* comment"}
				case strings.HasPrefix(l.text[l.pos:], "/*"):
					depth++
					l.pos += 2
				case strings.HasPrefix(l.text[l.pos:], "*/"):
					depth--
					l.pos += 2
				default:
					l.pos++
				}
				if depth == 0 {
					break
				}
			}
		default:
			return nil
		}
	}
	return nil
}

func (l *ddlLexer) quotedIdent() (ddlToken, *lexError) {
	start := l.pos
	var b strings.Builder
	l.pos++
	for {
		i := strings.IndexByte(l.text[l.pos:], '`')
		if i < 0 {
			return ddlToken{}, &lexError{start, "unterminated `quoted identifier`"}
		}
		b.WriteString(l.text[l.pos : l.pos+i])
		l.pos += i + 1
		if l.pos < len(l.text) && l.text[l.pos] == '`' { // `` is one backquote
			b.WriteByte('`')
			l.pos++
			continue
		}
		return ddlToken{kind: tokQuoted, text: b.String(), off: start}, nil
	}
}

// stringLit reads a quoted string with Spark's backslash escapes
// (ParserUtils.unescapeSQLString).
func (l *ddlLexer) stringLit() (ddlToken, *lexError) {
	start, quote := l.pos, l.text[l.pos]
	var b strings.Builder
	l.pos++
	for l.pos < len(l.text) {
		c := l.text[l.pos]
		switch {
		case c == quote:
			l.pos++
			return ddlToken{kind: tokString, text: b.String(), off: start}, nil
		case c == '\\' && l.pos+1 < len(l.text):
			l.pos++
			l.escape(&b)
		default:
			b.WriteByte(c)
			l.pos++
		}
	}
	return ddlToken{}, &lexError{start, "unterminated string literal"}
}

// escape reads the escape after a backslash at l.pos.
func (l *ddlLexer) escape(b *strings.Builder) {
	rest := l.text[l.pos:]
	if len(rest) >= 5 && rest[0] == 'u' {
		if v, err := strconv.ParseUint(rest[1:5], 16, 32); err == nil {
			b.WriteRune(rune(v))
			l.pos += 5
			return
		}
	}
	if len(rest) >= 3 && rest[0] >= '0' && rest[0] <= '3' && isOctal(rest[1]) && isOctal(rest[2]) {
		v, _ := strconv.ParseUint(rest[:3], 8, 8)
		b.WriteByte(byte(v))
		l.pos += 3
		return
	}
	c := rest[0]
	l.pos++
	switch c {
	case '0':
		b.WriteByte(0)
	case 'b':
		b.WriteByte('\b')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'Z':
		b.WriteByte(0x1a)
	case '%', '_':
		// Kept escaped, for LIKE patterns.
		b.WriteByte('\\')
		b.WriteByte(c)
	default:
		b.WriteByte(c)
	}
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }
