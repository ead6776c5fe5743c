package avrojson

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	avro "github.com/actgardner/gogen-avro/v10/schema"
)

// EncodeJSON appends the Avro binary encoding of one JSON value to dst.
func (s *Schema) EncodeJSON(dst, value []byte) ([]byte, error) {
	v, err := decodeJSON(value)
	if err != nil {
		return dst, err
	}
	return s.Encode(dst, v)
}

// Encode appends the Avro binary encoding of v to dst. v is what
// encoding/json decodes into an any (json.Number or float64 for numbers,
// map[string]any for objects); Go integers are accepted too.
func (s *Schema) Encode(dst []byte, v any) ([]byte, error) {
	return encode(dst, s.root, v)
}

func encode(dst []byte, t avro.AvroType, v any) ([]byte, error) {
	switch t := t.(type) {
	case *avro.NullField:
		if v != nil {
			return dst, mismatch("null", v)
		}
		return dst, nil
	case *avro.BoolField:
		b, ok := v.(bool)
		if !ok {
			return dst, mismatch("a boolean", v)
		}
		if b {
			return append(dst, 1), nil
		}
		return append(dst, 0), nil
	case *avro.IntField:
		n, err := intValue(v, logical(t), 32)
		if err != nil {
			return dst, err
		}
		return binary.AppendVarint(dst, n), nil
	case *avro.LongField:
		n, err := intValue(v, logical(t), 64)
		if err != nil {
			return dst, err
		}
		return binary.AppendVarint(dst, n), nil
	case *avro.FloatField:
		f, err := floatValue(v)
		if err != nil {
			return dst, err
		}
		bits := math.Float32bits(float32(f))
		if f != f {
			bits = 0x7fc00000 // Java's Float.NaN, not Go's payload
		}
		return binary.LittleEndian.AppendUint32(dst, bits), nil
	case *avro.DoubleField:
		f, err := floatValue(v)
		if err != nil {
			return dst, err
		}
		bits := math.Float64bits(f)
		if f != f {
			bits = 0x7ff8000000000000 // Java's Double.NaN, not Go's payload
		}
		return binary.LittleEndian.AppendUint64(dst, bits), nil
	case *avro.StringField:
		s, ok := v.(string)
		if !ok {
			return dst, mismatch("a string", v)
		}
		return appendBytes(dst, []byte(s)), nil
	case *avro.BytesField:
		b, err := bytesValue(v, t, -1)
		if err != nil {
			return dst, err
		}
		return appendBytes(dst, b), nil
	case *avro.ArrayField:
		return encodeArray(dst, t, v)
	case *avro.MapField:
		return encodeMap(dst, t, v)
	case *avro.UnionField:
		return encodeUnion(dst, t, v)
	case *avro.Reference:
		switch d := t.Def.(type) {
		case *avro.RecordDefinition:
			return encodeRecord(dst, d, v)
		case *avro.EnumDefinition:
			s, ok := v.(string)
			if !ok {
				return dst, mismatch("an enum symbol of "+d.AvroName().String(), v)
			}
			i := slices.Index(d.Symbols(), s)
			if i < 0 {
				return dst, fmt.Errorf("%q is not a symbol of enum %s (%s)", s, d.AvroName().String(), strings.Join(d.Symbols(), ", "))
			}
			return binary.AppendVarint(dst, int64(i)), nil
		case *avro.FixedDefinition:
			b, err := bytesValue(v, d, d.SizeBytes())
			if err != nil {
				return dst, err
			}
			return append(dst, b...), nil
		}
	}
	return dst, fmt.Errorf("unsupported Avro type %T", t)
}

func encodeRecord(dst []byte, d *avro.RecordDefinition, v any) ([]byte, error) {
	obj, ok := asObject(v)
	if !ok {
		return dst, mismatch("an object for record "+d.AvroName().String(), v)
	}
	for _, k := range obj.keys {
		if d.FieldByName(k) == nil {
			return dst, fmt.Errorf("record %s has no field %q", d.AvroName().String(), k)
		}
	}
	var err error
	for _, f := range d.Fields() {
		fv, present := obj.values[f.Name()]
		ft := f.Type()
		switch {
		case present:
		case f.HasDefault():
			// A union's default is a value of its first branch.
			fv = f.Default()
			if u, ok := ft.(*avro.UnionField); ok {
				dst = binary.AppendVarint(dst, 0)
				ft = u.AvroTypes()[0]
			}
		case nullIndex(ft) >= 0:
			fv = nil
		default:
			return dst, fmt.Errorf("record %s: field %q is missing and has no default", d.AvroName().String(), f.Name())
		}
		if dst, err = encode(dst, ft, fv); err != nil {
			return dst, fmt.Errorf("%s: %w", f.Name(), err)
		}
	}
	return dst, nil
}

