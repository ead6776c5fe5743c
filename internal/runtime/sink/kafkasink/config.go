package kafkasink

import (
	"errors"
	"fmt"
	"maps"
	"sort"
	"strings"
	"time"

	"github.com/streamc/streamc/internal/runtime/kafka"
)

// Config is a Kafka sink's options, named as Spark's, as typed values. The
// generator resolves a spec's options into one (with ParseConfig) and
// writes it into the generated code as a literal; the engine applies
// run-time overrides over it (NewSink). One built by hand starts from
// DefaultConfig.
type Config struct {
	// Topic, when set, overrides every row's topic.
	Topic string
	// Producer settings (kafka.*) the sink reads itself.
	Acks            Acks
	Linger          time.Duration
	DeliveryTimeout time.Duration
	MaxRequestSize  int
	// Compression is "" (none), gzip, snappy, lz4 or zstd.
	Compression string
	// RetryTimeout, when RetryTimeoutSet, is the retryTimeout option: how
	// long every call retries transient errors, over DeliveryTimeout.
	RetryTimeout    time.Duration
	RetryTimeoutSet bool
	// Kafka holds the other kafka.* settings, the client's, without their
	// prefix; NewSink makes the client from them where the program runs
	// (key material exists only there).
	Kafka map[string]string
}

// Acks is the acks setting; the zero value is Spark's and the Java
// producer's default, all.
type Acks int8

// The acks settings.
const (
	AcksAll    Acks = iota // all or -1: every in-sync replica
	AcksLeader             // 1: the leader only
	AcksNone               // 0: no acknowledgement; rows can be lost
)

// DefaultConfig is a sink with the Java producer's defaults as streamc
// applies them.
func DefaultConfig() Config {
	return Config{Linger: 5 * time.Millisecond, DeliveryTimeout: 2 * time.Minute, MaxRequestSize: 1 << 20}
}

// Setting is the one definition of a kafka.* producer setting the sink
// reads itself: its Java name (without "kafka."), what it does, and how its
// text sets a Config. The generator checks spec settings with Set and
// documents them with Doc; the runtime parses overrides with the same Set.
type Setting struct {
	Name string
	Doc  string
	Set  func(c *Config, v string) error
}

// Settings are the producer settings this package reads.
var Settings = []Setting{
	{"acks", "all, -1, 1 or 0: which replicas acknowledge a row", func(c *Config, v string) error {
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "all", "-1":
			c.Acks = AcksAll
		case "1":
			c.Acks = AcksLeader
		case "0":
			c.Acks = AcksNone
		default:
			return fmt.Errorf("%q is not all, -1, 1 or 0", v)
		}
		return nil
	}},
	{"linger.ms", "the batch timeout", millis(func(c *Config) *time.Duration { return &c.Linger })},
	{"delivery.timeout.ms", "how long failed rows are retried", millis(func(c *Config) *time.Duration { return &c.DeliveryTimeout })},
	{"max.request.size", "the batch size in bytes", func(c *Config, v string) error {
		n, err := kafka.IntValue(v)
		if err == nil {
			c.MaxRequestSize = n
		}
		return err
	}},
	{"compression.type", "none, gzip, snappy, lz4 or zstd", func(c *Config, v string) error {
		switch x := strings.ToLower(strings.TrimSpace(v)); x {
		case "none":
			c.Compression = ""
		case "gzip", "snappy", "lz4", "zstd":
			c.Compression = x
		default:
			return fmt.Errorf("%q is not none, gzip, snappy, lz4 or zstd", v)
		}
		return nil
	}},
}

func millis(field func(*Config) *time.Duration) func(*Config, string) error {
	return func(c *Config, v string) error {
		d, err := kafka.MillisValue(v)
		if err == nil {
			*field(c) = d
		}
		return err
	}
}

// ParseConfig reads a sink's options (Spark's names: topic, kafka.* and the
// run-time retryTimeout; other keys, such as checkpointLocation, are not
// the sink's) into a Config, without making its client.
func ParseConfig(opts map[string]string) (Config, error) {
	c := DefaultConfig()
	if err := c.apply(opts); err != nil {
		return Config{}, err
	}
	return c, nil
}

// apply sets the options opts, in key order, over c.
func (c *Config) apply(opts map[string]string) error {
	keys := make([]string, 0, len(opts))
	for k := range opts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	c.Kafka = maps.Clone(c.Kafka)
	var errs []error
	for _, k := range keys {
		if err := c.set(k, opts[k]); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", k, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("kafka sink: %w", err)
	}
	return nil
}

// set applies one option.
func (c *Config) set(k, v string) error {
	switch k {
	case "topic":
		c.Topic = strings.TrimSpace(v)
		return nil
	case kafka.RetryTimeoutOption:
		d, err := time.ParseDuration(strings.TrimSpace(v))
		if err != nil || d < 0 {
			return fmt.Errorf("%q is not a duration such as 2m or 30s", v)
		}
		c.RetryTimeout, c.RetryTimeoutSet = d, true
		return nil
	}
	name, ok := strings.CutPrefix(k, kafka.SettingPrefix)
	if !ok {
		return nil
	}
	for _, s := range Settings {
		if s.Name == name {
			return s.Set(c, v)
		}
	}
	if c.Kafka == nil {
		c.Kafka = map[string]string{}
	}
	c.Kafka[name] = v
	return nil
}
