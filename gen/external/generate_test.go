package external

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const twoQueries = `version: "1"
schemas:
  reading:
    ddl: "Meter STRING, Watts DOUBLE"
apps:
  meter:
    queries:
      alerts:
        readStream:
          format: kafka
          options: {subscribe: readings}
          value: {format: json, schema: reading}
        transform:
          - filter: "value.Watts > 100"
          - selectExpr: ["value.Meter AS key", "to_json(struct(value.Meter, value.Watts)) AS value"]
        writeStream:
          format: kafka
          options: {topic: alerts, checkpointLocation: chk/alerts}
`

const secondQuery = `      log:
        readStream:
          format: kafka
          options: {subscribe: readings}
          value: {format: json, schema: reading}
        transform:
          - select: [value.Meter, value.Watts]
        writeStream:
          format: console
`

// A spec change that removes generated files needs one `go generate ./...`,
// although go generate lists every package's files before the generator
// removes some of them.
func TestGoGenerateAfterRemovingAQuery(t *testing.T) {
	root := checkout(t)
	dir := t.TempDir()
	newModule(t, dir, root)
	writeFile(t, filepath.Join(dir, "generate.go"), "package pipelines\n\n//go:generate go tool streamc generate\n")
	writeFile(t, filepath.Join(dir, "pipelines.yaml"), twoQueries+secondQuery)
	env := offlineEnv()

	run(t, dir, env, "go", "generate", "./...")
	stale := []string{
		"generated/meter/log_query.go",
		"generated/cmd/meter-log/main.go",
	}
	for _, p := range stale {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Fatalf("first generate: %v", err)
		}
	}

	writeFile(t, filepath.Join(dir, "pipelines.yaml"), twoQueries)
	run(t, dir, env, "go", "generate", "./...")
	for _, p := range stale {
		if _, err := os.Stat(filepath.Join(dir, p)); !os.IsNotExist(err) {
			t.Errorf("%s: still there after the query was removed (%v)", p, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "generated/cmd/meter-log")); !os.IsNotExist(err) {
		t.Errorf("generated/cmd/meter-log: directory left behind (%v)", err)
	}
	out := run(t, dir, env, "go", "build", "./...")
	if strings.TrimSpace(out) != "" {
		t.Logf("go build: %s", out)
	}
}
