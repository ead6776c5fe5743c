package check

import (
	"fmt"
	"strings"

	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/compiler/spec"
	"github.com/streamc/streamc/internal/runtime/csvx"
	"github.com/streamc/streamc/internal/runtime/registry"
	"github.com/streamc/streamc/internal/runtime/sink/consolesink"
	"github.com/streamc/streamc/internal/runtime/sink/kafkasink"
)

// sink checks the writeStream against the query's output relation.
func (c *checker) sink(q *Query, ws *spec.WriteStream) *Sink {
	s := &Sink{Format: ws.Format.Value, Key: -1, Value: -1, Topic: -1, Partition: -1, Headers: -1}
	opts := ws.Options
	for _, e := range opts {
		switch e.Key {
		case "checkpointLocation":
			q.Checkpoint = e.Value.Value
			continue
		case "path":
			s.Path = e.Value.Value
		}
		s.Options = append(s.Options, Option{Key: e.Key, Value: e.Value.Value})
	}
	if s.Format == "csv" {
		o := csvx.DefaultWriteOptions()
		s.CSV = c.csvOptions(&o, opts)
	}
	if s.Format == "json" || s.Format == "csv" {
		s.File = fileOptions(s.Format, opts)
	}
	if s.Format == "console" {
		s.Console = c.consoleOptions(ws)
	}
	if s.Format == "kafka" {
		for _, e := range c.spec.Kafka {
			key := "kafka." + e.Key
			if _, ok := opts.Get(key); !ok && spec.KafkaSinkSetting(e.Key) {
				s.Options = append(s.Options, Option{Key: key, Value: e.Value.Value})
			}
		}
		s.Options = withRetryTimeout(s.Options, c.spec.RetryTimeout, "kafka.delivery.timeout.ms")
		s.KafkaConfig = c.kafkaSinkConfig(ws, s.Options)
	}
	if t := ws.Trigger; t != nil {
		q.Trigger = trigger(t)
	}
	for i, enc := range []*spec.Encode{ws.Key, ws.Value} {
		if enc == nil {
			continue
		}
		f := enc.Format.Value
		switch {
		case f != "avro" && f != "confluent-avro":
			c.errorf(enc.Format.Pos, "writeStream key/value format %s: the query compiler does not support this encoding format yet; build the column with to_json(...) in selectExpr", f)
		case s.Format != "kafka":
			c.errorf(enc.Format.Pos, "writeStream key/value formats are for the kafka sink, not %s", s.Format)
		default:
			e := &Encode{Format: f, Schema: enc.Schema.Value, Register: true, Pos: enc.Format.Pos}
			if enc.Subject.Set {
				e.Subject = enc.Subject.Value
			}
			e.Strategy = enc.SubjectNameStrategy.Value
			if i == 0 {
				s.KeyEncode = e
			} else {
				s.ValueEncode = e
			}
		}
	}
	switch s.Format {
	case "kafka":
		c.kafkaSink(s, ws, q.Output)
		c.sinkEncodes(s, ws, q.Output)
	case "json", "console", "csv":
		s.Row = &schema.Type{Kind: schema.Struct, Fields: []*schema.Field{}}
		for _, col := range q.Output {
			s.Row.Fields = append(s.Row.Fields, &schema.Field{Name: col.Name, Type: col.Type, Nullable: col.Nullable})
			if s.Format == "csv" && col.Type != nil && !isAtomic(col.Type) {
				c.errorf(ws.Format.Pos, "the csv sink cannot write column %s of type %s: CSV holds atomic values only (use to_json to make it a string)", col.Name, typeName(col.Type))
			}
		}
	}
	return s
}

// kafkaSinkConfig resolves the kafka sink's options with the runtime's own
// definitions (kafkasink.Settings), which the spec's validation checked
// them with, so that the program parses none of the spec's text again.
func (c *checker) kafkaSinkConfig(ws *spec.WriteStream, opts []Option) *kafkasink.Config {
	m := make(map[string]string, len(opts))
	for _, o := range opts {
		m[o.Key] = o.Value
	}
	cfg, err := kafkasink.ParseConfig(m)
	if err != nil && c.errs.Len() == 0 {
		c.errorf(ws.Pos, "writeStream options: %s", strings.TrimPrefix(err.Error(), "kafka sink: "))
	}
	return &cfg
}

// consoleOptions resolves the console sink's options with the runtime's
// own definitions (consolesink.OptionDefs), which the spec's validation
// checked them with.
func (c *checker) consoleOptions(ws *spec.WriteStream) *consolesink.Options {
	m := map[string]string{}
	for _, e := range ws.Options {
		m[e.Key] = e.Value.Value
	}
	o, err := consolesink.ParseOptions(m)
	if err != nil && c.errs.Len() == 0 {
		c.errorf(ws.Pos, "writeStream options: %s", strings.TrimPrefix(err.Error(), "console sink: "))
	}
	return &o
}

