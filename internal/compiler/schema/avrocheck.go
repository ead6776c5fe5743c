package schema

import (
	"fmt"
	"slices"
	"strings"

	"github.com/streamc/streamc/internal/diag"
)

// The structural check of .avsc files, before internal/runtime/avroschema parses
// them: it reports, with positions and did-you-mean hints, what the parser
// would reject and the typos it would accept silently, and
// indexes where each named type is defined.

// The attributes each kind of schema object knows. Other keys are custom
// properties, which Avro allows; only a known attribute in the wrong case is
// reported, because Avro ignores it and that is always a typo.
var (
	recordAttrs    = []string{"type", "name", "namespace", "doc", "aliases", "fields"}
	fieldAttrs     = []string{"name", "type", "doc", "default", "aliases", "order"}
	enumAttrs      = []string{"type", "name", "namespace", "doc", "aliases", "symbols", "default"}
	fixedAttrs     = []string{"type", "name", "namespace", "doc", "aliases", "size", "logicalType", "precision", "scale"}
	arrayAttrs     = []string{"type", "items", "default"}
	mapAttrs       = []string{"type", "values", "default"}
	primitiveAttrs = []string{"type", "logicalType", "precision", "scale"}
)

// walk checks schema n, whose enclosing namespace is ns.
func (p *avroParse) walk(f *avroFile, n *jsonNode, ns string) {
	switch n.kind {
	case jsonString:
		if !isAvroPrimitive(n.str) {
			p.refs = append(p.refs, avroRef{file: f, node: n, name: n.str, ns: ns})
		}
	case jsonArray:
		p.unions = append(p.unions, avroUnion{f, n, ns})
		if len(n.elems) == 0 {
			p.errorf(f, n.off, "empty union")
		}
		for _, b := range n.elems {
			if b.kind == jsonArray {
				p.errorf(f, b.off, "a union cannot directly contain another union")
				continue
			}
			p.walk(f, b, ns)
		}
	case jsonObject:
		p.object(f, n, ns)
	default:
		p.errorf(f, n.off, "expected a schema (a type name, an object or a union array), found %s", n.kind)
	}
}

func (p *avroParse) object(f *avroFile, n *jsonNode, ns string) {
	tn := n.get("type")
	if tn == nil {
		p.errorf(f, n.off, "schema object is missing \"type\"")
		return
	}
	if tn.kind != jsonString {
		p.errorf(f, tn.off, "\"type\" of a schema object must be a type name, found %s", tn.kind)
		return
	}
	switch tn.str {
	case "record":
		p.record(f, n, ns)
	case "error":
		p.errorf(f, tn.off, "\"error\" types belong to Avro protocols; use \"record\"")
	case "enum":
		p.enum(f, n, ns)
	case "fixed":
		p.attrs(f, n, fixedAttrs)
		p.define(f, n, ns)
		if size := p.member(f, n, "fixed schema", "size", jsonNumber, true); size != nil && !isJSONInt(size, 0, 1<<31-1) {
			p.errorf(f, size.off, "fixed \"size\" must be a non-negative integer, found %s", size.str)
		}
	case "array", "map":
		key, attrs := "items", arrayAttrs
		if tn.str == "map" {
			key, attrs = "values", mapAttrs
		}
		p.attrs(f, n, attrs)
		if v := n.get(key); v == nil {
			p.errorf(f, n.off, "%s schema is missing %q", tn.str, key)
		} else {
			p.walk(f, v, ns)
		}
	default:
		if isAvroPrimitive(tn.str) {
			p.attrs(f, n, primitiveAttrs)
			return
		}
		// {"type": "com.example.Name"} refers to a named type.
		p.refs = append(p.refs, avroRef{file: f, node: tn, name: tn.str, ns: ns})
	}
}

// attrs reports known attributes written in the wrong case.
func (p *avroParse) attrs(f *avroFile, n *jsonNode, known []string) {
	for _, m := range n.members {
		if slices.Contains(known, m.key) {
			continue
		}
		for _, k := range known {
			if strings.EqualFold(k, m.key) {
				p.errorf(f, m.keyOff, "unknown attribute %q; did you mean %q? (Avro attributes are case-sensitive)", m.key, k)
			}
		}
	}
}

