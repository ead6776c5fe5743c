// Command gogenbaseline writes gogen-avro's generated code for the Avro
// codec benchmarks' schemas as _test.go files of the benchmark's package, so
// the baseline is compiled only by its tests and no product build links it.
//
//	go run ./internal/devtools/gogenbaseline -dir DIR -package PKG SCHEMA...
//
// gogen-avro runs (through go run, from the module's requirements) into a
// temporary directory; each file it writes becomes DIR/gogen_NAME_test.go,
// unedited but for its package clause, and gogen_*_test.go files it no
// longer writes are removed.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	dir := flag.String("dir", ".", "directory to write the _test.go files into")
	pkg := flag.String("package", "", "package clause of the written files")
	flag.Parse()
	if *pkg == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: gogenbaseline -dir DIR -package PKG SCHEMA...")
		os.Exit(2)
	}
	if err := run(*dir, *pkg, flag.Args()); err != nil {
		slog.Error("gogenbaseline", "err", err)
		os.Exit(1)
	}
}

func run(dir, pkg string, schemas []string) error {
	tmp, err := os.MkdirTemp("", "gogenbaseline")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	args := append([]string{"run", "github.com/actgardner/gogen-avro/v10/cmd/gogen-avro",
		"-package", pkg, "-sources-comment=false", tmp}, schemas...)
	cmd := exec.Command("go", args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("gogen-avro: %w", err)
	}
	written, err := filepath.Glob(filepath.Join(tmp, "*.go"))
	if err != nil {
		return err
	}
	keep := map[string]bool{}
	for _, f := range written {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		// gogen-avro writes the package clause it was given; a test file of
		// an external test package must say so, which it already does.
		if !bytes.Contains(data, []byte("\npackage "+pkg+"\n")) {
			return fmt.Errorf("%s: no package clause %q", filepath.Base(f), pkg)
		}
		name := "gogen_" + strings.TrimSuffix(filepath.Base(f), ".go") + "_test.go"
		keep[name] = true
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	old, err := filepath.Glob(filepath.Join(dir, "gogen_*_test.go"))
	if err != nil {
		return err
	}
	for _, f := range old {
		if !keep[filepath.Base(f)] {
			if err := os.Remove(f); err != nil {
				return err
			}
		}
	}
	return nil
}
