package kafka

import (
	"fmt"
	"strings"
)

// jaasEntry is one login module entry of a Java JAAS configuration, as
// Kafka clients take it in sasl.jaas.config:
//
//	org.apache.kafka.common.security.plain.PlainLoginModule required username="x" password="y";
type jaasEntry struct {
	module  string
	flag    string
	options map[string]string
}

// parseJAAS reads exactly one entry. Values may be double-quoted (with \"
// and \\ escapes, as Java's StreamTokenizer reads them) or bare words.
func parseJAAS(s string) (jaasEntry, error) {
	var e jaasEntry
	p := jaasLexer{s: s}
	tok, ok := p.word()
	if !ok {
		return e, fmt.Errorf("sasl.jaas.config: expected a login module class name")
	}
	e.module = tok
	if e.flag, ok = p.word(); !ok {
		return e, fmt.Errorf("sasl.jaas.config: expected a control flag (required, requisite, sufficient, optional) after %s", e.module)
	}
	switch e.flag {
	case "required", "requisite", "sufficient", "optional":
	default:
		return e, fmt.Errorf("sasl.jaas.config: invalid control flag %q (want required, requisite, sufficient or optional)", e.flag)
	}
	e.options = map[string]string{}
	for {
		p.space()
		if p.eat(';') {
			p.space()
			if p.i != len(p.s) {
				return e, fmt.Errorf("sasl.jaas.config: only one login module entry is allowed, found more after ';'")
			}
			return e, nil
		}
		if p.i == len(p.s) {
			return e, fmt.Errorf("sasl.jaas.config: missing ';' at the end")
		}
		key, ok := p.word()
		if !ok {
			return e, fmt.Errorf("sasl.jaas.config: expected option name at offset %d", p.i)
		}
		p.space()
		if !p.eat('=') {
			return e, fmt.Errorf("sasl.jaas.config: expected '=' after option %s", key)
		}
		p.space()
		val, err := p.value()
		if err != nil {
			return e, fmt.Errorf("sasl.jaas.config: option %s: %w", key, err)
		}
		e.options[key] = val
	}
}

type jaasLexer struct {
	s string
	i int
}

func (p *jaasLexer) space() {
	for p.i < len(p.s) && strings.ContainsRune(" \t\r\n", rune(p.s[p.i])) {
		p.i++
	}
}

func (p *jaasLexer) eat(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// word reads a bare token: anything up to space, '=', ';' or a quote.
func (p *jaasLexer) word() (string, bool) {
	p.space()
	start := p.i
	for p.i < len(p.s) && !strings.ContainsRune(" \t\r\n=;\"", rune(p.s[p.i])) {
		p.i++
	}
	return p.s[start:p.i], p.i > start
}

func (p *jaasLexer) value() (string, error) {
	if !p.eat('"') {
		w, ok := p.word()
		if !ok {
			return "", fmt.Errorf("expected a value")
		}
		return w, nil
	}
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		p.i++
		switch c {
		case '"':
			return b.String(), nil
		case '\\':
			if p.i < len(p.s) {
				b.WriteByte(p.s[p.i])
				p.i++
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", fmt.Errorf("unterminated quoted value")
}
