package gen_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/streamc/streamc/gen"
)

const readableSpec = `version: "1"
schemas:
  r: {ddl: "a INT, b STRING, xs ARRAY<INT>"}
apps:
  x:
    queries:
      q:
        readStream: {format: kafka, options: {subscribe: t}, value: {format: json, schema: r}}
        transform:
          - filter: value.a > 1
          - selectExpr: [value.a, "explode(value.xs) as x"]
          - withColumn:
              total: a * x
              long: concat(CAST(a AS STRING), '-this-is-a-long-constant-that-goes-on-and-...-and-on-', CAST(x AS STRING))
          - selectExpr: ["*", "struct(*) as s"]
        writeStream: {format: console}
`

// Generated code says where the spec writes each step and computed column:
// `// file:line:col: text`, the text cut when long.
func TestGeneratedCodeNamesSpecPositions(t *testing.T) {
	res, err := gen.Generate(context.Background(), gen.Config{
		FS:         fstest.MapFS{"pipelines.yaml": {Data: []byte(readableSpec)}},
		SpecFile:   "pipelines.yaml",
		ModulePath: "example.com/readable",
	})
	if err != nil {
		t.Fatal(err)
	}
	var src string
	for path, b := range res.Files {
		if strings.HasSuffix(path, "q_query.go") {
			src = string(b)
		}
	}
	if src == "" {
		t.Fatalf("no q_query.go in %v", res.Paths())
	}
	for _, want := range []string{
		"// pipelines.yaml:10:21: value.a > 1\n",
		"// pipelines.yaml:11:36: explode(value.xs) as x\n",
		"// pipelines.yaml:13:22: a * x\n",
		"// pipelines.yaml:14:21: concat(CAST(a AS STRING), '-this-is-a-long-constant-that-goes-on-and-...\n",
		"// pipelines.yaml:15:32: struct(*) as s\n\t\t\t\t// pipelines.yaml:11:26: value.a\n",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("generated query lacks %q:\n%s", want, src)
		}
	}
}

const awkwardNamesSpec = `version: "1"
schemas:
  r: {ddl: "a INT, b STRING"}
apps:
  x:
    queries:
      q:
        readStream: {format: kafka, options: {subscribe: t}, value: {format: json, schema: r}}
        transform:
          - withColumn:
              time: value.a + 1
              len: length(value.b)
              type: concat(value.b, 'x')
              fmt: value.a * 2
              x1: value.a - 1
              qLoc: value.a + 3
              value: upper(value.b)
        writeStream: {format: console}
`

// Locals are named after columns, yet a column named like a package the
// code imports, a keyword, a builtin or a package-level name still
// compiles; the numbered temporaries keep a readable stem.
func TestColumnNamedLocalsCompile(t *testing.T) {
	res, err := gen.Generate(context.Background(), gen.Config{
		FS:         fstest.MapFS{"pipelines.yaml": {Data: []byte(awkwardNamesSpec)}},
		SpecFile:   "pipelines.yaml",
		ModulePath: "github.com/streamc/streamc/gen/testdata/_typecheck",
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := gen.TypeCheck(context.Background(), ".", res); err != nil {
		t.Fatal(err)
	}
	src := string(res.Files["generated/x/q_query.go"])
	for _, want := range []string{"var valueOK bool", "p.value.DecodeJSONWith(", "var len_2 int32", "var colOK bool"} {
		if !strings.Contains(src, want) {
			t.Errorf("generated query lacks %q:\n%s", want, src)
		}
	}
}
