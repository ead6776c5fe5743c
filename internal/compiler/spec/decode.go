package spec

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/streamc/streamc/internal/diag"
)

// Parse reads one pipelines.yaml; file is the name positions carry. It decodes
// strictly (unknown or duplicate keys, missing required keys and wrong kinds
// are errors) and then runs Validate on the result, so one run reports every
// problem, as a *diag.List sorted by position. The Spec is nil when there is
// any error.
func Parse(file string, data []byte) (*Spec, error) {
	root, err := parseYAML(file, data)
	if err != nil {
		return nil, err
	}
	s := new(Spec)
	d := &decoder{file: file, budget: maxDecodeNodes, reported: map[string]bool{}, failed: map[fieldKey]bool{}}
	d.decode(root, reflect.ValueOf(s).Elem(), "")
	// Validation runs even after decoding errors, so one run reports all.
	// It is told which keys failed to decode, so as not to call them
	// missing; and its errors without a position concern parts the decoder
	// could not fill at all, whose cause is already reported.
	var verrs *diag.List
	if errors.As(validate(s, d.failed), &verrs) {
		for _, e := range verrs.Errors() {
			if e.Pos.IsValid() {
				d.add(e)
			}
		}
	}
	if err := d.errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// maxDecodeNodes bounds the work of expanding aliases: a few hundred bytes of
// nested aliases can otherwise name billions of nodes. Real specs visit a few
// thousand.
const maxDecodeNodes = 1 << 20

// decoder walks yaml nodes into the model by reflection over its yaml tags.
type decoder struct {
	file     string
	errs     diag.List
	reported map[string]bool // see add
	// failed records keys present with a value of the wrong kind, which
	// the model shows as absent.
	failed map[fieldKey]bool
	budget int
}

// fieldKey names a key of the mapping at pos.
type fieldKey struct {
	pos Pos
	key string
}

var (
	strType       = reflect.TypeFor[Str]()
	intType       = reflect.TypeFor[Int]()
	boolType      = reflect.TypeFor[Bool]()
	posType       = reflect.TypeFor[Pos]()
	schemaRefType = reflect.TypeFor[SchemaRef]()
	stepType      = reflect.TypeFor[Step]()
)

func (d *decoder) pos(n *yaml.Node) Pos {
	return Pos{File: d.file, Line: n.Line, Column: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.add(diag.Errorf(d.pos(n), format, args...))
}

// add reports e once: a node reached through several aliases is decoded and
// validated once per alias.
func (d *decoder) add(e *diag.Error) {
	if k := e.Error(); !d.reported[k] {
		d.reported[k] = true
		d.errs.Append(e)
	}
}

// decode fills v from n; where names n for messages ("writeStream",
// "queries.notify", "transform[1]"; "" is the top level). It reports whether
// n had the kind v needs, so pointers are set only for usable values.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, where string) bool {
	n = resolve(n)
	if d.budget--; d.budget < 0 {
		if d.budget == -1 {
			d.errorf(n, "too many nodes after expanding aliases")
		}
		return false
	}
	t := v.Type()
	switch {
	case t == strType:
		return d.decodeStr(n, v, where)
	case t == intType:
		return d.decodeInt(n, v, where)
	case t == boolType:
		return d.decodeBool(n, v, where)
	case t == schemaRefType && n.Kind == yaml.ScalarNode:
		// A bare scalar is the common case: a schema file path.
		v.FieldByName("Pos").Set(reflect.ValueOf(d.pos(n)))
		return d.decodeStr(n, v.FieldByName("File"), where)
	case isMap(t):
		return d.decodeMap(n, v, where)
	case t.Kind() == reflect.Pointer:
		p := reflect.New(t.Elem())
		if d.decode(n, p.Elem(), where) {
			v.Set(p)
			return true
		}
		return false
	case t.Kind() == reflect.Slice:
		return d.decodeSlice(n, v, where)
	case t.Kind() == reflect.Struct:
		return d.decodeStruct(n, v, where)
	}
	panic(fmt.Sprintf("spec: no decoder for %v", t)) // a model change without a decoder change
}

// resolve follows aliases to the anchored node.
func resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func (d *decoder) decodeStr(n *yaml.Node, v reflect.Value, where string) bool {
	if n.Kind != yaml.ScalarNode {
		d.kindError(n, where, "a scalar")
		return false
	}
	v.Set(reflect.ValueOf(Str{Value: n.Value, Pos: d.pos(n), Set: true, Quoted: quoteOf(n.Style)}))
	return true
}

func quoteOf(s yaml.Style) byte {
	switch {
	case s&yaml.DoubleQuotedStyle != 0:
		return '"'
	case s&yaml.SingleQuotedStyle != 0:
		return '\''
	case s&yaml.LiteralStyle != 0:
		return '|'
	case s&yaml.FoldedStyle != 0:
		return '>'
	}
	return 0
}

func (d *decoder) decodeInt(n *yaml.Node, v reflect.Value, where string) bool {
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
		d.kindError(n, where, "an integer")
		return false
	}
	// yaml.v3 resolves 0x, 0o and _ separators as !!int; ParseInt with base 0
	// reads the same forms.
	i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64)
	if err != nil {
		d.errorf(n, "%s: %q is out of range for an integer", subject(where), n.Value)
		return false
	}
	v.Set(reflect.ValueOf(Int{Value: i, Pos: d.pos(n), Set: true}))
	return true
}

