package spec

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/streamc/streamc/internal/diag"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink"
)

// subscriptions are the source options of which exactly one names the topics.
var subscriptions = []string{"subscribe", "subscribePattern", "assign"}

var stepKeys = []string{"select", "selectExpr", "withColumn", "withColumnRenamed", "drop", "filter", "where"}

// statefulSteps are the DataFrame operations Spark users write that keep
// state across records (or, for union, read a second stream), with the
// error a transform step naming one gets: better than "unknown key".
var statefulSteps = func() map[string]string {
	m := map[string]string{
		"union":       "union is not supported yet: a query reads one readStream",
		"unionByName": "unionByName is not supported yet: a query reads one readStream",
	}
	for _, op := range []string{
		"groupBy", "groupByKey", "agg", "count", "cube", "rollup", "pivot",
		"withWatermark", "dropDuplicates", "dropDuplicatesWithinWatermark", "distinct",
		"join", "crossJoin", "orderBy", "sort", "limit",
		"mapGroupsWithState", "flatMapGroupsWithState", "applyInPandasWithState", "transformWithState",
	} {
		m[op] = op + " is a stateful operation, not supported yet"
	}
	return m
}()

func (v *validator) query(label string, q *Query) {
	v.source(&q.ReadStream)
	for _, st := range q.Transform {
		v.step(st)
	}
	v.sink(label, &q.WriteStream)
}

func (v *validator) source(rs *ReadStream) {
	v.decode("key", rs.Key)
	v.decode("value", rs.Value)
	if d := rs.DeadLetterTopic; d.Set {
		// Kept in the model so that the error says this rather than
		// "unknown key".
		v.errorf(d.Pos, "deadLetterTopic: dead-letter topics are not supported yet")
	}
	if !v.oneOf("readStream format", rs.Format, sourceFormats, false) {
		return
	}
	var subs []Entry[Str]
	for _, e := range rs.Options {
		if name, ok := strings.CutPrefix(e.Key, "kafka."); ok {
			v.kafkaSetting(e, name, kafkaSourcePart)
			continue
		}
		if why, ok := sourceRefused[e.Key]; ok {
			v.errorf(e.KeyPos, "%s", why)
			continue
		}
		if _, known := sourceOptions[e.Key]; !v.option(e, sourceOptions, "the kafka source") && !known {
			continue
		}
		if slices.Contains(subscriptions, e.Key) {
			subs = append(subs, e)
		}
	}
	switch {
	case len(subs) == 0 && !v.broken(rs.Pos, "options") && !misspelled(rs.Options, sourceOptions, subscriptions...):
		v.errorf(rs.Pos, "readStream needs one of the options subscribe, subscribePattern or assign")
	case len(subs) > 1:
		for _, e := range subs[1:] {
			v.errorf(e.KeyPos, "option %s: give only one of subscribe, subscribePattern or assign (%s is at %s)", e.Key, subs[0].Key, subs[0].KeyPos)
		}
	}
	lo, hasLo := rs.Options.Get("minOffsetsPerTrigger")
	hi, hasHi := rs.Options.Get("maxOffsetsPerTrigger")
	if hasLo && hasHi && positiveInt(lo.Value) == nil && positiveInt(hi.Value) == nil {
		l, _ := strconv.ParseInt(lo.Value, 10, 64)
		h, _ := strconv.ParseInt(hi.Value, 10, 64)
		if l > h {
			v.errorf(lo.Pos, "minOffsetsPerTrigger %d is above maxOffsetsPerTrigger %d", l, h)
		}
	}
	v.assignedOffsets(rs.Options)
	v.kafkaSecurity(rs.Options, KafkaSourceSetting)
}

