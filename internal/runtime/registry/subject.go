package registry

import (
	"fmt"
	"strings"
)

// SubjectNameStrategy says under which subject a serializer registers and
// looks up a record's schema, as Confluent's serializers'
// key/value.subject.name.strategy does.
type SubjectNameStrategy int

const (
	// TopicNameStrategy: <topic>-key or <topic>-value (Confluent's default).
	TopicNameStrategy SubjectNameStrategy = iota
	// RecordNameStrategy: the record's full name, whatever the topic.
	RecordNameStrategy
	// TopicRecordNameStrategy: <topic>-<record full name>.
	TopicRecordNameStrategy
)

var strategyNames = [...]string{"TopicNameStrategy", "RecordNameStrategy", "TopicRecordNameStrategy"}

// strategyPackage is where Confluent's Java classes for the strategies
// live; configurations name them by class.
const strategyPackage = "io.confluent.kafka.serializers.subject."

func (s SubjectNameStrategy) String() string {
	if s >= 0 && int(s) < len(strategyNames) {
		return strategyNames[s]
	}
	return fmt.Sprintf("SubjectNameStrategy(%d)", int(s))
}

// ParseSubjectNameStrategy reads a strategy by its short name
// ("TopicNameStrategy") or Confluent's class name
// ("io.confluent.kafka.serializers.subject.TopicNameStrategy"); empty is
// TopicNameStrategy, the default.
func ParseSubjectNameStrategy(name string) (SubjectNameStrategy, error) {
	short := strings.TrimPrefix(strings.TrimSpace(name), strategyPackage)
	if short == "" {
		return TopicNameStrategy, nil
	}
	for i, n := range strategyNames {
		if short == n {
			return SubjectNameStrategy(i), nil
		}
	}
	return 0, fmt.Errorf("registry: unknown subject name strategy %q: want TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy", name)
}

// SubjectName is the subject strategy gives a record's schema written to
// topic as its key (isKey) or value; recordFullName is the Avro record's
// namespace-qualified name, needed by the record strategies.
func SubjectName(strategy SubjectNameStrategy, topic string, isKey bool, recordFullName string) (string, error) {
	switch strategy {
	case TopicNameStrategy:
		if topic == "" {
			return "", fmt.Errorf("registry: %v needs a topic", strategy)
		}
		if isKey {
			return topic + "-key", nil
		}
		return topic + "-value", nil
	case RecordNameStrategy, TopicRecordNameStrategy:
		if recordFullName == "" {
			return "", fmt.Errorf("registry: %v needs a record name; the schema is not a named record", strategy)
		}
		if strategy == RecordNameStrategy {
			return recordFullName, nil
		}
		if topic == "" {
			return "", fmt.Errorf("registry: %v needs a topic", strategy)
		}
		return topic + "-" + recordFullName, nil
	}
	return "", fmt.Errorf("registry: unknown subject name strategy %v", strategy)
}