func (d *decoder) decodeBool(n *yaml.Node, v reflect.Value, where string) bool {
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
		d.kindError(n, where, "true or false")
		return false
	}
	b, err := strconv.ParseBool(strings.ToLower(n.Value))
	if err != nil { // yaml.v3 resolves only true/false spellings as !!bool
		d.kindError(n, where, "true or false")
		return false
	}
	v.Set(reflect.ValueOf(Bool{Value: b, Pos: d.pos(n), Set: true}))
	return true
}

// decodeSlice fills a []T from a sequence; null is an empty list, kept
// non-nil so Validate can tell a present key from an absent one.
func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, where string) bool {
	out := reflect.MakeSlice(v.Type(), 0, len(n.Content))
	if isNull(n) {
		v.Set(out)
		return true
	}
	if n.Kind != yaml.SequenceNode {
		d.kindError(n, where, "a sequence")
		return false
	}
	for i, item := range n.Content {
		e := reflect.New(v.Type().Elem()).Elem()
		d.decode(item, e, fmt.Sprintf("%s[%d]", where, i))
		out = reflect.Append(out, e)
	}
	v.Set(out)
	return true
}

// isMap reports whether t is a Map[T] (a slice of Entry[T]).
func isMap(t reflect.Type) bool {
	if t.Kind() != reflect.Slice || t.Elem().Kind() != reflect.Struct {
		return false
	}
	_, ok := t.Elem().FieldByName("KeyPos")
	return ok
}

// decodeMap fills a Map[T] from a mapping, in file order; null is empty.
func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value, where string) bool {
	out := reflect.MakeSlice(v.Type(), 0, len(n.Content)/2)
	if isNull(n) {
		v.Set(out)
		return true
	}
	if n.Kind != yaml.MappingNode {
		d.kindError(n, where, "a mapping")
		return false
	}
	for _, p := range d.pairs(n, where, nil) {
		e := reflect.New(v.Type().Elem()).Elem()
		e.FieldByName("Key").SetString(p.key.Value)
		e.FieldByName("KeyPos").Set(reflect.ValueOf(d.pos(p.key)))
		d.decode(p.value, e.FieldByName("Value"), where+"."+p.key.Value)
		out = reflect.Append(out, e)
	}
	v.Set(out)
	return true
}

// field is one yaml-tagged field of a model struct.
type field struct {
	name     string
	index    int
	required bool
}

func fieldsOf(t reflect.Type) []field {
	var fs []field
	for i := range t.NumField() {
		f := t.Field(i)
		name := f.Tag.Get("yaml")
		if name == "" || name == "-" {
			continue
		}
		fs = append(fs, field{name: name, index: i, required: f.Tag.Get("required") == "true"})
	}
	return fs
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, where string) bool {
	if n.Kind != yaml.MappingNode {
		d.kindError(n, where, "a mapping")
		return false
	}
	if p := v.FieldByName("Pos"); p.IsValid() && p.Type() == posType {
		p.Set(reflect.ValueOf(d.pos(n)))
	}
	fields := fieldsOf(v.Type())
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	// seen holds the keys given, and the keys an unknown key was taken for:
	// "verison" is reported once, not also as a missing "version".
	seen := map[string]bool{}
	for _, p := range d.pairs(n, where, nil) {
		key := p.key.Value
		if where == "" && strings.HasPrefix(key, "x-") {
			continue // a place for anchors only, as in docker-compose files
		}
		i := indexOf(names, key)
		if why, ok := statefulSteps[key]; ok && v.Type() == stepType {
			d.errorf(p.key, "%s", why)
			d.failed[fieldKey{d.pos(n), key}] = true // not also an empty step
			continue
		}
		if i < 0 {
			d.errorf(p.key, "unknown key %q %s%s", key, in(where), keyHint(v.Type(), key, names))
			seen[diag.Suggest(key, names)] = true
			continue
		}
		seen[key] = true
		if !d.decode(p.value, v.Field(fields[i].index), key) {
			d.failed[fieldKey{d.pos(n), key}] = true
		}
	}
	for _, f := range fields {
		if f.required && !seen[f.name] {
			d.errorf(n, "missing required key %q %s", f.name, in(where))
		}
	}
	return true
}

