package schema

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/streamc/streamc/internal/diag"
	"github.com/streamc/streamc/internal/runtime/avroschema"
)

// AvroFile is one .avsc file: its name (used in error positions) and text.
type AvroFile struct {
	Name string
	Data []byte
}

// AvroSet is what ParseAvro read from a set of files.
type AvroSet struct {
	// Named holds every record, enum and fixed type by full name.
	Named map[string]*Type
	// Roots holds each file's top-level schema by file name.
	Roots map[string]*Type
	// Nullable holds the files whose top-level schema is a union with
	// "null" (a root has no field to carry Field.Nullable).
	Nullable map[string]bool
}

// ParseAvro parses .avsc files together, so that a named type defined in one
// file can be used by name in another, and maps each schema to the Spark type
// that Spark's SchemaConverters.toSqlType gives it:
//
//	record -> struct (Type.Name is the full name)   enum -> string
//	fixed, bytes -> binary                          map -> map<string,V>
//	["null",T], [T,"null"] -> T, nullable           [int,long] -> long
//	[float,double] -> double                        other unions -> struct<member0,member1,...>
//	date -> date    timestamp-millis/micros -> timestamp    local-timestamp-* -> timestamp_ntz
//	decimal(bytes/fixed) -> decimal(p,s)            time-millis -> int, time-micros -> long
//	uuid -> string  "null" -> void (Null)
//
// Every Type has Avro set, with what a binary codec needs (see AvroInfo).
//
// Unlike Spark, recursive records work: the result is a graph. A named type
// has one canonical *Type (the one in AvroSet.Named), and a reference to it
// is that pointer, so a recursive record reaches itself again. A use that
// carries its own Avro details (a ["null",T] branch with null first, a field
// default or field aliases) is instead a shallow copy with its own AvroInfo,
// sharing the canonical Fields slice. Walkers should therefore track the
// records they are inside by Type.Name (only named records recur). Treat
// every Type as read-only: they are shared.
//
// Files are read in name order. A named type may be defined in several
// files if the definitions are identical (as registry schemas, which inline
// every type they use, often are).
//
// Invalid logical types are ignored, as the Avro specification says (the
// type is its underlying type); a decimal whose precision exceeds Spark's 38
// is an error, as in Spark. Field defaults are checked against their types.
// Errors are a *diag.List positioned in the files.
func ParseAvro(files []AvroFile) (*AvroSet, error) {
	return parseAvro(files, nil)
}

// parseAvro is ParseAvro; unknownHint, when set, adds to the message of an
// unknown type name (the Loader says which files it read).
func parseAvro(files []AvroFile, unknownHint func(name string) string) (*AvroSet, error) {
	p := readAvro(files)
	p.unknownHint = unknownHint
	if p.errs.Len() == 0 {
		p.parseSet()
	}
	if err := p.errs.Err(); err != nil {
		return nil, err
	}
	for _, f := range p.files {
		p.index(f, f.node, f.root)
	}
	return p.convert()
}

// readAvro reads the JSON of files (in name order), with positions; the
// schemas in it are parsed by parseSet.
func readAvro(files []AvroFile) *avroParse {
	p := &avroParse{defs: map[string]*avroDef{}}
	sorted := slices.Clone(files)
	slices.SortStableFunc(sorted, func(a, b AvroFile) int { return strings.Compare(a.Name, b.Name) })
	for _, af := range sorted {
		f := &avroFile{name: af.Name, data: af.Data, src: newSource(af.Name, string(af.Data), diag.Pos{})}
		root, jerr := parseJSON(af.Data)
		if jerr != nil {
			p.errs.Add(f.src.pos(jerr.off), "%s", jerr.msg)
			continue
		}
		f.root = root
		p.files = append(p.files, f)
	}
	return p
}

// avroUnresolved returns the type names files use but do not define, each as
// the full names it may stand for (an unqualified name in a namespace may
// also be in the null namespace), with the file that uses it. Other errors
// are left for parseAvro to report.
func avroUnresolved(files []AvroFile) []avroMissing {
	p := readAvro(files)
	var out []avroMissing
	seen := map[string]bool{}
	for _, se := range p.setErrors() {
		var e *avroschema.Error
		if !errors.As(se, &e) || e.Reason != avroschema.ReasonUnknownType || seen[e.Name] {
			continue
		}
		seen[e.Name] = true
		m := avroMissing{file: p.files[se.Index].name, names: []string{e.Name}}
		if e.Name != e.Ref && !strings.Contains(e.Ref, ".") {
			m.names = append(m.names, e.Ref)
		}
		out = append(out, m)
	}
	return out
}

type avroMissing struct {
	file  string   // the file that uses the name
	names []string // the full names it may stand for
}

// avroDefines returns the full names of the types a file defines.
func avroDefines(data []byte) []string {
	return avroschema.Names(string(bytes.TrimPrefix(data, []byte(bom))))
}

// ParseAvroSchema parses one schema on its own (a file with no references to
// other files, or a schema fetched from a registry) and returns its
// top-level type, which need not be a record.
func ParseAvroSchema(file string, data []byte) (*Type, error) {
	set, err := ParseAvro([]AvroFile{{Name: file, Data: data}})
	if err != nil {
		return nil, err
	}
	return set.Roots[file], nil
}

