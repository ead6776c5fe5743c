package spec

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

func mustParse(t *testing.T, src string) *Spec {
	t.Helper()
	s, err := Parse("p.yaml", []byte(src))
	if err != nil {
		t.Fatalf("Parse:\n%v", err)
	}
	return s
}

func pos(line, col int) Pos { return Pos{File: "p.yaml", Line: line, Column: col} }

func TestDecodePositionsAndStyles(t *testing.T) {
	s := mustParse(t, `version: "1"
kafka:
  bootstrap.servers: 'localhost:9092'
topics:
  in: {partitions: 0x10}
apps:
  a:
    queries:
      q:
        readStream:
          format: kafka
          options:
            subscribe: in
            maxOffsetsPerTrigger: 1000
            failOnDataLoss: false
        transform:
          - filter: |
              a > 1
          - where: >
              b < 2
          - withColumn: {z: x + 1, y: w}
        writeStream: {format: console, trigger: {availableNow: true}}
`)
	q := s.Apps[0].Value.Queries[0].Value
	opts := q.ReadStream.Options
	wc := q.Transform[2].WithColumn
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"Spec.Pos", s.Pos, pos(1, 1)},
		{"version", s.Version, Str{Value: "1", Pos: pos(1, 10), Set: true, Quoted: '"'}},
		{"kafka key pos", s.Kafka[0].KeyPos, pos(3, 3)},
		{"kafka value", s.Kafka[0].Value, Str{Value: "localhost:9092", Pos: pos(3, 22), Set: true, Quoted: '\''}},
		{"partitions", s.Topics[0].Value.Partitions, Int{Value: 16, Pos: pos(5, 20), Set: true}},
		{"app pos", s.Apps[0].KeyPos, pos(7, 3)},
		{"query pos", q.Pos, pos(10, 9)},
		{"readStream pos", q.ReadStream.Pos, pos(11, 11)},
		{"option order", opts.Keys(), []string{"subscribe", "maxOffsetsPerTrigger", "failOnDataLoss"}},
		{"int as Str", opts[1].Value, Str{Value: "1000", Pos: pos(14, 35), Set: true}},
		{"bool as Str", opts[2].Value.Value, "false"},
		{"literal", *q.Transform[0].Filter, Str{Value: "a > 1\n", Pos: pos(17, 21), Set: true, Quoted: '|'}},
		{"folded", q.Transform[1].Where.Quoted, byte('>')},
		{"step pos", q.Transform[2].Pos, pos(21, 13)},
		{"map order", wc.Keys(), []string{"z", "y"}},
		{"map value", wc[0].Value, Str{Value: "x + 1", Pos: pos(21, 29), Set: true}},
		{"unset", q.WriteStream.OutputMode, Str{}},
		{"bool", q.WriteStream.Trigger.AvailableNow, Bool{Value: true, Pos: pos(22, 64), Set: true}},
		{"absent pointer", q.ReadStream.Value, (*Decode)(nil)},
		{"absent list", q.Transform[0].Select, []Str(nil)},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

func TestDecodeAnchorsAndMerges(t *testing.T) {
	s := mustParse(t, `version: "1"
kafka: {bootstrap.servers: localhost:9092}
x-defaults:
  source: &source
    format: kafka
    options: &opts {subscribe: in, startingOffsets: earliest}
apps:
  a:
    queries:
      q:
        readStream: *source
        writeStream: &console {format: console}
      r:
        readStream:
          <<: *source
          options:
            <<: [*opts, {groupIdPrefix: r, subscribe: other}]
            startingOffsets: latest
        writeStream: *console
`)
	qs := s.Apps[0].Value.Queries
	q, r := qs[0].Value, qs[1].Value
	if q.ReadStream.Format.Value != "kafka" || q.ReadStream.Format.Pos != pos(5, 13) {
		t.Errorf("alias: format %+v, want kafka at the anchor", q.ReadStream.Format)
	}
	if r.ReadStream.Format.Value != "kafka" {
		t.Errorf("merge: format %+v", r.ReadStream.Format)
	}
	// Merged keys come in the merge's place, earlier sources first; the
	// mapping's own keys win.
	var got []string
	for _, e := range r.ReadStream.Options {
		got = append(got, e.Key+"="+e.Value.Value)
	}
	if want := "subscribe=in groupIdPrefix=r startingOffsets=latest"; strings.Join(got, " ") != want {
		t.Errorf("merged options = %q, want %q", strings.Join(got, " "), want)
	}
	if r.WriteStream.Format.Value != "console" {
		t.Errorf("aliased writeStream: %+v", r.WriteStream)
	}
}

