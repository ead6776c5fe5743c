package registry

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/streamc/streamc/internal/devtools/avrojson"
)

// normalise validates s and returns it with its schema text compacted and
// its type canonical ("" for AVRO), plus the key that identifies the same
// schema however it is spaced or its keys ordered.
func (r *Registry) normalise(s Schema) (Schema, string, error) {
	typ := strings.ToUpper(s.SchemaType)
	switch typ {
	case "", "AVRO":
		typ = ""
	case "JSON", "PROTOBUF":
	default:
		return s, "", errInvalidSchema(fmt.Sprintf("unknown schema type %q", s.SchemaType))
	}
	s.SchemaType = typ
	if typ == "PROTOBUF" {
		// Stored as text; nothing here reads Protobuf.
		s.Schema = strings.TrimSpace(s.Schema)
		return s, key(typ, s.Schema, s.References), nil
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, []byte(s.Schema)); err != nil {
		return s, "", errInvalidSchema("not JSON: " + err.Error())
	}
	s.Schema = compact.String()
	norm, err := sortedJSON(compact.Bytes())
	if err != nil {
		return s, "", errInvalidSchema("not JSON: " + err.Error())
	}
	if typ == "" {
		deps, err := r.dependencies(s.References, map[string]bool{})
		if err != nil {
			return s, "", err
		}
		if _, err := avrojson.Parse([]byte(s.Schema), deps...); err != nil {
			return s, "", errInvalidSchema(err.Error())
		}
	}
	return s, key(typ, norm, s.References), nil
}

func key(typ, schema string, refs []Reference) string {
	r, _ := json.Marshal(refs)
	return typ + "\x00" + schema + "\x00" + string(r)
}

// sortedJSON re-encodes JSON with object keys sorted and no spaces.
func sortedJSON(data []byte) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", err
	}
	out, err := json.Marshal(v) // maps marshal with sorted keys
	return string(out), err
}

// dependencies returns the schema texts refs name, each after its own
// references, so a parser that reads them in order knows every named type
// before it is used.
func (r *Registry) dependencies(refs []Reference, seen map[string]bool) ([][]byte, error) {
	var out [][]byte
	for _, ref := range refs {
		id := fmt.Sprintf("%s\x00%d", ref.Subject, ref.Version)
		if seen[id] {
			continue
		}
		seen[id] = true
		sv, err := r.Version(ref.Subject, ref.Version)
		if err != nil {
			return nil, errInvalidSchema(fmt.Sprintf("reference %q: subject %q version %d does not exist", ref.Name, ref.Subject, ref.Version))
		}
		deeper, err := r.dependencies(sv.References, seen)
		if err != nil {
			return nil, err
		}
		out = append(append(out, deeper...), []byte(sv.Schema.Schema))
	}
	return out, nil
}
