package schema

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
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
	p := walkAvro(files)
	p.unknownHint = unknownHint
	if p.errs.Len() == 0 {
		p.link()
	}
	if p.errs.Len() == 0 {
		p.parseSet()
	}
	if err := p.errs.Err(); err != nil {
		return nil, err
	}
	return p.convert()
}

// walkAvro reads files (in name order) and indexes their definitions and
// references, the first pass of parseAvro.
func walkAvro(files []AvroFile) *avroParse {
	p := &avroParse{defs: map[string]*avroDef{}, nodeName: map[*jsonNode]string{}, refTarget: map[*jsonNode]string{}}
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
		p.walk(f, root, "")
	}
	return p
}

// avroUnresolved returns the type names files use but do not define, each as
// the full names it may stand for (an unqualified name in a namespace may
// also be in the null namespace), with the file that uses it. Syntax errors
// are left for parseAvro to report.
func avroUnresolved(files []AvroFile) []avroMissing {
	p := walkAvro(files)
	var out []avroMissing
	seen := map[string]bool{}
	for _, r := range p.refs {
		if p.resolve(r.name, r.ns) != nil {
			continue
		}
		full := fullName(r.name, r.ns)
		if seen[full] {
			continue
		}
		seen[full] = true
		m := avroMissing{file: r.file.name, names: []string{full}}
		if full != r.name && !strings.Contains(r.name, ".") {
			m.names = append(m.names, r.name)
		}
		out = append(out, m)
	}
	return out
}

type avroMissing struct {
	file  string   // the file that uses the name
	names []string // the full names it may stand for
}

// avroDefines returns the full names of the types files define.
func avroDefines(files []AvroFile) []string {
	p := walkAvro(files)
	names := make([]string, 0, len(p.defs))
	for n := range p.defs {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
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
	defs  map[string]*avroDef // by full name
	// nodeName is the full name of each named-type definition node;
	// refTarget the full name each reference node resolved to.
	nodeName  map[*jsonNode]string
	refTarget map[*jsonNode]string
	refs      []avroRef
	unions    []avroUnion
	aliases   []avroRef // alias full names, to check they name nothing else
	errs      diag.List
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

// avroRef is a type name used as a reference (or an alias), in a namespace.
type avroRef struct {
	file *avroFile
	node *jsonNode
	name string
	ns   string
	def  *avroDef // for aliases: the type they belong to
}

type avroUnion struct {
	file *avroFile
	node *jsonNode
	ns   string
}

func (p *avroParse) errorf(f *avroFile, off int, format string, args ...any) {
	p.errs.Add(f.src.pos(off), format, args...)
}

var avroPrimitives = []string{"null", "boolean", "int", "long", "float", "double", "bytes", "string"}

func isAvroPrimitive(name string) bool { return slices.Contains(avroPrimitives, name) }

var avroNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// validAvroName reports whether s is a name or, with dots, a full name.
func validAvroName(s string) bool {
	for part := range strings.SplitSeq(s, ".") {
		if !avroNameRE.MatchString(part) {
			return false
		}
	}
	return true
}

// fullName qualifies name in namespace ns, as the Avro specification does.
func fullName(name, ns string) string {
	if strings.Contains(name, ".") || ns == "" {
		return name
	}
	return ns + "." + name
}

// resolve finds the definition a type name refers to in namespace ns. As
// Avro's Java parser does, an unqualified name not found in ns is looked up
// in the null namespace.
func (p *avroParse) resolve(name, ns string) *avroDef {
	if d := p.defs[fullName(name, ns)]; d != nil {
		return d
	}
	if !strings.Contains(name, ".") {
		return p.defs[name]
	}
	return nil
}

// parseSet parses the files, already checked, with internal/runtime/avroschema, the
// one Avro parser of the project; the conversion walks its nodes with the
// JSON nodes they came from. What the check lets through and the parser
// refuses is reported at the position the parser names.
func (p *avroParse) parseSet() {
	texts := make([]string, len(p.files))
	for i, f := range p.files {
		texts[i] = string(bytes.TrimPrefix(f.data, []byte(bom)))
	}
	set, err := avroschema.ParseSet(texts, avroschema.Options{UncheckedDefaults: true})
	if err != nil {
		var se *avroschema.SetError
		var e *avroschema.Error
		if !errors.As(err, &se) || !errors.As(err, &e) {
			p.errs.Add(diag.Pos{File: p.files[0].name}, "%s", err)
			return
		}
		f := p.files[se.Index]
		if e.Offset < 0 {
			p.errs.Add(diag.Pos{File: f.name}, "%s", e.Msg)
			return
		}
		p.errorf(f, e.Offset+len(f.data)-len(texts[se.Index]), "%s", e.Msg)
		return
	}
	for i, f := range p.files {
		f.node = set[i].Root()
	}
}

const bom = "\ufeff"

// defAt returns the named type defined or referred to at node n.
func (p *avroParse) defAt(n *jsonNode) *avroDef {
	if full, ok := p.nodeName[n]; ok {
		return p.defs[full]
	}
	if n.kind == jsonObject {
		n = n.get("type")
	}
	return p.defs[p.refTarget[n]]
}

// describe names a schema node for messages.
func describeAvro(n *jsonNode) string {
	switch n.kind {
	case jsonString:
		return fmt.Sprintf("%q", n.str)
	case jsonArray:
		return "union"
	case jsonObject:
		if t := n.get("type"); t != nil && t.kind == jsonString {
			return fmt.Sprintf("%q", t.str)
		}
	}
	return n.kind.String()
}