// fileOptions are the file sink's options but its CSV codec's: the
// format and whether a CSV sink writes the header line.
func fileOptions(format string, opts spec.Map[spec.Str]) *FileOptions {
	f := &FileOptions{Format: format}
	if v, ok := opts.Get("header"); ok && format == "csv" {
		f.Header = strings.EqualFold(strings.TrimSpace(v.Value), "true")
	}
	return f
}

// trigger converts the spec's trigger; spec validated its intervals.
func trigger(t *spec.Trigger) Trigger {
	switch {
	case t.ProcessingTime.Set:
		d, _ := spec.ParseInterval(t.ProcessingTime.Value)
		return Trigger{Kind: "processingTime", Interval: d}
	case t.AvailableNow.Set && t.AvailableNow.Value:
		return Trigger{Kind: "availableNow"}
	case t.Continuous.Set:
		d, _ := spec.ParseInterval(t.Continuous.Value)
		return Trigger{Kind: "continuous", Interval: d}
	}
	return Trigger{}
}

// kafkaSink finds the columns Spark's Kafka sink reads (case-insensitively,
// as Spark resolves them) and checks their types; other columns are
// ignored, as Spark does.
func (c *checker) kafkaSink(s *Sink, ws *spec.WriteStream, out []*Column) {
	find := func(name string) int {
		for i, col := range out {
			if strings.EqualFold(col.Name, name) {
				return i
			}
		}
		return -1
	}
	s.Key, s.Value, s.Topic, s.Partition, s.Headers = find("key"), find("value"), find("topic"), find("partition"), find("headers")
	names := make([]string, len(out))
	for i, col := range out {
		names[i] = col.Name + " " + typeName(col.Type)
	}
	desc := strings.Join(names, ", ")
	if desc == "" {
		desc = "none"
	}
	strOrBinary := func(i int) bool {
		t := out[i].Type
		return t != nil && (t.Kind == schema.String || t.Kind == schema.Binary)
	}
	pos := ws.Format.Pos
	if s.ValueEncode != nil && s.Value >= 0 {
		// sinkEncodes checks the struct the value format writes.
	} else if s.Value < 0 || !strOrBinary(s.Value) {
		c.errorf(pos, "kafka sink needs a value column (string or binary); the query's columns are %s", desc)
		s.Value = -1
	}
	if s.Key >= 0 && s.KeyEncode == nil && !strOrBinary(s.Key) {
		c.errorf(pos, "kafka sink: the key column must be string or binary, not %s", typeName(out[s.Key].Type))
	}
	_, topicOption := ws.Options.Get("topic")
	switch {
	case s.Topic >= 0 && (out[s.Topic].Type == nil || out[s.Topic].Type.Kind != schema.String):
		c.errorf(pos, "kafka sink: the topic column must be a string, not %s", typeName(out[s.Topic].Type))
	case s.Topic < 0 && !topicOption:
		c.errorf(pos, "kafka sink needs the option topic or a topic column; the query's columns are %s", desc)
	}
	if s.Partition >= 0 && (out[s.Partition].Type == nil || out[s.Partition].Type.Kind != schema.Int) {
		c.errorf(pos, "kafka sink: the partition column must be an int, not %s", typeName(out[s.Partition].Type))
	}
	if s.Headers >= 0 && !sameType(out[s.Headers].Type, headersType(), true) {
		c.errorf(pos, "kafka sink: the headers column must be array<struct<key:string,value:binary>>, not %s", typeName(out[s.Headers].Type))
	}
}

