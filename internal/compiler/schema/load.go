package schema

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/streamc/streamc/internal/diag"
)

// Loader reads schema files through FS (the directory of pipelines.yaml, or
// an fstest.MapFS in tests), picking the parser by file extension. A Loader
// is not safe for concurrent use.
//
// Avro files are read only when asked for: the file loaded, the other files
// in Files, and the files named after a type they use but do not define.
// Other .avsc files beside them (an evolved writer schema, say) are never
// read, so they cannot conflict.
type Loader struct {
	FS fs.FS
	// Files are the schema files the spec names. An Avro type one of them
	// uses may be defined in another; files that use one another's types
	// are parsed together and share those types.
	Files []string

	groups  []*avroGroup
	defines map[string][]string // full names each Files entry defines
}

// NewLoader returns a Loader reading from fsys.
func NewLoader(fsys fs.FS) *Loader { return &Loader{FS: fsys} }

// avroGroup is a set of .avsc files parsed together.
type avroGroup struct {
	files []string // sorted
	set   *AvroSet
	err   error
}

// RefError is a problem with a reference to a schema rather than with the
// schema's text: a missing file, an unknown extension or record name. The
// caller reports it at the reference (in pipelines.yaml). Errors inside a
// schema file are a *diag.List positioned in that file.
type RefError struct {
	File string
	Msg  string
	Err  error // the underlying error, if any
}

func (e *RefError) Error() string { return fmt.Sprintf("schema file %q: %s", e.File, e.Msg) }

func (e *RefError) Unwrap() error { return e.Err }

// Load reads the schema in file, a slash-separated path in FS, and returns
// its type:
//
//   - .avsc: parsed (ParseAvro) with the files that define the types it
//     uses by name (see Loader); the result is the file's top-level type,
//     or the named type whose full name is record when record is set.
//   - .spark.json or .json: a Spark StructType as JSON (ParseSparkJSON).
//   - .ddl: a Spark DDL string (ParseDDL).
func (l *Loader) Load(file, record string) (*Type, error) {
	s, err := l.LoadSchema(file, record)
	if err != nil {
		return nil, err
	}
	return s.Type, nil
}

// LoadSchema is Load with what is known about the schema besides its type:
// Schema.Name is the record's full name for Avro records ("" otherwise: the
// caller names Spark schemas after their pipelines.yaml key), and
// Schema.Nullable says an Avro top-level union admits null.
func (l *Loader) LoadSchema(file, record string) (*Schema, error) {
	file = path.Clean(file)
	if !fs.ValidPath(file) {
		return nil, &RefError{File: file, Msg: "the path must be relative to the spec and stay below it"}
	}
	if record != "" && !strings.HasSuffix(file, ".avsc") {
		return nil, &RefError{File: file, Msg: "a record name applies only to .avsc files"}
	}
	var (
		t        *Type
		nullable bool
		err      error
	)
	switch {
	case strings.HasSuffix(file, ".avsc"):
		t, nullable, err = l.loadAvro(file, record)
	case strings.HasSuffix(file, ".json"):
		var data []byte
		if data, err = l.read(file); err == nil {
			t, err = ParseSparkJSON(file, data)
		}
	case strings.HasSuffix(file, ".ddl"):
		var data []byte
		if data, err = l.read(file); err == nil {
			t, err = ParseDDL(file, string(data), diag.Pos{Line: 1, Column: 1})
		}
	default:
		return nil, &RefError{File: file, Msg: "unknown schema format; use .avsc, .spark.json, .json or .ddl"}
	}
	if err != nil {
		return nil, err
	}
	s := &Schema{Type: t, Source: file, Nullable: nullable}
	if t.Kind == Struct && t.Avro != nil && t.Avro.Type == "record" {
		s.Name = t.Name
	}
	return s, nil
}

func (l *Loader) read(file string) ([]byte, error) {
	data, err := fs.ReadFile(l.FS, file)
	if err != nil {
		msg := err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = "no such file"
		}
		return nil, &RefError{File: file, Msg: msg, Err: err}
	}
	return data, nil
}

func (l *Loader) loadAvro(file, record string) (*Type, bool, error) {
	g, err := l.avroGroup(file)
	if err != nil {
		return nil, false, err
	}
	if g.err != nil {
		return nil, false, g.err
	}
	set := g.set
	if record == "" {
		if t, ok := set.Roots[file]; ok {
			return t, set.Nullable[file], nil
		}
		return nil, false, &RefError{File: file, Msg: "not parsed"}
	}
	if t, ok := set.Named[record]; ok {
		return t, false, nil
	}
	return nil, false, &RefError{File: file, Msg: fmt.Sprintf("no record named %q in %s%s", record, strings.Join(g.files, ", "), recordHint(record, set))}
}