// member returns n[key] if it has the wanted kind, reporting it otherwise.
func (p *avroParse) member(f *avroFile, n *jsonNode, what, key string, kind jsonKind, required bool) *jsonNode {
	v := n.get(key)
	switch {
	case v == nil:
		if required {
			p.errorf(f, n.off, "%s is missing %q", what, key)
		}
		return nil
	case v.kind != kind:
		p.errorf(f, v.off, "%q must be a %s, found %s", key, kind, v.kind)
		return nil
	}
	return v
}

// isJSONInt reports whether n is an integer literal in [lo, hi].
func isJSONInt(n *jsonNode, lo, hi int64) bool {
	v, ok := jsonInt(n)
	return ok && v >= lo && v <= hi
}

// define checks the name of a record, enum or fixed at n and indexes it. It
// returns the namespace names inside it are qualified with.
func (p *avroParse) define(f *avroFile, n *jsonNode, ns string) string {
	what := n.get("type").str + " schema"
	nameNode := p.member(f, n, what, "name", jsonString, true)
	nsNode := p.member(f, n, what, "namespace", jsonString, false)
	if nameNode == nil {
		return ns
	}
	name := nameNode.str
	if !validAvroName(name) {
		p.errorf(f, nameNode.off, "invalid name %q: names start with a letter or _ and hold only letters, digits and _", name)
		return ns
	}
	if nsNode != nil && !strings.Contains(name, ".") {
		if nsNode.str != "" && !validAvroName(nsNode.str) {
			p.errorf(f, nsNode.off, "invalid namespace %q", nsNode.str)
			return ns
		}
		ns = nsNode.str
	}
	full := fullName(name, ns)
	if i := strings.LastIndexByte(full, '.'); i >= 0 {
		ns = full[:i]
	} else {
		ns = ""
	}
	if isAvroPrimitive(full) {
		p.errorf(f, nameNode.off, "%q is a primitive type and cannot be redefined", full)
		return ns
	}
	p.nodeName[n] = full
	d := &avroDef{full: full, ns: ns, file: f, node: n}
	if old := p.defs[full]; old != nil {
		switch {
		case old.file == f:
			p.errorf(f, nameNode.off, "%s is defined twice (first at %s)", full, lineCol(old))
		case canonicalJSON(old.node) != canonicalJSON(n):
			p.errorf(f, nameNode.off, "%s is defined differently in %s", full, old.file.src.pos(old.node.off))
		}
		return ns
	}
	p.defs[full] = d
	if al := p.member(f, n, what, "aliases", jsonArray, false); al != nil {
		for _, a := range al.elems {
			if a.kind != jsonString || !validAvroName(a.str) {
				p.errorf(f, a.off, "an alias must be a name, found %s", describeAvro(a))
				continue
			}
			p.aliases = append(p.aliases, avroRef{file: f, node: a, name: a.str, ns: ns, def: d})
		}
	}
	if doc := n.get("doc"); doc != nil && doc.kind != jsonString {
		p.errorf(f, doc.off, "\"doc\" must be a string, found %s", doc.kind)
	}
	return ns
}

func lineCol(d *avroDef) string {
	pos := d.file.src.pos(d.node.off)
	return fmt.Sprintf("%d:%d", pos.Line, pos.Column)
}