// sinkEncodes checks the key and value columns an Avro format writes: each
// must be a struct of the same shape as the format's schema (field names,
// types and nullability, in order), which is then the shape written.
func (c *checker) sinkEncodes(s *Sink, ws *spec.WriteStream, out []*Column) {
	topic, hasTopic := ws.Options.Get("topic")
	for _, x := range []struct {
		e   *Encode
		col int
		key bool
	}{{s.KeyEncode, s.Key, true}, {s.ValueEncode, s.Value, false}} {
		e := x.e
		if e == nil {
			continue
		}
		which := "value"
		if x.key {
			which = "key"
		}
		if x.col < 0 {
			c.errorf(e.Pos, "kafka sink: the %s format %s needs a %s column", which, e.Format, which)
			continue
		}
		sc, ok := c.schemas[e.Schema]
		if !ok || sc == nil || sc.Type == nil {
			continue
		}
		col := out[x.col]
		if col.Type == nil || col.Type.Kind != schema.Struct {
			c.errorf(e.Pos, "kafka sink: the %s format %s writes a struct column, but %s is %s", which, e.Format, col.Name, typeName(col.Type))
			continue
		}
		if why := sameShape(col.Type, sc.Type, col.Name); why != "" {
			c.errorf(e.Pos, "kafka sink: column %s cannot be written with schema %q: %s", col.Name, e.Schema, why)
			continue
		}
		borrowAvro(col.Type, sc.Type, map[*schema.Type]bool{})
		e.Type = col.Type
		if e.Format == "confluent-avro" && e.Subject == "" {
			if !hasTopic && (e.Strategy == "" || strings.HasSuffix(e.Strategy, "TopicNameStrategy") || strings.HasSuffix(e.Strategy, "TopicRecordNameStrategy")) {
				c.errorf(e.Pos, "kafka sink: the %s format confluent-avro derives its subject from the topic option; set the option topic or a subject", which)
				continue
			}
			e.Topic = topic.Value
			e.IsKey = x.key
			subject, err := subjectName(e)
			if err != nil {
				c.errorf(e.Pos, "kafka sink: the %s format confluent-avro: %v", which, err)
				continue
			}
			e.Subject = subject
		}
	}
}

// subjectName is the registry subject e's strategy derives from its topic
// and record name, as Confluent's serializers name it.
func subjectName(e *Encode) (string, error) {
	strategy := registry.TopicNameStrategy
	if e.Strategy != "" {
		var err error
		if strategy, err = registry.ParseSubjectNameStrategy(e.Strategy); err != nil {
			return "", err
		}
	}
	full := ""
	if e.Type.Avro != nil {
		full = e.Type.Avro.FullName
	}
	return registry.SubjectName(strategy, e.Topic, e.IsKey, full)
}

// sameShape says why a value of struct type have cannot be written as the
// record want ("" when it can): fields must match in name and order, kinds
// and parameters must be equal, and a nullable field needs a nullable one.
func sameShape(have, want *schema.Type, path string) string {
	if have == want {
		return ""
	}
	if have.Kind != want.Kind {
		return fmt.Sprintf("%s is %s, the schema has %s", path, typeName(have), typeName(want))
	}
	switch have.Kind {
	case schema.Decimal:
		if have.Precision != want.Precision || have.Scale != want.Scale {
			return fmt.Sprintf("%s is %s, the schema has %s", path, typeName(have), typeName(want))
		}
	case schema.Array:
		if have.ContainsNull && !want.ContainsNull {
			return fmt.Sprintf("%s may hold NULL elements, the schema's may not", path)
		}
		return sameShape(have.Elem, want.Elem, path+"[]")
	case schema.Map:
		if have.ValueContainsNull && !want.ValueContainsNull {
			return fmt.Sprintf("%s may hold NULL values, the schema's may not", path)
		}
		return sameShape(have.Value, want.Value, path+"[value]")
	case schema.Struct:
		if len(have.Fields) != len(want.Fields) {
			return fmt.Sprintf("%s has %d fields, the schema's record has %d (select them in the schema's order)", path, len(have.Fields), len(want.Fields))
		}
		for i, hf := range have.Fields {
			wf := want.Fields[i]
			p := path + "." + hf.Name
			if hf.Name != wf.Name {
				return fmt.Sprintf("field %d of %s is %s, the schema's is %s (select them in the schema's order)", i+1, path, hf.Name, wf.Name)
			}
			if hf.Nullable != wf.Nullable {
				if wf.Nullable {
					return fmt.Sprintf("%s is NOT NULL, the schema's field is nullable: cast or wrap it so both agree", p)
				}
				return fmt.Sprintf("%s may be NULL, the schema's field may not (coalesce(...) gives a value that is never NULL)", p)
			}
			if why := sameShape(hf.Type, wf.Type, p); why != "" {
				return why
			}
		}
	}
	return ""
}

// borrowAvro gives have (checked by sameShape) want's Avro shapes, so the
// encoder writes the schema's unions, enums, fixed sizes and logical types.
func borrowAvro(have, want *schema.Type, seen map[*schema.Type]bool) {
	if have == want || seen[have] {
		return
	}
	seen[have] = true
	if have.Avro == nil {
		have.Avro = want.Avro
	}
	switch have.Kind {
	case schema.Array:
		borrowAvro(have.Elem, want.Elem, seen)
	case schema.Map:
		borrowAvro(have.Value, want.Value, seen)
	case schema.Struct:
		for i, f := range have.Fields {
			borrowAvro(f.Type, want.Fields[i].Type, seen)
		}
	}
}
