package spec

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // time zone names are checked the same on every machine

	"github.com/streamc/streamc/internal/diag"
)

// The values the spec's enumerations take; jsonschema.go reuses them.
var (
	semanticsValues       = []string{"spark3", "spark4"}
	sourceFormats         = []string{"kafka"}
	decodeFormats         = []string{"string", "binary", "csv", "json", "avro", "confluent-avro"}
	sinkFormats           = []string{"kafka", "json", "csv", "console"}
	encodeFormats         = []string{"json", "csv", "avro", "confluent-avro"}
	parseModes            = []string{"PERMISSIVE", "FAILFAST", "DROPMALFORMED"}
	subjectNameStrategies = []string{"TopicNameStrategy", "RecordNameStrategy", "TopicRecordNameStrategy"}
	schemaFileSuffixes    = []string{".avsc", ".json", ".ddl"}
)

// nameRE is the rule for app and query names, which become directory and
// program names; a leading '-' or '_' would read as a flag or a hidden file.
var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// Validate checks what the decoder cannot: allowed values, options in
// Spark's names, schema references, names, triggers and checkpoint locations
// unique across all apps. Parse calls it. It expects a decoded spec: it does
// not report missing required keys (the decoder does) and checks a value
// only when its Set is true. Errors about a part the decoder could not fill
// have no position; Parse drops them, the decoder having reported the cause.
func Validate(s *Spec) error {
	return validate(s, nil)
}

// validate is Validate told which keys failed to decode (see decoder.failed).
func validate(s *Spec, failed map[fieldKey]bool) error {
	v := &validator{s: s, failed: failed}
	v.spec()
	return v.errs.Err()
}

type validator struct {
	s      *Spec
	failed map[fieldKey]bool
	errs   diag.List
	// checkpoints and paths collect sink locations to find shared ones.
	checkpoints, paths []location
}

// location is a directory a query owns.
type location struct {
	query string
	dir   Str
}

func (v *validator) errorf(pos Pos, format string, args ...any) {
	v.errs.Add(pos, format, args...)
}

// broken reports whether one of keys of the mapping at pos was present but
// failed to decode: rules that want a key must not call it missing.
func (v *validator) broken(pos Pos, keys ...string) bool {
	for _, k := range keys {
		if v.failed[fieldKey{pos, k}] {
			return true
		}
	}
	return false
}

// check reports s, when set, failing f.
func (v *validator) check(what string, s Str, f func(string) error) {
	if !s.Set || f == nil {
		return
	}
	if err := f(s.Value); err != nil {
		v.errorf(s.Pos, "%s %q: %v", what, s.Value, err)
	}
}

// oneOf reports s, when set, not being one of allowed; fold compares
// case-insensitively where Spark does. It reports whether s is allowed.
func (v *validator) oneOf(what string, s Str, allowed []string, fold bool) bool {
	if !s.Set {
		return false
	}
	for _, a := range allowed {
		if s.Value == a || fold && strings.EqualFold(s.Value, a) {
			return true
		}
	}
	if len(allowed) == 1 {
		v.errorf(s.Pos, "%s must be %q, not %q", what, allowed[0], s.Value)
		return false
	}
	v.errorf(s.Pos, "%s must be one of %s, not %q%s", what, strings.Join(allowed, ", "), s.Value, diag.DidYouMean(s.Value, allowed))
	return false
}

func (v *validator) spec() {
	s := v.s
	if s.Version.Set && s.Version.Value != "1" {
		v.errorf(s.Version.Pos, `version must be "1", not %q`, s.Version.Value)
	}
	v.oneOf("semantics", s.Semantics, semanticsValues, false)
	v.check("sessionTimeZone", s.SessionTimeZone, timeZone)
	v.check("retryTimeout", s.RetryTimeout, func(x string) error { _, err := ParseInterval(x); return err })
	if s.Go.Out.Set && !filepath.IsLocal(s.Go.Out.Value) {
		v.errorf(s.Go.Out.Pos, "go.out %q must be a relative path inside the project", s.Go.Out.Value)
	}
	if s.Go.Package.Set && (s.Go.Package.Value == "" || strings.ContainsAny(s.Go.Package.Value, " \t\\")) {
		v.errorf(s.Go.Package.Pos, "go.package %q is not an import path", s.Go.Package.Value)
	}
	for _, e := range s.Kafka {
		if strings.HasPrefix(e.Key, "kafka.") {
			v.errorf(e.KeyPos, "kafka: write %q without the \"kafka.\" prefix here", e.Key)
			continue
		}
		v.kafkaSetting(e, e.Key, kafkaSharedPart)
	}
	if r := s.SchemaRegistry; r != nil && r.URL.Set {
		if u, err := url.Parse(r.URL.Value); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.errorf(r.URL.Pos, "schemaRegistry.url %q: want an http or https URL", r.URL.Value)
		}
	}
	for _, t := range s.Topics {
		if err := topicName(t.Key); err != nil {
			v.errorf(t.KeyPos, "topic %q: %v", t.Key, err)
		}
		if p := t.Value.Partitions; p.Set && p.Value < 1 {
			v.errorf(p.Pos, "partitions must be at least 1, not %d", p.Value)
		}
	}
	for _, e := range s.Schemas {
		v.schemaRef(e)
	}
	v.apps()
	v.sinkOnlyKafkaSettings()
}

