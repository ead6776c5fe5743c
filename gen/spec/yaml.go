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

	"github.com/streamc/streamc/gen/diag"
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

// yamlError turns a yaml.v3 syntax error into a positioned one. yaml.v3
// prints parser lines from 0 and scanner lines from 1, omits line 0 (so no
// line means the first), and gives no line for an unknown anchor, which is
// found here by searching for the alias.
func yamlError(file string, data []byte, err error) error {
	msg := err.Error()
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		if slices.Contains(yamlParserProblems, m[2]) {
			line++
		}
		return diag.Errorf(Pos{File: file, Line: line}, "%s", m[2])
	}
	if m := yamlAnchorRE.FindStringSubmatch(msg); m != nil {
		p := Pos{File: file}
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			p.Line = bytes.Count(data[:i], []byte("\n")) + 1
			p.Column = utf8.RuneCount(data[bytes.LastIndexByte(data[:i], '\n')+1:i]) + 1
		}
		return diag.Errorf(p, "unknown anchor %q referenced", m[1])
	}
	return diag.Errorf(Pos{File: file, Line: 1}, "%s", strings.TrimPrefix(msg, "yaml: "))
}
