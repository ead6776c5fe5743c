package avroschema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Error is a schema that cannot be parsed. Path is a JSON path into the
// schema text ("fields[2].type"), empty for the top.
type Error struct {
	Path string
	Msg  string

	// Offset is the byte offset in the schema text of the value at Path
	// (the bad type, name or default), for callers that report file
	// positions; -1 when the error is not in the text (a reference's).
	Offset int

	// Reason and Name classify some errors, for callers that word their own
	// messages (a registry answering in Confluent's terms).
	Reason Reason
	Name   string
}

// Reason is what kind of error an Error is, where a caller may need it.
type Reason uint8

const (
	ReasonOther          Reason = iota
	ReasonUnknownType           // Name: the full name the reference stands for in its namespace
	ReasonDuplicateField        // Name: the field's name
)

func (e *Error) Error() string {
	if e.Path == "" {
		return "avro schema: " + e.Msg
	}
	return "avro schema: " + e.Path + ": " + e.Msg
}

// Options adjust parsing.
type Options struct {
	// References holds the texts of schemas whose named types the schema may
	// refer to, as Confluent Schema Registry references do; keys are only
	// labels for messages. A reference may itself refer to another one.
	References map[string]string

	// LenientDefaults drops a field default that is not valid for the
	// field's type (HasDefault becomes false) instead of failing. Writer
	// schemas want this: resolution never reads a writer's defaults, and old
	// registries accepted invalid ones.
	LenientDefaults bool

	// UncheckedDefaults keeps every field default as given without checking
	// it, for a caller that checks each with CheckDefault and reports them
	// all (the generator).
	UncheckedDefaults bool
}

// Parse parses schema text.
func Parse(text string) (*Schema, error) { return ParseWith(text, Options{}) }

// ParseWithReferences parses schema text whose named types may be defined in
// refs (see Options.References).
func ParseWithReferences(text string, refs map[string]string) (*Schema, error) {
	return ParseWith(text, Options{References: refs})
}

// ParseWith parses schema text with options.
func ParseWith(text string, opts Options) (*Schema, error) {
	p := newParser(opts)
	if err := p.references(opts.References); err != nil {
		return nil, err
	}
	v, err := parseJSON(text)
	if err != nil {
		return nil, &Error{Msg: err.Error(), Offset: -1}
	}
	root, err := p.parse(v, "", "")
	if err == nil {
		err = p.checkDefaults()
	}
	if err != nil {
		return nil, locate(err, text)
	}
	return p.schema(root, text)
}

func newParser(opts Options) *parser {
	return &parser{names: map[string]*Node{}, lenient: opts.LenientDefaults, unchecked: opts.UncheckedDefaults}
}

func (p *parser) schema(root *Node, text string) (*Schema, error) {
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(text)); err != nil {
		return nil, &Error{Msg: "invalid JSON: " + err.Error(), Offset: -1}
	}
	s := &Schema{root: root, text: compact.String(), named: p.names}
	s.canonical = canonical(root)
	computeMinSizes(root)
	return s, nil
}

// locate sets the Offset of a schema error in text.
func locate(err error, text string) error {
	if e, ok := err.(*Error); ok {
		e.Offset = offsetOf(text, e.Path)
	}
	return err
}

// SetError is an error in one schema of a set given to ParseSet.
type SetError struct {
	Index int // of the schema in the set
	Err   error
}

func (e *SetError) Error() string { return e.Err.Error() }
func (e *SetError) Unwrap() error { return e.Err }

