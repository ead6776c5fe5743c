package schema

import (
	"fmt"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/runtime/avroschema"
)

// Conversion of internal/runtime/avroschema's resolved nodes to the Spark model,
// following Spark's SchemaConverters.toSqlType. The nodes are walked
// together with the JSON node each came from, for positions and exact text.

type avroConv struct {
	p     *avroParse
	named map[string]*Type
	// canonical marks the one *Type of each named type; uses that need
	// their own AvroInfo copy it (see perUse).
	canonical map[*Type]bool
}

func (p *avroParse) convert() (*AvroSet, error) {
	c := &avroConv{p: p, named: map[string]*Type{}, canonical: map[*Type]bool{}}
	set := &AvroSet{Named: c.named, Roots: map[string]*Type{}, Nullable: map[string]bool{}}
	for _, f := range p.files {
		t, nullable := c.typeOf(f, f.node, f.root)
		if f.root.kind == jsonArray {
			// A union's own text, not that of the named type it holds.
			t = c.perUse(t)
		}
		if !c.canonical[t] {
			t.Avro.Schema = c.schemaText(f.node, f.root)
		}
		set.Roots[f.name] = t
		if nullable {
			set.Nullable[f.name] = true
		}
	}
	if err := p.errs.Err(); err != nil {
		return nil, err
	}
	return set, nil
}

// typeOf converts t, written at node n of file f, and says whether a value
// of it may be null.
func (c *avroConv) typeOf(f *avroFile, t *avroschema.Node, n *jsonNode) (*Type, bool) {
	switch {
	case t.Kind.Named():
		return c.namedType(t, c.p.defs[t.FullName]), false
	case t.Kind == avroschema.Union:
		return c.union(f, t, n)
	case t.Kind == avroschema.Array:
		elem, null := c.typeOf(f, t.Items, n.get("items"))
		return &Type{Kind: Array, Elem: elem, ContainsNull: null, Avro: &AvroInfo{Type: "array"}}, false
	case t.Kind == avroschema.Map:
		val, null := c.typeOf(f, t.Values, n.get("values"))
		key := &Type{Kind: String, Avro: &AvroInfo{Type: "string"}}
		return &Type{Kind: Map, Key: key, Value: val, ValueContainsNull: null, Avro: &AvroInfo{Type: "map"}}, false
	}
	return c.primitive(f, n)
}

// perUse returns t, or a copy of it with its own AvroInfo when t is the
// canonical Type of a named type, so per-use details do not leak.
func (c *avroConv) perUse(t *Type) *Type {
	if !c.canonical[t] {
		return t
	}
	cp, ai := *t, *t.Avro
	cp.Avro = &ai
	return &cp
}

func (c *avroConv) primitive(f *avroFile, n *jsonNode) (*Type, bool) {
	name, logical := n.str, ""
	if n.kind == jsonObject {
		name = n.get("type").str
		if l := n.get("logicalType"); l != nil && l.kind == jsonString {
			logical = l.str
		}
	}
	ai := &AvroInfo{Type: name}
	t := &Type{Avro: ai}
	// A logical type on the wrong base type is invalid and ignored.
	use := func(l string, k Kind) {
		if logical == l {
			ai.Logical, t.Kind = l, k
		}
	}
	switch name {
	case "null":
		t.Kind = Null
		return t, true
	case "boolean":
		t.Kind = Boolean
	case "int":
		t.Kind = Int
		use("date", Date)
		use("time-millis", Int)
	case "long":
		t.Kind = Long
		use("time-micros", Long)
		use("timestamp-millis", Timestamp)
		use("timestamp-micros", Timestamp)
		use("local-timestamp-millis", TimestampNTZ)
		use("local-timestamp-micros", TimestampNTZ)
	case "float":
		t.Kind = Float
	case "double":
		t.Kind = Double
	case "string":
		t.Kind = String
		use("uuid", String)
	case "bytes":
		t.Kind = Binary
		if logical == "decimal" {
			c.decimal(f, n, t, -1)
		}
	}
	return t, false
}

// decimal makes t a decimal if n's decimal logical type is valid for a
// bytes (size < 0) or fixed(size) type.
func (c *avroConv) decimal(f *avroFile, n *jsonNode, t *Type, size int) {
	prec, ok := jsonInt(n.get("precision"))
	scale := int64(0)
	if s := n.get("scale"); s != nil {
		v, sok := jsonInt(s)
		scale, ok = v, ok && sok
	}
	if !ok || prec <= 0 || scale < 0 || scale > prec || (size >= 0 && prec > ir.MaxFixedPrecision(size)) {
		return // invalid: the Avro specification says to ignore it
	}
	if prec > maxDecimalPrecision {
		c.p.errorf(f, n.get("precision").off, "decimal precision %d exceeds Spark's maximum of %d", prec, maxDecimalPrecision)
		return
	}
	t.Kind, t.Precision, t.Scale = Decimal, int(prec), int(scale)
	t.Avro.Logical, t.Avro.Precision, t.Avro.Scale = "decimal", int(prec), int(scale)
}

