package avroschema

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// maxJSONDepth bounds the nesting of schema text, so hostile text cannot
// recurse the parser without limit.
const maxJSONDepth = 1000

// parseJSON reads exactly one JSON value. Objects become MapValue so that key
// order survives (map defaults keep their order); a repeated key keeps its
// first position and takes the last value, as Jackson does.
func parseJSON(text string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	v, err := readJSON(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			return nil, errors.New("invalid JSON: data after the schema")
		}
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	return v, nil
}

func readJSON(dec *json.Decoder, depth int) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return tok, nil
	}
	if depth >= maxJSONDepth {
		return nil, fmt.Errorf("invalid JSON: nested deeper than %d", maxJSONDepth)
	}
	switch d {
	case '[':
		arr := []any{}
		for dec.More() {
			v, err := readJSON(dec, depth+1)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		if _, err := dec.Token(); err != nil {
			return nil, fmt.Errorf("invalid JSON: %w", err)
		}
		return arr, nil
	case '{':
		obj := MapValue{}
		var pos map[string]int // key positions, once there are enough keys to need it
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, fmt.Errorf("invalid JSON: %w", err)
			}
			key, _ := kt.(string) // the decoder only yields strings as keys
			v, err := readJSON(dec, depth+1)
			if err != nil {
				return nil, err
			}
			i, seen := -1, false
			if pos != nil {
				i, seen = pos[key]
			} else {
				for j := range obj {
					if obj[j].Key == key {
						i, seen = j, true
						break
					}
				}
			}
			if seen {
				obj[i].Value = v
				continue
			}
			obj = append(obj, Pair{Key: key, Value: v})
			if pos == nil && len(obj) > 16 {
				pos = make(map[string]int, 2*len(obj))
				for j, p := range obj {
					pos[p.Key] = j
				}
			} else if pos != nil {
				pos[key] = len(obj) - 1
			}
		}
		if _, err := dec.Token(); err != nil {
			return nil, fmt.Errorf("invalid JSON: %w", err)
		}
		return obj, nil
	}
	return nil, fmt.Errorf("invalid JSON: unexpected %v", d)
}

// jsonKind names a JSON value's type for messages.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case MapValue:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// jsonText renders a JSON value compactly for messages.
func jsonText(v any) string {
	var b strings.Builder
	writeJSON(&b, v)
	s := b.String()
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

func writeJSON(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		if v {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case json.Number:
		b.WriteString(string(v))
	case string:
		writeJSONString(b, v)
	case []any:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, e)
		}
		b.WriteByte(']')
	case MapValue:
		b.WriteByte('{')
		for i, p := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, p.Key)
			b.WriteByte(':')
			writeJSON(b, p.Value)
		}
		b.WriteByte('}')
	}
}

// writeJSONString quotes s, escaping only what JSON requires; other
// characters stay as UTF-8, as the canonical form's [STRINGS] rule asks.
func writeJSONString(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
}

// offsetOf returns the byte offset in text of the value at path (as errors
// name it: "fields[2].type"), or of its key when atKey is set; -1 when
// there is none. Only errors need it, so it reads the text again rather
// than keep offsets on every parse.
func offsetOf(text, path string, atKey bool) int {
	dec := json.NewDecoder(strings.NewReader(text))
	off, _ := seek(dec, text, "", path, atKey, 0)
	return off
}

// skipSpace returns the offset of the first token at or after off.
func skipSpace(text string, off int) int {
	for off < len(text) && strings.IndexByte(" \t\r\n,:\ufeff", text[off]) >= 0 {
		off++
	}
	return off
}

// seek reads the value at the decoder, whose path is at, looking for path.
func seek(dec *json.Decoder, text, at, path string, atKey bool, depth int) (int, bool) {
	start := skipSpace(text, int(dec.InputOffset()))
	if at == path {
		return start, true
	}
	if depth >= maxJSONDepth {
		return -1, false
	}
	tok, err := dec.Token()
	if err != nil {
		return -1, true // give up: the text was read before, so this is not expected
	}
	switch tok {
	case json.Delim('['):
		for i := 0; dec.More(); i++ {
			if off, done := seek(dec, text, index(at, i), path, atKey, depth+1); done {
				return off, true
			}
		}
	case json.Delim('{'):
		for dec.More() {
			keyStart := skipSpace(text, int(dec.InputOffset()))
			kt, err := dec.Token()
			if err != nil {
				return -1, true
			}
			key, _ := kt.(string)
			if atKey && join(at, key) == path {
				return keyStart, true
			}
			if off, done := seek(dec, text, join(at, key), path, atKey, depth+1); done {
				return off, true
			}
		}
	default:
		return -1, false
	}
	if _, err := dec.Token(); err != nil {
		return -1, true
	}
	return -1, false
}

// sortedJSON renders v compactly with object keys sorted, so that two
// definitions that differ only in key order compare equal.
func sortedJSON(v any) string {
	var b strings.Builder
	writeJSON(&b, sortKeys(v))
	return b.String()
}

func sortKeys(v any) any {
	switch v := v.(type) {
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = sortKeys(e)
		}
		return out
	case MapValue:
		out := make(MapValue, len(v))
		for i, p := range v {
			out[i] = Pair{Key: p.Key, Value: sortKeys(p.Value)}
		}
		slices.SortFunc(out, func(a, b Pair) int { return strings.Compare(a.Key, b.Key) })
		return out
	}
	return v
}
