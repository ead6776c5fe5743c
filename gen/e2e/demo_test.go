package e2e

import (
	"context"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/devtools/demo"
)

// The demo keeps the app's working directory and prints commands that
// read what it left: they work.
func TestDemoKeepsItsOutput(t *testing.T) {
	t.Parallel()
	streamc := build(t, "gen/cmd/streamc")
	build(t, "generated/cmd/invoices")
	out := filepath.Join(t.TempDir(), "demo-output")
	var stdout strings.Builder
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cfg := demo.Config{
		Bin: filepath.Dir(streamc), App: "invoices", Spec: filepath.Join(repoRoot, "pipelines.yaml"),
		Input: fixture(t, "invoices.jsonl"), ExpectedFlattened: fixture(t, "expected-flattened.jsonl"),
		Output: out, Show: 1, Stdout: &stdout,
	}
	for run := range 2 { // the second run clears what the first left
		stdout.Reset()
		if err := demo.Run(ctx, cfg); err != nil {
			t.Fatalf("run %d: %v\n%s", run, err, stdout.String())
		}
	}
	text := stdout.String()
	sink := filepath.Join(out, "output")
	for _, want := range []string{
		"kept in " + out + "/",
		streamc + " files cat " + sink + " ",
		"checkpoint  " + filepath.Join(out, "chk-point-dir", "notify") + "/\n",
		filepath.Join(out, "chk-point-dir", "flatten", "commits", "0") + "\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the demo's output does not say %q:\n%s", want, text)
		}
	}
	// The printed command reads the kept rows: exactly Spark's, once (the
	// second run started afresh).
	rows, err := exec.Command(streamc, "files", "cat", sink).Output()
	if err != nil {
		t.Fatalf("streamc files cat: %v", err)
	}
	got := strings.Split(strings.TrimSuffix(string(rows), "\n"), "\n")
	slices.Sort(got)
	checkLines(t, "demo-output rows", got, sortedStrings(readLines(t, fixture(t, "expected-flattened.jsonl"))))
}
