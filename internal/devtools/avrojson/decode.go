package avrojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
)

// object is a JSON object that remembers its key order, so that an Avro map
// is written in the order the person wrote it, as Avro's own tools do.
type object struct {
	keys   []string
	values map[string]any
}

// decodeJSON reads exactly one JSON value, with numbers as json.Number and
// objects as *object.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // keeps longs exact
	v, err := decodeValue(dec)
	if err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("not JSON: text after the value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	switch tok {
	case json.Delim('['):
		arr := []any{}
		for dec.More() {
			v, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		_, err := dec.Token() // ]
		return arr, err
	case json.Delim('{'):
		obj := &object{values: map[string]any{}}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			k := kt.(string) // the decoder only yields string keys here
			v, err := decodeValue(dec)
			if err != nil {
				return nil, err
			}
			if _, dup := obj.values[k]; dup {
				return nil, fmt.Errorf("duplicate key %q", k)
			}
			obj.keys = append(obj.keys, k)
			obj.values[k] = v
		}
		_, err := dec.Token() // }
		return obj, err
	}
	return tok, nil
}

// asObject accepts both our ordered objects and plain maps (callers of
// Encode, schema defaults); a plain map's keys are sorted so its bytes are
// deterministic.
func asObject(v any) (*object, bool) {
	switch v := v.(type) {
	case *object:
		return v, true
	case map[string]any:
		o := &object{values: v}
		for k := range v {
			o.keys = append(o.keys, k)
		}
		slices.Sort(o.keys)
		return o, true
	}
	return nil, false
}
