package external

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// checkout is the root of this streamc checkout, found from the test's
// working directory.
func checkout(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if data, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil && bytes.HasPrefix(data, []byte("module github.com/streamc/streamc\n")) {
			return d
		}
		if filepath.Dir(d) == d {
			t.Fatalf("no streamc go.mod above %s", dir)
		}
	}
}

// offlineEnv is the environment of the go commands: no module proxy, go.mod
// updated as needed, and no checksum database (what the module cache holds
// was verified when it was filled).
func offlineEnv() []string {
	return append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod", "GOSUMDB=off", "GOWORK=off", "GOTOOLCHAIN=local")
}

// requireLine is a requirement inside a require block of a go.mod file.
var requireLine = regexp.MustCompile(`^\t(\S+) (v\S+)`)

// newModule writes a module at dir that uses the checkout at root as
// another repository uses a published streamc: required (through a
// replace), with its requirements and go.sum, and the generator as a tool.
func newModule(t *testing.T, dir, root string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	var mod strings.Builder
	mod.WriteString("module example.com/pipelines\n\ngo 1.26.0\n\nrequire (\n\tgithub.com/streamc/streamc v0.0.0\n")
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if m := requireLine.FindStringSubmatch(sc.Text()); m != nil {
			mod.WriteString("\t" + m[1] + " " + m[2] + "\n")
		}
	}
	mod.WriteString(")\n\nreplace github.com/streamc/streamc => " + root + "\n\ntool github.com/streamc/streamc/gen/cmd/streamc\n")
	writeFile(t, filepath.Join(dir, "go.mod"), mod.String())
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "go.sum"), string(sum))
}

func writeFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// run runs a command in dir and fails the test, showing its output, if it
// fails.
func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}