// kafkaSecurity reports the TLS and SASL settings of a part (its own
// kafka.* options and the top-level ones it reads) that its
// security.protocol leaves unread: the client reads ssl.* only over TLS and
// sasl.* only with SASL.
func (v *validator) kafkaSecurity(own Map[Str], reads func(string) bool) {
	eff := map[string]Entry[Str]{}
	for _, e := range v.s.Kafka {
		if reads(e.Key) {
			eff[e.Key] = e
		}
	}
	for _, e := range own {
		if name, ok := strings.CutPrefix(e.Key, "kafka."); ok && reads(name) {
			eff[name] = e
		}
	}
	proto := "PLAINTEXT"
	if p, ok := eff["security.protocol"]; ok {
		proto = strings.TrimSpace(p.Value.Value)
	}
	var tls, sasl bool
	switch strings.ToUpper(proto) {
	case "PLAINTEXT":
	case "SSL":
		tls = true
	case "SASL_PLAINTEXT":
		sasl = true
	case "SASL_SSL":
		tls, sasl = true, true
	default:
		return // reported as a bad value
	}
	for _, name := range sortedKeys(eff) {
		e := eff[name]
		switch {
		case strings.HasPrefix(name, "ssl.") && !tls:
			v.errorf(e.KeyPos, "Kafka setting %q has no effect with security.protocol %s; set it to SSL or SASL_SSL", name, proto)
		case strings.HasPrefix(name, "sasl.") && !sasl:
			v.errorf(e.KeyPos, "Kafka setting %q has no effect with security.protocol %s; set it to SASL_PLAINTEXT or SASL_SSL", name, proto)
		}
	}
}

// assignedOffsets reports partitions of assign that a per-partition
// startingOffsets leaves out: Spark and the runtime both refuse that, and
// here it is known before the query runs.
func (v *validator) assignedOffsets(opts Map[Str]) {
	as, ok1 := opts.Get("assign")
	so, ok2 := opts.Get("startingOffsets")
	if !ok1 || !ok2 || assignment(as.Value) != nil || startingOffsets(so.Value) != nil {
		return
	}
	offsets, err := kafka.ParseStartingOffsets(so.Value)
	if err != nil || offsets.Specific == nil {
		return
	}
	var assigned map[string][]int32
	if json.Unmarshal([]byte(as.Value), &assigned) != nil {
		return
	}
	for _, topic := range sortedKeys(assigned) {
		for _, p := range assigned[topic] {
			if _, ok := offsets.Specific[topic][p]; !ok {
				v.errorf(so.Pos, "startingOffsets has no offset for the assigned partition %s-%d (give every assigned partition one)", topic, p)
			}
		}
	}
}

// misspelled reports whether an unknown option in opts was taken for one of
// names, so that a typo is not also reported as a missing option.
func misspelled(opts Map[Str], t optionTable, names ...string) bool {
	for _, e := range opts {
		if _, ok := t[e.Key]; !ok && slices.Contains(names, diag.Suggest(e.Key, t.names())) {
			return true
		}
	}
	return false
}

// option checks the option e of t (the options of of): its name, its
// value, and whether streamc supports it. It reports whether e is usable.
func (v *validator) option(e Entry[Str], t optionTable, of string) bool {
	o, ok := t[e.Key]
	if !ok {
		v.errorf(e.KeyPos, "unknown option %q for %s%s", e.Key, of, diag.DidYouMean(e.Key, t.names()))
		return false
	}
	if !e.Value.Set {
		return false
	}
	if o.check != nil {
		if err := o.check(e.Value.Value); err != nil {
			v.errorf(e.Value.Pos, "%s %q: %v", e.Key, e.Value.Value, err)
			return false
		}
	}
	if why := o.refusal(e.Key, of, e.Value.Value); why != "" {
		v.errorf(e.KeyPos, "%s", why)
		return false
	}
	return true
}

// decode checks a key or value format in (from_json, from_csv, ...).
func (v *validator) decode(which string, d *Decode) {
	if d == nil || !v.oneOf(which+" format", d.Format, decodeFormats, false) {
		return
	}
	f := d.Format.Value
	needsSchema := f != "string" && f != "binary"
	switch {
	case needsSchema && !d.Schema.Set && !v.broken(d.Pos, "schema"):
		v.errorf(d.Pos, "%s format %s needs a schema", which, f)
	case !needsSchema && d.Schema.Set:
		v.errorf(d.Schema.Pos, "%s format %s takes no schema", which, f)
	}
	v.schemaName(d.Schema)
	if d.Mode.Set {
		if needsSchema {
			if v.oneOf(which+" mode", d.Mode, parseModes, true) && f == "csv" && strings.EqualFold(d.Mode.Value, "DROPMALFORMED") {
				// Spark's CsvToStructs refuses it in the same words.
				v.errorf(d.Mode.Pos, "%s format csv: from_csv() doesn't support the DROPMALFORMED mode. Acceptable modes are PERMISSIVE and FAILFAST.", which)
			}
		} else {
			v.errorf(d.Mode.Pos, "%s format %s takes no mode: it cannot fail", which, f)
		}
	}
	v.formatOptions(which, f, d.Options, decodeOptions[f])
	v.needsRegistry(d.Format)
}

