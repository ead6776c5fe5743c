package avroschema

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/streamc/streamc/runtime/avrobin"
)

// maxDefaultDepth bounds nesting while encoding a default: a record field
// whose default omits a field of the same record type would otherwise fill
// it from its own default forever.
const maxDefaultDepth = 256

// AppendDefault appends the Avro binary encoding of a default value v, given
// in Avro's JSON encoding, under schema n (as Field.Default holds it: nil,
// bool, json.Number, string, []any or MapValue). Bytes and fixed are strings
// whose code points 0-255 are the bytes; a union takes the first branch the
// value is valid for; a record object may omit fields that have defaults.
// The error says why v is not a valid value of n.
func AppendDefault(dst []byte, n *Node, v any) ([]byte, error) {
	budget := maxDefaultSteps
	return appendDefault(dst, n, v, 0, &budget)
}

// maxDefaultSteps bounds the work on one default: trying union branches in
// turn could otherwise take exponential time on a hostile schema.
const maxDefaultSteps = 1 << 20

func appendDefault(dst []byte, n *Node, v any, depth int, budget *int) ([]byte, error) {
	if depth > maxDefaultDepth {
		return nil, errors.New("default nests too deeply")
	}
	if *budget--; *budget < 0 {
		return nil, errors.New("default too complex to check")
	}
	mismatch := func() error {
		return fmt.Errorf("%s is not a valid %s", jsonText(v), n.TypeName())
	}
	switch n.Kind {
	case Null:
		if v != nil {
			return nil, mismatch()
		}
		return dst, nil
	case Boolean:
		b, ok := v.(bool)
		if !ok {
			return nil, mismatch()
		}
		return avrobin.AppendBool(dst, b), nil
	case Int:
		i, ok := jsonInt(v)
		if !ok || i < math.MinInt32 || i > math.MaxInt32 {
			return nil, mismatch()
		}
		return avrobin.AppendInt(dst, int32(i)), nil
	case Long:
		i, ok := jsonInt(v)
		if !ok {
			return nil, mismatch()
		}
		return avrobin.AppendLong(dst, i), nil
	case Float:
		f, ok := jsonFloat(v, 32)
		if !ok {
			return nil, mismatch()
		}
		return avrobin.AppendFloat(dst, float32(f)), nil
	case Double:
		f, ok := jsonFloat(v, 64)
		if !ok {
			return nil, mismatch()
		}
		return avrobin.AppendDouble(dst, f), nil
	case String:
		s, ok := v.(string)
		if !ok {
			return nil, mismatch()
		}
		return avrobin.AppendString(dst, s), nil
	case Bytes:
		b, ok := latin1(v)
		if !ok {
			return nil, mismatch()
		}
		return avrobin.AppendBytes(dst, b), nil
	case Fixed:
		b, ok := latin1(v)
		if !ok || len(b) != n.Size {
			return nil, mismatch()
		}
		return avrobin.AppendFixed(dst, b), nil
	case Enum:
		*budget -= len(n.Symbols) // the lookup below is linear
		s, ok := v.(string)
		i := n.SymbolIndex(s)
		if !ok || i < 0 {
			return nil, mismatch()
		}
		return avrobin.AppendInt(dst, int32(i)), nil
	case Array:
		arr, ok := v.([]any)
		if !ok {
			return nil, mismatch()
		}
		if len(arr) > 0 {
			dst = avrobin.AppendLong(dst, int64(len(arr)))
			for i, e := range arr {
				var err error
				if dst, err = appendDefault(dst, n.Items, e, depth+1, budget); err != nil {
					return nil, fmt.Errorf("[%d]: %w", i, err)
				}
			}
		}
		return avrobin.AppendLong(dst, 0), nil
	case Map:
		obj, ok := v.(MapValue)
		if !ok {
			return nil, mismatch()
		}
		if len(obj) > 0 {
			dst = avrobin.AppendLong(dst, int64(len(obj)))
			for _, p := range obj {
				dst = avrobin.AppendString(dst, p.Key)
				var err error
				if dst, err = appendDefault(dst, n.Values, p.Value, depth+1, budget); err != nil {
					return nil, fmt.Errorf("%s: %w", strconv.Quote(p.Key), err)
				}
			}
		}
		return avrobin.AppendLong(dst, 0), nil
	case Record:
		obj, ok := v.(MapValue)
		if !ok {
			return nil, mismatch()
		}
		for _, f := range n.Fields {
			*budget -= len(obj) // the lookup below is linear
			fv, present := obj.Get(f.Name)
			if !present {
				if !f.HasDefault {
					return nil, fmt.Errorf("field %q is missing and has no default", f.Name)
				}
				fv = f.Default
			}
			var err error
			if dst, err = appendDefault(dst, f.Type, fv, depth+1, budget); err != nil {
				return nil, fmt.Errorf("field %q: %w", f.Name, err)
			}
		}
		return dst, nil
	case Union:
		for i, b := range n.Branches {
			out, err := appendDefault(avrobin.AppendLong(dst, int64(i)), b, v, depth+1, budget)
			if err == nil {
				return out, nil
			}
		}
		return nil, mismatch()
	}
	return nil, mismatch()
}

// jsonFloat accepts any JSON number, and the strings Java's JSON encoding
// uses for the non-finite values.
func jsonFloat(v any, bits int) (float64, bool) {
	switch v := v.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(v), bits)
		return f, err == nil
	case string:
		switch v {
		case "NaN":
			return math.Float64frombits(0x7ff8000000000000), true // Java's NaN
		case "Infinity":
			return math.Inf(1), true
		case "-Infinity":
			return math.Inf(-1), true
		}
	}
	return 0, false
}

// latin1 maps a JSON string's code points 0-255 to bytes, as the
// specification encodes bytes and fixed defaults.
func latin1(v any) ([]byte, bool) {
	s, ok := v.(string)
	if !ok {
		return nil, false
	}
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			return nil, false
		}
		out = append(out, byte(r))
	}
	return out, true
}
