package schema

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// This file is a small JSON reader that keeps the byte offset of every value
// and key. encoding/json cannot tell where a value was, and both Spark schema
// JSON and .avsc errors must point at line:col; Avro defaults also need their
// exact text (a long beyond 2^53 must not pass through float64).

type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

var jsonKindNames = [...]string{"null", "boolean", "number", "string", "array", "object"}

func (k jsonKind) String() string { return jsonKindNames[k] }

// jsonNode is one JSON value and where it is.
type jsonNode struct {
	kind     jsonKind
	off, end int // byte span of the value's text
	str      string
	boolean  bool
	elems    []*jsonNode
	members  []jsonMember
}

type jsonMember struct {
	key    string
	keyOff int
	val    *jsonNode
}

// get returns the member value for key, or nil.
func (n *jsonNode) get(key string) *jsonNode {
	if n == nil || n.kind != jsonObject {
		return nil
	}
	for _, m := range n.members {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

// jsonError is a syntax error at a byte offset.
type jsonError struct {
	off int
	msg string
}

func (e *jsonError) Error() string { return e.msg }

// maxJSONDepth bounds nesting so hostile input cannot exhaust memory.
const maxJSONDepth = 1000

type jsonParser struct {
	data  []byte
	pos   int
	depth int
}

// parseJSON reads one JSON document. Duplicate object keys are an error: in a
// schema they are always a mistake, and readers disagree on which one wins.
func parseJSON(data []byte) (*jsonNode, *jsonError) {
	p := &jsonParser{data: data}
	if len(data) >= 3 && string(data[:3]) == "\ufeff" {
		p.pos = 3
	}
	p.space()
	if p.pos >= len(data) {
		return nil, p.errf(p.pos, "empty document; expected a JSON value")
	}
	n, err := p.value()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(data) {
		return nil, p.errf(p.pos, "unexpected %s after the JSON value", p.describe())
	}
	return n, nil
}

func (p *jsonParser) errf(off int, format string, args ...any) *jsonError {
	return &jsonError{off: off, msg: fmt.Sprintf(format, args...)}
}

// describe names the input at p.pos for error messages.
func (p *jsonParser) describe() string {
	if p.pos >= len(p.data) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.data[p.pos:])
	return strconv.QuoteRune(r)
}

func (p *jsonParser) space() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) value() (*jsonNode, *jsonError) {
	if p.pos >= len(p.data) {
		return nil, p.errf(p.pos, "unexpected end of input; expected a JSON value")
	}
	start := p.pos
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		return &jsonNode{kind: jsonString, off: start, end: p.pos, str: s}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	}
	for _, lit := range []struct {
		text string
		node jsonNode
	}{
		{"true", jsonNode{kind: jsonBool, boolean: true}},
		{"false", jsonNode{kind: jsonBool}},
		{"null", jsonNode{kind: jsonNull}},
	} {
		if strings.HasPrefix(string(p.data[p.pos:min(len(p.data), p.pos+5)]), lit.text) {
			n := lit.node
			n.off, n.end = start, start+len(lit.text)
			p.pos = n.end
			return &n, nil
		}
	}
	return nil, p.errf(p.pos, "unexpected %s; expected a JSON value", p.describe())
}

func (p *jsonParser) enter() *jsonError {
	p.depth++
	if p.depth > maxJSONDepth {
		return p.errf(p.pos, "JSON nested deeper than %d levels", maxJSONDepth)
	}
	return nil
}

func (p *jsonParser) object() (*jsonNode, *jsonError) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	n := &jsonNode{kind: jsonObject, off: p.pos}
	p.pos++ // {
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		n.end = p.pos
		return n, nil
	}
	seen := map[string]bool{}
	for {
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.errf(p.pos, "unexpected %s; expected a string key", p.describe())
		}
		keyOff := p.pos
		key, err := p.string()
		if err != nil {
			return nil, err
		}
		if seen[key] {
			return nil, p.errf(keyOff, "duplicate key %q", key)
		}
		seen[key] = true
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.errf(p.pos, "unexpected %s; expected ':' after key", p.describe())
		}
		p.pos++
		p.space()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.members = append(n.members, jsonMember{key: key, keyOff: keyOff, val: v})
		p.space()
		if p.pos < len(p.data) && p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.data) && p.data[p.pos] == '}' {
			p.pos++
			n.end = p.pos
			return n, nil
		}
		return nil, p.errf(p.pos, "unexpected %s; expected ',' or '}'", p.describe())
	}
}

