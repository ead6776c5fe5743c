package e2e

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/streamc/streamc/gen"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

// failfastSpec reads users as CSV and as JSON, FAILFAST.
const failfastSpec = `version: "1"
schemas:
  user:
    ddl: "name STRING, user_id BIGINT"
apps:
  failfast:
    queries:
      csv:
        readStream:
          format: kafka
          options: {subscribe: users-csv, startingOffsets: earliest}
          value: {format: csv, schema: user, mode: FAILFAST}
        writeStream:
          format: json
          options: {path: out/csv, checkpointLocation: chk/csv}
      json:
        readStream:
          format: kafka
          options: {subscribe: users-json, startingOffsets: earliest}
          value: {format: json, schema: user, mode: FAILFAST}
        writeStream:
          format: json
          options: {path: out/json, checkpointLocation: chk/json}
`

// failfastDir is where the program is generated, inside the module so it
// builds against this runtime.
const failfastDir = "gen/e2e/testdata/_build/failfast"

var generateFailfast = sync.OnceValue(func() error {
	res, err := gen.Generate(context.Background(), gen.Config{
		FS: fstest.MapFS{"pipelines.yaml": {Data: []byte(failfastSpec)}}, SpecFile: "pipelines.yaml",
		ModulePath: modulePath + "/" + failfastDir,
	})
	if err != nil {
		return err
	}
	root := filepath.Join(repoRoot, failfastDir)
	if err := os.RemoveAll(root); err != nil {
		return err
	}
	for p, b := range res.Files {
		p = filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	return nil
})

// A FAILFAST query stops on a bad record with a message that names the
// record (topic-partition, offset), the column and the reason, in the
// user's terms.
func TestFailFastMessages(t *testing.T) {
	t.Parallel()
	if err := generateFailfast(); err != nil {
		t.Fatal(err)
	}
	bin := build(t, failfastDir+"/generated/cmd/failfast")
	for _, tc := range []struct {
		name, query, topic string
		values             []string
		want               string
	}{
		{"csv type", "csv", "users-csv", []string{"ann,1", "bob,x"},
			`failfast: query "csv" failed: batch 0: record users-csv-0 offset 1: value: column "user_id" at byte 4: "x" is not a bigint`},
		{"csv tokens", "csv", "users-csv", []string{"ann,1,extra"},
			`failfast: query "csv" failed: batch 0: record users-csv-0 offset 0: value: malformed CSV record: 3 tokens for 2 fields`},
		{"json type", "json", "users-json", []string{`{"name":"ann","user_id":1}`, `{"name":"bob","user_id":"x"}`},
			`failfast: query "json" failed: batch 0: record users-json-0 offset 1: value: field "user_id" at byte 24: expected bigint, got string`},
		{"json syntax", "json", "users-json", []string{`{"name":"ann",}`},
			`failfast: query "json" failed: batch 0: record users-json-0 offset 0: value: malformed JSON at byte 14: unexpected character '}', expected field name`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := kafkatest.New(t)
			k.CreateTopic(tc.topic, 1)
			for _, v := range tc.values {
				k.Produce(&kafkatest.Record{Topic: tc.topic, Partition: 0, Value: []byte(v)})
			}
			stderr, _ := runFailing(t, bin, t.TempDir(), "--bootstrap-servers", k.Addr, "--trigger", "available-now", "--query", tc.query)
			if got := lastLine(stderr); got != tc.want {
				t.Errorf("FAILFAST error\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}
