package check

import (
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/compiler/spec"
)

const gpsAvsc = `{"type":"record","name":"GpsReading","namespace":"t","fields":[
 {"name":"timestamp","type":"long"},{"name":"deviceId","type":"string"},{"name":"speed","type":"double"}]}`

const listAvsc = `{"type":"record","name":"Node","fields":[
 {"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]}`

// checkAvro checks a one-query spec reading gps (or list) with the given
// value decode and writeStream.
func checkAvro(t *testing.T, value, transform, writeStream string) (*Result, error) {
	t.Helper()
	src := `version: "1"
schemaRegistry: {url: "http://registry:8081", basicAuthUserInfo: "${SR_USER_INFO}"}
schemas:
  gps: gps.avsc
  list: list.avsc
apps:
  a:
    queries:
      q:
        readStream:
          format: kafka
          options: {subscribe: gps}
          value: ` + value + `
        transform:
` + indent(transform, "          ") + `
        writeStream:
` + indent(writeStream, "          ") + "\n"
	s, err := spec.Parse("pipelines.yaml", []byte(src))
	if err != nil {
		t.Fatalf("parse spec: %v\n%s", err, src)
	}
	schemas := map[string]*schema.Schema{}
	for name, text := range map[string]string{"gps": gpsAvsc, "list": listAvsc} {
		typ, err := schema.ParseAvroSchema(name+".avsc", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		schemas[name] = &schema.Schema{Name: name, Type: typ}
	}
	return Check(s, schemas)
}

func TestAvroSource(t *testing.T) {
	res, err := checkAvro(t, "{format: confluent-avro, schema: gps}", "- select: [value.deviceId, value.speed]", "format: console")
	if err != nil {
		t.Fatal(err)
	}
	q := res.Apps[0].Queries[0]
	if q.Source.Value.Mode != "FAILFAST" {
		t.Errorf("mode %q, want from_avro's default FAILFAST", q.Source.Value.Mode)
	}
	if got := q.Source.Columns[1].Type.SimpleString(); got != "struct<timestamp:bigint,deviceId:string,speed:double>" {
		t.Errorf("value column %s", got)
	}
	// The decoder reads schema ids from headers, so the source must keep them.
	var headers bool
	for _, o := range q.Source.Options {
		headers = headers || (o.Key == "includeHeaders" && o.Value == "true")
	}
	if !headers {
		t.Errorf("source options %v lack includeHeaders", q.Source.Options)
	}
	if len(q.Registry) != 2 || q.Registry[0] != (Option{Key: "schema.registry.url", Value: "http://registry:8081"}) || q.Registry[1] != (Option{Key: "basic.auth.user.info", Value: "${SR_USER_INFO}"}) {
		t.Errorf("registry options %v", q.Registry)
	}
}

func TestAvroSourceErrors(t *testing.T) {
	for _, tc := range []struct{ value, want string }{
		{"{format: avro, schema: gps, mode: DROPMALFORMED}", "pipelines.yaml:13:"},
		{"{format: avro, schema: gps, mode: DROPMALFORMED}", "not one of from_avro's modes FAILFAST and PERMISSIVE"},
		{"{format: avro, schema: list}", "schema \"list\" is recursive (next refers back to an enclosing record)"},
	} {
		_, err := checkAvro(t, tc.value, "- select: [value]", "format: console")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.value, err, tc.want)
		}
	}
}

func TestAvroSink(t *testing.T) {
	ok := `format: kafka
options: {topic: out, checkpointLocation: c}
value: {format: confluent-avro, schema: gps}`
	res, err := checkAvro(t, "{format: avro, schema: gps}", "- select: [value]", ok)
	if err != nil {
		t.Fatal(err)
	}
	e := res.Apps[0].Queries[0].Sink.ValueEncode
	if e == nil || e.Topic != "out" || e.IsKey || e.Type == nil || e.Type.Avro == nil || e.Type.Avro.FullName != "t.GpsReading" {
		t.Fatalf("value encode %+v", e)
	}
	for _, tc := range []struct{ transform, want string }{
		{"- selectExpr: [\"struct(value.deviceId, value.timestamp, value.speed) as value\"]", "field 1 of value is deviceId, the schema's is timestamp"},
		{"- selectExpr: [\"struct(value.timestamp, value.deviceId) as value\"]", "value has 2 fields, the schema's record has 3"},
		{"- selectExpr: [\"value.speed as value\"]", "writes a struct column, but value is double"},
		{"- withColumn: {speed: \"cast(value.speed as int)\"}\n- selectExpr: [\"struct(value.timestamp, value.deviceId, speed) as value\"]", "value.timestamp may be NULL, the schema's field may not"},
	} {
		_, err := checkAvro(t, "{format: avro, schema: gps}", tc.transform, ok)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.transform, err, tc.want)
		}
	}
}
