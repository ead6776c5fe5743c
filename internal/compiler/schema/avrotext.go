package schema

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/streamc/streamc/internal/runtime/avroschema"
)

// The standalone schema text stored in AvroInfo.Schema: the author's JSON,
// compact and in the author's key order, with every named type it uses
// written out at its first use (so a type from another file travels with
// it) and names qualified the way Avro's Java writer does.

// schemaText writes the standalone schema of t, found at node n.
func (c *avroConv) schemaText(t *avroschema.Node, n *jsonNode) string {
	w := &schemaWriter{p: c.p, done: map[string]bool{}}
	w.write(t, n, "")
	return w.b.String()
}

type schemaWriter struct {
	p    *avroParse
	b    bytes.Buffer
	done map[string]bool // named types already written
}

// write writes t in the enclosing namespace ns.
func (w *schemaWriter) write(t *avroschema.Node, n *jsonNode, ns string) {
	switch {
	case t.Kind.Named():
		w.named(t, w.p.defs[t.FullName], ns)
	case t.Kind == avroschema.Union:
		w.b.WriteByte('[')
		for i, b := range t.Branches {
			if i > 0 {
				w.b.WriteByte(',')
			}
			w.write(b, n.elems[i], ns)
		}
		w.b.WriteByte(']')
	case t.Kind == avroschema.Array:
		w.object(n, "items", func(v *jsonNode) { w.write(t.Items, v, ns) })
	case t.Kind == avroschema.Map:
		w.object(n, "values", func(v *jsonNode) { w.write(t.Values, v, ns) })
	default:
		writeJSON(&w.b, n, false)
	}
}

// object writes object n, with member key written by child.
func (w *schemaWriter) object(n *jsonNode, key string, child func(*jsonNode)) {
	w.b.WriteByte('{')
	for i, m := range n.members {
		if i > 0 {
			w.b.WriteByte(',')
		}
		writeJSONString(&w.b, m.key)
		w.b.WriteByte(':')
		if m.key == key {
			child(m.val)
		} else {
			writeJSON(&w.b, m.val, false)
		}
	}
	w.b.WriteByte('}')
}

func (w *schemaWriter) named(def *avroschema.Node, d *avroDef, ns string) {
	full := d.full
	if w.done[full] {
		if d.ns == ns {
			full = full[strings.LastIndexByte(full, '.')+1:]
		}
		writeJSONString(&w.b, full)
		return
	}
	w.done[full] = true
	rec := def.Kind == avroschema.Record
	members := slices.DeleteFunc(slices.Clone(d.node.members), func(m jsonMember) bool { return m.key == "namespace" })
	w.b.WriteByte('{')
	for i, m := range members {
		if i > 0 {
			w.b.WriteByte(',')
		}
		writeJSONString(&w.b, m.key)
		w.b.WriteByte(':')
		switch {
		case m.key == "name":
			writeJSONString(&w.b, full[strings.LastIndexByte(full, '.')+1:])
			if d.ns != ns {
				w.b.WriteString(`,"namespace":`)
				writeJSONString(&w.b, d.ns)
			}
		case m.key == "fields" && rec:
			w.b.WriteByte('[')
			for j, fn := range m.val.elems {
				if j > 0 {
					w.b.WriteByte(',')
				}
				ft := def.Fields[j].Type
				w.object(fn, "type", func(v *jsonNode) { w.write(ft, v, d.ns) })
			}
			w.b.WriteByte(']')
		default:
			writeJSON(&w.b, m.val, false)
		}
	}
	w.b.WriteByte('}')
}

// writeJSON writes n compactly, its object keys sorted if sorted is set.
func writeJSON(b *bytes.Buffer, n *jsonNode, sorted bool) {
	switch n.kind {
	case jsonObject:
		ms := n.members
		if sorted {
			ms = slices.Clone(ms)
			slices.SortFunc(ms, func(a, b jsonMember) int { return strings.Compare(a.key, b.key) })
		}
		b.WriteByte('{')
		for i, m := range ms {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, m.key)
			b.WriteByte(':')
			writeJSON(b, m.val, sorted)
		}
		b.WriteByte('}')
	case jsonArray:
		b.WriteByte('[')
		for i, e := range n.elems {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, e, sorted)
		}
		b.WriteByte(']')
	case jsonString:
		writeJSONString(b, n.str)
	case jsonNumber:
		b.WriteString(n.str)
	case jsonBool:
		if n.boolean {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	default:
		b.WriteString("null")
	}
}

// writeJSONString quotes s, escaping only what JSON requires.
func writeJSONString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20:
			fmt.Fprintf(b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

// jsonText is n as compact JSON text.
func jsonText(n *jsonNode) string {
	var b bytes.Buffer
	writeJSON(&b, n, false)
	return b.String()
}
