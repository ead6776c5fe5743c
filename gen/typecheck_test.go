package gen_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/streamc/streamc/gen"
)

const tcSpec = `version: "1"
schemas:
  r: {ddl: "a INT"}
apps:
  x:
    queries:
      q:
        readStream: {format: kafka, options: {subscribe: t}, value: {format: json, schema: r}}
        writeStream: {format: console}
`

func generateForTypeCheck(t *testing.T) *gen.Result {
	t.Helper()
	res, err := gen.Generate(context.Background(), gen.Config{
		FS:         fstest.MapFS{"pipelines.yaml": {Data: []byte(tcSpec)}},
		SpecFile:   "pipelines.yaml",
		ModulePath: "github.com/streamc/streamc/gen/testdata/_typecheck",
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestTypeCheckAcceptsOutput(t *testing.T) {
	res := generateForTypeCheck(t)
	if err := gen.TypeCheck(context.Background(), ".", res); err != nil {
		t.Fatal(err)
	}
}

// A file that does not compile is reported at its generated line, with the
// spec entity it came from.
func TestTypeCheckNamesFileAndSpec(t *testing.T) {
	res := generateForTypeCheck(t)
	const p = "generated/x/q_query.go"
	src, ok := res.Files[p]
	if !ok {
		t.Fatalf("no %s in %v", p, res.Paths())
	}
	res.Files[p] = append(bytes.Clone(src), []byte("\nvar _ int = \"not an int\"\n")...)
	line := bytes.Count(res.Files[p], []byte("\n"))
	err := gen.TypeCheck(context.Background(), ".", res)
	if err == nil {
		t.Fatal("no error for output that does not compile")
	}
	for _, want := range []string{p + ":" + itoa(line) + ":", `query "q" at pipelines.yaml:7:7`, "bug in streamc"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

// Two declarations of one name across files of a package are caught.
func TestTypeCheckCatchesRedeclaration(t *testing.T) {
	res := generateForTypeCheck(t)
	res.Files["generated/x/extra.go"] = []byte("package x\n\nfunc QQuery() {}\n")
	err := gen.TypeCheck(context.Background(), ".", res)
	if err == nil || !strings.Contains(err.Error(), "QQuery redeclared") {
		t.Fatalf("got %v, want a redeclaration", err)
	}
}

func itoa(i int) string {
	var b []byte
	for ; i > 0 || len(b) == 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// A panic while emitting comes back as an error naming the query being
// generated and its spec position, with the stack for a bug report.
func TestGeneratePanicIsAnError(t *testing.T) {
	defer gen.SetEmitHook(func(p string) {
		if strings.HasSuffix(p, "q_query.go") {
			panic("injected")
		}
	})()
	_, err := gen.Generate(context.Background(), gen.Config{
		FS:       fstest.MapFS{"pipelines.yaml": {Data: []byte(tcSpec)}},
		SpecFile: "pipelines.yaml",
	})
	var ie *gen.InternalError
	if !errors.As(err, &ie) {
		t.Fatalf("got %v, want an *InternalError", err)
	}
	for _, want := range []string{`query "q" at pipelines.yaml:7:7`, "injected", "bug in streamc"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if !bytes.Contains(ie.Stack, []byte("gen.emit")) {
		t.Errorf("stack does not show the emitter:\n%s", ie.Stack)
	}
}
