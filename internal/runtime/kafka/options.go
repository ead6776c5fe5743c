package kafka

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	kafkago "github.com/segmentio/kafka-go"
)

// Special offsets of startingOffsets JSON, as Spark's.
const (
	OffsetEarliest int64 = -2
	OffsetLatest   int64 = -1
)

// StartingOffsets is the parsed startingOffsets option: Default (earliest or
// latest) for every partition not named in Specific.
type StartingOffsets struct {
	// Default is OffsetEarliest or OffsetLatest.
	Default int64
	// Specific maps topic -> partition -> offset (or OffsetEarliest /
	// OffsetLatest) from the JSON form.
	Specific Offsets
}

// SourceConfig is a Kafka source's options, named as Spark's, as typed
// values. The generator resolves a spec's options into one (with
// ParseSourceOptions) and writes it into the generated code as a literal;
// the engine applies run-time overrides and calls Resolve. A SourceConfig
// built by hand starts from DefaultSourceConfig.
type SourceConfig struct {
	// Exactly one of Subscribe, SubscribePattern, Assign is set.
	Subscribe        []string
	SubscribePattern *regexp.Regexp
	Assign           map[string][]int32

	StartingOffsets StartingOffsets
	// MaxOffsetsPerTrigger caps a batch (0: no cap), split across
	// partitions in proportion to their backlog.
	MaxOffsetsPerTrigger int64
	// MinOffsetsPerTrigger delays a batch until this many offsets are
	// available or MaxTriggerDelay passed since the last batch.
	MinOffsetsPerTrigger int64
	MaxTriggerDelay      time.Duration
	FailOnDataLoss       bool
	IncludeHeaders       bool
	// GroupIDPrefix and the kafka.group.id setting name the consumer group
	// offsets are committed to after each batch; see GroupID.
	GroupIDPrefix string
	// FetchRetries and FetchRetryInterval govern offset look-ups (Spark's
	// fetchOffset.numRetries, fetchOffset.retryIntervalMs).
	FetchRetries       int
	FetchRetryInterval time.Duration
	// PollTimeout bounds how long reading a partition may keep failing
	// before the query fails (Spark's kafkaConsumer.pollTimeoutMs).
	PollTimeout time.Duration
	// RetryTimeout, when RetryTimeoutSet, is the retryTimeout option: how
	// long every call retries transient errors, over PollTimeout.
	RetryTimeout    time.Duration
	RetryTimeoutSet bool

	// Consumer settings (kafka.*), read from Kafka.
	IsolationLevel    kafkago.IsolationLevel
	MaxPartitionBytes int
	FetchMaxWait      time.Duration

	// Kafka holds the kafka.* client settings without their prefix, as
	// the Java client names them; Resolve turns them into Client (reading
	// key material, which exists only where the program runs).
	Kafka map[string]string
	// Client is set by Resolve.
	Client *ClientConfig
}

// ReadCommitted is kafka.isolation.level read_committed, for generated
// code.
const ReadCommitted = kafkago.ReadCommitted

// DefaultSourceConfig is a source with Spark's defaults and nothing to
// read yet.
func DefaultSourceConfig() SourceConfig {
	return SourceConfig{
		StartingOffsets:    StartingOffsets{Default: OffsetLatest},
		FailOnDataLoss:     true,
		GroupIDPrefix:      "streamc",
		FetchRetries:       3,
		FetchRetryInterval: 10 * time.Millisecond,
		PollTimeout:        2 * time.Minute,
		MaxTriggerDelay:    15 * time.Minute,
		MaxPartitionBytes:  1 << 20,
		FetchMaxWait:       500 * time.Millisecond,
	}
}

// SourceOption is the one definition of a Kafka source option (not a
// kafka.* setting): its Spark name, what it does, and how its text sets a
// SourceConfig. The generator checks spec options with Set, documents them
// with Doc, and the runtime parses with the same Set.
type SourceOption struct {
	Name string
	Doc  string
	Set  func(c *SourceConfig, v string) error
}

