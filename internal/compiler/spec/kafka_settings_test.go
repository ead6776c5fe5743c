package spec

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink/kafkasink"
)

// kafkaSamples are values of every Kafka setting the spec accepts, valid
// for the spec and the runtime alike. Security settings beyond the
// protocol are not read under PLAINTEXT, so any text does.
var kafkaSamples = map[string]string{
	"bootstrap.servers": "b:9092", "client.id": "c", "security.protocol": "PLAINTEXT",
	"sasl.mechanism": "PLAIN", "sasl.jaas.config": "x", "ssl.truststore.location": "x",
	"ssl.truststore.type": "PEM", "ssl.truststore.certificates": "x", "ssl.keystore.location": "x",
	"ssl.keystore.type": "PEM", "ssl.keystore.certificate.chain": "x", "ssl.keystore.key": "x",
	"ssl.endpoint.identification.algorithm": "https", "request.timeout.ms": "100",
	"metadata.max.age.ms": "100", "connections.max.idle.ms": "100",
	"socket.connection.setup.timeout.ms": "100", "retry.backoff.ms": "100", "retry.backoff.max.ms": "100",
	"group.id": "g", "isolation.level": "read_committed", "max.partition.fetch.bytes": "1000",
	"fetch.max.wait.ms": "100",
	"acks":              "all", "linger.ms": "5", "delivery.timeout.ms": "1000", "max.request.size": "1000",
	"compression.type": "lz4",
}

// Every Kafka setting the spec accepts for the source is one the runtime's
// source reads: the runtime would warn about any other as ignored.
func TestKafkaSourceSettingsAreRead(t *testing.T) {
	for _, m := range kafkaSourcePart.reads {
		for _, name := range sortedKeys(m) {
			v, ok := kafkaSamples[name]
			if !ok {
				t.Errorf("no sample value for %s", name)
				continue
			}
			if err := checkKafkaOption(name, v, kafkaSourcePart); err != nil {
				t.Errorf("%s=%s: spec: %v", name, v, err)
			}
			opts := map[string]string{"subscribe": "t", "kafka.bootstrap.servers": "b:9092", "kafka." + name: v}
			_, warnings, err := kafka.ParseSourceConfig(opts)
			if err != nil {
				t.Errorf("%s=%s: runtime: %v", name, v, err)
			}
			if len(warnings) > 0 {
				t.Errorf("%s=%s: runtime warns %q", name, v, warnings)
			}
		}
	}
}

// Every Kafka setting the spec accepts for the sink is one the runtime's
// sink reads.
func TestKafkaSinkSettingsAreRead(t *testing.T) {
	for _, m := range kafkaSinkPart.reads {
		for _, name := range sortedKeys(m) {
			v, ok := kafkaSamples[name]
			if !ok {
				t.Errorf("no sample value for %s", name)
				continue
			}
			if err := checkKafkaOption(name, v, kafkaSinkPart); err != nil {
				t.Errorf("%s=%s: spec: %v", name, v, err)
			}
			var logs bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logs, nil))
			s, err := kafkasink.New(map[string]string{"topic": "t", "kafka.bootstrap.servers": "b:9092", "kafka." + name: v}, log)
			if err != nil {
				t.Errorf("%s=%s: runtime: %v", name, v, err)
				continue
			}
			_ = s.Close()
			if strings.Contains(logs.String(), "ignored") {
				t.Errorf("%s=%s: runtime warns %s", name, v, logs.String())
			}
		}
	}
}

// maxTriggerDelay reads as Spark's time strings, the same in the spec and
// in the runtime's source.
func TestMaxTriggerDelayAgrees(t *testing.T) {
	for _, c := range []struct {
		v    string
		want time.Duration // 0: refused
	}{
		{"15m", 15 * time.Minute}, {"10", 10 * time.Millisecond}, {"2d", 48 * time.Hour},
		{"500MS", 500 * time.Millisecond}, {" 30s ", 30 * time.Second}, {"1min", time.Minute},
		{"1h30m", 0}, {"1.5h", 0}, {"5 s", 0}, {"-1s", 0}, {"", 0},
	} {
		specErr := triggerDelay(c.v)
		cfg, _, runErr := kafka.ParseSourceConfig(map[string]string{
			"subscribe": "t", "kafka.bootstrap.servers": "b:9092", "maxTriggerDelay": c.v,
		})
		if c.want == 0 {
			if specErr == nil || runErr == nil {
				t.Errorf("%q: spec %v, runtime %v; want both to refuse it", c.v, specErr, runErr)
			}
			continue
		}
		if specErr != nil || runErr != nil {
			t.Errorf("%q: spec %v, runtime %v", c.v, specErr, runErr)
			continue
		}
		if cfg.MaxTriggerDelay != c.want {
			t.Errorf("%q: runtime reads %v, want %v", c.v, cfg.MaxTriggerDelay, c.want)
		}
	}
}
