package schema

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/streamc/streamc/internal/runtime/avroschema"
)

// checkDefault says why JSON value v is not a valid default for t, or "".
// internal/runtime/avroschema decides (the one implementation of Avro defaults, as
// Avro's Java parser checks them: Schema.isValidDefault); this words its
// answer the way the generator's messages always have.
func checkDefault(t *avroschema.Node, v *jsonNode) string {
	err := avroschema.CheckDefault(t, jsonValue(v))
	var de *avroschema.DefaultError
	if err == nil {
		return ""
	}
	if !errors.As(err, &de) {
		return err.Error()
	}
	return defaultWhy(de, v)
}

// defaultWhy words e, found in value v.
func defaultWhy(e *avroschema.DefaultError, v *jsonNode) string {
	prefix := ""
	for _, s := range e.Steps {
		switch s.Kind {
		case avroschema.Array:
			prefix += fmt.Sprintf("item %d: ", s.Index)
			v = elem(v, s.Index)
		case avroschema.Map:
			prefix += fmt.Sprintf("key %q: ", s.Key)
			v = memberValue(v, s.Key)
		default:
			prefix += fmt.Sprintf("field %q: ", s.Key)
			v = memberValue(v, s.Key)
		}
		if v == nil { // not expected: the steps follow the value
			return e.Error()
		}
	}
	switch {
	case e.Limit != "":
		return prefix + e.Limit
	case e.Missing != "":
		return prefix + fmt.Sprintf("field %q is missing and has no default", e.Missing)
	case e.Node.Kind == avroschema.Union && e.First != nil:
		// As before: the reason the first branch refuses it.
		return prefix + defaultWhy(e.First, v)
	}
	return prefix + fmt.Sprintf("expected %s, found %s", expectedDefault(e.Node), jsonText(v))
}

func elem(v *jsonNode, i int) *jsonNode {
	if i < 0 || i >= len(v.elems) {
		return nil
	}
	return v.elems[i]
}

// memberValue is the last value of key in object v, as the parser keeps it.
func memberValue(v *jsonNode, key string) *jsonNode {
	var out *jsonNode
	for _, m := range v.members {
		if m.key == key {
			out = m.val
		}
	}
	return out
}

func expectedDefault(t *avroschema.Node) string {
	switch t.Kind {
	case avroschema.Null:
		return "null"
	case avroschema.Boolean:
		return "true or false"
	case avroschema.Int:
		return "an int"
	case avroschema.Long:
		return "a long"
	case avroschema.Float, avroschema.Double:
		return "a number"
	case avroschema.String:
		return "a string"
	case avroschema.Bytes:
		return "a string of code points U+0000 to U+00FF"
	case avroschema.Array:
		return "an array"
	case avroschema.Map, avroschema.Record:
		return "an object"
	case avroschema.Enum:
		return "one of the symbols of " + t.FullName
	case avroschema.Fixed:
		return fmt.Sprintf("a string of %d code points up to U+00FF", t.Size)
	}
	return "a " + t.Kind.String()
}

// jsonValue is n as internal/runtime/avroschema holds JSON values.
func jsonValue(n *jsonNode) any {
	switch n.kind {
	case jsonObject:
		obj := make(avroschema.MapValue, 0, len(n.members))
		for _, m := range n.members {
			if i := pairIndex(obj, m.key); i >= 0 {
				obj[i].Value = jsonValue(m.val) // a repeated key: the last value, in the first place
				continue
			}
			obj = append(obj, avroschema.Pair{Key: m.key, Value: jsonValue(m.val)})
		}
		return obj
	case jsonArray:
		arr := make([]any, len(n.elems))
		for i, e := range n.elems {
			arr[i] = jsonValue(e)
		}
		return arr
	case jsonString:
		return n.str
	case jsonNumber:
		return json.Number(n.str)
	case jsonBool:
		return n.boolean
	}
	return nil
}

func pairIndex(obj avroschema.MapValue, key string) int {
	for i, p := range obj {
		if p.Key == key {
			return i
		}
	}
	return -1
}