// SourceOptions are the source options this package reads, in Spark's
// documentation order.
var SourceOptions = []SourceOption{
	{"subscribe", "the topics to read, comma-separated", func(c *SourceConfig, v string) error {
		c.Subscribe = nil
		for _, t := range strings.Split(v, ",") {
			if t = strings.TrimSpace(t); t != "" {
				c.Subscribe = append(c.Subscribe, t)
			}
		}
		if len(c.Subscribe) == 0 {
			return errors.New("no topic given")
		}
		return nil
	}},
	{"subscribePattern", "the topics to read, as a Go regular expression matched against whole names", func(c *SourceConfig, v string) error {
		re, err := compilePattern(v)
		c.SubscribePattern = re
		return err
	}},
	{"assign", `the partitions to read, as JSON such as {"topicA":[0,1]}`, func(c *SourceConfig, v string) error {
		c.Assign = nil
		if err := json.Unmarshal([]byte(v), &c.Assign); err != nil || len(c.Assign) == 0 {
			return fmt.Errorf(`want JSON such as {"topicA":[0,1],"topicB":[2,4]}, got %q`, v)
		}
		return nil
	}},
	{"startingOffsets", "where a new query starts: earliest, latest or per-partition JSON (-2 earliest, -1 latest)", func(c *SourceConfig, v string) error {
		so, err := ParseStartingOffsets(v)
		c.StartingOffsets = so
		return err
	}},
	{"maxOffsetsPerTrigger", "the most offsets one batch reads", positive(func(c *SourceConfig) *int64 { return &c.MaxOffsetsPerTrigger })},
	{"minOffsetsPerTrigger", "the fewest offsets a batch waits for, up to maxTriggerDelay", positive(func(c *SourceConfig) *int64 { return &c.MinOffsetsPerTrigger })},
	{"maxTriggerDelay", "how long minOffsetsPerTrigger may delay a batch (15m, 30s, 500ms; no unit = ms)", func(c *SourceConfig, v string) error {
		d, err := ParseTimeString(v)
		c.MaxTriggerDelay = d
		return err
	}},
	{"failOnDataLoss", "whether offsets lost to retention stop the query", boolean(func(c *SourceConfig) *bool { return &c.FailOnDataLoss })},
	{"includeHeaders", "whether rows have the headers column", boolean(func(c *SourceConfig) *bool { return &c.IncludeHeaders })},
	{"groupIdPrefix", "the prefix of the consumer group offsets are committed to", func(c *SourceConfig, v string) error {
		c.GroupIDPrefix = v
		return nil
	}},
	{"fetchOffset.numRetries", "how often an offset look-up is retried", func(c *SourceConfig, v string) error {
		x, err := strconv.Atoi(v)
		if err != nil || x < 0 {
			return fmt.Errorf("%q is not a non-negative integer", v)
		}
		c.FetchRetries = x
		return nil
	}},
	{"fetchOffset.retryIntervalMs", "the wait between offset look-ups", millis(func(c *SourceConfig) *time.Duration { return &c.FetchRetryInterval })},
	{"kafkaConsumer.pollTimeoutMs", "how long a failing read is retried", millis(func(c *SourceConfig) *time.Duration { return &c.PollTimeout })},
	{RetryTimeoutOption, "how long every Kafka call retries transient errors, as a Go duration", func(c *SourceConfig, v string) error {
		d, err := time.ParseDuration(strings.TrimSpace(v))
		if err != nil || d < 0 {
			return fmt.Errorf("%q is not a duration such as 2m or 30s", v)
		}
		c.RetryTimeout, c.RetryTimeoutSet = d, true
		return nil
	}},
}

// SourceOptionNamed is the definition of the source option name, or nil.
func SourceOptionNamed(name string) *SourceOption {
	for i := range SourceOptions {
		if SourceOptions[i].Name == name {
			return &SourceOptions[i]
		}
	}
	return nil
}

func positive(field func(*SourceConfig) *int64) func(*SourceConfig, string) error {
	return func(c *SourceConfig, v string) error {
		x, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil || x <= 0 {
			return fmt.Errorf("%q is not a positive integer", v)
		}
		*field(c) = x
		return nil
	}
}

func boolean(field func(*SourceConfig) *bool) func(*SourceConfig, string) error {
	return func(c *SourceConfig, v string) error {
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true":
			*field(c) = true
		case "false":
			*field(c) = false
		default:
			return fmt.Errorf("%q is not true or false", v)
		}
		return nil
	}
}

func millis(field func(*SourceConfig) *time.Duration) func(*SourceConfig, string) error {
	return func(c *SourceConfig, v string) error {
		x, err := strconv.ParseInt(v, 10, 64)
		if err != nil || x < 0 {
			return fmt.Errorf("%q is not a non-negative number of milliseconds", v)
		}
		*field(c) = time.Duration(x) * time.Millisecond
		return nil
	}
}

// compilePattern is subscribePattern as Java's
// Pattern.matcher(topic).matches() reads it: a whole-string match.
func compilePattern(v string) (*regexp.Regexp, error) {
	return regexp.Compile(`^(?:` + v + `)$`)
}

