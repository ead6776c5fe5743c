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

// SourceConfig is a Kafka source's options, named as Spark's.
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

	// Consumer settings (kafka.*).
	IsolationLevel    kafkago.IsolationLevel
	MaxPartitionBytes int
	FetchMaxWait      time.Duration

	Client *ClientConfig
}

// sourceSettings are the kafka.* settings the source reads itself.
var sourceSettings = []string{
	"group.id", "isolation.level", "max.partition.fetch.bytes", "fetch.max.wait.ms",
	"fetch.min.bytes", "fetch.max.bytes", "default.api.timeout.ms", "session.timeout.ms",
	"heartbeat.interval.ms", "max.poll.records", "max.poll.interval.ms", "receive.buffer.bytes",
}

// sourceOptionNames are the non-kafka.* options ParseSourceConfig knows.
var sourceOptionNames = []string{
	"subscribe", "subscribePattern", "assign", "startingOffsets", "maxOffsetsPerTrigger",
	"minOffsetsPerTrigger", "maxTriggerDelay", "failOnDataLoss", "includeHeaders", "groupIdPrefix",
	"fetchOffset.numRetries", "fetchOffset.retryIntervalMs", "kafkaConsumer.pollTimeoutMs",
	RetryTimeoutOption,
}

// ParseSourceConfig reads a source's options (Spark's names; kafka.* are
// client settings). It returns warnings for options it ignores.
func ParseSourceConfig(opts map[string]string) (*SourceConfig, []string, error) {
	c := &SourceConfig{
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
	var errs, warnings []string
	bad := func(format string, a ...any) { errs = append(errs, fmt.Sprintf(format, a...)) }
	n := 0
	if v, ok := opts["subscribe"]; ok {
		n++
		for _, t := range strings.Split(v, ",") {
			if t = strings.TrimSpace(t); t != "" {
				c.Subscribe = append(c.Subscribe, t)
			}
		}
		if len(c.Subscribe) == 0 {
			bad("subscribe: no topic given")
		}
	}
	if v, ok := opts["subscribePattern"]; ok {
		n++
		// Java's Pattern.matcher(topic).matches() is a whole-string match.
		re, err := regexp.Compile(`^(?:` + v + `)$`)
		if err != nil {
			bad("subscribePattern: %v", err)
		}
		c.SubscribePattern = re
	}
	if v, ok := opts["assign"]; ok {
		n++
		if err := json.Unmarshal([]byte(v), &c.Assign); err != nil || len(c.Assign) == 0 {
			bad(`assign: want JSON such as {"topicA":[0,1],"topicB":[2,4]}, got %q`, v)
		}
	}
	if n != 1 {
		bad("exactly one of subscribe, subscribePattern, assign must be set (got %d)", n)
	}
	if v, ok := opts["startingOffsets"]; ok {
		so, err := ParseStartingOffsets(v)
		if err != nil {
			bad("startingOffsets: %v", err)
		}
		c.StartingOffsets = so
		if c.Assign != nil && so.Specific != nil {
			// Spark requires the JSON to name exactly the assigned partitions.
			for t, ps := range c.Assign {
				for _, p := range ps {
					if _, ok := so.Specific[t][p]; !ok {
						bad("startingOffsets: assigned partition %s-%d has no offset", t, p)
					}
				}
			}
		}
	}
	posInt := func(name string, dst *int64) {
		if v, ok := opts[name]; ok {
			x, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			if err != nil || x <= 0 {
				bad("%s: %q is not a positive integer", name, v)
			}
			*dst = x
		}
	}
	posInt("maxOffsetsPerTrigger", &c.MaxOffsetsPerTrigger)
	posInt("minOffsetsPerTrigger", &c.MinOffsetsPerTrigger)
	if v, ok := opts["maxTriggerDelay"]; ok {
		d, err := ParseTimeString(v)
		if err != nil {
			bad("maxTriggerDelay: %v", err)
		}
		c.MaxTriggerDelay = d
	}
	boolOpt := func(name string, dst *bool) {
		if v, ok := opts[name]; ok {
			switch strings.ToLower(strings.TrimSpace(v)) {
			case "true":
				*dst = true
			case "false":
				*dst = false
			default:
				bad("%s: %q is not true or false", name, v)
			}
		}
	}
	boolOpt("failOnDataLoss", &c.FailOnDataLoss)
	boolOpt("includeHeaders", &c.IncludeHeaders)
	if v, ok := opts["groupIdPrefix"]; ok {
		c.GroupIDPrefix = v
	}
	if v, ok := opts["fetchOffset.numRetries"]; ok {
		x, err := strconv.Atoi(v)
		if err != nil || x < 0 {
			bad("fetchOffset.numRetries: %q is not a non-negative integer", v)
		}
		c.FetchRetries = x
	}
	msOpt := func(name string, dst *time.Duration) {
		if v, ok := opts[name]; ok {
			x, err := strconv.ParseInt(v, 10, 64)
			if err != nil || x < 0 {
				bad("%s: %q is not a non-negative number of milliseconds", name, v)
			}
			*dst = time.Duration(x) * time.Millisecond
		}
	}
	msOpt("fetchOffset.retryIntervalMs", &c.FetchRetryInterval)
	msOpt("kafkaConsumer.pollTimeoutMs", &c.PollTimeout)

	client, err := ParseClientConfig(opts)
	if err != nil {
		errs = append(errs, err.Error())
	} else {
		c.Client = client
		s := client.Settings
		switch strings.ToLower(strings.TrimSpace(s["isolation.level"])) {
		case "", "read_uncommitted":
		case "read_committed":
			c.IsolationLevel = kafkago.ReadCommitted
		default:
			bad("kafka.isolation.level: %q is not read_uncommitted or read_committed", s["isolation.level"])
		}
		if err := Int(s, "max.partition.fetch.bytes", &c.MaxPartitionBytes); err != nil {
			errs = append(errs, err.Error())
		}
		if err := Millis(s, "fetch.max.wait.ms", &c.FetchMaxWait); err != nil {
			errs = append(errs, err.Error())
		}
		for _, k := range client.UnknownSettings(sourceSettings) {
			warnings = append(warnings, fmt.Sprintf("Kafka setting kafka.%s is not used by the streamc source and is ignored", k))
		}
	}
	for k := range opts {
		if !strings.HasPrefix(k, SettingPrefix) && !contains(sourceOptionNames, k) {
			warnings = append(warnings, fmt.Sprintf("source option %s is not known and is ignored", k))
		}
	}
	sort.Strings(warnings)
	if len(errs) > 0 {
		return nil, warnings, errors.New("kafka source: " + strings.Join(errs, "; "))
	}
	return c, warnings, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
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
	if g := c.Client.Settings["group.id"]; g != "" {
		return g
	}
	return c.GroupIDPrefix + "-" + query
}

// Description names the source as Spark's progress does, e.g.
// KafkaV2[Subscribe[invoices]].
func (c *SourceConfig) Description() string {
	switch {
	case c.SubscribePattern != nil:
		s := c.SubscribePattern.String()
		return "KafkaV2[SubscribePattern[" + s[4:len(s)-2] + "]]"
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