func (p *avroParse) record(f *avroFile, n *jsonNode, ns string) {
	p.attrs(f, n, recordAttrs)
	inner := p.define(f, n, ns)
	fields := p.member(f, n, "record schema", "fields", jsonArray, true)
	if fields == nil {
		return
	}
	seen := map[string]*jsonNode{}
	for _, fn := range fields.elems {
		if fn.kind != jsonObject {
			p.errorf(f, fn.off, "a record field must be an object, found %s", fn.kind)
			continue
		}
		p.attrs(f, fn, fieldAttrs)
		name := p.member(f, fn, "record field", "name", jsonString, true)
		if name != nil {
			if !avroNameRE.MatchString(name.str) {
				p.errorf(f, name.off, "invalid field name %q: names start with a letter or _ and hold only letters, digits and _", name.str)
			} else if seen[name.str] != nil {
				p.errorf(f, name.off, "duplicate field %q", name.str)
			}
			seen[name.str] = name
		}
		if t := fn.get("type"); t == nil {
			p.errorf(f, fn.off, "record field is missing \"type\"")
		} else {
			p.walk(f, t, inner)
		}
		if al := p.member(f, fn, "record field", "aliases", jsonArray, false); al != nil {
			for _, a := range al.elems {
				if a.kind != jsonString || !avroNameRE.MatchString(a.str) {
					p.errorf(f, a.off, "a field alias must be a name, found %s", describeAvro(a))
				}
			}
		}
		if o := p.member(f, fn, "record field", "order", jsonString, false); o != nil &&
			!slices.Contains([]string{"ascending", "descending", "ignore"}, o.str) {
			p.errorf(f, o.off, "\"order\" must be \"ascending\", \"descending\" or \"ignore\", found %q", o.str)
		}
		if doc := fn.get("doc"); doc != nil && doc.kind != jsonString {
			p.errorf(f, doc.off, "\"doc\" must be a string, found %s", doc.kind)
		}
	}
}

func (p *avroParse) enum(f *avroFile, n *jsonNode, ns string) {
	p.attrs(f, n, enumAttrs)
	p.define(f, n, ns)
	syms := p.member(f, n, "enum schema", "symbols", jsonArray, true)
	if syms == nil {
		return
	}
	seen := map[string]bool{}
	for _, s := range syms.elems {
		switch {
		case s.kind != jsonString || !avroNameRE.MatchString(s.str):
			p.errorf(f, s.off, "an enum symbol must be a name, found %s", describeAvro(s))
		case seen[s.str]:
			p.errorf(f, s.off, "duplicate enum symbol %q", s.str)
		}
		seen[s.str] = true
	}
	if d := p.member(f, n, "enum schema", "default", jsonString, false); d != nil && !seen[d.str] {
		var symbols []string
		for _, s := range syms.elems {
			symbols = append(symbols, s.str)
		}
		p.errorf(f, d.off, "enum default %q is not one of its symbols%s", d.str, diag.DidYouMean(d.str, symbols))
	}
}

// link checks what needs every file indexed: type references, aliases and
// union branches.
func (p *avroParse) link() {
	for _, r := range p.refs {
		if d := p.resolve(r.name, r.ns); d != nil {
			p.refTarget[r.node] = d.full
		} else {
			hint := ""
			if p.unknownHint != nil {
				hint = p.unknownHint(r.name)
			}
			p.errorf(r.file, r.node.off, "unknown type %q%s%s", r.name, diag.DidYouMean(r.name, p.typeNames()), hint)
		}
	}
	for _, a := range p.aliases {
		full := fullName(a.name, a.ns)
		if d := p.defs[full]; d != nil && d != a.def {
			p.errorf(a.file, a.node.off, "alias %q of %s names the type defined at %s", a.name, a.def.full, d.file.src.pos(d.node.off))
		}
	}
	for _, u := range p.unions {
		seen := map[string]bool{}
		for _, b := range u.node.elems {
			key := p.branchKey(b, u.ns)
			if key == "" {
				continue
			}
			if seen[key] {
				p.errorf(u.file, b.off, "union has two branches of type %s", key)
			}
			seen[key] = true
		}
	}
}

// branchKey is what makes union branches distinct: the type, or the full
// name of a named type. "" when unknown (an error was reported).
func (p *avroParse) branchKey(b *jsonNode, ns string) string {
	name := ""
	switch b.kind {
	case jsonString:
		name = b.str
	case jsonObject:
		if full, ok := p.nodeName[b]; ok {
			return full
		}
		if t := b.get("type"); t != nil && t.kind == jsonString {
			name = t.str
		}
	}
	if name == "" || isAvroPrimitive(name) || name == "array" || name == "map" {
		return name
	}
	if d := p.resolve(name, ns); d != nil {
		return d.full
	}
	return ""
}

// typeNames lists the names a reference could have meant.
func (p *avroParse) typeNames() []string {
	names := slices.Clone(avroPrimitives)
	for full := range p.defs {
		names = append(names, full)
		if i := strings.LastIndexByte(full, '.'); i >= 0 {
			names = append(names, full[i+1:])
		}
	}
	slices.Sort(names)
	return names
}
