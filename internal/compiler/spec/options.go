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

	"github.com/streamc/streamc/internal/diag"
	"github.com/streamc/streamc/internal/runtime/csvx"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink/consolesink"
	"github.com/streamc/streamc/internal/runtime/sink/kafkasink"
)

// option is one option name Spark knows for a format: how its value is
// checked, and whether streamc does what it says. An option streamc would
// accept and then ignore is refused instead, so that nothing in a spec is
// silently without effect.
type option struct {
	check func(string) error // nil: any text
	// refused, when set, ends the error "option <name> of <part> ...".
	refused string
	// keep are values accepted in spite of refused, compared
	// case-insensitively: Spark's default, which is what streamc does.
	keep []string
}

// optionTable maps the option names Spark knows for one format to their
// rules. Names are case-sensitive here, unlike Spark's, so the planner can
// look them up as written; a wrong case gets a hint.
type optionTable map[string]option

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

// notYet is the message of an option streamc does not implement.
const notYet = "is not supported yet"

func ok(check func(string) error) option { return option{check: check} }

func refuse(check func(string) error, why string) option {
	return option{check: check, refused: why}
}

// onlyDefault accepts Spark's default values of an option, which is what
// streamc does, and refuses the others.
func onlyDefault(check func(string) error, why string, defaults ...string) option {
	return option{check: check, refused: why, keep: defaults}
}

// refusal is the error about the option name of part (such as "the json
// sink") set to v, or "" when o takes v.
func (o option) refusal(name, part, v string) string {
	if o.refused == "" {
		return ""
	}
	if len(o.keep) == 0 {
		return fmt.Sprintf("option %s of %s %s", name, part, o.refused)
	}
	for _, k := range o.keep {
		if strings.EqualFold(strings.TrimSpace(v), k) {
			return ""
		}
	}
	msg := fmt.Sprintf("option %s=%s of %s %s", name, v, part, o.refused)
	if o.refused == notYet {
		msg += fmt.Sprintf(" (only %s, Spark's default, is)", strings.Join(o.keep, " or "))
	}
	return msg
}

// inferenceOnly is why JSON options that only shape Spark's schema
// inference are refused: from_json reads with the schema it is given.
const inferenceOnly = "has no effect: Spark uses it only to infer a schema, and from_json reads with the schema given"

// Source options of spark.readStream.format("kafka"), besides kafka.*:
// the names and value rules are internal/runtime/kafka's SourceOptions, the one
// definition the generated code's typed values come from; sourceChecks
// adds what the spec checks besides (topic names, Go regexp syntax),
// sourcePolicy the options streamc refuses.
var sourceOptions = func() optionTable {
	t := optionTable{}
	for _, def := range kafka.SourceOptions {
		if def.Name == kafka.RetryTimeoutOption {
			continue // the spec's top-level retryTimeout sets it
		}
		o := sourcePolicy[def.Name]
		o.check = sourceCheck(def, sourceChecks[def.Name])
		t[def.Name] = o
	}
	return t
}()

// sourceChecks are the spec's checks of source options, run before the
// runtime's own: stricter ones (topic names, Go regexp syntax) and the
// messages of the spec's other options.
var sourceChecks = map[string]func(string) error{
	"subscribe":                   topicList,
	"subscribePattern":            pattern,
	"assign":                      assignment,
	"startingOffsets":             startingOffsets,
	"maxOffsetsPerTrigger":        positiveInt,
	"minOffsetsPerTrigger":        positiveInt,
	"maxTriggerDelay":             triggerDelay,
	"failOnDataLoss":              boolean,
	"includeHeaders":              boolean,
	"groupIdPrefix":               nonEmpty,
	"fetchOffset.numRetries":      nonNegativeInt,
	"fetchOffset.retryIntervalMs": nonNegativeInt,
	"kafkaConsumer.pollTimeoutMs": nonNegativeInt,
}

// sourcePolicy are the source options the runtime reads and streamc
// refuses all the same.
var sourcePolicy = map[string]option{
	"fetchOffset.numRetries":      {refused: notYet},
	"fetchOffset.retryIntervalMs": {refused: notYet},
}

// sourceCheck checks a value with extra, then as the runtime reads it.
func sourceCheck(def kafka.SourceOption, extra func(string) error) func(string) error {
	return func(v string) error {
		if extra != nil {
			if err := extra(v); err != nil {
				return err
			}
		}
		c := kafka.DefaultSourceConfig()
		return def.Set(&c, v)
	}
}