func (p *jsonParser) array() (*jsonNode, *jsonError) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	n := &jsonNode{kind: jsonArray, off: p.pos}
	p.pos++ // [
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		n.end = p.pos
		return n, nil
	}
	for {
		p.space()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.elems = append(n.elems, v)
		p.space()
		if p.pos < len(p.data) && p.data[p.pos] == ',' {
			p.pos++
			continue
		}
		if p.pos < len(p.data) && p.data[p.pos] == ']' {
			p.pos++
			n.end = p.pos
			return n, nil
		}
		return nil, p.errf(p.pos, "unexpected %s; expected ',' or ']'", p.describe())
	}
}

func (p *jsonParser) number() (*jsonNode, *jsonError) {
	start := p.pos
	digits := func() int {
		s := p.pos
		for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
			p.pos++
		}
		return p.pos - s
	}
	if p.data[p.pos] == '-' {
		p.pos++
	}
	intStart := p.pos
	if digits() == 0 {
		return nil, p.errf(p.pos, "invalid number: expected a digit")
	}
	if p.data[intStart] == '0' && p.pos-intStart > 1 {
		return nil, p.errf(intStart, "invalid number: leading zero")
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return nil, p.errf(p.pos, "invalid number: expected a digit after '.'")
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, p.errf(p.pos, "invalid number: expected a digit in the exponent")
		}
	}
	return &jsonNode{kind: jsonNumber, off: start, end: p.pos, str: string(p.data[start:p.pos])}, nil
}

// string reads a quoted string at p.pos and returns its value.
func (p *jsonParser) string() (string, *jsonError) {
	start := p.pos
	p.pos++ // "
	var b strings.Builder
	for {
		if p.pos >= len(p.data) {
			return "", p.errf(start, "unterminated string")
		}
		c := p.data[p.pos]
		switch {
		case c == '"':
			p.pos++
			return b.String(), nil
		case c < 0x20:
			return "", p.errf(p.pos, "control character %q in string; escape it", rune(c))
		case c == '\\':
			if err := p.escape(&b); err != nil {
				return "", err
			}
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			p.pos++
		default:
			r, size := utf8.DecodeRune(p.data[p.pos:])
			if r == utf8.RuneError && size == 1 {
				return "", p.errf(p.pos, "invalid UTF-8 in string")
			}
			b.WriteRune(r)
			p.pos += size
		}
	}
}

func (p *jsonParser) escape(b *strings.Builder) *jsonError {
	at := p.pos
	p.pos++ // backslash
	if p.pos >= len(p.data) {
		return p.errf(at, "unterminated string")
	}
	c := p.data[p.pos]
	p.pos++
	switch c {
	case '"', '\\', '/':
		b.WriteByte(c)
	case 'b':
		b.WriteByte('\b')
	case 'f':
		b.WriteByte('\f')
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'u':
		r, ok := p.hex4()
		if !ok {
			return p.errf(at, "invalid \\u escape")
		}
		if utf16.IsSurrogate(r) {
			// A surrogate pair is two \u escapes; a lone half is replaced, as
			// encoding/json does.
			save := p.pos
			if p.pos+1 < len(p.data) && p.data[p.pos] == '\\' && p.data[p.pos+1] == 'u' {
				p.pos += 2
				if r2, ok := p.hex4(); ok {
					if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
						b.WriteRune(d)
						return nil
					}
				}
			}
			p.pos = save
			r = utf8.RuneError
		}
		b.WriteRune(r)
	default:
		return p.errf(at, "invalid escape \\%c", c)
	}
	return nil
}

func (p *jsonParser) hex4() (rune, bool) {
	if p.pos+4 > len(p.data) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(p.data[p.pos:p.pos+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	p.pos += 4
	return rune(v), true
}

// jsonInt returns the value of an integer literal (no fraction or exponent).
func jsonInt(n *jsonNode) (int64, bool) {
	if n == nil || n.kind != jsonNumber {
		return 0, false
	}
	v, err := strconv.ParseInt(n.str, 10, 64)
	return v, err == nil
}