func encodeArray(dst []byte, t *avro.ArrayField, v any) ([]byte, error) {
	items, ok := v.([]any)
	if !ok {
		return dst, mismatch("an array", v)
	}
	if len(items) > 0 {
		dst = binary.AppendVarint(dst, int64(len(items)))
	}
	var err error
	for i, item := range items {
		if dst, err = encode(dst, t.ItemType(), item); err != nil {
			return dst, fmt.Errorf("[%d]: %w", i, err)
		}
	}
	return append(dst, 0), nil // the empty block ends the array
}

func encodeMap(dst []byte, t *avro.MapField, v any) ([]byte, error) {
	obj, ok := asObject(v)
	if !ok {
		return dst, mismatch("an object for a map", v)
	}
	if len(obj.keys) > 0 {
		dst = binary.AppendVarint(dst, int64(len(obj.keys)))
	}
	var err error
	for _, k := range obj.keys {
		dst = appendBytes(dst, []byte(k))
		if dst, err = encode(dst, t.ItemType(), obj.values[k]); err != nil {
			return dst, fmt.Errorf("[%q]: %w", k, err)
		}
	}
	return append(dst, 0), nil
}

// encodeUnion picks the branch a wrapped value names ({"long": 5}, Avro's
// JSON encoding) or else the first branch that accepts the bare value.
func encodeUnion(dst []byte, t *avro.UnionField, v any) ([]byte, error) {
	branches := t.AvroTypes()
	if v == nil {
		i := nullIndex(t)
		if i < 0 {
			return dst, fmt.Errorf("null is not allowed: the union has no null branch")
		}
		return binary.AppendVarint(dst, int64(i)), nil
	}
	if obj, ok := asObject(v); ok && len(obj.keys) == 1 {
		for k, inner := range obj.values {
			for i, b := range branches {
				if branchName(b) == k || shortName(b) == k {
					out, err := encode(binary.AppendVarint(dst, int64(i)), b, inner)
					if err != nil {
						return dst, fmt.Errorf("union branch %s: %w", k, err)
					}
					return out, nil
				}
			}
		}
	}
	var errs []string
	for i, b := range branches {
		if _, ok := b.(*avro.NullField); ok {
			continue
		}
		out, err := encode(binary.AppendVarint(dst, int64(i)), b, v)
		if err == nil {
			return out, nil
		}
		errs = append(errs, branchName(b)+": "+err.Error())
	}
	return dst, fmt.Errorf("no union branch accepts the value (%s)", strings.Join(errs, "; "))
}

func nullIndex(t avro.AvroType) int {
	if u, ok := t.(*avro.UnionField); ok {
		for i, b := range u.AvroTypes() {
			if _, ok := b.(*avro.NullField); ok {
				return i
			}
		}
	}
	return -1
}

// branchName is a union branch's name in Avro's JSON encoding.
func branchName(t avro.AvroType) string {
	switch t := t.(type) {
	case *avro.Reference:
		return t.TypeName.String()
	case *avro.ArrayField:
		return "array"
	case *avro.MapField:
		return "map"
	}
	return canonicalPrimitive(t)
}

func shortName(t avro.AvroType) string {
	if r, ok := t.(*avro.Reference); ok {
		return r.TypeName.Name
	}
	return branchName(t)
}

func canonicalPrimitive(t avro.AvroType) string {
	switch t.(type) {
	case *avro.NullField:
		return "null"
	case *avro.BoolField:
		return "boolean"
	case *avro.IntField:
		return "int"
	case *avro.LongField:
		return "long"
	case *avro.FloatField:
		return "float"
	case *avro.DoubleField:
		return "double"
	case *avro.BytesField:
		return "bytes"
	case *avro.StringField:
		return "string"
	}
	return fmt.Sprintf("%T", t)
}

func appendBytes(dst, b []byte) []byte {
	dst = binary.AppendVarint(dst, int64(len(b)))
	return append(dst, b...)
}

func mismatch(want string, v any) error {
	return fmt.Errorf("want %s, got %s", want, describe(v))
}

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return fmt.Sprintf("string %q", v)
	case json.Number:
		return "number " + v.String()
	case float64:
		return fmt.Sprintf("number %v", v)
	case bool:
		return fmt.Sprintf("boolean %v", v)
	case []any:
		return "an array"
	case map[string]any, *object:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}
