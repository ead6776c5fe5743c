package schema

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/streamc/streamc/internal/diag"
)

// ParseSparkJSON reads a Spark data type in the JSON form that
// df.schema.json() prints (DataType.fromJson's input), usually a struct.
// Errors are a *diag.List with the line:col of each problem in file; the
// whole tree is checked, so one run reports every problem it can find.
//
// Keys are as strict as Spark's reader: every key Spark requires must be
// present (nullable, containsNull, valueContainsNull), and an unknown key is
// an error with a "did you mean" hint. Field metadata may hold anything; its
// "comment" becomes Field.Comment.
func ParseSparkJSON(file string, data []byte) (*Type, error) {
	src := newSource(file, string(data), diag.Pos{})
	root, jerr := parseJSON(data)
	if jerr != nil {
		var errs diag.List
		errs.Add(src.pos(jerr.off), "%s", jerr.msg)
		return nil, errs.Err()
	}
	r := &sparkJSONReader{src: src}
	t := r.dataType(root)
	if err := r.errs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

type sparkJSONReader struct {
	src  *source
	errs diag.List
}

func (r *sparkJSONReader) errorf(off int, format string, args ...any) {
	r.errs.Add(r.src.pos(off), format, args...)
}

// Spark's simple type names, as DataType.nameToType knows them.
var sparkTypeNames = map[string]Kind{
	"boolean":       Boolean,
	"byte":          Byte,
	"short":         Short,
	"integer":       Int,
	"long":          Long,
	"float":         Float,
	"double":        Double,
	"string":        String,
	"binary":        Binary,
	"date":          Date,
	"timestamp":     Timestamp,
	"timestamp_ltz": Timestamp,
	"timestamp_ntz": TimestampNTZ,
	"void":          Null,
	"null":          Null, // NullType's name before Spark 3.0
}

// ddlNameInJSON maps DDL keywords whose JSON name differs, for hints.
var ddlNameInJSON = map[string]string{
	"int":      "integer",
	"bigint":   "long",
	"tinyint":  "byte",
	"smallint": "short",
	"real":     "float",
	"bool":     "boolean",
}

var (
	jsonDecimalRE = regexp.MustCompile(`^decimal\(\s*(-?\d+)\s*,\s*(-?\d+)\s*\)$`)
	jsonCharRE    = regexp.MustCompile(`^(?:var)?char\(\s*(\d+)\s*\)$`)
)

// dataType reads any data type; it returns nil after reporting an error.
func (r *sparkJSONReader) dataType(n *jsonNode) *Type {
	switch n.kind {
	case jsonString:
		return r.namedType(n)
	case jsonObject:
		return r.complexType(n)
	}
	r.errorf(n.off, "expected a data type (a type name or an object), found %s", n.kind)
	return nil
}

func (r *sparkJSONReader) namedType(n *jsonNode) *Type {
	name := n.str
	if k, ok := sparkTypeNames[name]; ok {
		return &Type{Kind: k}
	}
	if name == "decimal" {
		return &Type{Kind: Decimal, Precision: 10, Scale: 0}
	}
	if m := jsonDecimalRE.FindStringSubmatch(name); m != nil {
		p, err1 := strconv.Atoi(m[1])
		s, err2 := strconv.Atoi(m[2])
		if err1 != nil || err2 != nil {
			r.errorf(n.off, "invalid decimal type %q", name)
			return nil
		}
		if msg := checkDecimal(p, s); msg != "" {
			r.errorf(n.off, "%s", msg)
			return nil
		}
		return &Type{Kind: Decimal, Precision: p, Scale: s}
	}
	if jsonCharRE.MatchString(name) {
		// Spark reads char(n)/varchar(n) as string outside table schemas.
		return &Type{Kind: String}
	}
	if strings.HasPrefix(name, "interval") || name == "calendarinterval" {
		r.errorf(n.off, "data type %q is not supported: streamc has no interval types", name)
		return nil
	}
	if json, ok := ddlNameInJSON[strings.ToLower(name)]; ok {
		r.errorf(n.off, "unknown data type %q; Spark's JSON name for it is %q", name, json)
		return nil
	}
	names := make([]string, 0, len(sparkTypeNames)+4)
	for k := range sparkTypeNames {
		names = append(names, k)
	}
	names = append(names, "decimal", "array", "map", "struct")
	slices.Sort(names)
	r.errorf(n.off, "unknown data type %q%s", name, diag.DidYouMean(name, names))
	return nil
}

// The keys of each object form, in the order Spark writes them.
var (
	structKeys = []string{"type", "fields"}
	arrayKeys  = []string{"type", "elementType", "containsNull"}
	mapKeys    = []string{"type", "keyType", "valueType", "valueContainsNull"}
	fieldKeys  = []string{"name", "type", "nullable", "metadata"}
)

func (r *sparkJSONReader) complexType(n *jsonNode) *Type {
	tn := n.get("type")
	if tn == nil {
		r.errorf(n.off, "data type object is missing \"type\"")
		return nil
	}
	if tn.kind != jsonString {
		r.errorf(tn.off, "\"type\" must be a string, found %s", tn.kind)
		return nil
	}
	switch tn.str {
	case "struct":
		return r.structType(n)
	case "array":
		if !r.keys(n, "array type", arrayKeys, arrayKeys) {
			return nil
		}
		elem := r.dataType(n.get("elementType"))
		cn, ok := r.boolean(n.get("containsNull"), "containsNull")
		if elem == nil || !ok {
			return nil
		}
		return &Type{Kind: Array, Elem: elem, ContainsNull: cn}
	case "map":
		if !r.keys(n, "map type", mapKeys, mapKeys) {
			return nil
		}
		key := r.dataType(n.get("keyType"))
		val := r.dataType(n.get("valueType"))
		vcn, ok := r.boolean(n.get("valueContainsNull"), "valueContainsNull")
		if key == nil || val == nil || !ok {
			return nil
		}
		return &Type{Kind: Map, Key: key, Value: val, ValueContainsNull: vcn}
	case "udt":
		r.errorf(tn.off, "user-defined types (\"udt\") are not supported")
		return nil
	}
	r.errorf(tn.off, "unknown complex type %q; expected \"struct\", \"array\" or \"map\"%s",
		tn.str, diag.DidYouMean(tn.str, []string{"struct", "array", "map"}))
	return nil
}

// keys reports unknown keys of an object and missing required ones.
func (r *sparkJSONReader) keys(n *jsonNode, what string, known, required []string) bool {
	ok := true
	for _, m := range n.members {
		if !slices.Contains(known, m.key) {
			r.errorf(m.keyOff, "unknown key %q in %s%s", m.key, what, diag.DidYouMean(m.key, known))
			ok = false
		}
	}
	for _, k := range required {
		if n.get(k) == nil {
			r.errorf(n.off, "%s is missing %q", what, k)
			ok = false
		}
	}
	return ok
}

func (r *sparkJSONReader) boolean(n *jsonNode, key string) (bool, bool) {
	if n.kind != jsonBool {
		r.errorf(n.off, "%q must be true or false, found %s", key, n.kind)
		return false, false
	}
	return n.boolean, true
}

func (r *sparkJSONReader) structType(n *jsonNode) *Type {
	if !r.keys(n, "struct type", structKeys, structKeys) {
		return nil
	}
	fn := n.get("fields")
	if fn.kind != jsonArray {
		r.errorf(fn.off, "\"fields\" must be an array, found %s", fn.kind)
		return nil
	}
	t, ok := newStruct(), true
	for _, e := range fn.elems {
		f := r.field(e)
		if f == nil {
			ok = false
			continue
		}
		if d := duplicateField(t.Fields, f.Name); d != nil {
			r.errs.Add(f.Pos, "duplicate field %q (first at %d:%d)", f.Name, d.Pos.Line, d.Pos.Column)
			ok = false
			continue
		}
		t.Fields = append(t.Fields, f)
	}
	if !ok {
		return nil
	}
	return t
}

func (r *sparkJSONReader) field(n *jsonNode) *Field {
	if n.kind != jsonObject {
		r.errorf(n.off, "struct field must be an object, found %s", n.kind)
		return nil
	}
	if !r.keys(n, "struct field", fieldKeys, fieldKeys[:3]) {
		return nil
	}
	f, ok := &Field{}, true
	if name := n.get("name"); name.kind != jsonString {
		r.errorf(name.off, "\"name\" must be a string, found %s", name.kind)
		ok = false
	} else {
		f.Name, f.Pos = name.str, r.src.pos(name.off)
	}
	f.Type = r.dataType(n.get("type"))
	nullable, nok := r.boolean(n.get("nullable"), "nullable")
	f.Nullable = nullable
	if md := n.get("metadata"); md != nil {
		if md.kind != jsonObject {
			r.errorf(md.off, "\"metadata\" must be an object, found %s", md.kind)
			ok = false
		} else if c := md.get("comment"); c != nil {
			if c.kind != jsonString {
				r.errorf(c.off, "metadata \"comment\" must be a string, found %s", c.kind)
				ok = false
			}
			f.Comment = c.str
		}
	}
	if !ok || !nok || f.Type == nil {
		return nil
	}
	return f
}