// avroParse holds the state of one ParseAvro call.
type avroParse struct {
	files []*avroFile
	defs  map[string]*avroDef // by full name, where each is first defined
	errs  diag.List
	// unknownHint adds to the message of an unknown type name.
	unknownHint func(name string) string
}

type avroFile struct {
	name string
	data []byte
	src  *source
	root *jsonNode
	node *avroschema.Node // the parsed top-level schema
}

// avroDef is where a named type is defined.
type avroDef struct {
	full string
	ns   string // its namespace, for the names inside it
	file *avroFile
	node *jsonNode
}

func (p *avroParse) errorf(f *avroFile, off int, format string, args ...any) {
	p.errs.Add(f.src.pos(off), format, args...)
}

// text is file f as internal/runtime/avroschema reads it, and the offset
// in f's data of its first byte.
func (f *avroFile) text() (string, int) {
	t := bytes.TrimPrefix(f.data, []byte(bom))
	return string(t), len(f.data) - len(t)
}

// setErrors parses the files with internal/runtime/avroschema and returns its
// errors, nil when there are none.
func (p *avroParse) setErrors() avroschema.SetErrors {
	texts := make([]string, len(p.files))
	for i, f := range p.files {
		texts[i], _ = f.text()
	}
	set, err := avroschema.ParseSet(texts, avroschema.Options{UncheckedDefaults: true, Strict: true})
	if err == nil {
		for i, f := range p.files {
			f.node = set[i].Root()
		}
		return nil
	}
	var errs avroschema.SetErrors
	if !errors.As(err, &errs) {
		errs = avroschema.SetErrors{{Index: 0, Err: err}}
	}
	return errs
}

// parseSet parses the files with internal/runtime/avroschema, the one Avro
// parser of the project, with the generator's policy (Options.Strict), and
// reports its errors at their positions in the files.
func (p *avroParse) parseSet() {
	if len(p.files) == 0 {
		return
	}
	for _, se := range p.setErrors() {
		f := p.files[se.Index]
		var e *avroschema.Error
		if !errors.As(se, &e) {
			p.errs.Add(diag.Pos{File: f.name}, "%s", se.Err)
			continue
		}
		msg := e.Msg
		switch e.Reason {
		case avroschema.ReasonUnknownType:
			if p.unknownHint != nil {
				msg += p.unknownHint(e.Name)
			}
		case avroschema.ReasonDefinedTwice:
			if at, ok := p.other(e); ok {
				msg = fmt.Sprintf("%s is defined twice (first at %d:%d)", e.Name, at.Line, at.Column)
			}
		case avroschema.ReasonDefinedDifferently:
			if at, ok := p.other(e); ok {
				msg = fmt.Sprintf("%s is defined differently in %s", e.Name, at)
			}
		case avroschema.ReasonAliasTaken:
			if at, ok := p.other(e); ok {
				msg = strings.TrimSuffix(msg, "another type") + "the type defined at " + at.String()
			}
		}
		if e.Offset < 0 {
			p.errs.Add(diag.Pos{File: f.name}, "%s", msg)
			continue
		}
		_, skip := f.text()
		p.errorf(f, e.Offset+skip, "%s", msg)
	}
}

// other is the position of the other definition an error names.
func (p *avroParse) other(e *avroschema.Error) (diag.Pos, bool) {
	if e.OtherIndex < 0 || e.OtherIndex >= len(p.files) || e.OtherOffset < 0 {
		return diag.Pos{}, false
	}
	f := p.files[e.OtherIndex]
	_, skip := f.text()
	return f.src.pos(e.OtherOffset + skip), true
}

// index records where each named type reachable from t, written at node n
// of file f, is defined: the conversion reads the definition's JSON (its
// key order, positions and doc). A named type defined alike in several
// files is the first file's.
func (p *avroParse) index(f *avroFile, t *avroschema.Node, n *jsonNode) {
	switch t.Kind {
	case avroschema.Record, avroschema.Enum, avroschema.Fixed:
		if n.kind != jsonObject || p.defs[t.FullName] != nil {
			return // a reference, or a definition indexed already
		}
		if tn := n.get("type"); tn == nil || tn.kind != jsonString || tn.str != t.Kind.String() && tn.str != "error" {
			return // {"type": "Name"}, a reference
		}
		p.defs[t.FullName] = &avroDef{full: t.FullName, ns: t.Namespace, file: f, node: n}
		if t.Kind == avroschema.Record {
			nodes := n.get("fields").elems
			for i, fl := range t.Fields {
				p.index(f, fl.Type, nodes[i].get("type"))
			}
		}
	case avroschema.Union:
		for i, b := range t.Branches {
			p.index(f, b, n.elems[i])
		}
	case avroschema.Array:
		p.index(f, t.Items, n.get("items"))
	case avroschema.Map:
		p.index(f, t.Values, n.get("values"))
	}
}

const bom = "\ufeff"
