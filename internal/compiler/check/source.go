package check

import (
	"strings"

	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/compiler/spec"
	"github.com/streamc/streamc/internal/runtime/csvx"
	"github.com/streamc/streamc/internal/runtime/kafka"
)

// source builds Spark's Kafka source relation, with the key and value
// columns replaced by their decoded forms.
func (c *checker) source(rs *spec.ReadStream) *Source {
	src := &Source{DeadLetterTopic: rs.DeadLetterTopic.Value}
	src.Options = withRetryTimeout(mergeKafka(rs.Options, c.spec.Kafka), c.spec.RetryTimeout, "kafkaConsumer.pollTimeoutMs")
	src.Key = c.decode("key", rs.Key)
	src.Value = c.decode("value", rs.Value)
	binary := func(name string, d *Decode) *Column {
		col := &Column{Name: name, Type: prim(schema.Binary), Nullable: true}
		if d != nil && d.Type != nil {
			col.Type = d.Type
		}
		return col
	}
	src.Columns = []*Column{
		binary("key", src.Key),
		binary("value", src.Value),
		{Name: "topic", Type: prim(schema.String)},
		{Name: "partition", Type: prim(schema.Int)},
		{Name: "offset", Type: prim(schema.Long)},
		{Name: "timestamp", Type: prim(schema.Timestamp)},
		{Name: "timestampType", Type: prim(schema.Int)},
	}
	v, ok := rs.Options.Get("includeHeaders")
	if ok && strings.EqualFold(strings.TrimSpace(v.Value), "true") {
		src.Columns = append(src.Columns, &Column{Name: "headers", Type: headersType(), Nullable: true})
	} else if confluent := (src.Key != nil && src.Key.Format == "confluent-avro") || (src.Value != nil && src.Value.Format == "confluent-avro"); confluent && !ok {
		// Newer Confluent clients may carry the schema id in a header
		// instead of the prefix: the decoder needs the headers, though
		// the query has no headers column.
		src.Options = append(src.Options, Option{Key: "includeHeaders", Value: "true"})
	}
	src.Config = c.sourceConfig(rs, src.Options)
	return src
}

// sourceConfig resolves the source's options with the runtime's own
// definitions (kafka.SourceOptions), so that the generated code carries
// typed values and the program parses none of the spec's text again. The
// spec's validation has reported bad values already; what is left is the
// rules between options.
func (c *checker) sourceConfig(rs *spec.ReadStream, opts []Option) kafka.SourceConfig {
	m := make(map[string]string, len(opts))
	for _, o := range opts {
		m[o.Key] = o.Value
	}
	cfg, _, err := kafka.ParseSourceOptions(m)
	if err != nil && c.errs.Len() == 0 {
		c.errorf(rs.Pos, "readStream options: %s", strings.TrimPrefix(err.Error(), "kafka source: "))
	}
	return cfg
}

// headersType is array<struct<key:string,value:binary>>, the Kafka
// source's headers column.
func headersType() *schema.Type {
	return arrayOf(&schema.Type{Kind: schema.Struct, Fields: []*schema.Field{
		{Name: "key", Type: prim(schema.String)},
		{Name: "value", Type: prim(schema.Binary), Nullable: true},
	}}, false)
}

