package spec

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// optionTable maps the option names Spark knows for one format to a check of
// the value (nil: any text). Names are case-sensitive here, unlike Spark's,
// so the planner can look them up as written; a wrong case gets a hint.
type optionTable map[string]func(string) error

func (t optionTable) names() []string { return sortedKeys(t) }

// sortedKeys makes messages that walk a map deterministic.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Source options of spark.readStream.format("kafka"), besides kafka.*.
var sourceOptions = optionTable{
	"subscribe":                   topicList,
	"subscribePattern":            pattern,
	"assign":                      assignment,
	"startingOffsets":             startingOffsets,
	"maxOffsetsPerTrigger":        positiveInt,
	"minOffsetsPerTrigger":        positiveInt,
	"failOnDataLoss":              boolean,
	"kafkaConsumer.pollTimeoutMs": nonNegativeInt,
	"fetchOffset.numRetries":      nonNegativeInt,
	"fetchOffset.retryIntervalMs": nonNegativeInt,
	"includeHeaders":              boolean,
	"groupIdPrefix":               nonEmpty,
}

// sourceRefused are Spark source options streamc does not take, with why.
var sourceRefused = map[string]string{
	"endingOffsets":              "endingOffsets is for batch queries; a streaming query reads until stopped (trigger availableNow drains and exits)",
	"checkpointLocation":         "checkpointLocation belongs in writeStream options",
	"startingOffsetsByTimestamp": "startingOffsetsByTimestamp is not supported; use startingOffsets",
	"startingTimestamp":          "startingTimestamp is not supported; use startingOffsets",
}

// Sink options by writeStream format, besides kafka.* for kafka.
var (
	kafkaSinkOptions = optionTable{
		"topic":              topicName,
		"includeHeaders":     boolean,
		"checkpointLocation": nonEmpty,
	}
	jsonSinkOptions = optionTable{
		"path":               nonEmpty,
		"checkpointLocation": nonEmpty,
		"timestampFormat":    nonEmpty,
		"dateFormat":         nonEmpty,
		"timeZone":           timeZone,
		"ignoreNullFields":   boolean,
		"compression":        compression,
	}
	csvSinkOptions = optionTable{
		"path":                     nonEmpty,
		"checkpointLocation":       nonEmpty,
		"sep":                      nonEmpty,
		"delimiter":                nonEmpty,
		"quote":                    atMostOneChar,
		"escape":                   oneChar,
		"header":                   boolean,
		"nullValue":                nil,
		"emptyValue":               nil,
		"quoteAll":                 boolean,
		"escapeQuotes":             boolean,
		"ignoreLeadingWhiteSpace":  boolean,
		"ignoreTrailingWhiteSpace": boolean,
		"timestampFormat":          nonEmpty,
		"dateFormat":               nonEmpty,
		"compression":              compression,
	}
	consoleSinkOptions = optionTable{
		"numRows":            positiveInt,
		"truncate":           boolean,
		"checkpointLocation": nonEmpty,
	}
	sinkOptions = map[string]optionTable{
		"kafka":   kafkaSinkOptions,
		"json":    jsonSinkOptions,
		"csv":     csvSinkOptions,
		"console": consoleSinkOptions,
	}
)