// sourceRefused are Spark source options streamc does not take, with why.
var sourceRefused = map[string]string{
	"endingOffsets":              "endingOffsets is for batch queries; a streaming query reads until stopped (trigger availableNow drains and exits)",
	"checkpointLocation":         "checkpointLocation belongs in writeStream options",
	"startingOffsetsByTimestamp": "startingOffsetsByTimestamp is not supported yet; use startingOffsets",
	"startingTimestamp":          "startingTimestamp is not supported yet; use startingOffsets",
}

// Sink options by writeStream format, besides kafka.* for kafka.
var (
	kafkaSinkOptions = optionTable{
		"topic":              ok(topicName),
		"includeHeaders":     refuse(boolean, "is a kafka source option: the kafka sink writes a headers column whenever the query has one"),
		"checkpointLocation": ok(nonEmpty),
	}
	jsonSinkOptions = optionTable{
		"path":               ok(nonEmpty),
		"checkpointLocation": ok(nonEmpty),
		"timestampFormat":    refuse(nonEmpty, notYet),
		"dateFormat":         refuse(nonEmpty, notYet),
		"timeZone":           refuse(timeZone, notYet+" (timestamps are written in sessionTimeZone)"),
		"ignoreNullFields":   onlyDefault(boolean, notYet, "true"),
		"compression":        onlyDefault(compression, notYet, "none", "uncompressed"),
	}
	csvSinkOptions = optionTable{
		"path":                     ok(nonEmpty),
		"checkpointLocation":       ok(nonEmpty),
		"sep":                      ok(csvOption("sep")),
		"delimiter":                ok(csvOption("delimiter")),
		"quote":                    ok(csvOption("quote")),
		"escape":                   ok(csvOption("escape")),
		"header":                   ok(boolean),
		"nullValue":                ok(nil),
		"emptyValue":               ok(nil),
		"quoteAll":                 ok(boolean),
		"escapeQuotes":             ok(boolean),
		"ignoreLeadingWhiteSpace":  ok(boolean),
		"ignoreTrailingWhiteSpace": ok(boolean),
		"timestampFormat":          refuse(nonEmpty, notYet),
		"dateFormat":               refuse(nonEmpty, notYet),
		"compression":              onlyDefault(compression, notYet, "none", "uncompressed"),
	}
	// consoleSinkOptions are internal/runtime/sink/consolesink's
	// OptionDefs, the definition the generated consolesink.Options comes
	// from, checked by the spec's stricter rules first.
	consoleSinkOptions = func() optionTable {
		t := optionTable{"checkpointLocation": ok(nonEmpty)}
		extra := map[string]func(string) error{"numRows": positiveInt, "truncate": boolean}
		for _, def := range consolesink.OptionDefs {
			t[def.Name] = ok(consoleCheck(def, extra[def.Name]))
		}
		return t
	}()
	sinkOptions = map[string]optionTable{
		"kafka":   kafkaSinkOptions,
		"json":    jsonSinkOptions,
		"csv":     csvSinkOptions,
		"console": consoleSinkOptions,
	}
)

// consoleCheck checks a value with extra, then as the runtime reads it.
func consoleCheck(def consolesink.Option, extra func(string) error) func(string) error {
	return func(v string) error {
		if extra != nil {
			if err := extra(v); err != nil {
				return err
			}
		}
		o := consolesink.DefaultOptions()
		return def.Set(&o, v)
	}
}

// Options of from_json and from_csv. mode is a key of its own, not an
// option; the Avro formats take none, and no encode format takes any.
var (
	decodeOptions = map[string]optionTable{
		"json": {
			"columnNameOfCorruptRecord":          ok(nonEmpty),
			"timestampFormat":                    refuse(nonEmpty, notYet),
			"timestampNTZFormat":                 refuse(nonEmpty, notYet),
			"dateFormat":                         refuse(nonEmpty, notYet),
			"timeZone":                           refuse(timeZone, notYet+" (timestamps without an offset are read in sessionTimeZone)"),
			"allowComments":                      onlyDefault(boolean, notYet, "false"),
			"allowUnquotedFieldNames":            onlyDefault(boolean, notYet, "false"),
			"allowSingleQuotes":                  onlyDefault(boolean, notYet, "true"),
			"allowNumericLeadingZeros":           onlyDefault(boolean, notYet, "false"),
			"allowBackslashEscapingAnyCharacter": onlyDefault(boolean, notYet, "false"),
			"allowNonNumericNumbers":             onlyDefault(boolean, notYet, "true"),
			"allowUnquotedControlChars":          onlyDefault(boolean, notYet, "false"),
			"primitivesAsString":                 onlyDefault(boolean, inferenceOnly, "false"),
			"prefersDecimal":                     onlyDefault(boolean, inferenceOnly, "false"),
			"dropFieldIfAllNull":                 onlyDefault(boolean, inferenceOnly, "false"),
		},
		"csv": {
			"columnNameOfCorruptRecord": ok(nonEmpty),
			"sep":                       ok(csvOption("sep")),
			"delimiter":                 ok(csvOption("delimiter")),
			"quote":                     ok(csvOption("quote")),
			"escape":                    ok(csvOption("escape")),
			"comment":                   refuse(atMostOneChar, notYet),
			"header":                    onlyDefault(boolean, notYet, "false"),
			"nullValue":                 ok(nil),
			"emptyValue":                ok(nil),
			"nanValue":                  ok(nil),
			"positiveInf":               ok(nil),
			"negativeInf":               ok(nil),
			"ignoreLeadingWhiteSpace":   ok(boolean),
			"ignoreTrailingWhiteSpace":  ok(boolean),
			"timestampFormat":           refuse(nonEmpty, notYet),
			"dateFormat":                refuse(nonEmpty, notYet),
			"timeZone":                  refuse(timeZone, notYet+" (timestamps without an offset are read in sessionTimeZone)"),
			"maxColumns":                refuse(positiveInt, notYet),
			"maxCharsPerColumn":         refuse(nonNegativeInt, notYet),
		},
	}
)

