package sqlfn

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CompileRegexp translates a java.util.regex pattern (what Spark's rlike,
// regexp_replace, regexp_extract and split take) into Go's RE2 syntax and
// compiles it. The emitter calls it at generate time for constant patterns,
// reporting the error there, and once per pattern at run time. Functions of
// this package that take a *regexp.Regexp expect one from CompileRegexp.
//
// Translated so that the match is Java's:
//   - '.' excludes every Java line terminator (\n \r \u0085 \u2028 \u2029),
//     or only \n under (?d), nothing under (?s);
//   - '$' and \Z (no (?m)) match at the end or before a final line
//     terminator, as Java does; \s, \h, \v, \R, \e, \cX, \0oct, \uhhhh and
//     the ASCII POSIX classes \p{Alpha}, \p{Punct}... are expanded; scripts
//     and categories (\p{IsLatin}, \p{Lu}, \p{gc=Lu}) are renamed;
//   - (?x) comments mode is applied here (whitespace and #... dropped).
//
// Rejected with an error, because RE2 cannot match them: backreferences
// (\1, \k<n>), lookahead and lookbehind, atomic groups, possessive
// quantifiers, \G, Unicode blocks (\p{InGreek}), class intersection (&&),
// nested classes, (?U) and (?c).
//
// Known differences that remain: (?i) folds case with Unicode rules (Java
// folds ASCII only unless (?u) is also set); \b and \B use ASCII word
// characters (Java's \b knows Unicode letters); under (?m) only \n ends a
// line; for patterns that can match the empty string and contain \b, \B or
// (?m)^, an empty match right after a non-empty one is not reported (Java
// reports it).
func CompileRegexp(pattern string) (*regexp.Regexp, error) {
	t := translator{src: pattern}
	out, err := t.translate()
	if err != nil {
		return nil, fmt.Errorf("regexp %q: %w", pattern, err)
	}
	re, err := syntax.Parse(out, syntax.Perl)
	if err != nil {
		return nil, fmt.Errorf("regexp %q: %w", pattern, err)
	}
	// javaLoop marks patterns whose matches must be found one at a time as
	// java.util.regex.Matcher.find does (see findJava).
	if (t.eols > 0 || canBeEmpty(re)) && !t.lookbehind {
		out = javaLoopMarker + out
	}
	return regexp.Compile(out)
}

// javaLoopMarker starts the translation of patterns that need findJava's
// one-match-at-a-time loop. It matches the empty string and is never
// emitted otherwise.
const javaLoopMarker = "(?:)"

// eolPrefix names the groups that capture the line terminator a Java '$'
// looks ahead at (Java group names cannot contain '_').
const eolPrefix = "_eol"

// Java's line terminators, as a class body.
const javaLineTerms = `\n\r\x{85}\x{2028}\x{2029}`

type translator struct {
	src        string
	i          int
	out        strings.Builder
	eols       int  // eol groups emitted
	lookbehind bool // \b, \B or multiline ^ seen
	flags      []jflags
}

type jflags struct{ i, m, s, d, x bool }

func (t *translator) cur() jflags { return t.flags[len(t.flags)-1] }

// errRE2 ends the messages of constructs RE2 cannot run (a constant, so
// that the package keeps no mutable state).
const errRE2 = constError("not supported by Go's RE2 engine")

type constError string

func (e constError) Error() string { return string(e) }

func (t *translator) translate() (string, error) {
	t.flags = []jflags{{}}
	for t.i < len(t.src) {
		if err := t.atom(); err != nil {
			return "", err
		}
	}
	if len(t.flags) != 1 {
		return "", errors.New("unclosed group")
	}
	return t.out.String(), nil
}

func (t *translator) next() rune {
	r, n := utf8.DecodeRuneInString(t.src[t.i:])
	t.i += n
	return r
}

func (t *translator) peek() rune {
	if t.i >= len(t.src) {
		return -1
	}
	r, _ := utf8.DecodeRuneInString(t.src[t.i:])
	return r
}

// skipComments drops whitespace and #-comments in (?x) mode.
func (t *translator) skipComments() {
	if !t.cur().x {
		return
	}
	for t.i < len(t.src) {
		c := t.src[t.i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			t.i++
		case c == '#':
			for t.i < len(t.src) && t.src[t.i] != '\n' && t.src[t.i] != '\r' {
				t.i++
			}
		default:
			return
		}
	}
}

func (t *translator) atom() error {
	t.skipComments()
	if t.i >= len(t.src) {
		return nil
	}
	f := t.cur()
	r := t.next()
	switch r {
	case '\\':
		if err := t.escape(false); err != nil {
			return err
		}
	case '.':
		switch {
		case f.s:
			t.out.WriteString(`(?s:.)`)
		case f.d:
			t.out.WriteString(`[^\n]`)
		default:
			t.out.WriteString(`[^` + javaLineTerms + `]`)
		}
	case '^':
		t.lookbehind = true
		if f.m {
			t.out.WriteString(`(?m:^)`)
		} else {
			t.out.WriteString(`\A`)
		}
	case '$':
		t.dollar()
	case '(':
		return t.group()
	case ')':
		if len(t.flags) == 1 {
			return errors.New("unmatched ')'")
		}
		t.flags = t.flags[:len(t.flags)-1]
		t.out.WriteByte(')')
		return t.quantifier()
	case '[':
		if err := t.class(); err != nil {
			return err
		}
		return t.quantifier()
	case '*', '+', '?':
		return errors.New("dangling meta character '" + string(r) + "'")
	case '{':
		return errors.New("illegal repetition")
	case '|':
		t.out.WriteByte('|')
		return nil
	default:
		t.literal(r)
	}
	return t.quantifier()
}

func (t *translator) literal(r rune) {
	if r < utf8.RuneSelf && strings.ContainsRune(`\.+*?()|[]{}^$`, r) {
		t.out.WriteByte('\\')
	}
	t.out.WriteRune(r)
}

// dollar emits Java's '$': without (?m), end of input or before a final
// line terminator, which is captured in a group named _eolN so that callers
// can end the match before it.
func (t *translator) dollar() {
	f := t.cur()
	if f.m {
		t.out.WriteString(`(?m:$)`)
		return
	}
	t.eols++
	name := eolPrefix + strconv.Itoa(t.eols)
	if f.d {
		t.out.WriteString(`(?:(?P<` + name + `>\n)?\z)`)
		return
	}
	t.out.WriteString(`(?:(?P<` + name + `>\r\n|[` + javaLineTerms + `])?\z)`)
}

func (t *translator) quantifier() error {
	t.skipComments()
	if t.i >= len(t.src) {
		return nil
	}
	switch c := t.src[t.i]; c {
	case '*', '+', '?':
		t.i++
		t.out.WriteByte(c)
	case '{':
		j := t.i + 1
		for j < len(t.src) && (t.src[j] >= '0' && t.src[j] <= '9' || t.src[j] == ',') {
			j++
		}
		body := t.src[t.i+1 : j]
		if j >= len(t.src) || t.src[j] != '}' || body == "" || body[0] == ',' || strings.Count(body, ",") > 1 {
			return errors.New("illegal repetition near index " + strconv.Itoa(t.i))
		}
		t.out.WriteString(t.src[t.i : j+1])
		t.i = j + 1
	default:
		return nil
	}
	if t.i < len(t.src) {
		switch t.src[t.i] {
		case '?':
			t.i++
			t.out.WriteByte('?')
		case '+':
			return fmt.Errorf("possessive quantifiers are %w", errRE2)
		}
	}
	if t.i < len(t.src) && strings.IndexByte("*+?{", t.src[t.i]) >= 0 {
		return errors.New("dangling meta character '" + string(t.src[t.i]) + "'")
	}
	return nil
}

func (t *translator) group() error {
	f := t.cur()
	if t.peek() != '?' {
		t.flags = append(t.flags, f)
		t.out.WriteByte('(')
		return nil
	}
	t.i++
	rest := t.src[t.i:]
	switch {
	case strings.HasPrefix(rest, ":"):
		t.i++
		t.flags = append(t.flags, f)
		t.out.WriteString("(?:")
		return nil
	case strings.HasPrefix(rest, "=") || strings.HasPrefix(rest, "!"):
		return fmt.Errorf("lookahead is %w", errRE2)
	case strings.HasPrefix(rest, "<=") || strings.HasPrefix(rest, "<!"):
		return fmt.Errorf("lookbehind is %w", errRE2)
	case strings.HasPrefix(rest, ">"):
		return fmt.Errorf("atomic groups are %w", errRE2)
	case strings.HasPrefix(rest, "<"):
		end := strings.IndexByte(rest, '>')
		if end < 2 {
			return errors.New("named capturing group is missing trailing '>'")
		}
		name := rest[1:end]
		for k := 0; k < len(name); k++ {
			c := name[k]
			if !(c|0x20 >= 'a' && c|0x20 <= 'z' || k > 0 && c >= '0' && c <= '9') {
				return errors.New("bad named capturing group name " + strconv.Quote(name))
			}
		}
		t.i += end + 1
		t.flags = append(t.flags, f)
		t.out.WriteString("(?P<" + name + ">")
		return nil
	}
	// Flags: (?idmsux-idmsux) or (?idmsux-idmsux:X).
	on := true
	nf := f
	for t.i < len(t.src) {
		c := t.src[t.i]
		t.i++
		switch c {
		case 'i':
			nf.i = on
		case 'm':
			nf.m = on
		case 's':
			nf.s = on
		case 'd':
			nf.d = on
		case 'x':
			nf.x = on
		case 'u':
		case 'U', 'c':
			return fmt.Errorf("flag (?%c) is %w", c, errRE2)
		case '-':
			on = false
		case ')', ':':
			ci := ""
			if nf.i != f.i {
				ci = "-i"
				if nf.i {
					ci = "i"
				}
			}
			if c == ')' {
				t.flags[len(t.flags)-1] = nf
				if ci != "" {
					t.out.WriteString("(?" + ci + ")")
				}
				return nil
			}
			t.flags = append(t.flags, nf)
			t.out.WriteString("(?" + ci + ":")
			return nil
		default:
			return errors.New("unknown inline modifier '" + string(c) + "'")
		}
	}
	return errors.New("unclosed group")
}

// escape translates the escape after a backslash; inClass selects the form
// used inside [...].
func (t *translator) escape(inClass bool) error {
	if t.i >= len(t.src) {
		return errors.New("unexpected trailing backslash")
	}
	r := t.next()
	set := func(body string, neg bool) {
		switch {
		case inClass:
			t.out.WriteString(body)
		case neg:
			t.out.WriteString("[^" + body + "]")
		default:
			t.out.WriteString("[" + body + "]")
		}
	}
	switch r {
	case 'd', 'D', 'w', 'W':
		t.out.WriteString(`\` + string(r))
	case 's':
		if inClass {
			t.out.WriteString("[:space:]")
		} else {
			t.out.WriteString("[[:space:]]")
		}
	case 'S':
		if inClass {
			t.out.WriteString("[:^space:]")
		} else {
			t.out.WriteString("[[:^space:]]")
		}
	case 'h', 'H':
		if inClass && r == 'H' {
			return fmt.Errorf(`\H inside a class is %w`, errRE2)
		}
		set(` \t\x{a0}\x{1680}\x{180e}\x{2000}-\x{200a}\x{202f}\x{205f}\x{3000}`, r == 'H')
	case 'v', 'V':
		if inClass && r == 'V' {
			return fmt.Errorf(`\V inside a class is %w`, errRE2)
		}
		set(`\n\x0B\f\r\x{85}\x{2028}\x{2029}`, r == 'V')
	case 'R':
		if inClass {
			return errors.New(`illegal escape \R in a class`)
		}
		t.out.WriteString(`(?:\r\n|[\n\x0B\f\r\x{85}\x{2028}\x{2029}])`)
	case 't', 'n', 'r', 'f', 'a':
		t.out.WriteString(`\` + string(r))
	case 'e':
		t.out.WriteString(`\x1B`)
	case 'c':
		if t.i >= len(t.src) {
			return errors.New(`illegal control escape \c`)
		}
		t.codePoint(t.next() ^ 64)
	case '0':
		v, n := 0, 0
		for n < 3 && t.i < len(t.src) && t.src[t.i] >= '0' && t.src[t.i] <= '7' && (n < 2 || v <= 037) {
			v = v*8 + int(t.src[t.i]-'0')
			t.i++
			n++
		}
		if n == 0 {
			return errors.New(`illegal octal escape sequence`)
		}
		t.codePoint(rune(v))
	case 'x':
		if t.peek() == '{' {
			end := strings.IndexByte(t.src[t.i:], '}')
			if end < 0 {
				return errors.New(`unclosed hexadecimal escape sequence`)
			}
			v, err := strconv.ParseUint(t.src[t.i+1:t.i+end], 16, 32)
			if err != nil || v > unicode.MaxRune {
				return errors.New(`illegal hexadecimal escape sequence`)
			}
			t.i += end + 1
			t.codePoint(rune(v))
			return nil
		}
		v, ok := t.hex(2)
		if !ok {
			return errors.New(`illegal hexadecimal escape sequence`)
		}
		t.codePoint(v)
	case 'u':
		v, ok := t.hex(4)
		if !ok {
			return errors.New(`illegal Unicode escape sequence`)
		}
		if v >= 0xD800 && v < 0xDC00 && strings.HasPrefix(t.src[t.i:], `\u`) {
			save := t.i
			t.i += 2
			if lo, ok := t.hex(4); ok && lo >= 0xDC00 && lo <= 0xDFFF {
				v = (v-0xD800)<<10 + (lo - 0xDC00) + 0x10000
			} else {
				t.i = save
			}
		}
		t.codePoint(v)
	case 'p', 'P':
		return t.property(r == 'P', inClass)
	case 'Q':
		end := strings.Index(t.src[t.i:], `\E`)
		lit := t.src[t.i:]
		if end >= 0 {
			lit = t.src[t.i : t.i+end]
			t.i += end + 2
		} else {
			t.i = len(t.src)
		}
		for _, c := range lit {
			t.codePoint(c)
		}
	case 'b', 'B':
		if inClass {
			return errors.New(`illegal escape \` + string(r) + ` in a class`)
		}
		if t.peek() == '{' {
			return fmt.Errorf(`\b{...} is %w`, errRE2)
		}
		t.lookbehind = true
		t.out.WriteString(`\` + string(r))
	case 'A':
		t.lookbehind = true
		t.out.WriteString(`\A`)
	case 'z':
		t.out.WriteString(`\z`)
	case 'Z':
		f := t.cur()
		f.m = false
		t.flags = append(t.flags, f)
		t.dollar()
		t.flags = t.flags[:len(t.flags)-1]
	case 'G':
		return fmt.Errorf(`\G is %w`, errRE2)
	case 'k':
		return fmt.Errorf(`backreferences are %w`, errRE2)
	case 'X', 'N':
		return fmt.Errorf(`\%c is %w`, r, errRE2)
	default:
		switch {
		case r >= '1' && r <= '9':
			return fmt.Errorf(`backreferences are %w`, errRE2)
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			return errors.New(`illegal/unsupported escape sequence \` + string(r))
		}
		t.codePoint(r)
		return nil
	}
	return nil
}

func (t *translator) hex(n int) (rune, bool) {
	if t.i+n > len(t.src) {
		return 0, false
	}
	v, err := strconv.ParseUint(t.src[t.i:t.i+n], 16, 32)
	if err != nil {
		return 0, false
	}
	t.i += n
	return rune(v), true
}

// codePoint writes r as a literal, escaped when it is a metacharacter.
func (t *translator) codePoint(r rune) {
	if r < 0x20 || r == 0x7f || r >= 0xD800 && r <= 0xDFFF {
		fmt.Fprintf(&t.out, `\x{%x}`, r)
		return
	}
	t.literal(r)
}

// javaPosix maps Java's ASCII POSIX property names to Go's ASCII classes.
func javaPosix(name string) (string, bool) {
	switch name {
	case "Lower", "Upper", "Alpha", "Digit", "Alnum", "Punct", "Graph", "Print", "Blank", "Cntrl", "Space":
		return strings.ToLower(name), true
	case "ASCII":
		return "ascii", true
	case "XDigit":
		return "xdigit", true
	}
	return "", false
}

func (t *translator) property(neg, inClass bool) error {
	var name string
	if t.peek() == '{' {
		end := strings.IndexByte(t.src[t.i:], '}')
		if end < 0 {
			return errors.New("unclosed character family")
		}
		name = t.src[t.i+1 : t.i+end]
		t.i += end + 1
	} else if t.i < len(t.src) {
		name = string(t.next())
	}
	if posix, ok := javaPosix(name); ok {
		if neg {
			posix = "^" + posix
		}
		if inClass {
			t.out.WriteString("[:" + posix + ":]")
		} else {
			t.out.WriteString("[[:" + posix + ":]]")
		}
		return nil
	}
	goName := ""
	switch {
	case strings.HasPrefix(name, "In") || strings.HasPrefix(name, "blk=") || strings.HasPrefix(name, "block="):
		return fmt.Errorf("Unicode blocks (\\p{%s}) are %w", name, errRE2)
	case strings.HasPrefix(name, "gc="):
		goName = name[3:]
	case strings.HasPrefix(name, "general_category="):
		goName = name[len("general_category="):]
	case strings.HasPrefix(name, "sc="):
		goName = name[3:]
	case strings.HasPrefix(name, "script="):
		goName = name[len("script="):]
	case strings.HasPrefix(name, "Is"):
		goName = name[2:]
		switch strings.ToLower(goName) {
		case "alphabetic", "letter":
			goName = "L"
		case "lowercase":
			goName = "Ll"
		case "uppercase":
			goName = "Lu"
		case "titlecase":
			goName = "Lt"
		case "digit":
			goName = "Nd"
		case "punctuation":
			goName = "P"
		case "control":
			goName = "Cc"
		case "white_space", "whitespace":
			return fmt.Errorf("\\p{%s} is %w", name, errRE2)
		}
	case name == "javaLowerCase":
		goName = "Ll"
	case name == "javaUpperCase":
		goName = "Lu"
	case name == "L&" || name == "LC":
		if inClass {
			t.out.WriteString(`\p{Lu}\p{Ll}\p{Lt}`)
		} else if neg {
			t.out.WriteString(`[^\p{Lu}\p{Ll}\p{Lt}]`)
		} else {
			t.out.WriteString(`[\p{Lu}\p{Ll}\p{Lt}]`)
		}
		if inClass && neg {
			return fmt.Errorf("\\P{%s} inside a class is %w", name, errRE2)
		}
		return nil
	default:
		goName = name
	}
	if _, ok := unicode.Categories[goName]; !ok {
		found := false
		for s := range unicode.Scripts {
			if strings.EqualFold(s, goName) {
				goName, found = s, true
				break
			}
		}
		if !found {
			return errors.New("unknown character property name {" + name + "}")
		}
	}
	if neg {
		t.out.WriteString(`\P{` + goName + `}`)
	} else {
		t.out.WriteString(`\p{` + goName + `}`)
	}
	return nil
}

// class translates a [...] class; the '[' has been read.
func (t *translator) class() error {
	t.out.WriteByte('[')
	if t.peek() == '^' {
		t.i++
		t.out.WriteByte('^')
	}
	first := true
	for {
		t.skipComments()
		if t.i >= len(t.src) {
			return errors.New("unclosed character class")
		}
		r := t.next()
		switch {
		case r == ']' && !first:
			t.out.WriteByte(']')
			return nil
		case r == ']':
			t.out.WriteString(`\]`)
		case r == '[':
			return fmt.Errorf("nested character classes are %w", errRE2)
		case r == '&' && t.peek() == '&':
			return fmt.Errorf("character class intersection (&&) is %w", errRE2)
		case r == '\\':
			if err := t.escape(true); err != nil {
				return err
			}
		case r == '-':
			t.out.WriteByte('-')
		case r == '^':
			t.out.WriteString(`\^`)
		default:
			t.codePoint(r)
		}
		first = false
	}
}

// canBeEmpty reports whether re can match the empty string somewhere
// (assertions count as empty).
func canBeEmpty(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpStar, syntax.OpQuest:
		return true
	case syntax.OpLiteral, syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL, syntax.OpNoMatch:
		return false
	case syntax.OpCapture, syntax.OpPlus:
		return canBeEmpty(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min == 0 || canBeEmpty(re.Sub[0])
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if !canBeEmpty(s) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if canBeEmpty(s) {
				return true
			}
		}
		return false
	}
	return true
}