// ParseSet parses schemas that may use each other's named types, in any
// order, as the files of one project do; it returns them in the order
// given. A named type may be defined in several of them if the definitions
// are the same JSON, keys in any order (registry schemas inline every type
// they use). Errors are a *SetError.
func ParseSet(texts []string, opts Options) ([]*Schema, error) {
	p := newParser(opts)
	p.sameOK = map[string]string{}
	roots := make([]*Node, len(texts))
	values := make([]any, len(texts))
	pending := make([]int, 0, len(texts))
	for i, text := range texts {
		v, err := parseJSON(text)
		if err != nil {
			return nil, &SetError{Index: i, Err: &Error{Msg: err.Error(), Offset: -1}}
		}
		values[i] = v
		pending = append(pending, i)
	}
	// A schema that uses a type defined in one not yet parsed is retried
	// after the others, until a round parses nothing new.
	for len(pending) > 0 {
		var retry []int
		var firstErr error
		firstIdx := 0
		for _, i := range pending {
			p.current = i
			saved := p.snapshot()
			root, err := p.parse(values[i], "", "")
			if err == nil {
				roots[i] = root
				continue
			}
			p.restore(saved)
			if e, ok := err.(*Error); !ok || e.Reason != ReasonUnknownType {
				return nil, &SetError{Index: i, Err: locate(err, texts[i])}
			}
			retry = append(retry, i)
			if firstErr == nil {
				firstErr, firstIdx = err, i
			}
		}
		if len(retry) == len(pending) {
			return nil, &SetError{Index: firstIdx, Err: locate(firstErr, texts[firstIdx])}
		}
		pending = retry
	}
	if err := p.checkDefaults(); err != nil {
		i := p.current // checkDefaults left it at the failing default's schema
		return nil, &SetError{Index: i, Err: locate(err, texts[i])}
	}
	out := make([]*Schema, len(texts))
	for i, root := range roots {
		s, err := p.schema(root, texts[i])
		if err != nil {
			return nil, &SetError{Index: i, Err: err}
		}
		out[i] = s
	}
	return out, nil
}

// references parses the referenced schemas into the name table. Their order
// is unknown, so a reference that names a type not yet defined is retried
// after the others, until a round defines nothing new.
func (p *parser) references(refs map[string]string) error {
	keys := make([]string, 0, len(refs))
	for k := range refs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for len(keys) > 0 {
		var retry []string
		var firstErr error
		for _, k := range keys {
			v, err := parseJSON(refs[k])
			if err != nil {
				return &Error{Path: "reference " + strconv.Quote(k), Msg: err.Error()}
			}
			saved := p.snapshot()
			if _, err := p.parse(v, "", ""); err != nil {
				p.restore(saved)
				retry = append(retry, k)
				if firstErr == nil {
					firstErr = fmt.Errorf("reference %q: %w", k, err)
				}
			}
		}
		if len(retry) == len(keys) {
			return firstErr
		}
		keys = retry
	}
	return p.checkDefaults()
}

type parser struct {
	names     map[string]*Node
	lenient   bool
	unchecked bool
	defaults  []pendingDefault
	current   int // the schema of a ParseSet being parsed
	// sameOK, for ParseSet, holds the JSON text of each named type's
	// definition, so that the same definition met again is the same type.
	sameOK map[string]string
}

// pendingDefault is a field default checked once every name is defined, since
// a default may need the fields of a record still being parsed.
type pendingDefault struct {
	field *Field
	path  string
	src   int // the schema of a ParseSet it is in
}

type snapshot struct {
	names    map[string]*Node
	defaults int
}

func (p *parser) snapshot() snapshot {
	names := make(map[string]*Node, len(p.names))
	for k, v := range p.names {
		names[k] = v
	}
	return snapshot{names: names, defaults: len(p.defaults)}
}

func (p *parser) restore(s snapshot) {
	for k := range p.names {
		if s.names[k] == nil {
			delete(p.sameOK, k)
		}
	}
	p.names = s.names
	p.defaults = p.defaults[:s.defaults]
}

