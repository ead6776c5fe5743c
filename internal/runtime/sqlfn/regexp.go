package sqlfn

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// RLike is s RLIKE re / regexp_like / regexp: whether re matches anywhere
// in s (Matcher.find).
func RLike(s string, re *regexp.Regexp) bool {
	return re.MatchString(javaString(s))
}

// RegexpReplace is regexp_replace(s, re, rep, pos): every match of re in s
// from character pos (1-based, UTF-16 units as Java counts them; the
// emitter rejects pos < 1 at generate time, as Spark's analyzer does) is
// replaced by rep, which uses Java's replacement syntax: $n and ${name}
// insert groups, \x is a literal x. A bad reference in rep is an error
// (Spark fails the query with the JDK's IllegalArgumentException) but only
// once something matches. regexp_replace(s, re, rep) is pos 1.
func RegexpReplace(s string, re *regexp.Regexp, rep string, pos int32) (string, error) {
	js := javaString(s)
	off, ok := utf16Offset(js, int(pos)-1)
	if !ok {
		return s, nil
	}
	sub := js[off:]
	var (
		b    strings.Builder
		last int
		tmpl []replPart
		err  error
		seen bool
	)
	eachMatch(re, sub, func(m []int) bool {
		if !seen {
			seen = true
			if tmpl, err = parseReplacement(re, javaString(rep)); err != nil {
				return false
			}
			b.Grow(len(js) + len(rep))
			b.WriteString(js[:off])
		}
		b.WriteString(sub[last:m[0]])
		for _, p := range tmpl {
			if p.group < 0 {
				b.WriteString(p.lit)
			} else if m[2*p.group] >= 0 {
				b.WriteString(sub[m[2*p.group]:m[2*p.group+1]])
			}
		}
		last = m[1]
		return true
	})
	if err != nil {
		return "", err
	}
	if !seen {
		return js, nil
	}
	b.WriteString(sub[last:])
	return b.String(), nil
}

// utf16Offset returns the byte offset of UTF-16 index k in s; ok is false
// when Spark leaves the input unchanged (k > 0 and k >= length).
func utf16Offset(s string, k int) (int, bool) {
	if k <= 0 {
		return 0, true
	}
	u := 0
	for i, r := range s {
		if u >= k {
			return i, true
		}
		u++
		if r >= 0x10000 {
			u++
		}
	}
	return len(s), false
}

// replPart is a literal or a Go group index of a Java replacement string.
type replPart struct {
	lit   string
	group int
}

// parseReplacement parses rep as Matcher.appendReplacement does.
func parseReplacement(re *regexp.Regexp, rep string) ([]replPart, error) {
	if strings.IndexByte(rep, '$') < 0 && strings.IndexByte(rep, '\\') < 0 {
		return []replPart{{lit: rep, group: -1}}, nil
	}
	var parts []replPart
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			parts = append(parts, replPart{lit: lit.String(), group: -1})
			lit.Reset()
		}
	}
	groups := javaGroupCount(re)
	for i := 0; i < len(rep); {
		c := rep[i]
		switch c {
		case '\\':
			i++
			if i == len(rep) {
				return nil, errors.New("IllegalArgumentException: character to be escaped is missing")
			}
			_, n := utf8.DecodeRuneInString(rep[i:])
			lit.WriteString(rep[i : i+n])
			i += n
		case '$':
			i++
			if i == len(rep) {
				return nil, errors.New("IllegalArgumentException: Illegal group reference: group index is missing")
			}
			ref := -1
			if rep[i] == '{' {
				i++
				j := i
				for j < len(rep) && (rep[j]|0x20 >= 'a' && rep[j]|0x20 <= 'z' || rep[j] >= '0' && rep[j] <= '9') {
					j++
				}
				name := rep[i:j]
				switch {
				case name == "":
					return nil, errors.New("IllegalArgumentException: named capturing group has 0 length name")
				case j == len(rep) || rep[j] != '}':
					return nil, errors.New("IllegalArgumentException: named capturing group is missing trailing '}'")
				case name[0] >= '0' && name[0] <= '9':
					return nil, errors.New("IllegalArgumentException: capturing group name {" + name + "} starts with digit character")
				}
				g := re.SubexpIndex(name)
				if g < 0 {
					return nil, errors.New("IllegalArgumentException: No group with name {" + name + "}")
				}
				flush()
				parts = append(parts, replPart{group: g})
				i = j + 1
				continue
			}
			if rep[i] < '0' || rep[i] > '9' {
				return nil, errors.New("IllegalArgumentException: Illegal group reference")
			}
			ref = int(rep[i] - '0')
			i++
			for i < len(rep) && rep[i] >= '0' && rep[i] <= '9' {
				n := ref*10 + int(rep[i]-'0')
				if n > groups {
					break
				}
				ref = n
				i++
			}
			if ref > groups {
				return nil, errors.New("IndexOutOfBoundsException: No group " + strconv.Itoa(ref))
			}
			flush()
			parts = append(parts, replPart{group: goGroup(re, ref)})
		default:
			lit.WriteByte(c)
			i++
		}
	}
	flush()
	return parts, nil
}

