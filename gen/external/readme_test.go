package external

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The README's markers around the steps of "Using streamc in another
// repository".
const (
	stepsBegin = "<!-- begin other-repository steps -->"
	stepsEnd   = "<!-- end other-repository steps -->"
)

// readmeSteps returns the shell script between the markers, without its
// code fence.
func readmeSteps(t *testing.T, readme string) string {
	t.Helper()
	_, rest, ok := strings.Cut(readme, stepsBegin)
	if !ok {
		t.Fatalf("README.md has no %q", stepsBegin)
	}
	block, _, ok := strings.Cut(rest, stepsEnd)
	if !ok {
		t.Fatalf("README.md has no %q", stepsEnd)
	}
	block = strings.TrimSpace(block)
	body, ok := strings.CutPrefix(block, "```sh\n")
	if !ok || !strings.HasSuffix(body, "\n```") {
		t.Fatalf("the steps are not one ```sh block:\n%s", block)
	}
	return strings.TrimSuffix(body, "```")
}

// The steps, copied in order into an empty directory, generate, build and
// run the programs.
func TestReadmeSteps(t *testing.T) {
	root := checkout(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	script := readmeSteps(t, string(readme))
	dir := t.TempDir()
	cmd := exec.Command("sh", "-e", "-u", "-x", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(offlineEnv(), "STREAMC="+root)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("README steps: %v\n%s", err, out)
	}
	for _, want := range []string{"invoices (streamc ", "\nnotify\tchk/notify\n"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, p := range []string{"generated/invoices/notify_query.go", "bin/invoices", "bin/invoices-notify"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("after the steps: %v", err)
		}
	}
}