// encodeFormatsNotYet are writeStream key/value formats the query compiler
// does not write yet.
var encodeFormatsNotYet = map[string]string{
	"json": "to_json",
	"csv":  "to_csv",
}

// csvOption checks a value as the CSV codec the generated code runs will
// apply it, so that nothing accepted here is dropped there.
func csvOption(name string) func(string) error {
	return func(v string) error {
		o := csvx.DefaultReadOptions()
		if err := o.SetOption(name, v); err != nil {
			return errors.New(strings.TrimPrefix(err.Error(), "csvx: "))
		}
		return nil
	}
}

// Kafka client settings (without "kafka.") streamc reads, by the part that
// reads them: internal/runtime/kafka's ClientConfig for both, the source's and the
// sink's own. Any other setting is refused: the Java client has hundreds,
// and one that streamc ignored would silently do nothing.
var (
	// kafkaClientSettings and kafkaSourceSettings are internal/runtime/kafka's
	// ClientSettings and ConsumerSettings, the definitions the runtime
	// reads, with the spec's checks of their values.
	kafkaClientSettings = kafkaSettings(kafka.ClientSettings, map[string]func(string) error{
		"bootstrap.servers":                     nonEmpty,
		"client.id":                             nonEmpty,
		"security.protocol":                     oneOfFold("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"),
		"sasl.mechanism":                        oneOfFold("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"),
		"sasl.jaas.config":                      nonEmpty,
		"ssl.truststore.location":               nonEmpty,
		"ssl.truststore.type":                   oneOfFold("PEM"),
		"ssl.truststore.certificates":           nonEmpty,
		"ssl.keystore.location":                 nonEmpty,
		"ssl.keystore.type":                     oneOfFold("PEM"),
		"ssl.keystore.certificate.chain":        nonEmpty,
		"ssl.keystore.key":                      nonEmpty,
		"ssl.endpoint.identification.algorithm": endpointAlgorithm,
		"request.timeout.ms":                    nonNegativeInt,
		"metadata.max.age.ms":                   nonNegativeInt,
		"connections.max.idle.ms":               nonNegativeInt,
		"socket.connection.setup.timeout.ms":    nonNegativeInt,
		"retry.backoff.ms":                      nonNegativeInt,
		"retry.backoff.max.ms":                  nonNegativeInt,
	})
	kafkaSourceSettings = kafkaSettings(kafka.ConsumerSettings, map[string]func(string) error{
		"group.id":                  nonEmpty,
		"isolation.level":           oneOfFold("read_uncommitted", "read_committed"),
		"max.partition.fetch.bytes": nonNegativeInt,
		"fetch.max.wait.ms":         nonNegativeInt,
	})
	// kafkaSinkSettings are internal/runtime/sink/kafkasink's Settings,
	// the definition the generated kafkasink.Config comes from.
	kafkaSinkSettings = func() map[string]func(string) error {
		// The spec's messages, checked before the runtime's own.
		extra := map[string]func(string) error{
			"acks":                oneOfFold("all", "-1", "1", "0"),
			"linger.ms":           nonNegativeInt,
			"delivery.timeout.ms": nonNegativeInt,
			"max.request.size":    nonNegativeInt,
			"compression.type":    oneOfFold("none", "gzip", "snappy", "lz4", "zstd"),
		}
		m := map[string]func(string) error{}
		for _, def := range kafkasink.Settings {
			m[def.Name] = func(v string) error {
				if x := extra[def.Name]; x != nil {
					if err := x(v); err != nil {
						return err
					}
				}
				c := kafkasink.DefaultConfig()
				return def.Set(&c, v)
			}
		}
		return m
	}()
	// kafkaNotYet says why some settings Java users set are refused.
	kafkaNotYet = map[string]string{
		"ssl.truststore.password": "streamc reads PEM trust stores, which have no password",
		"ssl.keystore.password":   "streamc reads PEM key material, which has no store password",
		"ssl.key.password":        "encrypted private keys are not supported; use an unencrypted PEM key",
		"ssl.protocol":            "streamc negotiates TLS 1.2 or later",
	}
)

