package avrojson

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/streamc/streamc/internal/runtime/avroschema"
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

func encode(dst []byte, n *avroschema.Node, v any) ([]byte, error) {
	switch n.Kind {
	case avroschema.Null:
		if v != nil {
			return dst, mismatch("null", v)
		}
		return dst, nil
	case avroschema.Boolean:
		b, ok := v.(bool)
		if !ok {
			return dst, mismatch("a boolean", v)
		}
		if b {
			return append(dst, 1), nil
		}
		return append(dst, 0), nil
	case avroschema.Int, avroschema.Long:
		bits := 64
		if n.Kind == avroschema.Int {
			bits = 32
		}
		i, err := intValue(v, n.Logical, bits)
		if err != nil {
			return dst, err
		}
		return binary.AppendVarint(dst, i), nil
	case avroschema.Float:
		f, err := floatValue(v)
		if err != nil {
			return dst, err
		}
		bits := math.Float32bits(float32(f))
		if f != f {
			bits = 0x7fc00000 // Java's Float.NaN, not Go's payload
		}
		return binary.LittleEndian.AppendUint32(dst, bits), nil
	case avroschema.Double:
		f, err := floatValue(v)
		if err != nil {
			return dst, err
		}
		bits := math.Float64bits(f)
		if f != f {
			bits = 0x7ff8000000000000 // Java's Double.NaN, not Go's payload
		}
		return binary.LittleEndian.AppendUint64(dst, bits), nil
	case avroschema.String:
		s, ok := v.(string)
		if !ok {
			return dst, mismatch("a string", v)
		}
		return appendBytes(dst, []byte(s)), nil
	case avroschema.Bytes:
		b, err := bytesValue(v, n, -1)
		if err != nil {
			return dst, err
		}
		return appendBytes(dst, b), nil
	case avroschema.Fixed:
		b, err := bytesValue(v, n, n.Size)
		if err != nil {
			return dst, err
		}
		return append(dst, b...), nil
	case avroschema.Enum:
		s, ok := v.(string)
		if !ok {
			return dst, mismatch("an enum symbol of "+n.FullName, v)
		}
		i := n.SymbolIndex(s)
		if i < 0 {
			return dst, fmt.Errorf("%q is not a symbol of enum %s (%s)", s, n.FullName, strings.Join(n.Symbols, ", "))
		}
		return binary.AppendVarint(dst, int64(i)), nil
	case avroschema.Array:
		return encodeArray(dst, n, v)
	case avroschema.Map:
		return encodeMap(dst, n, v)
	case avroschema.Union:
		return encodeUnion(dst, n, v)
	case avroschema.Record:
		return encodeRecord(dst, n, v)
	}
	return dst, fmt.Errorf("unsupported Avro type %s", n.Kind)
}

func encodeRecord(dst []byte, n *avroschema.Node, v any) ([]byte, error) {
	obj, ok := asObject(v)
	if !ok {
		return dst, mismatch("an object for record "+n.FullName, v)
	}
	for _, k := range obj.keys {
		if n.Field(k) == nil {
			return dst, fmt.Errorf("record %s has no field %q", n.FullName, k)
		}
	}
	var err error
	for _, f := range n.Fields {
		fv, present := obj.values[f.Name]
		switch {
		case present:
		case f.HasDefault:
			// The parser validated the default; encoding it is the one
			// implementation of Avro defaults.
			if dst, err = avroschema.AppendDefault(dst, f.Type, f.Default); err != nil {
				return dst, fmt.Errorf("%s: default: %w", f.Name, err)
			}
			continue
		case nullIndex(f.Type) >= 0:
			fv = nil
		default:
			return dst, fmt.Errorf("record %s: field %q is missing and has no default", n.FullName, f.Name)
		}
		if dst, err = encode(dst, f.Type, fv); err != nil {
			return dst, fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	return dst, nil
}

func encodeArray(dst []byte, n *avroschema.Node, v any) ([]byte, error) {
	items, ok := v.([]any)
	if !ok {
		return dst, mismatch("an array", v)
	}
	if len(items) > 0 {
		dst = binary.AppendVarint(dst, int64(len(items)))
	}
	var err error
	for i, item := range items {
		if dst, err = encode(dst, n.Items, item); err != nil {
			return dst, fmt.Errorf("[%d]: %w", i, err)
		}
	}
	return append(dst, 0), nil // the empty block ends the array
}

func encodeMap(dst []byte, n *avroschema.Node, v any) ([]byte, error) {
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
		if dst, err = encode(dst, n.Values, obj.values[k]); err != nil {
			return dst, fmt.Errorf("[%q]: %w", k, err)
		}
	}
	return append(dst, 0), nil
}

// encodeUnion picks the branch a wrapped value names ({"long": 5}, Avro's
// JSON encoding) or else the first branch that accepts the bare value.
func encodeUnion(dst []byte, n *avroschema.Node, v any) ([]byte, error) {
	if v == nil {
		i := nullIndex(n)
		if i < 0 {
			return dst, fmt.Errorf("null is not allowed: the union has no null branch")
		}
		return binary.AppendVarint(dst, int64(i)), nil
	}
	if obj, ok := asObject(v); ok && len(obj.keys) == 1 {
		for k, inner := range obj.values {
			for i, b := range n.Branches {
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
	for i, b := range n.Branches {
		if b.Kind == avroschema.Null {
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

func nullIndex(n *avroschema.Node) int {
	if n.Kind == avroschema.Union {
		for i, b := range n.Branches {
			if b.Kind == avroschema.Null {
				return i
			}
		}
	}
	return -1
}

// branchName is a union branch's name in Avro's JSON encoding.
func branchName(n *avroschema.Node) string {
	if n.Kind.Named() {
		return n.FullName
	}
	return n.Kind.String()
}

func shortName(n *avroschema.Node) string {
	if n.Kind.Named() {
		return n.Name
	}
	return branchName(n)
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
