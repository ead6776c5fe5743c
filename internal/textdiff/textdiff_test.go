package textdiff

import (
	"strings"
	"testing"
)

func TestUnified(t *testing.T) {
	a := "a\nb\nc\nd\n1\n2\n3\n4\n5\n6\n7\nl\nm\n"
	b := "a\nb\nc\nD\n1\n2\n3\n4\n5\n6\n7\nk\nl\nm\n"
	got := Unified("old", "new", []byte(a), []byte(b))
	want := `--- old
+++ new
@@ -1,7 +1,7 @@
 a
 b
 c
-d
+D
 1
 2
 3
@@ -9,5 +9,6 @@
 5
 6
 7
+k
 l
 m
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestEqualIsEmpty(t *testing.T) {
	if d := Unified("a", "b", []byte("x\n"), []byte("x\n")); d != "" {
		t.Errorf("equal inputs gave %q", d)
	}
}

func TestNewAndDeletedFiles(t *testing.T) {
	d := Unified("/dev/null", "f", nil, []byte("x\ny\n"))
	if !strings.Contains(d, "@@ -0,0 +1,2 @@\n+x\n+y\n") {
		t.Errorf("new file diff:\n%s", d)
	}
	d = Unified("f", "/dev/null", []byte("x"), nil)
	if !strings.Contains(d, "-x\n\\ No newline at end of file\n") {
		t.Errorf("deleted file diff:\n%s", d)
	}
}

// Applying the diff's - and + lines must rebuild both inputs.
func TestRebuildsInputs(t *testing.T) {
	a := strings.Repeat("x\ny\nz\n", 20)
	b := strings.ReplaceAll(a, "y\nz\nx\n", "y\nQ\nx\n")
	ops := diffLines(splitLines(a), splitLines(b))
	var ra, rb strings.Builder
	for _, o := range ops {
		if o.kind != ins {
			ra.WriteString(o.line)
		}
		if o.kind != del {
			rb.WriteString(o.line)
		}
	}
	if ra.String() != a || rb.String() != b {
		t.Fatal("edit script does not rebuild its inputs")
	}
}