// avroGroup returns the parsed group holding file, parsing the groups of
// file and of every Avro file in l.Files not parsed yet. Files are in one
// group when one uses a type the other defines (directly or through other
// files), so a type is one *Type however many schemas reach it.
func (l *Loader) avroGroup(file string) (*avroGroup, error) {
	if g := l.groupOf(file); g != nil {
		return g, nil
	}
	roots := []string{file}
	for _, f := range l.Files {
		f = path.Clean(f)
		if strings.HasSuffix(f, ".avsc") && fs.ValidPath(f) && f != file && l.groupOf(f) == nil {
			roots = append(roots, f)
		}
	}
	// Each root's closure: the root and the files its types lead to.
	closures := make([][]string, len(roots))
	for i, r := range roots {
		c, err := l.avroClosure(r)
		if err != nil {
			if i == 0 {
				return nil, err
			}
			continue // reported when that file is loaded
		}
		closures[i] = c
	}
	// Join closures that share a file into groups.
	var groups [][]string
	for _, c := range closures {
		if c == nil {
			continue
		}
		merged := slices.Clone(c)
		var rest [][]string
		for _, g := range groups {
			if slices.ContainsFunc(g, func(f string) bool { return slices.Contains(merged, f) }) {
				merged = append(merged, g...)
			} else {
				rest = append(rest, g)
			}
		}
		slices.Sort(merged)
		groups = append(rest, slices.Compact(merged))
	}
	for _, files := range groups {
		l.groups = append(l.groups, l.parseGroup(files))
	}
	return l.groupOf(file), nil
}

func (l *Loader) groupOf(file string) *avroGroup {
	for _, g := range l.groups {
		if slices.Contains(g.files, file) {
			return g
		}
	}
	return nil
}

// avroClosure is root with the files that define the types it uses, and the
// types those use, found among l.Files or by name beside the file using the
// type (com.x.Place in Place.avsc or com.x.Place.avsc, any case).
func (l *Loader) avroClosure(root string) ([]string, error) {
	files := []string{root}
	data := map[string][]byte{}
	for {
		var in []AvroFile
		for _, f := range files {
			if _, ok := data[f]; !ok {
				b, err := l.read(f)
				if err != nil {
					return nil, err
				}
				data[f] = b
			}
			in = append(in, AvroFile{Name: f, Data: data[f]})
		}
		added := false
		for _, m := range avroUnresolved(in) {
			if f := l.avroDefiner(m); f != "" && !slices.Contains(files, f) {
				files = append(files, f)
				added = true
			}
		}
		if !added {
			return files, nil
		}
	}
}

// avroDefiner finds the file that defines a missing type: a spec-named file
// defining one of its names, else a file named after it beside the file
// that uses it; "" when there is none.
func (l *Loader) avroDefiner(m avroMissing) string {
	for _, f := range l.Files {
		f = path.Clean(f)
		if !strings.HasSuffix(f, ".avsc") || !fs.ValidPath(f) {
			continue
		}
		for _, n := range l.definedIn(f) {
			if slices.Contains(m.names, n) {
				return f
			}
		}
	}
	dir := path.Dir(m.file)
	entries, err := fs.ReadDir(l.FS, dir)
	if err != nil {
		return ""
	}
	for _, n := range m.names {
		short := n[strings.LastIndexByte(n, '.')+1:]
		for _, e := range entries {
			base, ok := strings.CutSuffix(e.Name(), ".avsc")
			if ok && !e.IsDir() && (strings.EqualFold(base, n) || strings.EqualFold(base, short)) {
				return path.Join(dir, e.Name())
			}
		}
	}
	return ""
}

// definedIn returns the full names a spec-named file defines (none if it
// cannot be read or parsed: that is reported when it is loaded).
func (l *Loader) definedIn(file string) []string {
	if names, ok := l.defines[file]; ok {
		return names
	}
	var names []string
	if data, err := fs.ReadFile(l.FS, file); err == nil {
		names = avroDefines(data)
	}
	if l.defines == nil {
		l.defines = map[string][]string{}
	}
	l.defines[file] = names
	return names
}

func (l *Loader) parseGroup(files []string) *avroGroup {
	g := &avroGroup{files: files}
	var in []AvroFile
	for _, f := range files {
		data, err := l.read(f)
		if err != nil {
			g.err = err
			return g
		}
		in = append(in, AvroFile{Name: f, Data: data})
	}
	read := strings.Join(files, ", ")
	g.set, g.err = parseAvro(in, func(name string) string {
		short := name[strings.LastIndexByte(name, '.')+1:]
		return fmt.Sprintf(" (read %s: only the schema files the spec names are read, with the files named after a type they use, as %s.avsc)", read, short)
	})
	return g
}

// recordHint suggests the full name meant by record, which may be a short
// name or a misspelling.
func recordHint(record string, set *AvroSet) string {
	names := make([]string, 0, len(set.Named))
	for n := range set.Named {
		names = append(names, n)
	}
	slices.Sort(names)
	full := map[string]string{} // candidate -> full name
	for _, n := range names {
		short := n[strings.LastIndexByte(n, '.')+1:]
		if short == record {
			return fmt.Sprintf("; did you mean %q? (use the full name)", n)
		}
		full[n] = n
		if _, ok := full[short]; !ok {
			full[short] = n
		}
	}
	candidates := make([]string, 0, len(full))
	for c := range full {
		candidates = append(candidates, c)
	}
	slices.Sort(candidates)
	if s := diag.Suggest(record, candidates); s != "" {
		return fmt.Sprintf("; did you mean %q?", full[s])
	}
	return ""
}
