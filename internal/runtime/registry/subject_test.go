package registry_test

import (
	"testing"

	"github.com/streamc/streamc/internal/runtime/registry"
)

func TestSubjectName(t *testing.T) {
	for _, tc := range []struct {
		strategy registry.SubjectNameStrategy
		topic    string
		isKey    bool
		record   string
		want     string // "" when an error is wanted
	}{
		{registry.TopicNameStrategy, "gps", false, "", "gps-value"},
		{registry.TopicNameStrategy, "gps", true, "", "gps-key"},
		{registry.TopicNameStrategy, "gps", false, "com.example.GpsReading", "gps-value"},
		{registry.TopicNameStrategy, "", false, "com.example.GpsReading", ""},
		{registry.RecordNameStrategy, "gps", false, "com.example.GpsReading", "com.example.GpsReading"},
		{registry.RecordNameStrategy, "gps", true, "com.example.Key", "com.example.Key"},
		{registry.RecordNameStrategy, "", false, "GpsReading", "GpsReading"},
		{registry.RecordNameStrategy, "gps", false, "", ""},
		{registry.TopicRecordNameStrategy, "gps", false, "com.example.GpsReading", "gps-com.example.GpsReading"},
		{registry.TopicRecordNameStrategy, "gps", true, "com.example.Key", "gps-com.example.Key"},
		{registry.TopicRecordNameStrategy, "gps", false, "", ""},
		{registry.TopicRecordNameStrategy, "", false, "com.example.GpsReading", ""},
		{registry.SubjectNameStrategy(7), "gps", false, "R", ""},
	} {
		got, err := registry.SubjectName(tc.strategy, tc.topic, tc.isKey, tc.record)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("SubjectName(%v, %q, %v, %q) = %q, want an error", tc.strategy, tc.topic, tc.isKey, tc.record, got)
		case tc.want != "" && (err != nil || got != tc.want):
			t.Errorf("SubjectName(%v, %q, %v, %q) = %q, %v, want %q", tc.strategy, tc.topic, tc.isKey, tc.record, got, err, tc.want)
		}
	}
}

func TestParseSubjectNameStrategy(t *testing.T) {
	for in, want := range map[string]registry.SubjectNameStrategy{
		"":                        registry.TopicNameStrategy,
		"TopicNameStrategy":       registry.TopicNameStrategy,
		"RecordNameStrategy":      registry.RecordNameStrategy,
		"TopicRecordNameStrategy": registry.TopicRecordNameStrategy,
		"io.confluent.kafka.serializers.subject.TopicNameStrategy":       registry.TopicNameStrategy,
		"io.confluent.kafka.serializers.subject.RecordNameStrategy":      registry.RecordNameStrategy,
		"io.confluent.kafka.serializers.subject.TopicRecordNameStrategy": registry.TopicRecordNameStrategy,
	} {
		got, err := registry.ParseSubjectNameStrategy(in)
		if err != nil || got != want {
			t.Errorf("ParseSubjectNameStrategy(%q) = %v, %v, want %v", in, got, err, want)
		}
		if in != "" && got.String() != in[len(in)-len(got.String()):] {
			t.Errorf("%v.String() = %q", got, got.String())
		}
	}
	for _, in := range []string{"topicNameStrategy", "TopicName", "io.confluent.kafka.serializers.subject.Nope", "com.other.TopicNameStrategy"} {
		if _, err := registry.ParseSubjectNameStrategy(in); err == nil {
			t.Errorf("ParseSubjectNameStrategy(%q) succeeded", in)
		}
	}
}
