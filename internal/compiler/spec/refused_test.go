package spec

import (
	"strings"
	"testing"
)

// refusedSpec is a valid spec with one query whose parts the cases replace:
// SOURCE (readStream lines), STEP (one transform item), SINK (writeStream
// lines) and TOP (top-level lines).
const refusedSpec = `version: "1"
TOP
apps:
  a:
    queries:
      q:
        readStream:
          format: kafka
SOURCE
        transform:
          - STEP
        writeStream:
SINK
`

func refusedCase(top, source, step, sink string) string {
	if top == "" {
		top = "kafka: {bootstrap.servers: localhost:9092}"
	}
	if source == "" {
		source = "          options: {subscribe: in}"
	}
	if step == "" {
		step = "select: [value]"
	}
	if sink == "" {
		sink = "          format: console"
	}
	r := strings.NewReplacer("TOP", top, "SOURCE", source, "STEP", step, "SINK", sink)
	return r.Replace(refusedSpec)
}

func TestRefused(t *testing.T) {
	for _, c := range []struct {
		name, top, source, step, sink string
		// at is the text the error points at, want its message ("" when
		// the spec is valid).
		at, want string
	}{
		{name: "dead-letter topic", source: "          options: {subscribe: in}\n          deadLetterTopic: dlq",
			at: "dlq", want: "deadLetterTopic: dead-letter topics are not supported yet"},
		{name: "startingOffsets in upper case", source: "          options: {subscribe: in, startingOffsets: EARLIEST}"},
		{name: "startingOffsets padded", source: "          options: {subscribe: in, startingOffsets: ' latest'}"},
		{name: "maxTriggerDelay", source: "          options: {subscribe: in, minOffsetsPerTrigger: 10, maxTriggerDelay: 5m}"},
		{name: "maxTriggerDelay bad", source: "          options: {subscribe: in, maxTriggerDelay: 1h30m}",
			at: "1h30m", want: `maxTriggerDelay "1h30m": "1h30m" is not a time such as 15m, 30s or 500ms`},
		{name: "fetchOffset.numRetries", source: "          options: {subscribe: in, fetchOffset.numRetries: 3}",
			at: "fetchOffset.numRetries", want: "option fetchOffset.numRetries of the kafka source is not supported yet"},
		{name: "assign without every offset", source: `          options: {assign: '{"in":[0,1]}', startingOffsets: '{"in":{"0":-2}}'}`,
			at: "'{\"in\":{", want: "startingOffsets has no offset for the assigned partition in-1 (give every assigned partition one)"},
		{name: "kafka setting ignored by the source", source: "          options: {subscribe: in, kafka.max.poll.records: 500}",
			at: "kafka.max.poll.records", want: `Kafka setting "max.poll.records" is not supported yet by the kafka source`},
		{name: "kafka setting misspelled", source: "          options: {subscribe: in, kafka.isolation.levl: read_committed}",
			at: "kafka.isolation.levl", want: `Kafka setting "isolation.levl" is not supported yet by the kafka source; did you mean "isolation.level"?`},
		{name: "kafka setting with a bad value", source: "          options: {subscribe: in, kafka.isolation.level: serializable}",
			at: "serializable", want: `Kafka setting isolation.level "serializable": want one of read_uncommitted, read_committed`},
		{name: "kafka store password", top: "kafka: {bootstrap.servers: b:9092, ssl.truststore.password: x}",
			at: "ssl.truststore.password", want: `Kafka setting "ssl.truststore.password" is not supported yet: streamc reads PEM trust stores, which have no password`},
		{name: "TLS setting without TLS", top: "kafka: {bootstrap.servers: b:9092, ssl.truststore.location: ca.pem}",
			at: "ssl.truststore.location", want: `Kafka setting "ssl.truststore.location" has no effect with security.protocol PLAINTEXT; set it to SSL or SASL_SSL`},
		{name: "SASL setting without SASL", source: "          options: {subscribe: in, kafka.security.protocol: ssl, kafka.sasl.mechanism: PLAIN}",
			at: "kafka.sasl.mechanism", want: `Kafka setting "sasl.mechanism" has no effect with security.protocol ssl; set it to SASL_PLAINTEXT or SASL_SSL`},
		{name: "TLS setting with TLS from the top level", top: "kafka: {bootstrap.servers: b:9092, security.protocol: SASL_SSL, sasl.jaas.config: x}",
			source: "          options: {subscribe: in, kafka.ssl.truststore.location: ca.pem}"},
		{name: "kafka sink setting without a kafka sink", top: "kafka: {bootstrap.servers: b:9092, acks: all}",
			at: "acks", want: `Kafka setting "acks" is for the kafka sink, and no query writes to Kafka`},
		{name: "kafka sink setting ignored", sink: "          format: kafka\n          options: {topic: out, checkpointLocation: chk, kafka.enable.idempotence: true}",
			at: "kafka.enable.idempotence", want: `Kafka setting "enable.idempotence" is not supported yet by the kafka sink`},
		{name: "kafka sink includeHeaders", sink: "          format: kafka\n          options: {topic: out, checkpointLocation: chk, includeHeaders: true}",
			at: "includeHeaders", want: "option includeHeaders of the kafka sink is a kafka source option: the kafka sink writes a headers column whenever the query has one"},
		{name: "json source allowComments", source: "          options: {subscribe: in}\n          value: {format: json, schema: s, options: {allowComments: true}}",
			top: "kafka: {bootstrap.servers: b:9092}\nschemas: {s: {ddl: 'a INT'}}",
			at:  "allowComments", want: `option allowComments=true of format json is not supported yet (only false, Spark's default, is)`},
		{name: "json source allowComments default", source: "          options: {subscribe: in}\n          value: {format: json, schema: s, options: {allowComments: false, allowSingleQuotes: TRUE}}",
			top: "kafka: {bootstrap.servers: b:9092}\nschemas: {s: {ddl: 'a INT'}}"},
		{name: "json source primitivesAsString", source: "          options: {subscribe: in}\n          value: {format: json, schema: s, options: {primitivesAsString: true}}",
			top: "kafka: {bootstrap.servers: b:9092}\nschemas: {s: {ddl: 'a INT'}}",
			at:  "primitivesAsString", want: `option primitivesAsString=true of format json has no effect: Spark uses it only to infer a schema, and from_json reads with the schema given`},
		{name: "json source timestampFormat", source: "          options: {subscribe: in}\n          value: {format: json, schema: s, options: {timestampFormat: dd/MM/yyyy}}",
			top: "kafka: {bootstrap.servers: b:9092}\nschemas: {s: {ddl: 'a INT'}}",
			at:  "timestampFormat", want: "option timestampFormat of format json is not supported yet"},
		{name: "json source timeZone", source: "          options: {subscribe: in}\n          value: {format: json, schema: s, options: {timeZone: UTC}}",
			top: "kafka: {bootstrap.servers: b:9092}\nschemas: {s: {ddl: 'a INT'}}",
			at:  "timeZone", want: "option timeZone of format json is not supported yet (timestamps without an offset are read in sessionTimeZone)"},
		{name: "csv source DROPMALFORMED", source: "          options: {subscribe: in}\n          value: {format: csv, schema: s, mode: DROPMALFORMED}",
			top: "kafka: {bootstrap.servers: b:9092}\nschemas: {s: {ddl: 'a INT'}}",
			at:  "DROPMALFORMED", want: "value format csv: from_csv() doesn't support the DROPMALFORMED mode. Acceptable modes are PERMISSIVE and FAILFAST."},
		{name: "csv source dropmalformed in lower case", source: "          options: {subscribe: in}\n          value: {format: csv, schema: s, mode: dropMalformed}",
			top: "kafka: {bootstrap.servers: b:9092}\nschemas: {s: {ddl: 'a INT'}}",
			at:  "dropMalformed", want: "value format csv: from_csv() doesn't support the DROPMALFORMED mode. Acceptable modes are PERMISSIVE and FAILFAST."},
		{name: "json source DROPMALFORMED stays", source: "          options: {subscribe: in}\n          value: {format: json, schema: s, mode: DROPMALFORMED}",
			top: "kafka: {bootstrap.servers: b:9092}\nschemas: {s: {ddl: 'a INT'}}"},
		{name: "csv source quote outside ASCII", source: "          options: {subscribe: in}\n          value: {format: csv, schema: s, options: {quote: é}}",
			top: "kafka: {bootstrap.servers: b:9092}\nschemas: {s: {ddl: 'a INT'}}",
			at:  "é", want: `quote "é": quote "é": only ASCII characters are supported`},
		{name: "csv source lone backslash separator", source: "          options: {subscribe: in}\n          value: {format: csv, schema: s, options: {sep: '\\'}}",
			top: "kafka: {bootstrap.servers: b:9092}\nschemas: {s: {ddl: 'a INT'}}",
			at:  "'\\'", want: `sep "\\": Single backslash is prohibited. It has special meaning as beginning of an escape sequence. To get the backslash character, pass a string with two backslashes as the delimiter.`},
		{name: "csv source comment", source: "          options: {subscribe: in}\n          value: {format: csv, schema: s, options: {comment: '#'}}",
			top: "kafka: {bootstrap.servers: b:9092}\nschemas: {s: {ddl: 'a INT'}}",
			at:  "comment", want: "option comment of format csv is not supported yet"},
		{name: "json sink compression", sink: "          format: json\n          options: {path: out, checkpointLocation: chk, compression: gzip}",
			at: "compression", want: `option compression=gzip of the json sink is not supported yet (only none or uncompressed, Spark's default, is)`},
		{name: "json sink ignoreNullFields", sink: "          format: json\n          options: {path: out, checkpointLocation: chk, ignoreNullFields: false}",
			at: "ignoreNullFields", want: `option ignoreNullFields=false of the json sink is not supported yet (only true, Spark's default, is)`},
		{name: "json sink timestampFormat", sink: "          format: json\n          options: {path: out, checkpointLocation: chk, timestampFormat: x}",
			at: "timestampFormat", want: "option timestampFormat of the json sink is not supported yet"},
		{name: "csv sink dateFormat", sink: "          format: csv\n          options: {path: out, checkpointLocation: chk, dateFormat: x}",
			at: "dateFormat", want: "option dateFormat of the csv sink is not supported yet"},
		{name: "encode format json", sink: "          format: kafka\n          options: {topic: out, checkpointLocation: chk}\n          value: {format: json, options: {timestampFormat: x}}",
			at: "json", want: "writeStream value format json is not supported yet; build the column with to_json(...) in selectExpr"},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := refusedCase(c.top, c.source, c.step, c.sink)
			_, err := Parse("p.yaml", []byte(src))
			if c.want != "" {
				c.want = positionOf(t, src, c.at) + ": " + c.want
			}
			switch {
			case c.want == "" && err != nil:
				t.Errorf("Parse:\n%v", err)
			case c.want != "" && (err == nil || err.Error() != c.want):
				t.Errorf("got\n%v\nwant\n%s", err, c.want)
			}
		})
	}
}

