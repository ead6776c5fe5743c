package check

import (
	"strings"

	"github.com/streamc/streamc/gen/schema"
	"github.com/streamc/streamc/gen/spec"
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
		s.Options = append(s.Options, Option{e.Key, e.Value.Value})
	}
	if s.Format == "kafka" {
		for _, e := range c.spec.Kafka {
			key := "kafka." + e.Key
			if _, ok := opts.Get(key); !ok {
				s.Options = append(s.Options, Option{key, e.Value.Value})
			}
		}
	}
	if t := ws.Trigger; t != nil {
		q.Trigger = trigger(t)
	}
	for _, enc := range []*spec.Encode{ws.Key, ws.Value} {
		if enc != nil {
			c.errorf(enc.Format.Pos, "writeStream key/value format %s: the query compiler does not support encoding formats yet; build the column with to_json(...) in selectExpr", enc.Format.Value)
		}
	}
	switch s.Format {
	case "kafka":
		c.kafkaSink(s, ws, q.Output)
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
	if s.Value < 0 || !strOrBinary(s.Value) {
		c.errorf(pos, "kafka sink needs a value column (string or binary); the query's columns are %s", desc)
		s.Value = -1
	}
	if s.Key >= 0 && !strOrBinary(s.Key) {
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
