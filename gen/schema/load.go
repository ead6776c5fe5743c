package schema

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/streamc/streamc/gen/diag"
)

// Loader reads schema files through FS (the directory of pipelines.yaml, or
// an fstest.MapFS in tests), picking the parser by file extension. It caches
// each directory's Avro files, which are parsed together. A Loader is not
// safe for concurrent use.
type Loader struct {
	FS   fs.FS
	avro map[string]avroDir
}

// NewLoader returns a Loader reading from fsys.
func NewLoader(fsys fs.FS) *Loader { return &Loader{FS: fsys} }

type avroDir struct {
	set *AvroSet
	err error
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
//   - .avsc: every .avsc file in the same directory is parsed with it
//     (ParseAvro), so that types defined in one file can be used by name in
//     another; the result is the file's top-level type, or the named type
//     whose full name is record when record is set.
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
	dir := path.Dir(file)
	set, err := l.avroDir(dir)
	if err != nil {
		return nil, false, err
	}
	if record == "" {
		if t, ok := set.Roots[file]; ok {
			return t, set.Nullable[file], nil
		}
		_, err := l.read(file) // not there: say why
		if err == nil {
			err = &RefError{File: file, Msg: "not parsed"}
		}
		return nil, false, err
	}
	if t, ok := set.Named[record]; ok {
		return t, false, nil
	}
	return nil, false, &RefError{File: file, Msg: fmt.Sprintf("no record named %q in %s/*.avsc%s", record, dir, recordHint(record, set))}
}

// avroDir parses every .avsc file in dir once.
func (l *Loader) avroDir(dir string) (*AvroSet, error) {
	if d, ok := l.avro[dir]; ok {
		return d.set, d.err
	}
	var d avroDir
	d.set, d.err = l.parseAvroDir(dir)
	if l.avro == nil {
		l.avro = map[string]avroDir{}
	}
	l.avro[dir] = d
	return d.set, d.err
}

func (l *Loader) parseAvroDir(dir string) (*AvroSet, error) {
	entries, err := fs.ReadDir(l.FS, dir)
	if err != nil {
		return nil, &RefError{File: dir, Msg: err.Error(), Err: err}
	}
	var files []AvroFile
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".avsc") {
			continue
		}
		name := path.Join(dir, e.Name())
		data, err := l.read(name)
		if err != nil {
			return nil, err
		}
		files = append(files, AvroFile{Name: name, Data: data})
	}
	return ParseAvro(files)
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
