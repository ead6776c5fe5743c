package avroschema

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/streamc/streamc/internal/runtime/avrobin"
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
	d := defaulter{budget: maxDefaultSteps}
	return d.append(dst, n, v, 0)
}

// maxDefaultSteps bounds the work on one default: trying union branches in
// turn could otherwise take exponential time on a hostile schema.
const maxDefaultSteps = 1 << 20

// CheckDefault says why v is not a valid default for a field of type n
// (nil when it is), as Java's Schema.isValidDefault does, and AppendDefault
// too but for one rule: a record value that omits a field with a default is
// valid without that default being checked again (it is checked where it is
// declared), so a record whose field defaults to an empty record of its own
// type is valid, though it has no finite encoding. The error is a
// *DefaultError.
func CheckDefault(n *Node, v any) error {
	d := defaulter{budget: maxDefaultSteps, check: true}
	_, err := d.append(nil, n, v, 0)
	return err
}

// defaulter is one encoding or check of a default.
type defaulter struct {
	budget int  // steps left
	check  bool // CheckDefault's rule for omitted fields
}

// DefaultError says why a default is not a valid value of its type, in parts
// a caller may word in its own terms; Error gives this package's wording.
type DefaultError struct {
	// Steps lead from the default to the part that is wrong.
	Steps []DefaultStep
	// Node is the type Value is not valid for; nil when Missing or Limit is set.
	Node  *Node
	Value any
	// First is, for a union, why its first branch does not take Value.
	First *DefaultError
	// Missing is a record field the value lacks that has no default.
	Missing string
	// Limit is set when the default is too deep or too complex to check.
	Limit string
}

// DefaultStep is one step into a default: an array item (Kind Array, Index),
// a map value (Kind Map, Key) or a record field (Kind Record, Key).
type DefaultStep struct {
	Kind  Kind
	Index int
	Key   string
}

func (e *DefaultError) Error() string {
	var b strings.Builder
	for _, s := range e.Steps {
		switch s.Kind {
		case Array:
			fmt.Fprintf(&b, "[%d]: ", s.Index)
		case Map:
			b.WriteString(strconv.Quote(s.Key) + ": ")
		default:
			fmt.Fprintf(&b, "field %q: ", s.Key)
		}
	}
	switch {
	case e.Limit != "":
		b.WriteString(e.Limit)
	case e.Missing != "":
		fmt.Fprintf(&b, "field %q is missing and has no default", e.Missing)
	default:
		fmt.Fprintf(&b, "%s is not a valid %s", jsonText(e.Value), e.Node.TypeName())
	}
	return b.String()
}

// within returns err with step s in front of its steps.
func within(err error, s DefaultStep) error {
	de, ok := err.(*DefaultError)
	if !ok {
		return err
	}
	de.Steps = append([]DefaultStep{s}, de.Steps...)
	return de
}

func (d *defaulter) append(dst []byte, n *Node, v any, depth int) ([]byte, error) {
	budget := &d.budget
	if depth > maxDefaultDepth {
		return nil, &DefaultError{Limit: "default nests too deeply"}
	}
	if *budget--; *budget < 0 {
		return nil, &DefaultError{Limit: "default too complex to check"}
	}
	mismatch := func() error {
		return &DefaultError{Node: n, Value: v}
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
				if dst, err = d.append(dst, n.Items, e, depth+1); err != nil {
					return nil, within(err, DefaultStep{Kind: Array, Index: i})
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
				if dst, err = d.append(dst, n.Values, p.Value, depth+1); err != nil {
					return nil, within(err, DefaultStep{Kind: Map, Key: p.Key})
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
					return nil, &DefaultError{Missing: f.Name}
				}
				if d.check {
					continue
				}
				fv = f.Default
			}
			var err error
			if dst, err = d.append(dst, f.Type, fv, depth+1); err != nil {
				return nil, within(err, DefaultStep{Kind: Record, Key: f.Name})
			}
		}
		return dst, nil
	case Union:
		var first *DefaultError
		for i, b := range n.Branches {
			out, err := d.append(avrobin.AppendLong(dst, int64(i)), b, v, depth+1)
			if err == nil {
				return out, nil
			}
			if de, ok := err.(*DefaultError); ok && de.Limit != "" {
				return nil, err
			} else if ok && first == nil {
				first = de
			}
		}
		return nil, &DefaultError{Node: n, Value: v, First: first}
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