// decode checks a key/value format in. The column type of json and csv is
// the schema's own struct type.
func (c *checker) decode(which string, d *spec.Decode) *Decode {
	if d == nil {
		return nil
	}
	out := &Decode{Format: d.Format.Value, Schema: d.Schema.Value, Mode: d.Mode.Value}
	for _, e := range d.Options {
		out.Options = append(out.Options, Option{Key: e.Key, Value: e.Value.Value})
	}
	if out.Format == "csv" {
		o := csvx.DefaultReadOptions()
		out.CSV = c.csvOptions(&o, d.Options)
	}
	switch out.Format {
	case "string":
		out.Type = prim(schema.String)
	case "binary":
		out.Type = prim(schema.Binary)
	case "json", "csv":
		if out.Mode == "" {
			out.Mode = "PERMISSIVE"
		}
		out.Mode = strings.ToUpper(out.Mode)
		sc, ok := c.schemas[out.Schema]
		if !ok || sc == nil || sc.Type == nil {
			// An unknown name was reported by spec, a bad file by the
			// schema loader.
			return out
		}
		if path := schema.RecursivePath(sc.Type); path != "" {
			c.errorf(d.Schema.Pos, "schema %q is recursive (%s refers back to an enclosing record); Spark cannot read recursive schemas as columns either", out.Schema, path)
			return out
		}
		out.Type = sc.Type
		if out.Format == "csv" {
			c.flatCSV(d.Schema, sc.Type)
		}
	case "avro", "confluent-avro":
		// from_avro fails fast unless told otherwise, and has no
		// DROPMALFORMED.
		out.Mode = strings.ToUpper(out.Mode)
		switch out.Mode {
		case "":
			out.Mode = "FAILFAST"
		case "FAILFAST", "PERMISSIVE":
		default:
			c.errorf(d.Mode.Pos, "%s format %s: mode %s is not one of from_avro's modes FAILFAST and PERMISSIVE", which, out.Format, d.Mode.Value)
		}
		sc, ok := c.schemas[out.Schema]
		if !ok || sc == nil || sc.Type == nil {
			return out
		}
		if sc.Type.Kind != schema.Struct {
			c.errorf(d.Schema.Pos, "schema %q: %s needs a record schema, not %s", out.Schema, out.Format, typeName(sc.Type))
			return out
		}
		if path := schema.RecursivePath(sc.Type); path != "" {
			c.errorf(d.Schema.Pos, "schema %q is recursive (%s refers back to an enclosing record); Spark cannot read recursive Avro schemas as columns either", out.Schema, path)
			return out
		}
		out.Type = sc.Type
	}
	return out
}

// csvOptions applies the CSV options among opts to o with csvx's own
// SetOption, the definition the spec's validation checked them with;
// other keys (path, header, checkpointLocation...) are not CSV codec
// options. Loc is left for the generated code, which loads the zone.
func (c *checker) csvOptions(o *csvx.Options, opts spec.Map[spec.Str]) *csvx.Options {
	for _, e := range opts {
		if !csvx.IsOption(e.Key) {
			continue
		}
		if err := o.SetOption(e.Key, e.Value.Value); err != nil && c.errs.Len() == 0 {
			c.errorf(e.Value.Pos, "option %s: %s", e.Key, strings.TrimPrefix(err.Error(), "csvx: "))
		}
	}
	return o
}

// flatCSV reports a csv schema with a field that is not atomic, which
// Spark's CSV data source refuses.
func (c *checker) flatCSV(name spec.Str, t *schema.Type) {
	if t.Kind != schema.Struct {
		c.errorf(name.Pos, "schema %q: csv needs a struct schema, not %s", name.Value, typeName(t))
		return
	}
	for _, f := range t.Fields {
		if !isAtomic(f.Type) {
			c.errorf(name.Pos, "schema %q: csv cannot hold field %s of type %s", name.Value, f.Name, typeName(f.Type))
		}
	}
}

// mergeKafka copies opts in order and appends the spec's shared kafka
// settings the source reads as kafka.<name> unless opts sets them; the
// sink's own settings stay with the sink.
func mergeKafka(opts spec.Map[spec.Str], shared spec.Map[spec.Str]) []Option {
	var out []Option
	for _, e := range opts {
		out = append(out, Option{Key: e.Key, Value: e.Value.Value})
	}
	for _, e := range shared {
		key := "kafka." + e.Key
		if _, ok := opts.Get(key); !ok && spec.KafkaSourceSetting(e.Key) {
			out = append(out, Option{Key: key, Value: e.Value.Value})
		}
	}
	return out
}

// withRetryTimeout appends the spec's retryTimeout, as a Go duration, as the
// run-time option of that name, unless opts set the part's own timeout
// (own), which wins for its part.
func withRetryTimeout(opts []Option, rt spec.Str, own string) []Option {
	if !rt.Set {
		return opts
	}
	for _, o := range opts {
		if o.Key == own {
			return opts
		}
	}
	d, err := spec.ParseInterval(rt.Value)
	if err != nil {
		return opts // reported by the spec's validation
	}
	return append(opts, Option{Key: kafka.RetryTimeoutOption, Value: d.String()})
}
