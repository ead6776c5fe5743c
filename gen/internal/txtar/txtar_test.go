package txtar

import (
	"bytes"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	in := []byte("a comment\n-- a.txt --\none\n-- b/c.go --\npackage c\n-- empty --\n")
	ar := Parse(in)
	if got := string(ar.Comment); got != "a comment\n" {
		t.Errorf("comment %q", got)
	}
	if len(ar.Files) != 3 || ar.Files[1].Name != "b/c.go" || string(ar.Files[1].Data) != "package c\n" || len(ar.Files[2].Data) != 0 {
		t.Fatalf("files %+v", ar.Files)
	}
	if out := ar.Format(); !bytes.Equal(out, in) {
		t.Errorf("format gave %q, want %q", out, in)
	}
	ar.Set("a.txt", []byte("two"))
	ar.Set("new", []byte("x\n"))
	want := "a comment\n-- a.txt --\ntwo\n-- b/c.go --\npackage c\n-- empty --\n-- new --\nx\n"
	if out := string(ar.Format()); out != want {
		t.Errorf("after Set: %q, want %q", out, want)
	}
}

// "-- x --" needs a name between the dashes; "-- --" is data.
func TestShortMarkerIsData(t *testing.T) {
	ar := Parse([]byte("-- f --\n-- --\n"))
	if len(ar.Files) != 1 || string(ar.Files[0].Data) != "-- --\n" {
		t.Errorf("files %+v", ar.Files)
	}
}
