package kafkasink_test

import (
	"strings"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/sink/kafkasink"
)

// ParseConfig resolves Spark's names into typed values, the sink's own
// settings into fields and the client's into Kafka.
func TestParseConfig(t *testing.T) {
	c, err := kafkasink.ParseConfig(map[string]string{
		"topic": " out ", "checkpointLocation": "chk", "kafka.acks": "1", "kafka.linger.ms": "20",
		"kafka.compression.type": "ZSTD", "kafka.bootstrap.servers": "b:9092", "retryTimeout": "30s",
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.Topic != "out" || c.Acks != kafkasink.AcksLeader || c.Linger != 20*time.Millisecond || c.Compression != "zstd" ||
		!c.RetryTimeoutSet || c.RetryTimeout != 30*time.Second || c.DeliveryTimeout != 2*time.Minute || c.MaxRequestSize != 1<<20 {
		t.Errorf("config %+v", c)
	}
	if len(c.Kafka) != 1 || c.Kafka["bootstrap.servers"] != "b:9092" {
		t.Errorf("client settings %v", c.Kafka)
	}
	for k, v := range map[string]string{"kafka.acks": "2", "kafka.linger.ms": "-1", "kafka.compression.type": "brotli", "kafka.max.request.size": "x", "retryTimeout": "soon"} {
		if _, err := kafkasink.ParseConfig(map[string]string{k: v}); err == nil || !strings.Contains(err.Error(), k) {
			t.Errorf("%s=%s: %v", k, v, err)
		}
	}
}

// Run-time overrides go through the same definitions, over the typed
// config, and leave the config they were applied to as it was.
func TestNewSinkOverrides(t *testing.T) {
	cfg := kafkasink.DefaultConfig()
	cfg.Topic = "out"
	cfg.Kafka = map[string]string{"bootstrap.servers": "spec:9092"}
	s, err := kafkasink.NewSink(cfg, map[string]string{"kafka.bootstrap.servers": "127.0.0.1:9"}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if cfg.Kafka["bootstrap.servers"] != "spec:9092" {
		t.Errorf("override changed the config: %v", cfg.Kafka)
	}
	if _, err := kafkasink.NewSink(cfg, map[string]string{"kafka.acks": "2"}, quiet); err == nil || !strings.Contains(err.Error(), "kafka.acks") {
		t.Errorf("bad override: %v", err)
	}
	if _, err := kafkasink.NewSink(kafkasink.DefaultConfig(), nil, quiet); err == nil || !strings.Contains(err.Error(), "bootstrap.servers") {
		t.Errorf("no brokers: %v", err)
	}
}
