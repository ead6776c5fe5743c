package queryrt

import (
	"errors"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Like is a compiled LIKE pattern: '_' matches one character, '%' any
// run of characters, and the escape character makes the next '_', '%' or
// itself literal (Spark's StringUtils.escapeLikeRegex).
type Like struct {
	src    string
	escape rune
	re     *regexp.Regexp
}

// CompileLike compiles pattern with the escape character (default '\\').
// An escape before any other character, or at the end, is an error, as in
// Spark.
func CompileLike(pattern string, escape rune) (*Like, error) {
	var b strings.Builder
	b.WriteString(`(?s)\A`)
	for i := 0; i < len(pattern); {
		c, w := utf8.DecodeRuneInString(pattern[i:])
		i += w
		switch {
		case c == escape:
			if i >= len(pattern) {
				return nil, errors.New("the pattern '" + pattern + "' is invalid: it may not end with the escape character")
			}
			n, w := utf8.DecodeRuneInString(pattern[i:])
			i += w
			if n != '_' && n != '%' && n != escape {
				return nil, errors.New("the pattern '" + pattern + "' is invalid: the escape character is not allowed to precede '" + string(n) + "'")
			}
			b.WriteString(regexp.QuoteMeta(string(n)))
		case c == '_':
			b.WriteByte('.')
		case c == '%':
			b.WriteString(".*")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString(`\z`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, err
	}
	return &Like{src: pattern, escape: escape, re: re}, nil
}

// MustLike is CompileLike for constant patterns checked at generate time.
func MustLike(pattern string, escape rune) *Like {
	l, err := CompileLike(pattern, escape)
	if err != nil {
		panic("queryrt: " + err.Error())
	}
	return l
}

// Match reports whether s matches the whole pattern.
func (l *Like) Match(s string) bool { return l.re.MatchString(s) }

// LikeCache keeps the last compiled pattern of a LIKE whose pattern is not
// constant, so a column of repeated patterns compiles once.
type LikeCache struct{ last *Like }

// Get returns pattern compiled, reusing the previous one when equal.
func (c *LikeCache) Get(pattern string, escape rune) (*Like, error) {
	if c.last != nil && c.last.src == pattern && c.last.escape == escape {
		return c.last, nil
	}
	l, err := CompileLike(strings.Clone(pattern), escape)
	if err != nil {
		return nil, err
	}
	c.last = l
	return l, nil
}

// RegexpCache keeps the last compiled regular expression of a function
// whose pattern is not constant.
type RegexpCache struct {
	src string
	re  *regexp.Regexp
}

// Get returns pattern compiled (Java syntax), reusing the previous one.
func (c *RegexpCache) Get(pattern string) (*regexp.Regexp, error) {
	if c.re != nil && c.src == pattern {
		return c.re, nil
	}
	re, err := compileJava(pattern)
	if err != nil {
		return nil, err
	}
	c.src, c.re = strings.Clone(pattern), re
	return re, nil
}
