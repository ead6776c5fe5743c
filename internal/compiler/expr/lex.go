package expr

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is a token's kind.
type tokKind int

const (
	tEOF tokKind = iota
	tIdent
	tQuotedIdent // `name`
	tNumber
	tString
	tOp
)

type token struct {
	kind tokKind
	// text is the identifier, the number as written, the decoded string, or
	// the operator.
	text  string
	start int
	end   int
}

// Error is a syntax error at a byte offset of the expression.
type Error struct {
	Offset int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

// operators, longest first so that "<=>" wins over "<=" and "<".
var operators = []string{
	"<=>", "<>", "!=", "==", "<=", ">=", "||", "::", "->", "=>",
	"+", "-", "*", "/", "%", "(", ")", ",", ".", "[", "]", "=", "<", ">", "&", "|", "^", "~", "!", ":",
}

// lex splits src into tokens.
func lex(src string) ([]token, error) {
	var toks []token
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
		case c == '-' && strings.HasPrefix(src[i:], "--"):
			// A comment to the end of the line, as Spark's parser allows.
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '/' && strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return nil, &Error{i, "unterminated comment"}
			}
			i += end + 4
		case c == '`':
			t, err := lexQuotedIdent(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = t.end
		case c == '\'' || c == '"':
			t, err := lexString(src, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, t)
			i = t.end
		case isDigit(c) || c == '.' && i+1 < len(src) && isDigit(src[i+1]):
			t := lexNumber(src, i)
			toks = append(toks, t)
			i = t.end
		case isIdentStart(src, i):
			j := i
			for j < len(src) {
				r, n := utf8.DecodeRuneInString(src[j:])
				if r != '_' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
					break
				}
				j += n
			}
			toks = append(toks, token{kind: tIdent, text: src[i:j], start: i, end: j})
			i = j
		default:
			op := ""
			for _, o := range operators {
				if strings.HasPrefix(src[i:], o) {
					op = o
					break
				}
			}
			if op == "" {
				r, _ := utf8.DecodeRuneInString(src[i:])
				return nil, &Error{i, fmt.Sprintf("unexpected character %q", r)}
			}
			toks = append(toks, token{kind: tOp, text: op, start: i, end: i + len(op)})
			i += len(op)
		}
	}
	return append(toks, token{kind: tEOF, start: len(src), end: len(src)}), nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentStart(src string, i int) bool {
	r, _ := utf8.DecodeRuneInString(src[i:])
	return r == '_' || unicode.IsLetter(r)
}

func lexQuotedIdent(src string, start int) (token, error) {
	var b strings.Builder
	for i := start + 1; i < len(src); i++ {
		if src[i] == '`' {
			if i+1 < len(src) && src[i+1] == '`' {
				b.WriteByte('`') // `` inside backticks is one backtick
				i++
				continue
			}
			return token{kind: tQuotedIdent, text: b.String(), start: start, end: i + 1}, nil
		}
		b.WriteByte(src[i])
	}
	return token{}, &Error{start, "unterminated quoted identifier"}
}

// lexNumber reads digits, a fraction, an exponent and Spark's type suffixes
// (L, S, Y, D, F, BD). The text keeps everything; the parser types it.
func lexNumber(src string, start int) token {
	i := start
	for i < len(src) && isDigit(src[i]) {
		i++
	}
	if i < len(src) && src[i] == '.' && !(i+1 < len(src) && src[i+1] == '.') {
		i++
		for i < len(src) && isDigit(src[i]) {
			i++
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		j := i + 1
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j < len(src) && isDigit(src[j]) {
			for j < len(src) && isDigit(src[j]) {
				j++
			}
			i = j
		}
	}
	switch {
	case i+1 < len(src) && strings.EqualFold(src[i:i+2], "bd") && !identChar(src, i+2):
		i += 2
	case i < len(src) && strings.ContainsRune("lLsSyYdDfF", rune(src[i])) && !identChar(src, i+1):
		i++
	}
	return token{kind: tNumber, text: src[start:i], start: start, end: i}
}

func identChar(src string, i int) bool {
	if i >= len(src) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(src[i:])
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// lexString decodes a quoted string with Spark's escapes (unescapeSQLString):
// \0 \b \n \r \t \Z \\ \' \" \% \_ \uXXXX \UXXXXXXXX and octal \NNN; any other
// escaped character stands for itself.
func lexString(src string, start int) (token, error) {
	quote := src[start]
	var b strings.Builder
	for i := start + 1; i < len(src); i++ {
		c := src[i]
		if c == quote {
			return token{kind: tString, text: b.String(), start: start, end: i + 1}, nil
		}
		if c != '\\' || i+1 >= len(src) {
			b.WriteByte(c)
			continue
		}
		i++
		e := src[i]
		switch e {
		case '0', '1', '2', '3':
			if i+2 < len(src) && isOctal(src[i+1]) && isOctal(src[i+2]) {
				b.WriteByte((e-'0')<<6 | (src[i+1]-'0')<<3 | (src[i+2] - '0'))
				i += 2
			} else if e == '0' {
				b.WriteByte(0)
			} else {
				b.WriteByte(e)
			}
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
			// Kept escaped: they matter to LIKE patterns.
			b.WriteByte('\\')
			b.WriteByte(e)
		case 'u', 'U':
			n := 4
			if e == 'U' {
				n = 8
			}
			if i+n < len(src) {
				var r rune
				ok := true
				for _, h := range src[i+1 : i+1+n] {
					v := hexVal(byte(h))
					if v < 0 {
						ok = false
						break
					}
					r = r<<4 | rune(v)
				}
				if ok {
					b.WriteRune(r)
					i += n
					continue
				}
			}
			b.WriteByte(e)
		default:
			b.WriteByte(e)
		}
	}
	return token{}, &Error{start, "unterminated string literal"}
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