func indexOf(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}

// keyHint suggests a near key, or, for an option written directly under
// readStream or writeStream (as .option() reads in Spark), where it belongs.
func keyHint(t reflect.Type, key string, names []string) string {
	if h := diag.DidYouMean(key, names); h != "" {
		return h
	}
	var opts []string
	switch t {
	case reflect.TypeFor[ReadStream]():
		opts = sourceOptions.names()
	case reflect.TypeFor[WriteStream]():
		for _, o := range sinkOptions {
			opts = append(opts, o.names()...)
		}
	default:
		return ""
	}
	switch s := diag.Suggest(key, opts); {
	case s == key || strings.HasPrefix(key, "kafka."):
		return fmt.Sprintf("; %q is an option: write it under options", key)
	case s != "":
		return fmt.Sprintf("; did you mean the option %q? Options go under options", s)
	}
	return ""
}

// pair is one key and value of a mapping after merging.
type pair struct{ key, value *yaml.Node }

// pairs lists n's keys in order, reporting duplicates and non-scalar keys.
// Merge keys (<<: *base) insert the merged mapping's keys in their place
// unless the mapping sets them itself, as YAML's merge type says; merging
// tracks the mappings it is inside so a self-merge cannot recurse forever.
func (d *decoder) pairs(n *yaml.Node, where string, merging map[*yaml.Node]bool) []pair {
	explicit := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := resolve(n.Content[i])
		if isMerge(k) {
			continue
		}
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "%s: a key must be a scalar, not %s", subject(where), kindName(k))
			continue
		}
		if first, dup := explicit[k.Value]; dup {
			d.errorf(k, "duplicate key %q %s (first at %s)", k.Value, in(where), d.pos(first))
			continue
		}
		explicit[k.Value] = k
	}
	var out []pair
	added := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := resolve(n.Content[i]), n.Content[i+1]
		switch {
		case isMerge(k):
			for _, p := range d.merged(val, where, merging) {
				if explicit[p.key.Value] == nil && !added[p.key.Value] {
					added[p.key.Value] = true
					out = append(out, p)
				}
			}
		case k.Kind == yaml.ScalarNode && explicit[k.Value] == k && !added[k.Value]:
			added[k.Value] = true
			out = append(out, pair{k, val})
		}
	}
	return out
}

// merged returns the pairs a merge key brings: one mapping, or a sequence of
// mappings where earlier ones win.
func (d *decoder) merged(val *yaml.Node, where string, merging map[*yaml.Node]bool) []pair {
	val = resolve(val)
	srcs := []*yaml.Node{val}
	if val.Kind == yaml.SequenceNode {
		srcs = val.Content
	}
	var out []pair
	for _, m := range srcs {
		m = resolve(m)
		if m.Kind != yaml.MappingNode {
			d.errorf(m, "%s: a merge (<<) takes a mapping or a sequence of mappings, not %s", subject(where), kindName(m))
			continue
		}
		if merging[m] {
			d.errorf(m, "%s: a mapping merges itself", subject(where))
			continue
		}
		inner := map[*yaml.Node]bool{m: true}
		for k := range merging {
			inner[k] = true
		}
		out = append(out, d.pairs(m, where, inner)...)
	}
	return out
}

func isMerge(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge"
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// kindError reports that n is not what where needs.
func (d *decoder) kindError(n *yaml.Node, where, want string) {
	d.errorf(n, "%s must be %s, not %s", subject(where), want, kindName(n))
}

func kindName(n *yaml.Node) string {
	switch {
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a sequence"
	case isNull(n):
		return "null"
	case n.Kind == yaml.ScalarNode:
		return strconv.Quote(n.Value)
	}
	return "an unresolved alias"
}

// subject names where as the subject of a sentence.
func subject(where string) string {
	if where == "" {
		return "the document"
	}
	return where
}

// in names where after a preposition.
func in(where string) string {
	if where == "" {
		return "at top level"
	}
	return "in " + where
}
