package check

import (
	"testing"
	"time"

	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/compiler/spec"
	"github.com/streamc/streamc/internal/diag"
	"github.com/streamc/streamc/internal/runtime/kafka"
)

// The checker's output carries every source, codec, file sink and trigger
// option as the runtime's typed value, resolved with the runtime's own
// definitions.
func TestOptionsResolvedTyped(t *testing.T) {
	src := `version: "1"
kafka:
  bootstrap.servers: localhost:9092
retryTimeout: 30 seconds
schemas:
  m: {ddl: "id INT, name STRING"}
apps:
  a:
    queries:
      q:
        readStream:
          format: kafka
          options: {subscribePattern: "in.*", startingOffsets: '{"in":{"0":-2,"1":7}}', maxTriggerDelay: 2m, includeHeaders: "TRUE"}
          value: {format: csv, schema: m, options: {sep: "\t", quote: "'"}}
        transform:
          - selectExpr: ["value.id", "value.name"]
        writeStream:
          format: csv
          options: {path: out, checkpointLocation: c, header: "true", nullValue: NULL, ignoreLeadingWhiteSpace: "false"}
          trigger: {availableNow: true}
`
	s, err := spec.Parse("pipelines.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	typ, err := schema.ParseDDL("pipelines.yaml", "id INT, name STRING", diag.Pos{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Check(s, map[string]*schema.Schema{"m": {Name: "m", Type: typ}})
	if err != nil {
		t.Fatal(err)
	}
	q := res.Apps[0].Queries[0]
	cfg := q.Source.Config
	if cfg.SubscribePattern == nil || !cfg.SubscribePattern.MatchString("invoices") || cfg.SubscribePattern.MatchString("xin") {
		t.Errorf("subscribePattern %v", cfg.SubscribePattern)
	}
	if v, _ := cfg.StartingOffsets.Specific.Get(kafka.TopicPartition{Topic: "in", Partition: 1}); v != 7 || cfg.StartingOffsets.Default != kafka.OffsetLatest {
		t.Errorf("startingOffsets %+v", cfg.StartingOffsets)
	}
	if cfg.MaxTriggerDelay != 2*time.Minute || !cfg.IncludeHeaders || !cfg.RetryTimeoutSet || cfg.RetryTimeout != 30*time.Second || cfg.Kafka["bootstrap.servers"] != "localhost:9092" || cfg.Client != nil {
		t.Errorf("source config %+v", cfg)
	}
	if d := q.Source.Value.CSV; d == nil || d.Sep != "\t" || d.Quote != '\'' || d.EmptyValue != "" {
		t.Errorf("from_csv options %+v", d)
	}
	if o := q.Sink.CSV; o == nil || o.NullValue != "NULL" || o.IgnoreLeadingWhiteSpace || !o.IgnoreTrailingWhiteSpace || o.EmptyValue != `""` {
		t.Errorf("csv sink options %+v", o)
	}
	if f := q.Sink.File; f == nil || f.Format != "csv" || !f.Header {
		t.Errorf("file options %+v", f)
	}
	if q.Trigger.Kind != "availableNow" {
		t.Errorf("trigger %+v", q.Trigger)
	}
}
