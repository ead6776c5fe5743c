package avroschema

import (
	"fmt"

	"github.com/streamc/streamc/internal/runtime/avrobin"
)

// MaxDepth is how deeply records may nest in one datum. Only a recursive
// schema nests without bound, and without a limit a few hostile bytes could
// drive the recursion of a decoder as deep as they like.
const MaxDepth = 1000

// ErrTooDeep is the cause (under an *avrobin.Error) when a datum nests
// records deeper than MaxDepth.
var ErrTooDeep = fmt.Errorf("records nested deeper than %d", MaxDepth)

// DecodeValue decodes one Avro binary datum written with s into generic Go
// values: nil, bool, int32, int64, float32, float64, []byte, string, []any,
// MapValue and RecordValue. Enums are their symbol strings, unions are
// unwrapped to the branch's value, and logical types are their underlying
// values. Bytes after the datum are an error. It never panics.
func DecodeValue(s *Schema, b []byte) (any, error) { return DecodeValueWith(s, b, nil) }

// Converter is called with every decoded value and the node it was decoded
// with (a union's branch node, not the union), and returns what to put in
// its place, for example a rendering of a logical type. An error stops
// decoding.
type Converter func(n *Node, v any) (any, error)

// DecodeValueWith is DecodeValue with a Converter (nil for none).
func DecodeValueWith(s *Schema, b []byte, conv Converter) (any, error) {
	d := valueDecoder{conv: conv}
	d.r.Reset(b)
	v := d.decode(s.root, 0)
	if err := d.r.Done(); err != nil {
		return nil, err
	}
	return v, nil
}

type valueDecoder struct {
	r    avrobin.Reader
	conv Converter
}

// smallCap limits preallocation to what a few items need; counts come from
// the input and are only bounded by its length.
func smallCap(n int) int { return min(n, 64) }

func (d *valueDecoder) decode(n *Node, depth int) any {
	r := &d.r
	var v any
	switch n.Kind {
	case Null:
	case Boolean:
		v = r.Bool()
	case Int:
		v = r.Int()
	case Long:
		v = r.Long()
	case Float:
		v = r.Float()
	case Double:
		v = r.Double()
	case Bytes:
		v = r.BytesCopy()
	case String:
		v = r.String()
	case Fixed:
		if b := r.Fixed(n.Size); b != nil || n.Size == 0 {
			v = append([]byte{}, b...)
		}
	case Enum:
		i := r.Enum(len(n.Symbols))
		if r.Err() == nil {
			v = n.Symbols[i]
		}
	case Array:
		var arr []any
		min := n.Items.minSize
		for c := r.BlockCount(min); c > 0; c = r.BlockCount(min) {
			if arr == nil {
				arr = make([]any, 0, smallCap(c))
			}
			for i := 0; i < c && r.Err() == nil; i++ {
				arr = append(arr, d.decode(n.Items, depth))
			}
		}
		if arr == nil {
			arr = []any{}
		}
		v = arr
	case Map:
		var m MapValue
		min := 1 + n.Values.minSize // the key's length comes first
		for c := r.BlockCount(min); c > 0; c = r.BlockCount(min) {
			if m == nil {
				m = make(MapValue, 0, smallCap(c))
			}
			for i := 0; i < c && r.Err() == nil; i++ {
				k := r.String()
				m = append(m, Pair{Key: k, Value: d.decode(n.Values, depth)})
			}
		}
		if m == nil {
			m = MapValue{}
		}
		v = m
	case Record:
		if depth >= MaxDepth {
			r.Fail(ErrTooDeep)
			return nil
		}
		rec := make(RecordValue, 0, len(n.Fields))
		for _, f := range n.Fields {
			if r.Err() != nil {
				break
			}
			rec = append(rec, Pair{Key: f.Name, Value: d.decode(f.Type, depth+1)})
		}
		v = rec
	case Union:
		i := r.Union(len(n.Branches))
		if r.Err() != nil {
			return nil
		}
		// The branch's own decode calls the converter with the branch node.
		return d.decode(n.Branches[i], depth)
	}
	if r.Err() != nil {
		return nil
	}
	if d.conv != nil {
		cv, err := d.conv(n, v)
		if err != nil {
			r.Fail(err)
			return nil
		}
		v = cv
	}
	return v
}