// formatOptions checks the options of a key or value format.
func (v *validator) formatOptions(which, format string, opts Map[Str], t optionTable) {
	for _, e := range opts {
		switch {
		case e.Key == "mode":
			v.errorf(e.KeyPos, "set the parse mode with %s's mode key, not in options", which)
		case t == nil:
			v.errorf(e.KeyPos, "%s format %s takes no options", which, format)
		default:
			v.option(e, t, "format "+format)
		}
	}
	v.sepOrDelimiter(opts)
}

// sepOrDelimiter reports both CSV separator spellings given at once.
func (v *validator) sepOrDelimiter(opts Map[Str]) {
	if _, ok := opts.Get("sep"); ok {
		if d, ok := opts.Get("delimiter"); ok {
			v.errorf(d.Pos, "sep and delimiter are the same option; give one")
		}
	}
}

func (v *validator) needsRegistry(format Str) {
	if format.Value == "confluent-avro" && v.s.SchemaRegistry == nil {
		v.errorf(format.Pos, "format confluent-avro needs a schemaRegistry at top level")
	}
}

// step checks that a transform step is one operation with operands.
func (v *validator) step(st Step) {
	var ops []string
	var lists [][]Str
	add := func(name string, set bool, list []Str) {
		if set {
			ops = append(ops, name)
			lists = append(lists, list)
		}
	}
	add("select", st.Select != nil, st.Select)
	add("selectExpr", st.SelectExpr != nil, st.SelectExpr)
	add("withColumn", st.WithColumn != nil, values(st.WithColumn))
	add("withColumnRenamed", st.WithColumnRenamed != nil, values(st.WithColumnRenamed))
	add("drop", st.Drop != nil, st.Drop)
	add("filter", st.Filter != nil, ptrList(st.Filter))
	add("where", st.Where != nil, ptrList(st.Where))
	switch len(ops) {
	case 0:
		if v.broken(st.Pos, stepKeys...) || v.broken(st.Pos, sortedKeys(statefulSteps)...) {
			return
		}
		v.errorf(st.Pos, "empty transform step: want one of %s", strings.Join(stepKeys, ", "))
		return
	case 1:
	default:
		v.errorf(st.Pos, "a transform step has one operation, not %d (%s): make each its own list item", len(ops), strings.Join(ops, ", "))
	}
	for i, op := range ops {
		if len(lists[i]) == 0 {
			v.errorf(st.Pos, "%s is empty", op)
		}
		for _, s := range lists[i] {
			if s.Set && strings.TrimSpace(s.Value) == "" {
				v.errorf(s.Pos, "%s: empty column or expression", op)
			}
		}
	}
	for _, e := range append(slices.Clone(st.WithColumn), st.WithColumnRenamed...) {
		if strings.TrimSpace(e.Key) == "" {
			v.errorf(e.KeyPos, "empty column name")
		}
	}
}

func values(m Map[Str]) []Str {
	out := make([]Str, len(m))
	for i, e := range m {
		out[i] = e.Value
	}
	return out
}

func ptrList(s *Str) []Str {
	if s == nil {
		return nil
	}
	return []Str{*s}
}

