package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/streamc/streamc/gen"
)

// replaceGenerate makes generate run f instead of gen.Generate.
func replaceGenerate(t *testing.T, f func(context.Context, gen.Config) (*gen.Result, error)) {
	t.Helper()
	old := runGenerate
	runGenerate = f
	t.Cleanup(func() { runGenerate = old })
}

// Output that does not compile is reported at its generated line and
// nothing is written.
func TestGenerateRefusesOutputThatDoesNotCompile(t *testing.T) {
	dir := project(t, testSpec)
	replaceGenerate(t, func(ctx context.Context, cfg gen.Config) (*gen.Result, error) {
		res, err := gen.Generate(ctx, cfg)
		if err != nil {
			return nil, err
		}
		res.Files["generated/meter/copy_query.go"] = append(res.Files["generated/meter/copy_query.go"], "\nfunc CopyQuery() {}\n"...)
		return res, nil
	})
	code, _, stderr := run(t, "generate", "-f", filepath.Join(dir, "pipelines.yaml"))
	if code != 1 || !strings.Contains(stderr, "generated/meter/copy_query.go:") || !strings.Contains(stderr, "CopyQuery redeclared") ||
		!strings.Contains(stderr, `query "copy" at pipelines.yaml:`) {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "generated")); !os.IsNotExist(err) {
		t.Errorf("generated/ was written: %v", err)
	}
}

// A panic in the generator is an error asking for a bug report, with the
// stack in a file, or on stderr under --debug.
func TestGeneratePanicAsksForABugReport(t *testing.T) {
	dir := project(t, testSpec)
	replaceGenerate(t, func(context.Context, gen.Config) (*gen.Result, error) { panic("injected") })
	spec := filepath.Join(dir, "pipelines.yaml")

	code, _, stderr := run(t, "generate", "-f", spec)
	if code != 1 || !strings.Contains(stderr, "injected") || !strings.Contains(stderr, "bug in streamc") || strings.Contains(stderr, "goroutine ") {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	m := regexp.MustCompile(`stack trace is in (\S+) `).FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no stack file named:\n%s", stderr)
	}
	defer os.Remove(m[1])
	if data, err := os.ReadFile(m[1]); err != nil || !strings.Contains(string(data), "goroutine ") {
		t.Errorf("stack file %s: %v\n%s", m[1], err, data)
	}

	code, _, stderr = run(t, "generate", "--debug", "-f", spec)
	if code != 1 || !strings.Contains(stderr, "injected") || !strings.Contains(stderr, "goroutine ") {
		t.Fatalf("--debug: exit %d, stderr:\n%s", code, stderr)
	}
}
