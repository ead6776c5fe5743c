package genutil

import (
	"go/ast"
	"go/build"
	"go/build/constraint"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/plan"
)

// A generated file starts with the header, is gofmt-clean, and is left out
// of the files `go generate` lists (it sets the build tag "generate"), so a
// generator run that removes it cannot fail go generate's later reads.
func TestRenderHeaderAndConstraint(t *testing.T) {
	f := NewGoFile(&plan.Package{Name: "p", ImportPath: "example.com/p"}, "pipelines.yaml")
	f.PackageComment("Package p is a test.")
	f.Func().Id("F").Params().Block()
	src, err := Render(f, "p/f.go")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	if lines[0] != "// "+Header || lines[1] != "// source: pipelines.yaml" || lines[2] != "" ||
		lines[3] != "//go:build !generate" || lines[4] != "" || lines[5] != "// Package p is a test." {
		t.Errorf("file starts:\n%s", strings.Join(lines[:6], "\n"))
	}
	if formatted, err := format.Source(src); err != nil || string(formatted) != string(src) {
		t.Errorf("not gofmt-clean (%v):\n%s", err, src)
	}
	file, err := parser.ParseFile(token.NewFileSet(), "f.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	if !ast.IsGenerated(file) || file.Doc == nil || file.Doc.Text() != "Package p is a test.\n" {
		t.Errorf("generated %v, doc %q", ast.IsGenerated(file), file.Doc.Text())
	}
	expr, err := constraint.Parse(lines[3])
	if err != nil {
		t.Fatal(err)
	}
	if expr.Eval(func(tag string) bool { return tag == "generate" }) || !expr.Eval(func(string) bool { return false }) {
		t.Errorf("%s: want excluded under tag generate only", lines[3])
	}
	// go/build agrees: the file is built normally and ignored by go generate.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "f.go"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := build.Default
	if ok, err := ctx.MatchFile(dir, "f.go"); err != nil || !ok {
		t.Errorf("default build: match %v, %v", ok, err)
	}
	ctx.BuildTags = []string{"generate"}
	if ok, err := ctx.MatchFile(dir, "f.go"); err != nil || ok {
		t.Errorf("under tag generate: match %v, %v", ok, err)
	}
}

// The standard library's imports form a group of their own, first, and the
// file stays gofmt-clean.
func TestRenderGroupsStdImports(t *testing.T) {
	f := NewGoFile(&plan.Package{Name: "p", ImportPath: "example.com/p"}, "pipelines.yaml")
	f.Func().Id("F").Params().Block(
		Qual("time", "Sleep").Call(Lit(0)),
		Qual("github.com/segmentio/kafka-go", "Dial").Call(),
		Qual("fmt", "Println").Call(),
		RT("github.com/streamc/streamc/internal/runtime/jsonx", "Valid").Call(Nil()),
	)
	src, err := Render(f, "p/f.go")
	if err != nil {
		t.Fatal(err)
	}
	want := "import (\n\t\"fmt\"\n\t\"time\"\n\n\tkafkago \"github.com/segmentio/kafka-go\"\n\t\"github.com/streamc/streamc/runtime/rt\"\n)\n"
	if !strings.Contains(string(src), want) {
		t.Errorf("imports not grouped; want\n%s\nin\n%s", want, src)
	}
	if formatted, err := format.Source(src); err != nil || string(formatted) != string(src) {
		t.Errorf("not gofmt-clean (%v):\n%s", err, src)
	}
	// One group only: nothing to split.
	g := NewGoFile(&plan.Package{Name: "p", ImportPath: "example.com/p"}, "pipelines.yaml")
	g.Func().Id("F").Params().Block(Qual("fmt", "Println").Call(), Qual("time", "Sleep").Call(Lit(0)))
	src, err = Render(g, "p/g.go")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "import (\n\t\"fmt\"\n\t\"time\"\n)\n") {
		t.Errorf("std-only imports changed:\n%s", src)
	}
}
