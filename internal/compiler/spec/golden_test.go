package spec

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// updating reports whether golden files are rewritten: -update, or
// STREAMC_GOLDEN_UPDATE=1 as in the Makefile's golden-update target.
func updating() bool {
	return *update || os.Getenv("STREAMC_GOLDEN_UPDATE") == "1"
}

// golden compares got with the file, or rewrites the file when updating.
func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	if updating() {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run with -update to rewrite it)\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}
