package avroschema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/streamc/streamc/internal/diag"
)

// Error is a schema that cannot be parsed. Path is a JSON path into the
// schema text ("fields[2].type"), empty for the top.
type Error struct {
	Path string
	Msg  string

	// Offset is the byte offset in the schema text of the value at Path
	// (the bad type, name or default; the key, for a misspelt attribute),
	// for callers that report file positions; -1 when the error is not in
	// the text (a reference's).
	Offset int

	// Reason and Name classify some errors, for callers that word their own
	// messages (a registry answering in Confluent's terms, the generator
	// naming the other place in file:line:col).
	Reason Reason
	Name   string
	// Ref is, for ReasonUnknownType, the name as written (Name qualifies it).
	Ref string

	// OtherIndex and OtherOffset are, for ReasonDefinedTwice,
	// ReasonDefinedDifferently and ReasonAliasTaken under ParseSet, the
	// schema and byte offset of the other definition; OtherOffset is -1
	// when unknown.
	OtherIndex  int
	OtherOffset int

	atKey     bool   // Offset is that of the key at Path, not of its value
	ns        string // ReasonUnknownType: the namespace Ref was used in
	otherPath string // the other definition's path, in schema OtherIndex
}

// Reason is what kind of error an Error is, where a caller may need it.
type Reason uint8

const (
	ReasonOther              Reason = iota
	ReasonUnknownType               // Name: the full name the reference stands for in its namespace
	ReasonDuplicateField            // Name: the field's name
	ReasonDefinedTwice              // Name: the full name defined again in one schema
	ReasonDefinedDifferently        // Name: the full name another schema of the set defines otherwise
	ReasonAliasTaken                // Name: the alias, a full name another type has (Options.Strict)
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

	// Strict also refuses what Avro accepts but a project's own schema
	// files should not say, the generator's policy: a known attribute in the
	// wrong case (Avro takes it for a custom property and ignores it), an
	// "error" type (protocols only), a schema wrapped in "type", an empty
	// union (no value has it), a name with letters or digits outside ASCII
	// (the specification's [A-Za-z_][A-Za-z0-9_]*), a "doc" that is not a
	// string, and an alias that is another type's name. Schemas served by a
	// registry are parsed without it: the runtime reads what Java accepted.
	Strict bool
}

// Parse parses schema text.
func Parse(text string) (*Schema, error) { return ParseWith(text, Options{}) }

// ParseWithReferences parses schema text whose named types may be defined in
// refs (see Options.References).
func ParseWithReferences(text string, refs map[string]string) (*Schema, error) {
	return ParseWith(text, Options{References: refs})
}

// ParseWith parses schema text with options. Its error is the first the
// schema has (ParseSet reports them all).
func ParseWith(text string, opts Options) (*Schema, error) {
	p := newParser(opts)
	if err := p.references(opts.References); err != nil {
		return nil, err
	}
	v, err := parseJSON(text)
	if err != nil {
		return nil, &Error{Msg: err.Error(), Offset: -1}
	}
	root, errs := p.parseRoot(v)
	if len(errs) == 0 {
		if err := p.checkDefaults(); err != nil {
			errs = append(errs, err.(*Error))
		}
	}
	if len(errs) > 0 {
		return nil, locate(errs[0], text)
	}
	return p.schema(root, text)
}

