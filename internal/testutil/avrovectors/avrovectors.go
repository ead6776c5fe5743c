// Package avrovectors holds the Avro and Confluent conformance vectors
// (testdata/avro.jsonl and confluent.jsonl, with a README saying where they
// came from) and reads their expected values, and those of files in their
// format: numbers keep their text, so longs beyond 2^53 stay exact, and
// objects keep their key order, since a record's fields and a map's entries
// come in order. It is test support; generated programs never link it.
package avrovectors

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// Member is one key of an object, in the order written.
type Member struct {
	Key string
	Val any
}

// Object is a JSON object as its members in order.
type Object []Member

// Read decodes one JSON value: null, bool, json.Number, string, []any or
// Object.
func Read(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	v, err := read(dec)
	if err != nil {
		return nil, fmt.Errorf("expected value: %w", err)
	}
	return v, nil
}

func read(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('['):
		arr := []any{}
		for dec.More() {
			e, err := read(dec)
			if err != nil {
				return nil, err
			}
			arr = append(arr, e)
		}
		_, err := dec.Token()
		return arr, err
	case json.Delim('{'):
		obj := Object{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			e, err := read(dec)
			if err != nil {
				return nil, err
			}
			obj = append(obj, Member{Key: k.(string), Val: e})
		}
		_, err := dec.Token()
		return obj, err
	}
	return tok, nil
}

// Float is an expected float or double: a number, or one of the strings
// "NaN", "Infinity" and "-Infinity" the vectors use.
func Float(want any) (float64, bool) {
	switch w := want.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(w), 64)
		return f, err == nil
	case string:
		switch w {
		case "NaN":
			return math.NaN(), true
		case "Infinity":
			return math.Inf(1), true
		case "-Infinity":
			return math.Inf(-1), true
		}
	}
	return 0, false
}
