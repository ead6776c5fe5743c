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
	// The source's is a typed value, the Kafka sink's still an option.
	if n := len(regexp.MustCompile(`"retryTimeout": +"5m0s",`).FindAllString(query, -1)); n != 1 {
		t.Errorf("retryTimeout appears %d times in the sink options, want 1:\n%s", n, query)
	}
	if !regexp.MustCompile(`RetryTimeout: +5 \* time.Minute,\s+RetryTimeoutSet: +true,`).MatchString(query) {
		t.Errorf("the source lacks RetryTimeout 5m:\n%s", query)
	}
}