// Options of from_json / from_csv (decode) and to_json / to_csv (encode).
// mode is a key of its own, not an option; the Avro formats take none.
var (
	decodeOptions = map[string]optionTable{
		"json": {
			"columnNameOfCorruptRecord":          nonEmpty,
			"timestampFormat":                    nonEmpty,
			"timestampNTZFormat":                 nonEmpty,
			"dateFormat":                         nonEmpty,
			"timeZone":                           timeZone,
			"allowComments":                      boolean,
			"allowUnquotedFieldNames":            boolean,
			"allowSingleQuotes":                  boolean,
			"allowNumericLeadingZeros":           boolean,
			"allowBackslashEscapingAnyCharacter": boolean,
			"allowNonNumericNumbers":             boolean,
			"allowUnquotedControlChars":          boolean,
			"primitivesAsString":                 boolean,
			"prefersDecimal":                     boolean,
			"dropFieldIfAllNull":                 boolean,
		},
		"csv": {
			"columnNameOfCorruptRecord": nonEmpty,
			"sep":                       nonEmpty,
			"delimiter":                 nonEmpty,
			"quote":                     atMostOneChar,
			"escape":                    oneChar,
			"comment":                   atMostOneChar,
			"header":                    boolean,
			"nullValue":                 nil,
			"emptyValue":                nil,
			"nanValue":                  nil,
			"positiveInf":               nil,
			"negativeInf":               nil,
			"ignoreLeadingWhiteSpace":   boolean,
			"ignoreTrailingWhiteSpace":  boolean,
			"timestampFormat":           nonEmpty,
			"dateFormat":                nonEmpty,
			"timeZone":                  timeZone,
			"maxColumns":                positiveInt,
			"maxCharsPerColumn":         nonNegativeInt,
		},
	}
	encodeOptions = map[string]optionTable{
		"json": {
			"timestampFormat":  nonEmpty,
			"dateFormat":       nonEmpty,
			"timeZone":         timeZone,
			"ignoreNullFields": boolean,
		},
		"csv": {
			"sep":                      nonEmpty,
			"delimiter":                nonEmpty,
			"quote":                    atMostOneChar,
			"escape":                   oneChar,
			"nullValue":                nil,
			"emptyValue":               nil,
			"quoteAll":                 boolean,
			"escapeQuotes":             boolean,
			"ignoreLeadingWhiteSpace":  boolean,
			"ignoreTrailingWhiteSpace": boolean,
			"timestampFormat":          nonEmpty,
			"dateFormat":               nonEmpty,
			"timeZone":                 timeZone,
		},
	}
)

// Kafka client settings Spark refuses, because the source or sink manages
// them itself; the reason is the error message. Keys are without "kafka.".
var (
	kafkaSourceRefused = map[string]string{
		"auto.offset.reset":    "set startingOffsets instead",
		"enable.auto.commit":   "offsets are kept in the checkpoint",
		"key.deserializer":     "keys are read as bytes; decode them with key:",
		"value.deserializer":   "values are read as bytes; decode them with value:",
		"interceptor.classes":  "interceptors are not supported",
		"group.instance.id":    "static group membership is not supported",
		"partition.assignment": "partitions are assigned by subscribe, subscribePattern or assign",
	}
	kafkaSinkRefused = map[string]string{
		"key.serializer":      "keys are written as bytes; encode them with key:",
		"value.serializer":    "values are written as bytes; encode them with value:",
		"interceptor.classes": "interceptors are not supported",
	}
)

// checkKafkaOption checks one Kafka client setting (name without "kafka.").
func checkKafkaOption(name string, refused ...map[string]string) error {
	if name == "" {
		return errors.New("empty Kafka setting name")
	}
	for _, r := range refused {
		if why, ok := r[name]; ok {
			return fmt.Errorf("Kafka setting %q is not allowed: %s", name, why)
		}
	}
	return nil
}

func nonEmpty(v string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New("must not be empty")
	}
	return nil
}

// boolean accepts what Spark's String.toBoolean does: true or false in any case.
func boolean(v string) error {
	if !strings.EqualFold(v, "true") && !strings.EqualFold(v, "false") {
		return errors.New("want true or false")
	}
	return nil
}

func positiveInt(v string) error {
	if i, err := strconv.ParseInt(v, 10, 64); err != nil || i <= 0 {
		return errors.New("want a positive integer")
	}
	return nil
}

func nonNegativeInt(v string) error {
	if i, err := strconv.ParseInt(v, 10, 64); err != nil || i < 0 {
		return errors.New("want a non-negative integer")
	}
	return nil
}