func errAt(path, format string, args ...any) error {
	return &Error{Path: path, Msg: fmt.Sprintf(format, args...), Offset: -1}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func index(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// primitive returns the kind a primitive type name stands for.
func primitive(name string) (Kind, bool) {
	switch name {
	case "null":
		return Null, true
	case "boolean":
		return Boolean, true
	case "int":
		return Int, true
	case "long":
		return Long, true
	case "float":
		return Float, true
	case "double":
		return Double, true
	case "bytes":
		return Bytes, true
	case "string":
		return String, true
	}
	return 0, false
}

// parse turns a JSON value into a node; ns is the enclosing namespace.
func (p *parser) parse(v any, path, ns string) (*Node, error) {
	switch v := v.(type) {
	case string:
		return p.reference(v, path, ns)
	case []any:
		return p.union(v, path, ns)
	case MapValue:
		return p.object(v, path, ns)
	}
	return nil, errAt(path, "a schema must be a string, object or array, not %s %s", jsonKind(v), jsonText(v))
}

// reference resolves a type name: a primitive, else a defined name in the
// enclosing namespace, else in the null namespace (as Java does).
func (p *parser) reference(name, path, ns string) (*Node, error) {
	if k, ok := primitive(name); ok {
		return &Node{Kind: k}, nil
	}
	if n := p.lookup(name, ns); n != nil {
		return n, nil
	}
	return nil, unknownType(path, "unknown type name %q", name, ns)
}

// unknownType reports name, used in namespace ns, as not defined.
func unknownType(path, format, name, ns string) error {
	full := name
	if !strings.Contains(name, ".") && ns != "" {
		full = ns + "." + name
	}
	return &Error{Path: path, Msg: fmt.Sprintf(format, name), Offset: -1, Reason: ReasonUnknownType, Name: full}
}

func (p *parser) lookup(name, ns string) *Node {
	if !strings.Contains(name, ".") && ns != "" {
		if n := p.names[ns+"."+name]; n != nil {
			return n
		}
	}
	return p.names[name]
}

func (p *parser) union(arr []any, path, ns string) (*Node, error) {
	n := &Node{Kind: Union, Branches: make([]*Node, 0, len(arr))}
	seen := map[string]int{}
	for i, bv := range arr {
		bp := index(path, i)
		b, err := p.parse(bv, bp, ns)
		if err != nil {
			return nil, err
		}
		if b.Kind == Union {
			return nil, errAt(bp, "a union may not immediately contain another union")
		}
		key := b.Kind.String()
		if b.Kind.Named() {
			key = b.FullName
		}
		if j, dup := seen[key]; dup {
			return nil, errAt(bp, "union repeats %s (also branch %d)", b.TypeName(), j)
		}
		seen[key] = i
		n.Branches = append(n.Branches, b)
	}
	return n, nil
}

func (p *parser) object(obj MapValue, path, ns string) (*Node, error) {
	tv, ok := obj.Get("type")
	if !ok {
		return nil, errAt(path, `missing "type"`)
	}
	t, ok := tv.(string)
	if !ok {
		// {"type": {...}} or {"type": [...]}: a schema wrapped in an object.
		if _, isObj := tv.(MapValue); isObj {
			return p.parse(tv, join(path, "type"), ns)
		}
		if _, isArr := tv.([]any); isArr {
			return p.parse(tv, join(path, "type"), ns)
		}
		return nil, errAt(join(path, "type"), "must be a string, object or array, not %s", jsonKind(tv))
	}
	var n *Node
	var err error
	switch t {
	case "record", "error":
		return p.record(obj, path, ns, t == "error")
	case "enum":
		n, err = p.enum(obj, path, ns)
	case "array":
		n = &Node{Kind: Array}
		n.Items, err = p.child(obj, "items", path, ns)
	case "map":
		n = &Node{Kind: Map}
		n.Values, err = p.child(obj, "values", path, ns)
	case "fixed":
		n, err = p.fixed(obj, path, ns)
	default:
		k, prim := primitive(t)
		if !prim {
			// {"type": "Name"} naming a defined type, which Java also accepts.
			if named := p.lookup(t, ns); named != nil {
				return named, nil
			}
			return nil, unknownType(join(path, "type"), "unknown type %q", t, ns)
		}
		n = &Node{Kind: k}
	}
	if err != nil {
		return nil, err
	}
	logical(n, obj)
	return n, nil
}

func (p *parser) child(obj MapValue, key, path, ns string) (*Node, error) {
	v, ok := obj.Get(key)
	if !ok {
		return nil, errAt(path, "missing %q", key)
	}
	return p.parse(v, join(path, key), ns)
}

// define reads the name, namespace and aliases of a named type and reserves
// the full name, so the type's own fields can refer to it. Under ParseSet,
// a definition the same as an earlier one returns the earlier node, which
// the caller uses instead of n.
func (p *parser) define(n *Node, obj MapValue, path, ns string) (*Node, error) {
	nv, ok := obj.Get("name")
	if !ok {
		return nil, errAt(path, `missing "name"`)
	}
	name, ok := nv.(string)
	if !ok {
		return nil, errAt(join(path, "name"), "must be a string, not %s", jsonKind(nv))
	}
	namespace := ns
	if v, ok := obj.Get("namespace"); ok && v != nil {
		s, ok := v.(string)
		if !ok {
			return nil, errAt(join(path, "namespace"), "must be a string, not %s", jsonKind(v))
		}
		namespace = s
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		namespace, name = name[:i], name[i+1:]
	}
	if !validName(name) {
		return nil, errAt(join(path, "name"), "invalid name %q", name)
	}
	if !validNamespace(namespace) {
		return nil, errAt(join(path, "namespace"), "invalid namespace %q", namespace)
	}
	full := name
	if namespace != "" {
		full = namespace + "." + name
	}
	if _, prim := primitive(full); prim {
		return nil, errAt(join(path, "name"), "a named type may not be called %q, a primitive type", full)
	}
	if old := p.names[full]; old != nil {
		if p.sameOK != nil && p.sameOK[full] == sortedJSON(obj) {
			return old, nil
		}
		return nil, errAt(join(path, "name"), "%q is already defined", full)
	}
	if p.sameOK != nil {
		p.sameOK[full] = sortedJSON(obj)
	}
	n.Name, n.Namespace, n.FullName = name, namespace, full
	aliases, err := aliasList(obj, path, namespace, true)
	if err != nil {
		return nil, err
	}
	n.Aliases = aliases
	n.Doc, _ = docOf(obj)
	p.names[full] = n
	return nil, nil
}

// aliasList reads "aliases". Aliases of named types are resolved to full
// names against the type's namespace; field aliases are plain names.
func aliasList(obj MapValue, path, namespace string, named bool) ([]string, error) {
	v, ok := obj.Get("aliases")
	if !ok || v == nil {
		return nil, nil
	}
	arr, ok := v.([]any)
	if !ok {
		return nil, errAt(join(path, "aliases"), "must be an array of strings, not %s", jsonKind(v))
	}
	out := make([]string, 0, len(arr))
	for i, av := range arr {
		ap := index(join(path, "aliases"), i)
		a, ok := av.(string)
		if !ok {
			return nil, errAt(ap, "must be a string, not %s", jsonKind(av))
		}
		if !named {
			if !validName(a) {
				return nil, errAt(ap, "invalid field alias %q", a)
			}
			out = append(out, a)
			continue
		}
		ans, aname := namespace, a
		if j := strings.LastIndexByte(a, '.'); j >= 0 {
			ans, aname = a[:j], a[j+1:]
		}
		if !validName(aname) || !validNamespace(ans) {
			return nil, errAt(ap, "invalid alias %q", a)
		}
		if ans != "" {
			aname = ans + "." + aname
		}
		out = append(out, aname)
	}
	return out, nil
}

func docOf(obj MapValue) (string, bool) {
	v, ok := obj.Get("doc")
	s, isStr := v.(string)
	return s, ok && isStr
}

func (p *parser) record(obj MapValue, path, ns string, isError bool) (*Node, error) {
	n := &Node{Kind: Record, IsError: isError}
	if old, err := p.define(n, obj, path, ns); err != nil || old != nil {
		return old, err
	}
	fv, ok := obj.Get("fields")
	if !ok {
		return nil, errAt(path, `missing "fields"`)
	}
	arr, ok := fv.([]any)
	if !ok {
		return nil, errAt(join(path, "fields"), "must be an array, not %s", jsonKind(fv))
	}
	n.Fields = make([]*Field, 0, len(arr))
	seen := map[string]bool{}
	for i, v := range arr {
		fp := index(join(path, "fields"), i)
		fobj, ok := v.(MapValue)
		if !ok {
			return nil, errAt(fp, "a field must be an object, not %s", jsonKind(v))
		}
		f, err := p.field(fobj, fp, n.Namespace)
		if err != nil {
			return nil, err
		}
		if seen[f.Name] {
			return nil, &Error{Path: join(fp, "name"), Msg: fmt.Sprintf("duplicate field name %q", f.Name), Offset: -1, Reason: ReasonDuplicateField, Name: f.Name}
		}
		seen[f.Name] = true
		f.Index = i
		n.Fields = append(n.Fields, f)
	}
	return n, nil
}

func (p *parser) field(obj MapValue, path, ns string) (*Field, error) {
	nv, ok := obj.Get("name")
	if !ok {
		return nil, errAt(path, `missing "name"`)
	}
	name, ok := nv.(string)
	if !ok {
		return nil, errAt(join(path, "name"), "must be a string, not %s", jsonKind(nv))
	}
	if !validName(name) {
		return nil, errAt(join(path, "name"), "invalid field name %q", name)
	}
	f := &Field{Name: name, Order: "ascending"}
	t, err := p.child(obj, "type", path, ns)
	if err != nil {
		return nil, err
	}
	f.Type = t
	if f.Aliases, err = aliasList(obj, path, "", false); err != nil {
		return nil, err
	}
	f.Doc, _ = docOf(obj)
	if v, ok := obj.Get("order"); ok {
		s, _ := v.(string)
		switch s {
		case "ascending", "descending", "ignore":
			f.Order = s
		default:
			return nil, errAt(join(path, "order"), `must be "ascending", "descending" or "ignore", not %s`, jsonText(v))
		}
	}
	if v, ok := obj.Get("default"); ok {
		f.Default, f.HasDefault = v, true
		p.defaults = append(p.defaults, pendingDefault{field: f, path: join(path, "default"), src: p.current})
	}
	return f, nil
}

// checkDefaults validates the defaults collected so far by encoding them.
func (p *parser) checkDefaults() error {
	if p.unchecked {
		p.defaults = p.defaults[:0]
		return nil
	}
	for _, d := range p.defaults {
		if _, err := AppendDefault(nil, d.field.Type, d.field.Default); err != nil {
			if p.lenient {
				d.field.Default, d.field.HasDefault = nil, false
				continue
			}
			p.current = d.src
			return errAt(d.path, "invalid default for field %q: %v", d.field.Name, err)
		}
	}
	p.defaults = p.defaults[:0]
	return nil
}

func (p *parser) enum(obj MapValue, path, ns string) (*Node, error) {
	n := &Node{Kind: Enum}
	if old, err := p.define(n, obj, path, ns); err != nil || old != nil {
		return old, err
	}
	sv, ok := obj.Get("symbols")
	if !ok {
		return nil, errAt(path, `missing "symbols"`)
	}
	arr, ok := sv.([]any)
	if !ok {
		return nil, errAt(join(path, "symbols"), "must be an array of strings, not %s", jsonKind(sv))
	}
	n.Symbols = make([]string, 0, len(arr))
	seen := map[string]bool{}
	for i, v := range arr {
		sp := index(join(path, "symbols"), i)
		s, ok := v.(string)
		if !ok {
			return nil, errAt(sp, "must be a string, not %s", jsonKind(v))
		}
		if !validName(s) {
			return nil, errAt(sp, "invalid symbol %q", s)
		}
		if seen[s] {
			return nil, errAt(sp, "duplicate symbol %q", s)
		}
		seen[s] = true
		n.Symbols = append(n.Symbols, s)
	}
	if dv, ok := obj.Get("default"); ok && dv != nil {
		d, ok := dv.(string)
		if !ok || !seen[d] {
			return nil, errAt(join(path, "default"), "enum default %s is not one of the symbols", jsonText(dv))
		}
		n.EnumDefault, n.HasEnumDefault = d, true
	}
	return n, nil
}

func (p *parser) fixed(obj MapValue, path, ns string) (*Node, error) {
	n := &Node{Kind: Fixed}
	if old, err := p.define(n, obj, path, ns); err != nil || old != nil {
		return old, err
	}
	sv, ok := obj.Get("size")
	if !ok {
		return nil, errAt(path, `missing "size"`)
	}
	size, ok := jsonInt(sv)
	if !ok || size < 0 || size > math.MaxInt32 {
		return nil, errAt(join(path, "size"), "must be an integer from 0 to %d, not %s", math.MaxInt32, jsonText(sv))
	}
	n.Size = int(size)
	return n, nil
}

// jsonInt returns a JSON number written as an integer.
func jsonInt(v any) (int64, bool) {
	num, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.ParseInt(string(num), 10, 64)
	return i, err == nil
}

// logical sets the node's logical type when it is valid for the node; the
// specification says an invalid one is ignored.
func logical(n *Node, obj MapValue) {
	v, _ := obj.Get("logicalType")
	lt, _ := v.(string)
	ok := false
	switch lt {
	case LogicalDecimal:
		ok = decimal(n, obj)
	case LogicalUUID:
		ok = n.Kind == String || (n.Kind == Fixed && n.Size == 16)
	case LogicalDate, LogicalTimeMillis:
		ok = n.Kind == Int
	case LogicalTimeMicros, LogicalTimestampMillis, LogicalTimestampMicros, LogicalTimestampNanos,
		LogicalLocalTimestampMillis, LogicalLocalTimestampMicros, LogicalLocalTimestampNanos:
		ok = n.Kind == Long
	case LogicalDuration:
		ok = n.Kind == Fixed && n.Size == 12
	}
	if ok {
		n.Logical = lt
	}
}

func decimal(n *Node, obj MapValue) bool {
	if n.Kind != Bytes && n.Kind != Fixed {
		return false
	}
	pv, _ := obj.Get("precision")
	prec, ok := jsonInt(pv)
	if !ok || prec <= 0 || prec > math.MaxInt32 {
		return false
	}
	var scale int64
	if sv, present := obj.Get("scale"); present {
		if scale, ok = jsonInt(sv); !ok || scale < 0 || scale > prec {
			return false
		}
	}
	if n.Kind == Fixed && prec > int64(maxDecimalPrecision(n.Size)) {
		return false
	}
	n.Precision, n.Scale = int(prec), int(scale)
	return true
}

// maxDecimalPrecision is floor(log10(2^(8*size-1) - 1)), the digits a signed
// fixed of size bytes always holds.
func maxDecimalPrecision(size int) int {
	if size <= 0 {
		return 0
	}
	if size > 1<<12 {
		return math.MaxInt32 // beyond any precision worth checking exactly
	}
	v := new(big.Int).Lsh(big.NewInt(1), uint(8*size-1))
	v.Sub(v, big.NewInt(1))
	return len(v.String()) - 1
}

// validName accepts what Java's parser accepts: a letter or '_' followed by
// letters, digits or '_' (the specification's [A-Za-z_][A-Za-z0-9_]*, with
// Unicode letters and digits, so that registry schemas Java accepted parse).
func validName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i > 0 && unicode.IsDigit(r):
		default:
			return false
		}
	}
	return true
}

