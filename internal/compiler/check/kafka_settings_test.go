package check

import (
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/compiler/spec"
)

// A top-level Kafka setting reaches only the parts that read it, so that
// the runtime never sees a setting it would call unused.
func TestSharedKafkaSettingsGoWhereRead(t *testing.T) {
	src := `version: "1"
kafka:
  bootstrap.servers: localhost:9092
  acks: all
  isolation.level: read_committed
apps:
  a:
    queries:
      q:
        readStream: {format: kafka, options: {subscribe: in}}
        writeStream: {format: kafka, options: {topic: out, checkpointLocation: c1}}
`
	s, err := spec.Parse("pipelines.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Check(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	q := res.Apps[0].Queries[0]
	keys := func(opts []Option) string {
		var ks []string
		for _, o := range opts {
			ks = append(ks, o.Key)
		}
		return strings.Join(ks, " ")
	}
	if got, want := keys(q.Source.Options), "subscribe kafka.bootstrap.servers kafka.isolation.level"; got != want {
		t.Errorf("source options %q, want %q", got, want)
	}
	if got, want := keys(q.Sink.Options), "topic kafka.bootstrap.servers kafka.acks"; got != want {
		t.Errorf("sink options %q, want %q", got, want)
	}
}