// SubscribePattern compiles a subscribePattern the generator checked, for
// generated code; a bad one is a generator bug and panics at start-up.
func SubscribePattern(v string) *regexp.Regexp {
	re, err := compilePattern(v)
	if err != nil {
		panic(fmt.Sprintf("kafka: subscribePattern %q: %v", v, err))
	}
	return re
}

// PatternText is the subscribePattern re was compiled from.
func PatternText(re *regexp.Regexp) string {
	s := re.String()
	return s[4 : len(s)-2]
}

// sourceSettings are the kafka.* settings the source reads itself.
var sourceSettings = []string{
	"group.id", "isolation.level", "max.partition.fetch.bytes", "fetch.max.wait.ms",
	"fetch.min.bytes", "fetch.max.bytes", "default.api.timeout.ms", "session.timeout.ms",
	"heartbeat.interval.ms", "max.poll.records", "max.poll.interval.ms", "receive.buffer.bytes",
}

// ParseSourceConfig reads a source's options (Spark's names; kafka.* are
// client settings) and resolves them (see Resolve). It returns warnings for
// options it ignores.
func ParseSourceConfig(opts map[string]string) (*SourceConfig, []string, error) {
	c, warnings, err := ParseSourceOptions(opts)
	if err != nil {
		return nil, warnings, err
	}
	w, err := c.Resolve()
	warnings = append(warnings, w...)
	sort.Strings(warnings)
	if err != nil {
		return nil, warnings, err
	}
	return &c, warnings, nil
}

// ParseSourceOptions reads a source's options into a SourceConfig without
// resolving its client settings: what the generator does with a spec's
// options, where key files and credentials need not exist.
func ParseSourceOptions(opts map[string]string) (SourceConfig, []string, error) {
	c := DefaultSourceConfig()
	var errs, warnings []string
	for _, k := range sortedKeys(opts) {
		v := opts[k]
		if name, ok := strings.CutPrefix(k, SettingPrefix); ok {
			if c.Kafka == nil {
				c.Kafka = map[string]string{}
			}
			c.Kafka[name] = v
			continue
		}
		def := SourceOptionNamed(k)
		if def == nil {
			warnings = append(warnings, fmt.Sprintf("source option %s is not known and is ignored", k))
			continue
		}
		if err := def.Set(&c, v); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", k, err))
		}
	}
	if err := c.setConsumer(); err != nil {
		errs = append(errs, err.Error())
	}
	if err := c.check(); err != nil {
		errs = append(errs, err.Error())
	}
	sort.Strings(warnings)
	if len(errs) > 0 {
		return SourceConfig{}, warnings, errors.New("kafka source: " + strings.Join(errs, "; "))
	}
	return c, warnings, nil
}

// setConsumer reads the consumer settings the source reads itself.
func (c *SourceConfig) setConsumer() error {
	var errs []error
	switch v := c.Kafka["isolation.level"]; strings.ToLower(strings.TrimSpace(v)) {
	case "", "read_uncommitted":
		c.IsolationLevel = kafkago.ReadUncommitted
	case "read_committed":
		c.IsolationLevel = kafkago.ReadCommitted
	default:
		errs = append(errs, fmt.Errorf("kafka.isolation.level: %q is not read_uncommitted or read_committed", v))
	}
	errs = append(errs, Int(c.Kafka, "max.partition.fetch.bytes", &c.MaxPartitionBytes))
	errs = append(errs, Millis(c.Kafka, "fetch.max.wait.ms", &c.FetchMaxWait))
	return errors.Join(errs...)
}

// check applies the rules between options.
func (c *SourceConfig) check() error {
	n := 0
	for _, set := range []bool{c.Subscribe != nil, c.SubscribePattern != nil, c.Assign != nil} {
		if set {
			n++
		}
	}
	var errs []string
	if n != 1 {
		errs = append(errs, fmt.Sprintf("exactly one of subscribe, subscribePattern, assign must be set (got %d)", n))
	}
	if c.Assign != nil && c.StartingOffsets.Specific != nil {
		// Spark requires the JSON to name exactly the assigned partitions.
		for _, t := range sortedKeys(c.Assign) {
			for _, p := range c.Assign[t] {
				if _, ok := c.StartingOffsets.Specific[t][p]; !ok {
					errs = append(errs, fmt.Sprintf("startingOffsets: assigned partition %s-%d has no offset", t, p))
				}
			}
		}
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "; "))
	}
	return nil
}