func validNamespace(ns string) bool {
	if ns == "" {
		return true
	}
	for _, part := range strings.Split(ns, ".") {
		if !validName(part) {
			return false
		}
	}
	return true
}

// computeMinSizes fills minSize for every node reachable from root. A record
// met again while its own size is being computed counts as 0, which keeps the
// result a lower bound and the walk finite.
func computeMinSizes(root *Node) {
	state := map[*Node]uint8{} // 1: in progress, 2: done
	var walk func(n *Node) int
	walk = func(n *Node) int {
		switch state[n] {
		case 1:
			return 0
		case 2:
			return n.minSize
		}
		state[n] = 1
		size := 0
		switch n.Kind {
		case Null:
		case Boolean, Int, Long, Bytes, String, Enum, Union, Array, Map:
			size = 1 // a byte, varint, length, index or block count
		case Float:
			size = 4
		case Double:
			size = 8
		case Fixed:
			size = n.Size
		case Record:
			for _, f := range n.Fields {
				size += walk(f.Type)
				if size > math.MaxInt32 {
					size = math.MaxInt32
				}
			}
		}
		// Children are walked even when they do not add to the size, so
		// every node gets its own value.
		switch n.Kind {
		case Array:
			walk(n.Items)
		case Map:
			walk(n.Values)
		case Union:
			for _, b := range n.Branches {
				walk(b)
			}
		}
		n.minSize = size
		state[n] = 2
		return size
	}
	walk(root)
}
