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
