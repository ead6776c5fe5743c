package spec

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/streamc/streamc/internal/diag"
)

// parseYAML returns the root node of the single document in data.
func parseYAML(file string, data []byte) (*yaml.Node, error) {
	if err := checkUTF8(file, data); err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, diag.Errorf(Pos{File: file, Line: 1, Column: 1}, "empty file; want a mapping with version and apps")
		}
		return nil, yamlError(file, data, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		p := Pos{File: file, Line: extra.Line, Column: extra.Column}
		return nil, diag.Errorf(p, "a second YAML document; pipelines.yaml holds one")
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlError(file, data, err)
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return nil, diag.Errorf(Pos{File: file, Line: root.Line, Column: root.Column}, "empty document; want a mapping with version and apps")
	}
	return root, nil
}

// checkUTF8 positions invalid UTF-8 itself: yaml.v3 reports it without a line.
func checkUTF8(file string, data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	line, col := 1, 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n <= 1 {
			return diag.Errorf(Pos{File: file, Line: line, Column: col}, "invalid UTF-8")
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		data = data[n:]
	}
	return nil
}

var (
	yamlLineRE   = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	yamlAnchorRE = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)
)

// yamlParserProblems are the messages of yaml.v3's parser (not its
// scanner), whose line it prints counting from 0.
var yamlParserProblems = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// yamlError turns a yaml.v3 syntax error into one with a line and column.
// yaml.v3 prints only a line, and often not the problem's: the line where
// the enclosing block began, counted from 0 or from 1 depending on which
// half of the parser failed, or none at all on line 1. So the position is
// found again from the text (see locateYAMLProblem); yaml.v3's line is the
// fallback. An unknown anchor has no line at all and is found by searching
// for the alias.
func yamlError(file string, data []byte, err error) error {
	msg := err.Error()
	if m := yamlAnchorRE.FindStringSubmatch(msg); m != nil {
		p := Pos{File: file}
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			p.Line, p.Column = lineCol(data, i)
		}
		return diag.Errorf(p, "unknown anchor %q referenced", m[1])
	}
	problem, line := yamlProblemOf(err)
	p := Pos{File: file, Line: line}
	if off, ok := locateYAMLProblem(data, problem); ok {
		p.Line, p.Column = lineCol(data, off)
		if problem == "found unexpected end of stream" && (data[off] == '"' || data[off] == '\'') {
			problem += " (this quoted string is not closed)"
		}
	} else if p.Line > 0 {
		p.Column = firstNonBlank(data, p.Line)
	}
	return diag.Errorf(p, "%s", problem)
}

// yamlProblemOf splits a yaml.v3 error into its message and the line it
// names (1 when it names none, as yaml.v3 omits line 0), counting from 1.
func yamlProblemOf(err error) (string, int) {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if slices.Contains(yamlParserProblems, m[2]) {
			line++
		}
		return m[2], line
	}
	return strings.TrimPrefix(msg, "yaml: "), 1
}

// locateBudget bounds the bytes locateYAMLProblem re-parses (quadratic in
// the worst case); a spec is a few kilobytes, and past the budget yaml.v3's
// own line is used.
const locateBudget = 4 << 20

// locateYAMLProblem finds the offset of the character a syntax error is
// about: the shortest prefix of data that fails with the same message ends
// there. Whole lines are tried first, so that a sound earlier line (a closed
// quote, say) is not mistaken for the problem, then the characters of the
// first failing line. The end of that prefix is the character the scanner
// stopped at; the parser's problems are about a whole token, so the
// position moves back to its start, and to the bracket of a flow collection
// whose items it is in.
func locateYAMLProblem(data []byte, problem string) (int, bool) {
	budget := locateBudget
	fails := func(prefix []byte) bool {
		budget -= len(prefix)
		return budget >= 0 && yamlProblem(prefix) == problem
	}
	lineStart, lineEnd := -1, -1
	for start := 0; start < len(data); {
		end := bytes.IndexByte(data[start:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += start + 1
		}
		if fails(data[:end]) {
			lineStart, lineEnd = start, end
			break
		}
		if budget < 0 {
			return 0, false
		}
		start = end
	}
	if lineStart < 0 {
		return 0, false
	}
	off := -1
	for i := lineStart; i < lineEnd; {
		_, n := utf8.DecodeRune(data[i:])
		if fails(data[:i+n]) {
			off = i
			break
		}
		if budget < 0 {
			return 0, false
		}
		i += n
	}
	if off < 0 {
		return 0, false
	}
	if slices.Contains(yamlParserProblems, problem) {
		for off > lineStart && !isYAMLBreak(data[off-1]) {
			off--
		}
		if problem == "did not find expected ',' or '}'" || problem == "did not find expected ',' or ']'" {
			b := off - 1
			for b >= lineStart && (data[b] == ' ' || data[b] == '\t') {
				b--
			}
			if b >= lineStart && (data[b] == '{' || data[b] == '[') {
				off = b
			}
		}
	}
	return off, true
}

// isYAMLBreak reports whether c ends the token before it: blanks and flow
// indicators.
func isYAMLBreak(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
}

// yamlProblem is the message of the first syntax error in data's documents,
// or "" when there is none.
func yamlProblem(data []byte) string {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for range 2 {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if errors.Is(err, io.EOF) {
				return ""
			}
			msg, _ := yamlProblemOf(err)
			return msg
		}
	}
	return ""
}

// lineCol is the 1-based line and column (in characters) of offset off.
func lineCol(data []byte, off int) (int, int) {
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return bytes.Count(data[:off], []byte("\n")) + 1, utf8.RuneCount(data[start:off]) + 1
}

// firstNonBlank is the column of the first character of line that is not a
// space, or 1.
func firstNonBlank(data []byte, line int) int {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) {
		return 1
	}
	l := lines[line-1]
	return utf8.RuneCount(l[:len(l)-len(bytes.TrimLeft(l, " "))]) + 1
}