// Each stateful operation Spark users write gets its own error, not
// "unknown key".
func TestStatefulSteps(t *testing.T) {
	for _, op := range []string{
		"groupBy", "groupByKey", "agg", "count", "cube", "rollup", "pivot",
		"withWatermark", "dropDuplicates", "dropDuplicatesWithinWatermark", "distinct",
		"join", "crossJoin", "orderBy", "sort", "limit",
		"mapGroupsWithState", "flatMapGroupsWithState", "applyInPandasWithState", "transformWithState",
	} {
		t.Run(op, func(t *testing.T) {
			_, err := Parse("p.yaml", []byte(refusedCase("", "", op+": [a]", "")))
			want := "p.yaml:11:13: " + op + " is a stateful operation, not supported yet"
			if err == nil || err.Error() != want {
				t.Errorf("got\n%v\nwant\n%s", err, want)
			}
		})
	}
	for _, op := range []string{"union", "unionByName"} {
		_, err := Parse("p.yaml", []byte(refusedCase("", "", op+": [other]", "")))
		want := "p.yaml:11:13: " + op + " is not supported yet: a query reads one readStream"
		if err == nil || err.Error() != want {
			t.Errorf("%s: got\n%v\nwant\n%s", op, err, want)
		}
	}
}

// positionOf is "p.yaml:line:col" of the first at in src after line 1.
func positionOf(t *testing.T, src, at string) string {
	t.Helper()
	first := strings.IndexByte(src, '\n') + 1
	i := strings.Index(src[first:], at)
	if i < 0 {
		t.Fatalf("test case: %q is not in the spec", at)
	}
	i += first
	line := strings.Count(src[:i], "\n") + 1
	col := len([]rune(src[strings.LastIndexByte(src[:i], '\n')+1:i])) + 1
	return "p.yaml:" + itoa(line) + ":" + itoa(col)
}