// Names returns the full names text defines, sorted, as far as it can be
// read: names it uses but does not define do not stop it (another schema
// may define them), and names defined before an error are listed.
func Names(text string) []string {
	v, err := parseJSON(text)
	if err != nil {
		return nil
	}
	p := newParser(Options{UncheckedDefaults: true})
	p.parseRoot(v)
	names := make([]string, 0, len(p.names))
	for n := range p.names {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// parseRoot parses a schema, reporting every error it finds rather than
// the first: a field, symbol or union branch that is wrong is left out and
// the rest is read on.
func (p *parser) parseRoot(v any) (*Node, []*Error) {
	p.errs = nil
	root, err := p.parse(v, "", "")
	p.report(err)
	if p.sameOK == nil { // ParseSet checks aliases once every schema is read
		p.checkAliases(func(_ int, e *Error) { p.errs = append(p.errs, e) })
	}
	errs := p.errs
	p.errs = nil
	if len(errs) > 0 {
		return nil, errs
	}
	return root, nil
}

// report records err, if any, as one of the schema's errors.
func (p *parser) report(err error) {
	if err == nil {
		return
	}
	e, ok := err.(*Error)
	if !ok {
		e = &Error{Msg: err.Error(), Offset: -1}
	}
	p.errs = append(p.errs, e)
}

func newParser(opts Options) *parser {
	return &parser{names: map[string]*Node{}, origin: map[string]origin{},
		lenient: opts.LenientDefaults, unchecked: opts.UncheckedDefaults, strict: opts.Strict}
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
func locate(e *Error, text string) *Error {
	e.Offset = offsetOf(text, e.Path, e.atKey)
	return e
}

// SetError is an error in one schema of a set given to ParseSet.
type SetError struct {
	Index int // of the schema in the set
	Err   error
}

func (e *SetError) Error() string { return e.Err.Error() }
func (e *SetError) Unwrap() error { return e.Err }

// SetErrors are the errors ParseSet found, by schema and then in the order
// met (errors.As finds the first).
type SetErrors []*SetError

func (e SetErrors) Error() string {
	msgs := make([]string, len(e))
	for i, se := range e {
		msgs[i] = se.Error()
	}
	return strings.Join(msgs, "\n")
}

func (e SetErrors) Unwrap() []error {
	out := make([]error, len(e))
	for i, se := range e {
		out[i] = se
	}
	return out
}

// ParseSet parses schemas that may use each other's named types, in any
// order, as the files of one project do; it returns them in the order
// given. A named type may be defined in several of them if the definitions
// are the same JSON, keys in any order (registry schemas inline every type
// they use); within one schema a name is defined once. Errors are
// SetErrors, every error of every schema.
func ParseSet(texts []string, opts Options) ([]*Schema, error) {
	p := newParser(opts)
	p.sameOK = map[string]string{}
	roots := make([]*Node, len(texts))
	values := make([]any, len(texts))
	pending := make([]int, 0, len(texts))
	var errs SetErrors
	add := func(i int, e *Error) {
		switch e.Reason {
		case ReasonDefinedTwice, ReasonDefinedDifferently, ReasonAliasTaken:
			if e.OtherIndex >= 0 && e.OtherIndex < len(texts) {
				e.OtherOffset = offsetOf(texts[e.OtherIndex], e.otherPath, false)
			}
		}
		errs = append(errs, &SetError{Index: i, Err: locate(e, texts[i])})
	}
	for i, text := range texts {
		v, err := parseJSON(text)
		if err != nil {
			errs = append(errs, &SetError{Index: i, Err: &Error{Msg: err.Error(), Offset: -1}})
			continue
		}
		values[i] = v
		pending = append(pending, i)
	}
	// A schema that uses a type defined in one not yet parsed is retried
	// after the others, until a round parses nothing new. One with other
	// errors is not: its errors stand, and the names it defines stay
	// defined so that the others do not report them unknown.
	failed := map[int][]*Error{}
	for len(pending) > 0 {
		var retry []int
		last := map[int][]*Error{}
		for _, i := range pending {
			p.current = i
			saved := p.snapshot()
			root, es := p.parseRoot(values[i])
			if len(es) == 0 {
				roots[i] = root
				continue
			}
			if slices.ContainsFunc(es, func(e *Error) bool { return e.Reason != ReasonUnknownType }) {
				failed[i] = es
				continue
			}
			p.restore(saved)
			retry = append(retry, i)
			last[i] = es
		}
		if len(retry) == len(pending) {
			for _, i := range retry {
				failed[i] = last[i]
			}
			break
		}
		pending = retry
	}
	p.checkAliases(func(i int, e *Error) {
		if roots[i] != nil {
			failed[i] = append(failed[i], e)
		}
	})
	for i := range texts {
		for _, e := range failed[i] {
			// A name a failed schema did not find may be defined by now.
			if e.Reason == ReasonUnknownType && p.lookup(e.Ref, e.ns) != nil {
				continue
			}
			add(i, e)
		}
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b *SetError) int { return a.Index - b.Index })
		return nil, errs
	}
	if err := p.checkDefaults(); err != nil {
		i := p.current // checkDefaults left it at the failing default's schema
		add(i, err.(*Error))
		return nil, errs
	}
	out := make([]*Schema, len(texts))
	for i, root := range roots {
		s, err := p.schema(root, texts[i])
		if err != nil {
			return nil, SetErrors{{Index: i, Err: err}}
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
			if _, errs := p.parseRoot(v); len(errs) > 0 {
				p.restore(saved)
				retry = append(retry, k)
				if firstErr == nil {
					firstErr = fmt.Errorf("reference %q: %w", k, errs[0])
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
	strict    bool
	defaults  []pendingDefault
	current   int // the schema of a ParseSet being parsed
	// sameOK, for ParseSet, holds the JSON text of each named type's
	// definition, so that the same definition met again is the same type.
	sameOK map[string]string
	// origin is where each name is defined, for messages.
	origin map[string]origin
	// aliases are the named types' aliases met, checked once every name
	// is defined (Options.Strict).
	aliases []aliasUse
	errs    []*Error // of the schema being parsed
}

// origin is where a named type is defined: the schema and the path of its
// object.
type origin struct {
	index int
	path  string
}

type aliasUse struct {
	node  *Node
	alias string // full name
	path  string
	index int
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
	aliases  int
}

func (p *parser) snapshot() snapshot {
	names := make(map[string]*Node, len(p.names))
	for k, v := range p.names {
		names[k] = v
	}
	return snapshot{names: names, defaults: len(p.defaults), aliases: len(p.aliases)}
}

func (p *parser) restore(s snapshot) {
	for k := range p.names {
		if s.names[k] == nil {
			delete(p.sameOK, k)
			delete(p.origin, k)
		}
	}
	p.names = s.names
	p.defaults = p.defaults[:s.defaults]
	p.aliases = p.aliases[:s.aliases]
}

func errAt(path, format string, args ...any) *Error {
	return &Error{Path: path, Msg: fmt.Sprintf(format, args...), Offset: -1, OtherIndex: -1, OtherOffset: -1}
}

// describe names a JSON value for messages: a string as written, else its
// kind.
func describe(v any) string {
	if s, ok := v.(string); ok {
		return strconv.Quote(s)
	}
	return jsonKind(v)
}

// The attributes each kind of schema object knows, for Options.Strict.
var (
	recordAttrs    = []string{"type", "name", "namespace", "doc", "aliases", "fields"}
	fieldAttrs     = []string{"name", "type", "doc", "default", "aliases", "order"}
	enumAttrs      = []string{"type", "name", "namespace", "doc", "aliases", "symbols", "default"}
	fixedAttrs     = []string{"type", "name", "namespace", "doc", "aliases", "size", "logicalType", "precision", "scale"}
	arrayAttrs     = []string{"type", "items", "default"}
	mapAttrs       = []string{"type", "values", "default"}
	primitiveAttrs = []string{"type", "logicalType", "precision", "scale"}
)

// attrs reports, under Options.Strict, known attributes written in the
// wrong case: other keys are custom properties, which Avro allows, but
// Avro ignores a misspelt attribute, so that is always a typo.
func (p *parser) attrs(obj MapValue, path string, known []string) {
	if !p.strict {
		return
	}
	for _, m := range obj {
		if slices.Contains(known, m.Key) {
			continue
		}
		for _, k := range known {
			if strings.EqualFold(k, m.Key) {
				e := errAt(join(path, m.Key), "unknown attribute %q; did you mean %q? (Avro attributes are case-sensitive)", m.Key, k)
				e.atKey = true
				p.errs = append(p.errs, e)
			}
		}
	}
}

// doc reads "doc"; under Options.Strict it must be a string.
func (p *parser) doc(obj MapValue, path string) string {
	v, ok := obj.Get("doc")
	s, isStr := v.(string)
	if ok && !isStr && p.strict {
		p.report(errAt(join(path, "doc"), `"doc" must be a string, found %s`, jsonKind(v)))
	}
	return s
}

// checkAliases reports, under Options.Strict, each alias that is the name
// of another type (the alias would stand for two types) to fn, with the
// schema it is in.
func (p *parser) checkAliases(fn func(index int, e *Error)) {
	if !p.strict {
		return
	}
	for _, a := range p.aliases {
		if other := p.names[a.alias]; other != nil && other != a.node {
			e := errAt(a.path, "alias %q of %s names another type", a.alias, a.node.FullName)
			e.Reason, e.Name = ReasonAliasTaken, a.alias
			if o, ok := p.origin[a.alias]; ok {
				e.OtherIndex, e.otherPath = o.index, o.path
			}
			fn(a.index, e)
		}
	}
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
	return nil, errAt(path, "expected a schema (a type name, an object or a union array), found %s", jsonKind(v))
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
	return nil, p.unknownType(path, name, ns)
}

var primitiveNames = []string{"null", "boolean", "int", "long", "float", "double", "bytes", "string"}

// unknownType reports name, used in namespace ns, as not defined, with the
// defined name (full or short) or primitive it is closest to.
func (p *parser) unknownType(path, name, ns string) *Error {
	full := name
	if !strings.Contains(name, ".") && ns != "" {
		full = ns + "." + name
	}
	candidates := slices.Clone(primitiveNames)
	for n := range p.names {
		candidates = append(candidates, n)
		if i := strings.LastIndexByte(n, '.'); i >= 0 {
			candidates = append(candidates, n[i+1:])
		}
	}
	slices.Sort(candidates)
	e := errAt(path, "unknown type %q%s", name, diag.DidYouMean(name, candidates))
	e.Reason, e.Name, e.Ref, e.ns = ReasonUnknownType, full, name, ns
	return e
}

func (p *parser) lookup(name, ns string) *Node {
	if !strings.Contains(name, ".") && ns != "" {
		if n := p.names[ns+"."+name]; n != nil {
			return n
		}
	}
	return p.names[name]
}

// union reads a union; a branch in error is reported and left out.
func (p *parser) union(arr []any, path, ns string) (*Node, error) {
	n := &Node{Kind: Union, Branches: make([]*Node, 0, len(arr))}
	if len(arr) == 0 && p.strict {
		p.report(errAt(path, "empty union"))
	}
	seen := map[string]int{}
	for i, bv := range arr {
		bp := index(path, i)
		if _, nested := bv.([]any); nested {
			p.report(errAt(bp, "a union cannot directly contain another union"))
			continue
		}
		b, err := p.parse(bv, bp, ns)
		if err != nil {
			p.report(err)
			continue
		}
		key := b.Kind.String()
		if b.Kind.Named() {
			key = b.FullName
		}
		if _, dup := seen[key]; dup {
			p.report(errAt(bp, "union has two branches of type %s", key))
			continue
		}
		seen[key] = i
		n.Branches = append(n.Branches, b)
	}
	return n, nil
}

func (p *parser) object(obj MapValue, path, ns string) (*Node, error) {
	tv, ok := obj.Get("type")
	if !ok {
		return nil, errAt(path, `schema object is missing "type"`)
	}
	t, ok := tv.(string)
	if !ok {
		_, isObj := tv.(MapValue)
		_, isArr := tv.([]any)
		if (isObj || isArr) && !p.strict {
			// {"type": {...}} or {"type": [...]}: a schema wrapped in an
			// object, which Java also accepts.
			return p.parse(tv, join(path, "type"), ns)
		}
		return nil, errAt(join(path, "type"), `"type" of a schema object must be a type name, found %s`, jsonKind(tv))
	}
	var n *Node
	var err error
	switch t {
	case "record", "error":
		if t == "error" && p.strict {
			p.report(errAt(join(path, "type"), `"error" types belong to Avro protocols; use "record"`))
		}
		p.attrs(obj, path, recordAttrs)
		return p.record(obj, path, ns, t == "error")
	case "enum":
		p.attrs(obj, path, enumAttrs)
		n, err = p.enum(obj, path, ns)
	case "array":
		p.attrs(obj, path, arrayAttrs)
		n = &Node{Kind: Array}
		n.Items, err = p.child(obj, "array schema", "items", path, ns)
	case "map":
		p.attrs(obj, path, mapAttrs)
		n = &Node{Kind: Map}
		n.Values, err = p.child(obj, "map schema", "values", path, ns)
	case "fixed":
		p.attrs(obj, path, fixedAttrs)
		n, err = p.fixed(obj, path, ns)
	default:
		k, prim := primitive(t)
		if !prim {
			// {"type": "Name"} naming a defined type, which Java also accepts.
			if named := p.lookup(t, ns); named != nil {
				return named, nil
			}
			return nil, p.unknownType(join(path, "type"), t, ns)
		}
		p.attrs(obj, path, primitiveAttrs)
		n = &Node{Kind: k}
	}
	if err != nil {
		return nil, err
	}
	logical(n, obj)
	return n, nil
}

// child parses member key of obj, a what ("array schema").
func (p *parser) child(obj MapValue, what, key, path, ns string) (*Node, error) {
	v, ok := obj.Get(key)
	if !ok {
		return nil, errAt(path, "%s is missing %q", what, key)
	}
	return p.parse(v, join(path, key), ns)
}

// validName is the Avro name rule the parser applies: the specification's
// ASCII one under Options.Strict, else Java's (see validName).
func (p *parser) validName(s string) bool {
	if p.strict {
		return asciiName(s)
	}
	return validName(s)
}

func (p *parser) validNamespace(ns string) bool {
	if ns == "" {
		return true
	}
	for _, part := range strings.Split(ns, ".") {
		if !p.validName(part) {
			return false
		}
	}
	return true
}

const nameRule = "names start with a letter or _ and hold only letters, digits and _"

// define reads the name, namespace and aliases of a named type and reserves
// the full name, so the type's own fields can refer to it. Under ParseSet,
// a definition the same as one in another schema returns the earlier node,
// which the caller uses instead of n.
func (p *parser) define(n *Node, obj MapValue, path, ns string) (*Node, error) {
	what := n.Kind.String() + " schema"
	nv, ok := obj.Get("name")
	if !ok {
		return nil, errAt(path, "%s is missing \"name\"", what)
	}
	name, ok := nv.(string)
	if !ok {
		return nil, errAt(join(path, "name"), `"name" must be a string, found %s`, jsonKind(nv))
	}
	namespace := ns
	nsPath := join(path, "namespace")
	if v, ok := obj.Get("namespace"); ok && v != nil {
		s, ok := v.(string)
		if !ok {
			return nil, errAt(nsPath, `"namespace" must be a string, found %s`, jsonKind(v))
		}
		namespace = s
	}
	simple := name
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		namespace, simple = name[:i], name[i+1:]
		nsPath = join(path, "name")
	}
	if !p.validName(simple) {
		return nil, errAt(join(path, "name"), "invalid name %q: %s", name, nameRule)
	}
	if !p.validNamespace(namespace) {
		return nil, errAt(nsPath, "invalid namespace %q", namespace)
	}
	full := simple
	if namespace != "" {
		full = namespace + "." + simple
	}
	if _, prim := primitive(full); prim {
		return nil, errAt(join(path, "name"), "%q is a primitive type and cannot be redefined", full)
	}
	if old := p.names[full]; old != nil {
		o := p.origin[full]
		if p.sameOK != nil && o.index != p.current && p.sameOK[full] == sortedJSON(obj) {
			return old, nil
		}
		e := errAt(join(path, "name"), "%s is defined twice", full)
		e.Reason, e.Name = ReasonDefinedTwice, full
		if p.sameOK != nil {
			e.OtherIndex, e.otherPath = o.index, o.path
			if o.index != p.current {
				e.Reason, e.Msg = ReasonDefinedDifferently, full+" is defined differently in another schema"
			}
		}
		return nil, e
	}
	if p.sameOK != nil {
		p.sameOK[full] = sortedJSON(obj)
	}
	p.origin[full] = origin{index: p.current, path: path}
	n.Name, n.Namespace, n.FullName = simple, namespace, full
	aliases, err := p.aliasList(obj, path, namespace, true)
	if err != nil {
		return nil, err
	}
	n.Aliases = aliases
	for i, a := range aliases {
		p.aliases = append(p.aliases, aliasUse{node: n, alias: a, path: index(join(path, "aliases"), i), index: p.current})
	}
	n.Doc = p.doc(obj, path)
	p.names[full] = n
	return nil, nil
}

// aliasList reads "aliases". Aliases of named types are resolved to full
// names against the type's namespace; field aliases are plain names.
func (p *parser) aliasList(obj MapValue, path, namespace string, named bool) ([]string, error) {
	v, ok := obj.Get("aliases")
	if !ok || v == nil {
		return nil, nil
	}
	arr, ok := v.([]any)
	if !ok {
		return nil, errAt(join(path, "aliases"), `"aliases" must be an array of names, found %s`, jsonKind(v))
	}
	out := make([]string, 0, len(arr))
	for i, av := range arr {
		ap := index(join(path, "aliases"), i)
		a, ok := av.(string)
		if !named {
			if !ok || !p.validName(a) {
				return nil, errAt(ap, "a field alias must be a name, found %s", describe(av))
			}
			out = append(out, a)
			continue
		}
		ans, aname := namespace, a
		if j := strings.LastIndexByte(a, '.'); j >= 0 {
			ans, aname = a[:j], a[j+1:]
		}
		if !ok || !p.validName(aname) || !p.validNamespace(ans) {
			return nil, errAt(ap, "an alias must be a name, found %s", describe(av))
		}
		if ans != "" {
			aname = ans + "." + aname
		}
		out = append(out, aname)
	}
	return out, nil
}

// record reads a record; a field in error is reported and left out.
func (p *parser) record(obj MapValue, path, ns string, isError bool) (*Node, error) {
	n := &Node{Kind: Record, IsError: isError}
	if old, err := p.define(n, obj, path, ns); err != nil || old != nil {
		return old, err
	}
	fv, ok := obj.Get("fields")
	if !ok {
		return nil, errAt(path, `record schema is missing "fields"`)
	}
	arr, ok := fv.([]any)
	if !ok {
		return nil, errAt(join(path, "fields"), `"fields" must be an array, found %s`, jsonKind(fv))
	}
	n.Fields = make([]*Field, 0, len(arr))
	seen := map[string]bool{}
	for i, v := range arr {
		fp := index(join(path, "fields"), i)
		fobj, ok := v.(MapValue)
		if !ok {
			p.report(errAt(fp, "a record field must be an object, found %s", jsonKind(v)))
			continue
		}
		f, err := p.field(fobj, fp, n.Namespace)
		if err != nil {
			p.report(err)
			continue
		}
		if seen[f.Name] {
			e := errAt(join(fp, "name"), "duplicate field name %q", f.Name)
			e.Reason, e.Name = ReasonDuplicateField, f.Name
			p.report(e)
			continue
		}
		seen[f.Name] = true
		f.Index = len(n.Fields)
		n.Fields = append(n.Fields, f)
	}
	return n, nil
}

func (p *parser) field(obj MapValue, path, ns string) (*Field, error) {
	p.attrs(obj, path, fieldAttrs)
	nv, ok := obj.Get("name")
	if !ok {
		return nil, errAt(path, `record field is missing "name"`)
	}
	name, ok := nv.(string)
	if !ok {
		return nil, errAt(join(path, "name"), `"name" must be a string, found %s`, jsonKind(nv))
	}
	if !p.validName(name) {
		return nil, errAt(join(path, "name"), "invalid field name %q: %s", name, nameRule)
	}
	f := &Field{Name: name, Order: "ascending"}
	t, err := p.child(obj, "record field", "type", path, ns)
	if err != nil {
		return nil, err
	}
	f.Type = t
	if f.Aliases, err = p.aliasList(obj, path, "", false); err != nil {
		return nil, err
	}
	f.Doc = p.doc(obj, path)
	if v, ok := obj.Get("order"); ok {
		s, _ := v.(string)
		switch s {
		case "ascending", "descending", "ignore":
			f.Order = s
		default:
			return nil, errAt(join(path, "order"), `"order" must be "ascending", "descending" or "ignore", found %s`, jsonText(v))
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
		return nil, errAt(path, `enum schema is missing "symbols"`)
	}
	arr, ok := sv.([]any)
	if !ok {
		return nil, errAt(join(path, "symbols"), `"symbols" must be an array of names, found %s`, jsonKind(sv))
	}
	n.Symbols = make([]string, 0, len(arr))
	seen := map[string]bool{}
	for i, v := range arr {
		sp := index(join(path, "symbols"), i)
		s, ok := v.(string)
		switch {
		case !ok || !p.validName(s):
			p.report(errAt(sp, "an enum symbol must be a name, found %s", describe(v)))
		case seen[s]:
			p.report(errAt(sp, "duplicate enum symbol %q", s))
		default:
			seen[s] = true
			n.Symbols = append(n.Symbols, s)
		}
	}
	if dv, ok := obj.Get("default"); ok && dv != nil {
		d, ok := dv.(string)
		if !ok || !seen[d] {
			p.report(errAt(join(path, "default"), "enum default %s is not one of its symbols%s", jsonText(dv), diag.DidYouMean(d, n.Symbols)))
		} else {
			n.EnumDefault, n.HasEnumDefault = d, true
		}
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
		return nil, errAt(path, `fixed schema is missing "size"`)
	}
	size, ok := jsonInt(sv)
	if !ok || size < 0 || size > math.MaxInt32 {
		return nil, errAt(join(path, "size"), `fixed "size" must be an integer from 0 to %d, found %s`, math.MaxInt32, jsonText(sv))
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

// ValidName reports whether s is a name by the specification's rule,
// [A-Za-z_][A-Za-z0-9_]*, which every Avro implementation accepts.
func ValidName(s string) bool { return asciiName(s) }

// asciiName is the specification's rule: [A-Za-z_][A-Za-z0-9_]*.
func asciiName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && '0' <= c && c <= '9':
		default:
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
