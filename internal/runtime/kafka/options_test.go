package kafka

import (
	"strings"
	"testing"
	"time"

	kafkago "github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/sasl/plain"
)

func TestParseJAAS(t *testing.T) {
	e, err := parseJAAS(`org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="s3cr\"et;x";`)
	if err != nil {
		t.Fatal(err)
	}
	if e.module != "org.apache.kafka.common.security.plain.PlainLoginModule" || e.flag != "required" ||
		e.options["username"] != "alice" || e.options["password"] != `s3cr"et;x` {
		t.Errorf("got %+v", e)
	}
	for _, bad := range []string{
		``,
		`org.Foo`,
		`org.Foo required username="x"`,
		`org.Foo bogus username="x";`,
		`org.Foo required username="x;`,
		`org.Foo required username="x"; org.Bar required;`,
	} {
		if _, err := parseJAAS(bad); err == nil {
			t.Errorf("parseJAAS(%q): no error", bad)
		}
	}
}

func TestParseClientConfigSecurity(t *testing.T) {
	c, err := ParseClientConfig(map[string]string{
		"kafka.bootstrap.servers":  "a:9092, b:9093",
		"kafka.security.protocol":  "SASL_PLAINTEXT",
		"kafka.sasl.mechanism":     "PLAIN",
		"kafka.sasl.jaas.config":   `org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";`,
		"kafka.request.timeout.ms": "1500",
		"subscribe":                "ignored",
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Brokers) != 2 || c.Brokers[1] != "b:9093" {
		t.Errorf("brokers %v", c.Brokers)
	}
	if m, ok := c.SASL.(plain.Mechanism); !ok || m.Username != "u" || m.Password != "p" {
		t.Errorf("SASL %#v", c.SASL)
	}
	if c.TLS != nil {
		t.Error("TLS set for SASL_PLAINTEXT")
	}
	if c.RequestTimeout.Milliseconds() != 1500 {
		t.Errorf("request timeout %v", c.RequestTimeout)
	}
	for _, m := range []string{"SCRAM-SHA-256", "SCRAM-SHA-512"} {
		c, err := ParseClientConfig(map[string]string{
			"kafka.bootstrap.servers": "a:1", "kafka.security.protocol": "SASL_SSL", "kafka.sasl.mechanism": m,
			"kafka.sasl.jaas.config": `org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p";`,
		})
		if err != nil {
			t.Fatal(m, err)
		}
		if c.SASL == nil || c.SASL.Name() != m || c.TLS == nil {
			t.Errorf("%s: SASL %v TLS %v", m, c.SASL, c.TLS)
		}
	}
	for name, opts := range map[string]map[string]string{
		"no servers":       {},
		"bad server":       {"kafka.bootstrap.servers": "nohostport"},
		"bad protocol":     {"kafka.bootstrap.servers": "a:1", "kafka.security.protocol": "TLS"},
		"gssapi default":   {"kafka.bootstrap.servers": "a:1", "kafka.security.protocol": "SASL_PLAINTEXT", "kafka.sasl.jaas.config": "x required;"},
		"module mismatch":  {"kafka.bootstrap.servers": "a:1", "kafka.security.protocol": "SASL_PLAINTEXT", "kafka.sasl.mechanism": "PLAIN", "kafka.sasl.jaas.config": `org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p";`},
		"no jaas":          {"kafka.bootstrap.servers": "a:1", "kafka.security.protocol": "SASL_PLAINTEXT", "kafka.sasl.mechanism": "PLAIN"},
		"jks truststore":   {"kafka.bootstrap.servers": "a:1", "kafka.security.protocol": "SSL", "kafka.ssl.truststore.type": "JKS"},
		"missing pem file": {"kafka.bootstrap.servers": "a:1", "kafka.security.protocol": "SSL", "kafka.ssl.truststore.location": "/nonexistent.pem"},
		"bad timeout":      {"kafka.bootstrap.servers": "a:1", "kafka.request.timeout.ms": "soon"},
	} {
		if _, err := ParseClientConfig(opts); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestParseSourceConfig(t *testing.T) {
	c, warnings, err := ParseSourceConfig(map[string]string{
		"subscribe": "a, b", "startingOffsets": `{"a":{"0":-2,"1":42},"b":{"0":-1}}`, "maxOffsetsPerTrigger": "100",
		"failOnDataLoss": "false", "kafka.bootstrap.servers": "h:1", "kafka.isolation.level": "read_committed",
		"kafka.some.unknown": "x", "bogusOption": "y",
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Subscribe) != 2 || c.MaxOffsetsPerTrigger != 100 || c.FailOnDataLoss || c.IsolationLevel != kafkago.ReadCommitted {
		t.Errorf("got %+v", c)
	}
	if v, _ := c.StartingOffsets.Specific.Get(TopicPartition{"a", 1}); v != 42 {
		t.Errorf("startingOffsets a-1 = %d", v)
	}
	if len(warnings) != 2 || !strings.Contains(strings.Join(warnings, "|"), "kafka.some.unknown") {
		t.Errorf("warnings %q", warnings)
	}
	if c.GroupID("q") != "streamc-q" || c.Description() != "KafkaV2[Subscribe[a,b]]" {
		t.Errorf("group %s desc %s", c.GroupID("q"), c.Description())
	}
	p, _, err := ParseSourceConfig(map[string]string{"subscribePattern": "inv.*", "kafka.bootstrap.servers": "h:1", "kafka.group.id": "g"})
	if err != nil {
		t.Fatal(err)
	}
	if !p.SubscribePattern.MatchString("invoices") || p.SubscribePattern.MatchString("xinvoices") || p.GroupID("q") != "g" {
		t.Error("pattern must match whole topic names; group.id must win")
	}
	for name, opts := range map[string]map[string]string{
		"none":          {"kafka.bootstrap.servers": "h:1"},
		"two":           {"subscribe": "a", "assign": `{"a":[0]}`, "kafka.bootstrap.servers": "h:1"},
		"bad assign":    {"assign": `[0]`, "kafka.bootstrap.servers": "h:1"},
		"bad offsets":   {"subscribe": "a", "startingOffsets": "middle", "kafka.bootstrap.servers": "h:1"},
		"bad offset":    {"subscribe": "a", "startingOffsets": `{"a":{"0":-3}}`, "kafka.bootstrap.servers": "h:1"},
		"assign gap":    {"assign": `{"a":[0,1]}`, "startingOffsets": `{"a":{"0":-2}}`, "kafka.bootstrap.servers": "h:1"},
		"bad max":       {"subscribe": "a", "maxOffsetsPerTrigger": "0", "kafka.bootstrap.servers": "h:1"},
		"bad bool":      {"subscribe": "a", "failOnDataLoss": "yes", "kafka.bootstrap.servers": "h:1"},
		"bad isolation": {"subscribe": "a", "kafka.isolation.level": "dirty", "kafka.bootstrap.servers": "h:1"},
		"no servers":    {"subscribe": "a"},
	} {
		if _, _, err := ParseSourceConfig(opts); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestRateLimit(t *testing.T) {
	from := Offsets{"t": {0: 0, 1: 100, 2: 50}}
	until := Offsets{"t": {0: 1000, 1: 200, 2: 50}, "n": {0: 10}}
	fromNew := Offsets{"n": {0: 0}}
	// Backlogs 1000, 100, 0, 10 (total 1110); limit 111 prorates 100, 10,
	// -, 1.
	got := RateLimit(111, from, fromNew, until)
	want := Offsets{"t": {0: 100, 1: 110, 2: 50}, "n": {0: 1}}
	if !got.Equal(want) {
		t.Errorf("RateLimit = %v, want %v", got, want)
	}
	// A tiny share is rounded up so no partition starves.
	got = RateLimit(1, Offsets{"t": {0: 0, 1: 0}}, nil, Offsets{"t": {0: 1000, 1: 1}})
	if v := got["t"][1]; v != 1 {
		t.Errorf("small partition got %d, want 1", v)
	}
	// Below the cap nothing changes.
	if got := RateLimit(1e9, from, fromNew, until); !got.Equal(until) {
		t.Errorf("RateLimit with a high cap = %v", got)
	}
}

// The generator resolves a spec's options where the program's key files do
// not exist: ParseSourceOptions types every option and reads no file;
// Resolve, where the program runs, makes the client and reads them.
func TestParseSourceOptionsReadsNoFiles(t *testing.T) {
	opts := map[string]string{"subscribe": "a", "startingOffsets": "Earliest", "maxTriggerDelay": "30s",
		"kafka.bootstrap.servers": "h:1", "kafka.security.protocol": "SSL", "kafka.ssl.truststore.location": "/nonexistent/ca.pem"}
	c, _, err := ParseSourceOptions(opts)
	if err != nil {
		t.Fatal(err)
	}
	if c.StartingOffsets.Default != OffsetEarliest || c.MaxTriggerDelay != 30*time.Second || c.Client != nil || !c.FailOnDataLoss || c.Kafka["security.protocol"] != "SSL" {
		t.Errorf("got %+v", c)
	}
	if _, err := c.Resolve(); err == nil || !strings.Contains(err.Error(), "kafka.ssl.truststore.location") {
		t.Errorf("Resolve: %v, want the trust store's error", err)
	}
	seen := map[string]bool{}
	for _, def := range SourceOptions {
		if seen[def.Name] || def.Doc == "" || def.Set == nil {
			t.Errorf("option %q: defined twice or without doc or setter", def.Name)
		}
		seen[def.Name] = true
	}
}