// Resolve checks c again (it may have been built by hand or changed by
// overrides) and makes its client from the kafka.* settings, returning
// warnings for settings nothing reads.
func (c *SourceConfig) Resolve() ([]string, error) {
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("kafka source: %w", err)
	}
	opts := make(map[string]string, len(c.Kafka)+1)
	for k, v := range c.Kafka {
		opts[SettingPrefix+k] = v
	}
	client, err := ParseClientConfig(opts)
	if err != nil {
		return nil, fmt.Errorf("kafka source: %w", err)
	}
	client.RetryTimeout, client.RetryTimeoutSet = c.RetryTimeout, c.RetryTimeoutSet
	c.Client = client
	var warnings []string
	for _, k := range client.UnknownSettings(sourceSettings) {
		warnings = append(warnings, fmt.Sprintf("Kafka setting kafka.%s is not used by the streamc source and is ignored", k))
	}
	return warnings, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ParseStartingOffsets reads startingOffsets: earliest, latest, or JSON
// {"topic":{"0":-2,"1":-1,"2":42}} (-2 earliest, -1 latest).
func ParseStartingOffsets(v string) (StartingOffsets, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "earliest":
		return StartingOffsets{Default: OffsetEarliest}, nil
	case "latest":
		return StartingOffsets{Default: OffsetLatest}, nil
	}
	var raw map[string]map[string]int64
	if err := json.Unmarshal([]byte(v), &raw); err != nil {
		return StartingOffsets{}, fmt.Errorf(`want earliest, latest or JSON such as {"topic":{"0":-2,"1":42}}, got %q`, v)
	}
	so := StartingOffsets{Default: OffsetLatest, Specific: Offsets{}}
	for t, ps := range raw {
		m := map[int32]int64{}
		for p, off := range ps {
			n, err := strconv.ParseInt(p, 10, 32)
			if err != nil || n < 0 {
				return StartingOffsets{}, fmt.Errorf("topic %s: partition %q is not a partition number", t, p)
			}
			if off < OffsetEarliest {
				return StartingOffsets{}, fmt.Errorf("topic %s partition %s: offset %d is invalid (use -2 for earliest, -1 for latest, or an offset)", t, p, off)
			}
			m[int32(n)] = off
		}
		so.Specific[t] = m
	}
	return so, nil
}

// GroupID is the consumer group this source commits offsets to: the
// kafka.group.id setting, or groupIdPrefix-query.
func (c *SourceConfig) GroupID(query string) string {
	if g := c.Kafka["group.id"]; g != "" {
		return g
	}
	return c.GroupIDPrefix + "-" + query
}

// Description names the source as Spark's progress does, e.g.
// KafkaV2[Subscribe[invoices]].
func (c *SourceConfig) Description() string {
	switch {
	case c.SubscribePattern != nil:
		return "KafkaV2[SubscribePattern[" + PatternText(c.SubscribePattern) + "]]"
	case c.Assign != nil:
		var parts []string
		for t, ps := range c.Assign {
			for _, p := range ps {
				parts = append(parts, fmt.Sprintf("%s-%d", t, p))
			}
		}
		sort.Strings(parts)
		return "KafkaV2[Assign[" + strings.Join(parts, ", ") + "]]"
	default:
		return "KafkaV2[Subscribe[" + strings.Join(c.Subscribe, ",") + "]]"
	}
}

// timeStringRE is the form of Spark's time strings (JavaUtils.timeStringAs).
var timeStringRE = regexp.MustCompile(`^(-?[0-9]+)([a-z]+)?$`)

// timeUnits are the suffixes of Spark's time strings.
var timeUnits = map[string]time.Duration{
	"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second, "m": time.Minute,
	"min": time.Minute, "h": time.Hour, "d": 24 * time.Hour,
}

// ParseTimeString reads a duration as Spark reads maxTriggerDelay
// (JavaUtils.timeStringAsMs): an integer with an optional unit us, ms, s,
// m, min, h or d, in any case; no unit means milliseconds. The generator
// checks the option with it too, so both read it alike.
func ParseTimeString(v string) (time.Duration, error) {
	m := timeStringRE.FindStringSubmatch(strings.ToLower(strings.TrimSpace(v)))
	if m == nil {
		return 0, fmt.Errorf("%q is not a time such as 15m, 30s or 500ms", v)
	}
	unit := time.Millisecond
	if m[2] != "" {
		u, ok := timeUnits[m[2]]
		if !ok {
			return 0, fmt.Errorf("%q: unknown time unit %q (want us, ms, s, m, min, h or d)", v, m[2])
		}
		unit = u
	}
	n, err := strconv.ParseInt(m[1], 10, 64)
	if err != nil || n < 0 || n > int64(1<<63-1)/int64(unit) {
		return 0, fmt.Errorf("%q is out of range", v)
	}
	return time.Duration(n) * unit, nil
}
