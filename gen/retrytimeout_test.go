package gen_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/streamc/streamc/gen"
)

// The spec's retryTimeout is in the generated query's source and Kafka sink
// options, where the engine's --retry-timeout can replace it.
func TestRetryTimeoutGenerated(t *testing.T) {
	spec := `version: "1"
kafka:
  bootstrap.servers: localhost:9092
retryTimeout: 5 minutes
apps:
  a:
    queries:
      q:
        readStream: {format: kafka, options: {subscribe: in}}
        writeStream: {format: kafka, options: {topic: out, checkpointLocation: c}}
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
	// Both are typed values: the source's kafka.SourceConfig and the
	// sink's kafkasink.Config.
	if n := len(regexp.MustCompile(`RetryTimeout: +5 \* time.Minute,\s+RetryTimeoutSet: +true,`).FindAllString(query, -1)); n != 2 {
		t.Errorf("RetryTimeout 5m appears %d times, want 2 (source and sink):\n%s", n, query)
	}
	if !regexp.MustCompile(`rt.KafkaSink\(rt.KafkaSinkConfig\{[^}]*RetryTimeout: +5 \* time.Minute,`).MatchString(query) {
		t.Errorf("the sink lacks RetryTimeout 5m:\n%s", query)
	}
}