// namedType returns the canonical Type of the record, enum or fixed d,
// parsed as def.
func (c *avroConv) namedType(def *avroschema.Node, d *avroDef) *Type {
	full := d.full
	if t := c.named[full]; t != nil {
		return t
	}
	ai := &AvroInfo{FullName: full}
	if len(def.Aliases) > 0 {
		ai.Aliases = def.Aliases
	}
	if doc := d.node.get("doc"); doc != nil {
		ai.Doc = doc.str
	}
	t := &Type{Avro: ai}
	c.named[full], c.canonical[t] = t, true
	// The schema text first: copies made while the fields are converted
	// (for recursive uses) share it.
	ai.Schema = c.schemaText(def, d.node)
	switch def.Kind {
	case avroschema.Record:
		ai.Type, t.Kind, t.Name = "record", Struct, full
		c.fields(d, def, t)
	case avroschema.Enum:
		ai.Type, t.Kind = "enum", String
		ai.Symbols, ai.EnumDefault = def.Symbols, def.EnumDefault
	case avroschema.Fixed:
		ai.Type, t.Kind, ai.FixedSize = "fixed", Binary, def.Size
		if l := d.node.get("logicalType"); l != nil && l.str == "decimal" {
			c.decimal(d.file, d.node, t, def.Size)
		}
	}
	return t
}

// fields fills a record's fields. The Field values exist before any field
// type is converted, so a recursive use copying t shares them.
func (c *avroConv) fields(d *avroDef, def *avroschema.Node, t *Type) {
	nodes := d.node.get("fields").elems
	t.Fields = make([]*Field, len(def.Fields))
	for i, gf := range def.Fields {
		t.Fields[i] = &Field{Name: gf.Name, Pos: d.file.src.pos(nodes[i].get("name").off)}
		if doc := nodes[i].get("doc"); doc != nil {
			t.Fields[i].Comment = doc.str
		}
	}
	for i, gf := range def.Fields {
		fn := nodes[i]
		ft, nullable := c.typeOf(d.file, gf.Type, fn.get("type"))
		dv, al := fn.get("default"), fn.get("aliases")
		if dv != nil || al != nil {
			ft = c.perUse(ft)
		}
		if dv != nil {
			if why := checkDefault(gf.Type, dv); why != "" {
				c.p.errorf(d.file, dv.off, "default of field %q does not match its type: %s", gf.Name, why)
			}
			ft.Avro.Default, ft.Avro.HasDefault = jsonText(dv), true
		}
		if al != nil {
			ft.Avro.FieldAliases = nil
			for _, a := range al.elems {
				ft.Avro.FieldAliases = append(ft.Avro.FieldAliases, a.str)
			}
		}
		t.Fields[i].Type, t.Fields[i].Nullable = ft, nullable
	}
}

func (c *avroConv) union(f *avroFile, u *avroschema.Node, n *jsonNode) (*Type, bool) {
	branches := u.Branches
	bt := make([]*Type, len(branches))
	nullIdx, nonNull := -1, []int{}
	for i, b := range branches {
		bt[i], _ = c.typeOf(f, b, n.elems[i])
		if b.Kind == avroschema.Null {
			nullIdx = i
		} else {
			nonNull = append(nonNull, i)
		}
	}
	hasNull := nullIdx >= 0
	if hasNull && len(branches) == 2 {
		t := bt[nonNull[0]]
		if nullIdx == 0 {
			t = c.perUse(t)
			t.Avro.NullFirst = true
		}
		return t, true
	}
	ai := &AvroInfo{Type: "union", Union: bt, NullFirst: nullIdx == 0}
	switch len(nonNull) {
	case 0:
		return &Type{Kind: Null, Avro: ai}, true
	case 1:
		t := *bt[nonNull[0]]
		t.Avro = ai
		return &t, hasNull
	case 2:
		a, b := avroBase(branches[nonNull[0]]), avroBase(branches[nonNull[1]])
		switch {
		case a == "int" && b == "long" || a == "long" && b == "int":
			return &Type{Kind: Long, Avro: ai}, hasNull
		case a == "float" && b == "double" || a == "double" && b == "float":
			return &Type{Kind: Double, Avro: ai}, hasNull
		}
	}
	// Spark's struct of members, every one nullable because only one is set.
	st := &Type{Kind: Struct, Avro: ai}
	for j, i := range nonNull {
		st.Fields = append(st.Fields, &Field{
			Name: fmt.Sprintf("member%d", j), Type: bt[i], Nullable: true,
			Pos: f.src.pos(n.elems[i].off),
		})
	}
	return st, hasNull
}

// avroBase names a union branch's Avro type, for Spark's int/long and
// float/double union rules (which ignore logical types).
func avroBase(t *avroschema.Node) string {
	switch t.Kind {
	case avroschema.Int, avroschema.Long, avroschema.Float, avroschema.Double:
		return t.Kind.String()
	}
	return ""
}