func oneChar(v string) error {
	if utf8.RuneCountInString(v) != 1 {
		return errors.New("want one character")
	}
	return nil
}

// atMostOneChar allows "" too, which turns quoting or comments off in Spark.
func atMostOneChar(v string) error {
	if utf8.RuneCountInString(v) > 1 {
		return errors.New("want at most one character")
	}
	return nil
}

// compressionCodecs are Spark's short names for text file sinks.
var compressionCodecs = []string{"none", "uncompressed", "bzip2", "deflate", "gzip", "lz4", "snappy", "zstd"}

func compression(v string) error {
	for _, c := range compressionCodecs {
		if strings.EqualFold(v, c) { // Spark lower-cases the codec name
			return nil
		}
	}
	return fmt.Errorf("want one of %s", strings.Join(compressionCodecs, ", "))
}

// topicRE is Kafka's rule for topic names (legal characters, at most 249).
var topicRE = regexp.MustCompile(`^[a-zA-Z0-9._-]{1,249}$`)

func topicName(v string) error {
	if !topicRE.MatchString(v) || v == "." || v == ".." {
		return errors.New("not a valid Kafka topic name (letters, digits, '.', '_', '-'; at most 249)")
	}
	return nil
}

// topicList is subscribe's comma-separated list; Spark trims each name.
func topicList(v string) error {
	for t := range strings.SplitSeq(v, ",") {
		if err := topicName(strings.TrimSpace(t)); err != nil {
			return fmt.Errorf("%q: %w", strings.TrimSpace(t), err)
		}
	}
	return nil
}

// pattern must compile with Go's regexp, which the runtime matches topics
// with; Java-only syntax (lookaround, possessive quantifiers) is rejected here.
func pattern(v string) error {
	if v == "" {
		return errors.New("must not be empty")
	}
	if _, err := regexp.Compile(v); err != nil {
		return fmt.Errorf("not a regular expression: %w", err)
	}
	return nil
}

// assignment is assign's JSON: {"topicA":[0,1],"topicB":[2,4]}.
func assignment(v string) error {
	var m map[string][]int32
	if err := json.Unmarshal([]byte(v), &m); err != nil || len(m) == 0 {
		return errors.New(`want JSON such as {"invoices":[0,1]}`)
	}
	for _, topic := range sortedKeys(m) {
		if err := topicName(topic); err != nil {
			return fmt.Errorf("%q: %w", topic, err)
		}
		for _, p := range m[topic] {
			if p < 0 {
				return fmt.Errorf("topic %q: partition %d is negative", topic, p)
			}
		}
	}
	return nil
}

// startingOffsets is earliest, latest, or per-partition JSON where -2 means
// earliest and -1 latest: {"invoices":{"0":-2,"1":-1}}.
func startingOffsets(v string) error {
	if v == "earliest" || v == "latest" {
		return nil
	}
	const want = `want earliest, latest or JSON such as {"invoices":{"0":-2,"1":-1}}`
	if !strings.HasPrefix(strings.TrimSpace(v), "{") {
		return errors.New(want)
	}
	var m map[string]map[string]int64
	if err := json.Unmarshal([]byte(v), &m); err != nil || len(m) == 0 {
		return errors.New(want)
	}
	for _, topic := range sortedKeys(m) {
		if err := topicName(topic); err != nil {
			return fmt.Errorf("%q: %w", topic, err)
		}
		for _, p := range sortedKeys(m[topic]) {
			off := m[topic][p]
			if n, err := strconv.ParseInt(p, 10, 32); err != nil || n < 0 {
				return fmt.Errorf("topic %q: partition %q is not a non-negative integer", topic, p)
			}
			if off < -2 {
				return fmt.Errorf("topic %q partition %s: offset %d (want >= 0, -2 for earliest or -1 for latest)", topic, p, off)
			}
		}
	}
	return nil
}
