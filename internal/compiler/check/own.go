package check

import "github.com/streamc/streamc/internal/compiler/schema"

// ownSchemas deep-copies the loaded schemas, keeping which types are shared
// and which are recursive, so that what the checker completes in its result
// (the Avro shapes an encoder writes, see borrowAvro) never writes into
// internal/compiler/schema's values.
func ownSchemas(in map[string]*schema.Schema) map[string]*schema.Schema {
	c := &copier{types: map[*schema.Type]*schema.Type{}, avro: map[*schema.AvroInfo]*schema.AvroInfo{}}
	out := make(map[string]*schema.Schema, len(in))
	for name, s := range in {
		if s == nil {
			out[name] = nil
			continue
		}
		cp := *s
		cp.Type = c.typ(s.Type)
		out[name] = &cp
	}
	return out
}

type copier struct {
	types map[*schema.Type]*schema.Type
	avro  map[*schema.AvroInfo]*schema.AvroInfo
}

func (c *copier) typ(t *schema.Type) *schema.Type {
	if t == nil {
		return nil
	}
	if cp, ok := c.types[t]; ok {
		return cp
	}
	cp := &schema.Type{}
	c.types[t] = cp // before the fields: a recursive record meets itself
	*cp = *t
	cp.Elem, cp.Key, cp.Value = c.typ(t.Elem), c.typ(t.Key), c.typ(t.Value)
	if t.Fields != nil {
		cp.Fields = make([]*schema.Field, len(t.Fields))
		for i, f := range t.Fields {
			fc := *f
			fc.Type = c.typ(f.Type)
			cp.Fields[i] = &fc
		}
	}
	cp.Avro = c.avroInfo(t.Avro)
	return cp
}

func (c *copier) avroInfo(a *schema.AvroInfo) *schema.AvroInfo {
	if a == nil {
		return nil
	}
	if cp, ok := c.avro[a]; ok {
		return cp
	}
	cp := &schema.AvroInfo{}
	c.avro[a] = cp
	*cp = *a
	if a.Union != nil {
		cp.Union = make([]*schema.Type, len(a.Union))
		for i, u := range a.Union {
			cp.Union[i] = c.typ(u)
		}
	}
	return cp
}
