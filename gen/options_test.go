package gen_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/streamc/streamc/gen"
)

// The generator resolves the spec's source, codec and file sink options
// into the runtime's typed values and writes them as Go literals: the
// program parses none of the spec's option text again.
func TestOptionsGeneratedTyped(t *testing.T) {
	spec := `version: "1"
kafka:
  bootstrap.servers: localhost:9092
schemas:
  m: {ddl: "id INT, name STRING"}
apps:
  a:
    queries:
      q:
        readStream:
          format: kafka
          options: {subscribe: "in, more", startingOffsets: EARLIEST, maxOffsetsPerTrigger: "100", failOnDataLoss: "false", kafka.isolation.level: read_committed}
          value: {format: csv, schema: m, options: {sep: ";", nullValue: "-"}}
        transform:
          - selectExpr: ["value.id", "value.name"]
        writeStream:
          format: csv
          options: {path: out, checkpointLocation: c, header: "true", sep: "|", quoteAll: "true"}
          trigger: {processingTime: 10 seconds}
`
	res, err := gen.Generate(context.Background(), gen.Config{FS: fstest.MapFS{"pipelines.yaml": {Data: []byte(spec)}}, SpecFile: "pipelines.yaml", ModulePath: "example.com/m"})
	if err != nil {
		t.Fatal(err)
	}
	var query string
	for p, b := range res.Files {
		if strings.HasSuffix(p, "q_query.go") {
			query = string(b)
		}
	}
	if query == "" {
		t.Fatalf("no q_query.go among %v", res.Paths())
	}
	for _, want := range []string{
		"Source: rt.KafkaSourceConfig{",
		`Subscribe: []string{"in", "more"},`,
		"StartingOffsets: rt.KafkaStartingOffsets{Default: rt.KafkaOffsetEarliest},",
		"MaxOffsetsPerTrigger: 100,",
		"IsolationLevel: rt.KafkaReadCommitted,",
		`Kafka: map[string]string{"bootstrap.servers": "localhost:9092", "isolation.level": "read_committed",},`,
		"&rt.CSVOptions{",
		`Sep: ";",`,
		`NullValue: "-",`,
		`Sep: "|",`,
		"QuoteAll: true,",
		`rt.FileSink("out", rt.FileOptions{Format: "csv", Header: new(QRow).AppendCSVHeader(nil, `,
		// Durations are untyped constants times a unit, which compiles.
		"Trigger: rt.ProcessingTime(10 * time.Second),",
		"PollTimeout: 2 * time.Minute,",
	} {
		if !strings.Contains(squeeze(query), want) {
			t.Errorf("generated query lacks %q:\n%s", want, query)
		}
	}
	for _, bad := range []string{"Source: map[string]string", "FailOnDataLoss", "CSVReadOptions", "CSVWriteOptions(", `"subscribe"`, `"sep"`} {
		if strings.Contains(query, bad) {
			t.Errorf("generated query has %q, option text parsed at run time:\n%s", bad, query)
		}
	}
}

// squeeze joins the lines gofmt breaks a literal into and collapses the
// alignment it adds after keys.
func squeeze(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "{ ", "{")
	s = strings.ReplaceAll(s, ", }", ",}")
	return s
}
