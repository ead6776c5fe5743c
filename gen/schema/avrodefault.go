package schema

import (
	"fmt"
	"math"
	"slices"
	"unicode/utf8"

	avro "github.com/actgardner/gogen-avro/v10/schema"
)

// checkDefault says why JSON value v is not a valid default for t, or "".
// The rules are the Avro specification's, as Avro's Java parser checks them
// (Schema.isValidDefault): int and long defaults are integers in range,
// float and double any number, bytes and fixed strings of code points up to
// U+00FF, a union's default matches one of its branches.
func (c *avroConv) checkDefault(t avro.AvroType, v *jsonNode) string {
	want := func(ok bool, what string) string {
		if ok {
			return ""
		}
		return fmt.Sprintf("expected %s, found %s", what, jsonText(v))
	}
	switch t := t.(type) {
	case *avro.NullField:
		return want(v.kind == jsonNull, "null")
	case *avro.BoolField:
		return want(v.kind == jsonBool, "true or false")
	case *avro.IntField:
		return want(isJSONInt(v, math.MinInt32, math.MaxInt32), "an int")
	case *avro.LongField:
		_, ok := jsonInt(v)
		return want(ok, "a long")
	case *avro.FloatField, *avro.DoubleField:
		return want(v.kind == jsonNumber ||
			v.kind == jsonString && slices.Contains([]string{"NaN", "Infinity", "-Infinity"}, v.str), "a number")
	case *avro.StringField:
		return want(v.kind == jsonString, "a string")
	case *avro.BytesField:
		return want(v.kind == jsonString && isLatin1(v.str), "a string of code points U+0000 to U+00FF")
	case *avro.ArrayField:
		if v.kind != jsonArray {
			return want(false, "an array")
		}
		for i, e := range v.elems {
			if why := c.checkDefault(t.ItemType(), e); why != "" {
				return fmt.Sprintf("item %d: %s", i, why)
			}
		}
	case *avro.MapField:
		if v.kind != jsonObject {
			return want(false, "an object")
		}
		for _, m := range v.members {
			if why := c.checkDefault(t.ItemType(), m.val); why != "" {
				return fmt.Sprintf("key %q: %s", m.key, why)
			}
		}
	case *avro.UnionField:
		first := ""
		for _, b := range t.AvroTypes() {
			why := c.checkDefault(b, v)
			if why == "" {
				return ""
			}
			if first == "" {
				first = why
			}
		}
		return first
	case *avro.Reference:
		return c.checkNamedDefault(t.Def, v, want)
	}
	return ""
}

func (c *avroConv) checkNamedDefault(def avro.Definition, v *jsonNode, want func(bool, string) string) string {
	switch def := def.(type) {
	case *avro.RecordDefinition:
		if v.kind != jsonObject {
			return want(false, "an object")
		}
		for _, f := range def.Fields() {
			fv := v.get(f.Name())
			if fv == nil {
				if f.HasDefault() {
					continue
				}
				return fmt.Sprintf("field %q is missing and has no default", f.Name())
			}
			if why := c.checkDefault(f.Type(), fv); why != "" {
				return fmt.Sprintf("field %q: %s", f.Name(), why)
			}
		}
	case *avro.EnumDefinition:
		return want(v.kind == jsonString && slices.Contains(def.Symbols(), v.str), fmt.Sprintf("one of the symbols of %s", def.AvroName()))
	case *avro.FixedDefinition:
		return want(v.kind == jsonString && isLatin1(v.str) && utf8.RuneCountInString(v.str) == def.SizeBytes(),
			fmt.Sprintf("a string of %d code points up to U+00FF", def.SizeBytes()))
	}
	return ""
}

func isLatin1(s string) bool {
	for _, r := range s {
		if r > 0xFF {
			return false
		}
	}
	return true
}