// sinkOnlyKafkaSettings reports top-level Kafka settings only the kafka sink
// reads when no query writes to Kafka: they would do nothing.
func (v *validator) sinkOnlyKafkaSettings() {
	for _, a := range v.s.Apps {
		for _, q := range a.Value.Queries {
			if q.Value.WriteStream.Format.Value == "kafka" {
				return
			}
		}
	}
	for _, e := range v.s.Kafka {
		if KafkaSinkSetting(e.Key) && !KafkaSourceSetting(e.Key) {
			v.errorf(e.KeyPos, "Kafka setting %q is for the kafka sink, and no query writes to Kafka", e.Key)
		}
	}
}

// kafkaSetting checks one Kafka client setting of part; name is without
// "kafka.". A bad value is reported at the value, anything else at the key.
func (v *validator) kafkaSetting(e Entry[Str], name string, part kafkaPart) {
	err := checkKafkaOption(name, e.Value.Value, part)
	var bad *valueError
	switch {
	case err == nil:
	case errors.As(err, &bad):
		if e.Value.Set {
			v.errorf(e.Value.Pos, "%v", err)
		}
	default:
		v.errorf(e.KeyPos, "%v", err)
	}
}

func (v *validator) schemaRef(e Entry[SchemaRef]) {
	r := e.Value
	switch {
	case !r.File.Set && !r.DDL.Set:
		v.errorf(r.Pos, "schema %q needs file or ddl", e.Key)
	case r.File.Set && r.DDL.Set:
		v.errorf(r.DDL.Pos, "schema %q: give file or ddl, not both", e.Key)
	}
	if r.File.Set && !slices.ContainsFunc(schemaFileSuffixes, func(s string) bool { return strings.HasSuffix(r.File.Value, s) }) {
		v.errorf(r.File.Pos, "schema file %q: want an .avsc, .spark.json or .ddl file", r.File.Value)
	}
	v.check("ddl", r.DDL, nonEmpty)
	if r.Record.Set && !strings.HasSuffix(r.File.Value, ".avsc") {
		v.errorf(r.Record.Pos, "schema %q: record picks a record of an .avsc file", e.Key)
	}
	if r.Subject.Set && !r.File.Set {
		v.errorf(r.Subject.Pos, "schema %q: subject needs file, where the fetched schema is written", e.Key)
	}
	v.check("subject", r.Subject, nonEmpty)
}

// schemaName reports a reference to an undeclared schema.
func (v *validator) schemaName(s Str) {
	if !s.Set {
		return
	}
	if _, ok := v.s.Schemas.Get(s.Value); !ok {
		hint := diag.DidYouMean(s.Value, v.s.Schemas.Keys())
		if len(v.s.Schemas) == 0 {
			hint = " (schemas: declares none)"
		}
		v.errorf(s.Pos, "unknown schema %q%s", s.Value, hint)
	}
}

// program is a built executable's name and who owns it.
type program struct {
	owner string
	pos   Pos
}

func (v *validator) apps() {
	s := v.s
	if s.Apps != nil && len(s.Apps) == 0 {
		v.errorf(s.Pos, "apps declares no app")
	}
	// generated/cmd/<app> and generated/cmd/<app>-<query> share one directory.
	programs := map[string]program{}
	claim := func(name, owner string, pos Pos) {
		if p, ok := programs[name]; ok {
			v.errorf(pos, "program name %q of %s is also the name of %s at %s", name, owner, p.owner, p.pos)
			return
		}
		programs[name] = program{owner, pos}
	}
	for _, a := range s.Apps {
		v.name("app", a.Key, a.KeyPos)
		claim(a.Key, "app "+a.Key, a.KeyPos)
		if a.Value.Queries != nil && len(a.Value.Queries) == 0 {
			v.errorf(a.Value.Pos, "app %q declares no query", a.Key)
		}
		for _, q := range a.Value.Queries {
			label := a.Key + "." + q.Key
			v.name("query", q.Key, q.KeyPos)
			claim(a.Key+"-"+q.Key, "query "+label, q.KeyPos)
			v.query(label, &q.Value)
		}
	}
	v.unique("checkpointLocation", v.checkpoints)
	v.unique("path", v.paths)
}

func (v *validator) name(kind, name string, pos Pos) {
	if !nameRE.MatchString(name) {
		v.errorf(pos, "%s name %q: use lower-case letters, digits, '-' and '_', starting with a letter or digit (it names a directory and a program)", kind, name)
	}
}

// unique reports locations that clean to the same path, at each of them.
func (v *validator) unique(what string, locs []location) {
	byDir := map[string][]location{}
	var order []string
	for _, l := range locs {
		k := path.Clean(filepath.ToSlash(l.dir.Value))
		if byDir[k] == nil {
			order = append(order, k)
		}
		byDir[k] = append(byDir[k], l)
	}
	for _, k := range order {
		group := byDir[k]
		if len(group) < 2 {
			continue
		}
		for i, l := range group {
			other := group[0]
			if i == 0 {
				other = group[1]
			}
			v.errorf(l.dir.Pos, "%s %q is also used by query %s at %s", what, l.dir.Value, other.query, other.dir.Pos)
		}
	}
}

// timeZone accepts what Spark's session time zone does: region IDs
// (Europe/Paris), UTC, Z, and offsets (+01:00).
func timeZone(v string) error {
	if v == "Z" || offsetRE.MatchString(v) {
		return nil
	}
	if v != "" && v != "Local" {
		if _, err := time.LoadLocation(v); err == nil {
			return nil
		}
	}
	return fmt.Errorf("want a region such as Europe/Paris, UTC or an offset such as +01:00")
}

var offsetRE = regexp.MustCompile(`^[+-]\d{2}:\d{2}$`)