func TestDecodeSchemaRef(t *testing.T) {
	s := mustParse(t, `version: "1"
kafka: {bootstrap.servers: localhost:9092}
schemas:
  a: a.avsc
  b: {file: b.avsc, record: ns.B}
  c: {ddl: "x INT"}
apps:
  a:
    queries:
      q:
        readStream: {format: kafka, options: {subscribe: in}, value: {format: avro, schema: a}}
        writeStream: {format: console}
`)
	a, _ := s.Schemas.Get("a")
	b, _ := s.Schemas.Get("b")
	c, _ := s.Schemas.Get("c")
	if a.File.Value != "a.avsc" || a.Pos != pos(4, 6) || a.File.Pos != pos(4, 6) {
		t.Errorf("scalar schema: %+v", a)
	}
	if b.File.Value != "b.avsc" || b.Record.Value != "ns.B" || b.Pos != pos(5, 6) {
		t.Errorf("mapping schema: %+v", b)
	}
	if c.DDL.Value != "x INT" || c.File.Set {
		t.Errorf("ddl schema: %+v", c)
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		name, src, want string
	}{
		{"invalid UTF-8", "version: \"1\"\napps: {a\xff: {}}\n", "p.yaml:2:9: invalid UTF-8"},
		{"scanner error on line 1", "version: @1\n", "p.yaml:1:10: found character that cannot start any token"},
		{"parser error", "version: \"1\"\napps:\n  a: 1\n b: 2\n", "p.yaml:4:2: did not find expected key"},
		{"document not a mapping", "- a\n", "p.yaml:1:1: the document must be a mapping, not a sequence"},
		{"empty document", "---\n", "p.yaml:2:1: empty document; want a mapping with version and apps"},
		{"non-scalar key", "version: \"1\"\n? [a]\n: b\napps: {}\n", "p.yaml:1:1: apps declares no app\np.yaml:2:3: the document: a key must be a scalar, not a sequence"},
		{"int range", "version: \"1\"\ntopics: {t: {partitions: 99999999999999999999}}\napps: {}\n", "p.yaml:1:1: apps declares no app\np.yaml:2:26: partitions must be an integer, not \"99999999999999999999\""},
		{"self merge", "version: \"1\"\napps: &a {<<: *a}\n", "p.yaml:1:1: apps declares no app\np.yaml:2:7: apps: a mapping merges itself"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("p.yaml", []byte(c.src))
			if err == nil || err.Error() != c.want {
				t.Errorf("got\n%v\nwant\n%s", err, c.want)
			}
		})
	}
}

// An alias bomb must not make Parse expand billions of nodes.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: \"1\"\nx-0: &l0 {")
	for i := range 100 {
		fmt.Fprintf(&b, "c%d: a, ", i)
	}
	b.WriteString("}\nx-1: &l1 [")
	for range 100 {
		b.WriteString("{withColumn: *l0}, ")
	}
	b.WriteString("]\nx-2: &l2 {")
	for i := range 100 {
		fmt.Fprintf(&b, "q%d: {readStream: {format: kafka}, transform: *l1, writeStream: {format: console}}, ", i)
	}
	b.WriteString("}\napps: {")
	for i := range 100 {
		fmt.Fprintf(&b, "a%d: {queries: *l2}, ", i)
	}
	b.WriteString("}\n")
	start := time.Now()
	_, err := Parse("p.yaml", []byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "too many nodes after expanding aliases") {
		t.Errorf("err = %.300v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Parse took %v", d)
	}
}

// full.yaml must use every key of the model, so the valid testdata and the
// JSON Schema test cover the whole format.
func TestFullUsesEveryKey(t *testing.T) {
	s := mustParse(t, string(readFile(t, "testdata/valid/full.yaml")))
	used := map[string]bool{}
	markUsed(reflect.ValueOf(s).Elem(), used)
	var missing []string
	for _, k := range allKeys(reflect.TypeFor[Spec](), map[reflect.Type]bool{}) {
		if !used[k] && !refusedKeys[k] {
			missing = append(missing, k)
		}
		if used[k] && refusedKeys[k] {
			t.Errorf("full.yaml is valid with %s, which is refused whatever its value", k)
		}
	}
	if len(missing) > 0 {
		t.Errorf("full.yaml does not use %v", missing)
	}
}

// refusedKeys are keys of the model that no valid spec can hold: they are
// kept so that the error names what is not supported (TestRefused).
var refusedKeys = map[string]bool{
	"ReadStream.deadLetterTopic": true, // dead-letter topics
	"Encode.options":             true, // only the json and csv formats, not written yet, take options
}

// allKeys lists "Type.key" for every yaml key reachable from t.
func allKeys(t reflect.Type, seen map[reflect.Type]bool) []string {
	var keys []string
	switch {
	case t == strType || t == intType || t == boolType || seen[t]:
	case isMap(t):
		keys = allKeys(t.Elem().Field(2).Type, seen)
	case t.Kind() == reflect.Pointer, t.Kind() == reflect.Slice:
		keys = allKeys(t.Elem(), seen)
	case t.Kind() == reflect.Struct:
		seen[t] = true
		for _, f := range fieldsOf(t) {
			keys = append(keys, t.Name()+"."+f.name)
			keys = append(keys, allKeys(t.Field(f.index).Type, seen)...)
		}
	}
	return keys
}

// markUsed records "Type.key" for every key set in v.
func markUsed(v reflect.Value, used map[string]bool) {
	t := v.Type()
	switch {
	case t == strType || t == intType || t == boolType:
	case isMap(t):
		for i := range v.Len() {
			markUsed(v.Index(i).Field(2), used)
		}
	case t.Kind() == reflect.Pointer:
		if !v.IsNil() {
			markUsed(v.Elem(), used)
		}
	case t.Kind() == reflect.Slice:
		for i := range v.Len() {
			markUsed(v.Index(i), used)
		}
	case t.Kind() == reflect.Struct:
		for _, f := range fieldsOf(t) {
			fv := v.Field(f.index)
			set := !fv.IsZero()
			if ft := fv.Type(); ft == strType || ft == intType || ft == boolType {
				set = fv.FieldByName("Set").Bool()
			}
			if set {
				used[t.Name()+"."+f.name] = true
			}
			markUsed(fv, used)
		}
	}
}
