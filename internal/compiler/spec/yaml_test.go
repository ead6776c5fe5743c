package spec

import (
	"strings"
	"testing"
)

// Every YAML syntax error carries line and column; at is the character the
// position must point at in the input, so the expectations are checked
// against the text itself.
func TestYAMLSyntaxErrorPositions(t *testing.T) {
	for _, c := range []struct {
		name, src string
		line, col int
		at        string
		msg       string
	}{
		{"bad indentation", "version: \"1\"\napps:\n  a:\n    queries:\n   b: 1\n", 5, 4, "b", "did not find expected key"},
		{"dedent inside mapping", "version: \"1\"\napps:\n  a: 1\n b: 2\n", 4, 2, "b", "did not find expected key"},
		{"unclosed double quote", "version: \"1\"\napps:\n  a: \"unclosed\n  b: 2\n", 3, 6, `"`, "found unexpected end of stream"},
		{"unclosed single quote on line 1", "version: '1\napps: {}\n", 1, 10, "'", "found unexpected end of stream"},
		{"unclosed quote after a closed one", "version: '1'\napps: \"x\n", 2, 7, `"`, "found unexpected end of stream"},
		{"tab indentation", "version: \"1\"\napps:\n\ta: 1\n", 3, 1, "\t", "found character that cannot start any token"},
		{"reserved indicator on line 1", "version: @1\n", 1, 10, "@", "found character that cannot start any token"},
		{"unclosed flow mapping", "version: \"1\"\napps: {a: 1, b: 2\n", 2, 7, "{", "did not find expected ',' or '}'"},
		{"unclosed flow sequence", "version: \"1\"\napps:\n  a:\n    queries: [q\n", 4, 14, "[", "did not find expected ',' or ']'"},
		{"unclosed flow sequence over lines", "version: \"1\"\nx-a: [1,\n  2,\n  3\napps: {}\n", 4, 3, "3", "did not find expected ',' or ']'"},
		{"mapping value in a scalar", "version: \"1\"\napps: a: b\n", 2, 8, ":", "mapping values are not allowed in this context"},
		{"indented key", "version: \"1\"\n  apps: x\n", 2, 3, "a", "did not find expected key"},
		{"indented key after a plain scalar", "version: 1\n  apps: x\n", 2, 7, ":", "mapping values are not allowed in this context"},
		{"key among sequence items", "version: \"1\"\napps:\n  - a\n  b: 1\n", 4, 3, "b", "did not find expected '-' indicator"},
		{"key without colon", "version: \"1\"\napps:\n  a: |\n   x\n  y\n", 5, 3, "y", "could not find expected ':'"},
	} {
		t.Run(c.name, func(t *testing.T) {
			lines := strings.Split(c.src, "\n")
			if got := string([]rune(lines[c.line-1])[c.col-1]); got != c.at {
				t.Fatalf("test case: %d:%d is %q in the input, not %q", c.line, c.col, got, c.at)
			}
			_, err := Parse("p.yaml", []byte(c.src))
			want := "p.yaml:" + itoa(c.line) + ":" + itoa(c.col) + ": " + c.msg
			if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("got\n%v\nwant\n%s", err, want)
			}
		})
	}
}

// A duplicate key is the decoder's error, positioned at both keys.
func TestYAMLDuplicateKeyPosition(t *testing.T) {
	src := "version: \"1\"\napps:\n  a: {queries: {}}\n  a: {queries: {}}\n"
	_, err := Parse("p.yaml", []byte(src))
	want := `p.yaml:4:3: duplicate key "a" in apps (first at p.yaml:3:3)`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got\n%v\nwant a line\n%s", err, want)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
