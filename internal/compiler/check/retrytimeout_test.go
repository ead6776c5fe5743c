package check

import (
	"testing"

	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/compiler/spec"
)

// The spec's retryTimeout reaches every Kafka source and sink as the
// run-time retryTimeout option, normalised to a Go duration, except where
// the part sets its own timeout.
func TestRetryTimeoutOption(t *testing.T) {
	src := `version: "1"
kafka:
  bootstrap.servers: localhost:9092
retryTimeout: 1 minute 30 seconds
schemas:
  inv: {ddl: "x INT"}
apps:
  a:
    queries:
      plain:
        readStream: {format: kafka, options: {subscribe: in}}
        writeStream: {format: kafka, options: {topic: out, checkpointLocation: c1}}
      own:
        readStream: {format: kafka, options: {subscribe: in, kafkaConsumer.pollTimeoutMs: "5000"}}
        writeStream: {format: kafka, options: {topic: out, checkpointLocation: c2, kafka.delivery.timeout.ms: "7000"}}
`
	s, err := spec.Parse("pipelines.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	typ, err := schema.ParseDDL("inv.ddl", "x INT", schema.Pos{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Check(s, map[string]*schema.Schema{"inv": {Name: "inv", Type: typ}})
	if err != nil {
		t.Fatal(err)
	}
	get := func(opts []Option) (string, bool) {
		for _, o := range opts {
			if o.Key == "retryTimeout" {
				return o.Value, true
			}
		}
		return "", false
	}
	for _, q := range res.Apps[0].Queries {
		sv, sok := get(q.Source.Options)
		kv, kok := get(q.Sink.Options)
		switch q.Name {
		case "plain":
			if sv != "1m30s" || kv != "1m30s" {
				t.Errorf("query plain: retryTimeout source %q, sink %q; want 1m30s for both", sv, kv)
			}
		case "own":
			if sok || kok {
				t.Errorf("query own sets its own timeouts, yet got retryTimeout source %q, sink %q", sv, kv)
			}
		}
	}
}