func (v *validator) sink(label string, ws *WriteStream) {
	if ws.OutputMode.Set && !strings.EqualFold(ws.OutputMode.Value, "append") {
		v.errorf(ws.OutputMode.Pos, "outputMode must be append, not %q: streamc runs stateless queries, which only append", ws.OutputMode.Value)
	}
	if chk, ok := ws.Options.Get("checkpointLocation"); ok && chk.Set {
		v.checkpoints = append(v.checkpoints, location{label, chk})
	}
	known := v.oneOf("writeStream format", ws.Format, sinkFormats, false)
	f := ws.Format.Value
	for _, enc := range []*Encode{ws.Key, ws.Value} {
		if enc != nil && known && f != "kafka" {
			v.errorf(enc.Pos, "key and value formats apply to the kafka sink; the %s sink writes columns", f)
		}
	}
	v.encode("key", ws.Key)
	v.encode("value", ws.Value)
	if ws.Trigger != nil {
		v.trigger(ws.Trigger, f)
	}
	if !known {
		return
	}
	t := sinkOptions[f]
	for _, e := range ws.Options {
		if name, ok := strings.CutPrefix(e.Key, "kafka."); ok && f == "kafka" {
			v.kafkaSetting(e, name, kafkaSinkPart)
			continue
		}
		v.option(e, t, "the "+f+" sink")
	}
	v.sepOrDelimiter(ws.Options)
	if f == "kafka" {
		v.kafkaSecurity(ws.Options, KafkaSinkSetting)
	}
	if v.broken(ws.Pos, "options") {
		return
	}
	if _, ok := ws.Options.Get("checkpointLocation"); !ok && f != "console" && !misspelled(ws.Options, t, "checkpointLocation") {
		v.errorf(ws.Pos, "writeStream needs the option checkpointLocation, a directory of this query's own")
	}
	if f == "json" || f == "csv" {
		if p, ok := ws.Options.Get("path"); !ok && !misspelled(ws.Options, t, "path") {
			v.errorf(ws.Pos, "the %s sink needs the option path", f)
		} else if p.Set {
			v.paths = append(v.paths, location{label, p})
		}
	}
}

// encode checks a key or value format out (to_json, to_avro, ...).
func (v *validator) encode(which string, e *Encode) {
	if e == nil || !v.oneOf(which+" format", e.Format, encodeFormats, false) {
		return
	}
	f := e.Format.Value
	if fn, ok := encodeFormatsNotYet[f]; ok {
		v.errorf(e.Format.Pos, "writeStream %s format %s is not supported yet; build the column with %s(...) in selectExpr", which, f, fn)
		return
	}
	avro := f == "avro" || f == "confluent-avro"
	switch {
	case avro && !e.Schema.Set && !v.broken(e.Pos, "schema"):
		v.errorf(e.Pos, "%s format %s needs a schema", which, f)
	case !avro && e.Schema.Set:
		v.errorf(e.Schema.Pos, "%s format %s takes no schema", which, f)
	}
	v.schemaName(e.Schema)
	for _, s := range []Str{e.Subject, e.SubjectNameStrategy} {
		if s.Set && f != "confluent-avro" {
			v.errorf(s.Pos, "%s format %s has no subject; only confluent-avro registers schemas", which, f)
		}
	}
	if e.Subject.Set && e.SubjectNameStrategy.Set {
		v.errorf(e.SubjectNameStrategy.Pos, "give subject or subjectNameStrategy, not both")
	}
	v.check("subject", e.Subject, nonEmpty)
	v.oneOf("subjectNameStrategy", e.SubjectNameStrategy, subjectNameStrategies, false)
	v.formatOptions(which, f, e.Options, nil)
	v.needsRegistry(e.Format)
}

func (v *validator) trigger(t *Trigger, sinkFormat string) {
	var kinds []string
	for _, k := range []struct {
		name string
		set  bool
	}{{"processingTime", t.ProcessingTime.Set}, {"availableNow", t.AvailableNow.Set}, {"continuous", t.Continuous.Set}} {
		if k.set {
			kinds = append(kinds, k.name)
		}
	}
	switch len(kinds) {
	case 0:
		if v.broken(t.Pos, "processingTime", "availableNow", "continuous") {
			return
		}
		v.errorf(t.Pos, "trigger needs one of processingTime, availableNow or continuous")
	case 1:
	default:
		v.errorf(t.Pos, "trigger takes one of processingTime, availableNow or continuous, not %s", strings.Join(kinds, " and "))
	}
	if s := t.ProcessingTime; s.Set {
		if _, err := ParseInterval(s.Value); err != nil {
			v.errorf(s.Pos, "processingTime: %v", err)
		}
	}
	if b := t.AvailableNow; b.Set && !b.Value {
		v.errorf(b.Pos, "availableNow: false has no effect; leave the trigger out for the default")
	}
	if s := t.Continuous; s.Set {
		if d, err := ParseInterval(s.Value); err != nil {
			v.errorf(s.Pos, "continuous: %v", err)
		} else if d <= 0 {
			v.errorf(s.Pos, "continuous: the checkpoint interval must be positive")
		}
		if err := sink.CheckContinuous(sinkFormat); err != nil {
			v.errorf(s.Pos, "continuous: %v", err)
		}
	}
}