// kafkaSettings are the settings defs with their checks: a setting
// without one takes any text.
func kafkaSettings(defs []kafka.Setting, checks map[string]func(string) error) map[string]func(string) error {
	m := make(map[string]func(string) error, len(defs))
	for _, d := range defs {
		m[d.Name] = checks[d.Name]
	}
	return m
}

// KafkaSourceSetting reports whether the Kafka source reads the client
// setting name (without "kafka.").
func KafkaSourceSetting(name string) bool {
	_, c := kafkaClientSettings[name]
	_, s := kafkaSourceSettings[name]
	return c || s
}

// KafkaSinkSetting reports whether the Kafka sink reads the client setting
// name (without "kafka.").
func KafkaSinkSetting(name string) bool {
	_, c := kafkaClientSettings[name]
	_, s := kafkaSinkSettings[name]
	return c || s
}

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

// kafkaPart is the settings one part (the source, the sink, or the top
// level, which serves both) reads and refuses.
type kafkaPart struct {
	name    string // for messages: "the kafka source"
	reads   []map[string]func(string) error
	refused []map[string]string
}

var (
	kafkaSourcePart = kafkaPart{"the kafka source", []map[string]func(string) error{kafkaClientSettings, kafkaSourceSettings}, []map[string]string{kafkaSourceRefused}}
	kafkaSinkPart   = kafkaPart{"the kafka sink", []map[string]func(string) error{kafkaClientSettings, kafkaSinkSettings}, []map[string]string{kafkaSinkRefused}}
	kafkaSharedPart = kafkaPart{"streamc", []map[string]func(string) error{kafkaClientSettings, kafkaSourceSettings, kafkaSinkSettings}, []map[string]string{kafkaSourceRefused, kafkaSinkRefused}}
)

// checkKafkaOption checks one Kafka client setting (name without "kafka.")
// and its value.
func checkKafkaOption(name, value string, part kafkaPart) error {
	if name == "" {
		return errors.New("empty Kafka setting name")
	}
	for _, r := range part.refused {
		if why, ok := r[name]; ok {
			return fmt.Errorf("Kafka setting %q is not allowed: %s", name, why)
		}
	}
	var known []string
	for _, m := range part.reads {
		if check, ok := m[name]; ok {
			if check == nil {
				return nil
			}
			if err := check(value); err != nil {
				return &valueError{fmt.Errorf("Kafka setting %s %q: %v", name, value, err)}
			}
			return nil
		}
		known = append(known, sortedKeys(m)...)
	}
	if why, ok := kafkaNotYet[name]; ok {
		return fmt.Errorf("Kafka setting %q is not supported yet: %s", name, why)
	}
	return fmt.Errorf("Kafka setting %q is not supported yet by %s%s", name, part.name, diag.DidYouMean(name, known))
}

// valueError is a Kafka setting's bad value, reported at the value.
type valueError struct{ error }

func (e *valueError) Unwrap() error { return e.error }

// oneOfFold accepts one of values in any case, as the Java client does.
func oneOfFold(values ...string) func(string) error {
	return func(v string) error {
		for _, x := range values {
			if strings.EqualFold(strings.TrimSpace(v), x) {
				return nil
			}
		}
		return fmt.Errorf("want one of %s", strings.Join(values, ", "))
	}
}

// endpointAlgorithm is ssl.endpoint.identification.algorithm as the client
// acts on it: https (Java's default) checks the broker's host name, ""
// turns the check off; any other value would be accepted and ignored.
func endpointAlgorithm(v string) error {
	if v = strings.TrimSpace(v); v != "" && !strings.EqualFold(v, "https") {
		return errors.New(`want https (check the broker's host name, the default) or "" (do not)`)
	}
	return nil
}

// triggerDelay is maxTriggerDelay, read as the runtime reads it.
func triggerDelay(v string) error {
	if _, err := kafka.ParseTimeString(v); err != nil {
		return err
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

// startingOffsets is earliest, latest (in any case, as Spark and the
// runtime read them), or per-partition JSON where -2 means earliest and -1
// latest: {"invoices":{"0":-2,"1":-1}}.
func startingOffsets(v string) error {
	if so, err := kafka.ParseStartingOffsets(v); err == nil && so.Specific == nil {
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