// RegexpExtract is regexp_extract(s, re, idx): group idx of the first match,
// "" when nothing matches or the group did not participate. idx outside
// 0..groups is an error, raised (as Spark does) only when re matches.
// regexp_extract(s, re) is idx 1.
func RegexpExtract(s string, re *regexp.Regexp, idx int32) (string, error) {
	s = javaString(s)
	var out string
	var err error
	eachMatch(re, s, func(m []int) bool {
		if err = checkGroupIndex("regexp_extract", re, idx); err == nil {
			out = group(re, s, m, int(idx))
		}
		return false
	})
	return out, err
}

// RegexpExtractAll is regexp_extract_all(s, re, idx): group idx of every
// match, in order.
func RegexpExtractAll(s string, re *regexp.Regexp, idx int32) ([]string, error) {
	s = javaString(s)
	out := []string{}
	var err error
	eachMatch(re, s, func(m []int) bool {
		if err = checkGroupIndex("regexp_extract_all", re, idx); err != nil {
			return false
		}
		out = append(out, group(re, s, m, int(idx)))
		return true
	})
	return out, err
}

func checkGroupIndex(fn string, re *regexp.Regexp, idx int32) error {
	n := javaGroupCount(re)
	if idx < 0 {
		return &Error{"INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX", "The value of parameter(s) `idx` in `" + fn +
			"` is invalid: Expects group index between 0 and " + strconv.Itoa(n) + ", but got " + strconv.Itoa(int(idx)) + "."}
	}
	if int(idx) > n {
		return &Error{"INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX", "The value of parameter(s) `idx` in `" + fn +
			"` is invalid: Expects group index between 0 and " + strconv.Itoa(n) + ", but got " + strconv.Itoa(int(idx)) + "."}
	}
	return nil
}

func group(re *regexp.Regexp, s string, m []int, k int) string {
	g := goGroup(re, k)
	if m[2*g] < 0 {
		return ""
	}
	return s[m[2*g]:m[2*g+1]]
}

// Split is split(s, re, limit) (UTF8String.split -> String.split): limit > 0
// caps the number of parts (the last keeps the rest); limit <= 0 means no
// cap, and trailing empty strings are kept (Spark turns 0 into -1). A
// zero-width match at the start yields no leading "". An empty pattern
// splits s into its characters (at most limit of them). split(s, re) is
// limit -1.
func Split(s string, re *regexp.Regexp, limit int32) []string {
	if s != "" && strings.TrimPrefix(re.String(), javaLoopMarker) == "" {
		n := numChars(s)
		if limit > 0 && int(limit) < n {
			n = int(limit)
		}
		out := make([]string, n)
		i := 0
		for k := range out {
			w := min(charLen(s[i]), len(s)-i)
			out[k] = s[i : i+w]
			i += w
		}
		return out
	}
	s = javaString(s)
	var out []string
	index := 0
	eachMatch(re, s, func(m []int) bool {
		if limit <= 0 || len(out) < int(limit)-1 {
			if index == 0 && m[0] == 0 && m[1] == 0 {
				return true
			}
			out = append(out, s[index:m[0]])
			index = m[1]
			return true
		}
		return false
	})
	if index == 0 {
		return []string{s}
	}
	return append(out, s[index:])
}

// eachMatch calls fn with the submatch indexes of each match of re in s in
// the order java.util.regex.Matcher.find reports them, until fn returns
// false. m[1] is the Java end of the match (before a line terminator that a
// '$' looked at).
func eachMatch(re *regexp.Regexp, s string, fn func(m []int) bool) {
	if !strings.HasPrefix(re.String(), javaLoopMarker) {
		// No empty matches or no way to judge them: Go's iteration is Java's.
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			javaEnd(re, m)
			if !fn(m) {
				return
			}
		}
		return
	}
	// Java searches again from the end of a non-empty match (so an empty
	// match may abut it, which Go's FindAll drops) and one character after
	// an empty one.
	for pos := 0; pos <= len(s); {
		m := re.FindStringSubmatchIndex(s[pos:])
		if m == nil {
			return
		}
		for k := range m {
			if m[k] >= 0 {
				m[k] += pos
			}
		}
		javaEnd(re, m)
		if !fn(m) {
			return
		}
		if m[1] > m[0] {
			pos = m[1]
			continue
		}
		if m[1] >= len(s) {
			return
		}
		_, n := utf8.DecodeRuneInString(s[m[1]:])
		pos = m[1] + n
	}
}

// javaEnd moves the end of match m before the line terminator captured by
// a translated '$'.
func javaEnd(re *regexp.Regexp, m []int) {
	if re.NumSubexp() == 0 {
		return
	}
	for g, name := range re.SubexpNames() {
		if g > 0 && m[2*g] >= 0 && strings.HasPrefix(name, eolPrefix) {
			m[1] = m[2*g]
			m[2*g], m[2*g+1] = -1, -1
		}
	}
}

// javaGroupCount is the number of groups the Java pattern has.
func javaGroupCount(re *regexp.Regexp) int {
	n := re.NumSubexp()
	if n == 0 {
		return 0
	}
	for _, name := range re.SubexpNames() {
		if strings.HasPrefix(name, eolPrefix) {
			n--
		}
	}
	return n
}

// goGroup maps Java group k to Go's group index.
func goGroup(re *regexp.Regexp, k int) int {
	if k == 0 || re.NumSubexp() == javaGroupCount(re) {
		return k
	}
	for g, name := range re.SubexpNames() {
		if g == 0 || strings.HasPrefix(name, eolPrefix) {
			continue
		}
		if k--; k == 0 {
			return g
		}
	}
	return 0
}
