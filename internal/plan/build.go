package plan

import (
	"fmt"
	"path"
	"strings"

	"github.com/streamc/streamc/internal/ir"
)

// Input is what the planner needs from a checked spec.
type Input struct {
	// SpecFile is the spec's name for headers, e.g. "pipelines.yaml".
	SpecFile string
	// OutDir is the output directory relative to the spec ("generated").
	OutDir string
	// ImportPath is the import path of OutDir.
	ImportPath string
	Apps       []AppInput
}

// AppInput is one app and the schemas its queries use.
type AppInput struct {
	Name    string
	Schemas []SchemaInput
	// Queries are the app's checked queries.
	Queries []*ir.Query
}

// SchemaInput is one schema used by an app.
type SchemaInput struct {
	// Name is the schema's name in the spec.
	Name string
	// Source is the file it came from, relative to the spec.
	Source string
	Type   *ir.Type
	// CorruptColumn is the columnNameOfCorruptRecord in effect
	// ("_corrupt_record" unless an option says otherwise).
	CorruptColumn string
}

// Build makes the plan. It fails only on inputs the checker should have
// rejected; its errors name the schema.
func Build(in Input) (*Plan, error) {
	p := &Plan{SpecFile: in.SpecFile}
	pkgNames := newNamer(nil)
	for _, app := range in.Apps {
		name := pkgNames.take(PackageName(app.Name))
		pkg := &Package{
			Dir:        path.Join(in.OutDir, name),
			ImportPath: in.ImportPath + "/" + name,
			Name:       name,
			Source:     fmt.Sprintf("%s (app %q)", in.SpecFile, app.Name),
		}
		b := &builder{
			types:   newNamer(nil),
			vars:    &unexported{},
			files:   newNamer(map[string]bool{"doc": true}),
			seen:    map[*ir.Type]*Record{},
			derived: map[*Record]*Query{},
			open:    map[*Record]bool{},
		}
		for _, s := range app.Schemas {
			if s.Type == nil || s.Type.Kind != ir.Struct {
				return nil, fmt.Errorf("schema %q: a record schema must be a struct", s.Name)
			}
			if r, ok := b.seen[s.Type]; ok && r.FileBase != "" {
				continue // the same schema used twice
			}
			goName := GoName(s.Name)
			if s.Type.Name != "" {
				goName = GoName(shortName(s.Type.Name))
			}
			r := b.record(s.Type, goName, nil)
			b.types.used[strings.ToLower(r.GoName)] = fmt.Sprintf("record %s of schema %q (%s)", r.GoName, s.Name, s.Source)
			b.recordFiles(r)
			r.Source = s.Source
			r.Doc = fmt.Sprintf("%s is a record of schema %q (%s).", r.GoName, s.Name, s.Source)
			if f := fieldNamed(r, s.CorruptColumn); f != nil && f.Type.Kind == ir.String {
				r.Corrupt = f
			}
			pkg.Records = append(pkg.Records, r)
		}
		if err := b.claimConstructors(app.Queries); err != nil {
			return nil, err
		}
		if err := b.planQueries(pkg, app.Queries); err != nil {
			return nil, err
		}
		b.trimCodecs(pkg)
		b.derivedNames(pkg)
		p.Packages = append(p.Packages, pkg)
		p.Programs = append(p.Programs, programs(in.OutDir, app.Name, pkg)...)
	}
	return p, nil
}

type builder struct {
	// types holds the package's exported identifiers: record types, query
	// constructors, Avro schema constants.
	types *namer
	// vars holds its unexported ones.
	vars  *unexported
	files *namer
	// seen maps struct types already planned, so a type reached twice (or a
	// recursive one) becomes one Go type.
	seen map[*ir.Type]*Record
	// derived maps the records made for types a query creates to it.
	derived map[*Record]*Query
	// open holds the records whose fields are being planned: meeting one
	// again is recursion, which Go holds through a pointer.
	open map[*Record]bool
	// csvUsed and jsonDecoded are the struct types some query of the
	// package reads or writes as CSV, and reads as JSON.
	csvUsed, jsonDecoded map[*ir.Type]bool
}

// recordFiles names the files of r, a top-level record: none of them may
// meet another's.
func (b *builder) recordFiles(r *Record) {
	r.FileBase = b.files.takeFiles(FileBase(r.GoName), "", "_json", "_csv", "_avro")
	r.Files = RecordFiles{Type: r.FileBase + ".go", JSON: r.FileBase + "_json.go", CSV: r.FileBase + "_csv.go", Avro: r.FileBase + "_avro.go"}
}

// derivedNames names, once every record and query of pkg has its name,
// the package-level identifiers derived from records. Declared names keep
// theirs, so these yield with a suffix.
func (b *builder) derivedNames(pkg *Package) {
	var all []*Record
	for _, r := range pkg.Records {
		all = append(all, r)
		all = append(all, r.Nested...)
	}
	for _, r := range pkg.Records {
		// jsongen gives a decoded top-level record of at most 64 fields a
		// DecodeJSONFieldsWith, whose mask these constants spell.
		if r.JSON && !r.EncodeOnly && len(r.Fields) <= 64 {
			r.FieldBits = make([]string, len(r.Fields))
			for i, f := range r.Fields {
				r.FieldBits[i] = b.types.takeFor(r.GoName+"Field"+f.GoName, "the bit of field "+f.Name+" of "+r.GoName)
			}
		}
	}
	for _, r := range all {
		if r.Avro != nil && r.Avro.Schema != "" {
			r.Avro.SchemaConst = b.types.takeFor(r.GoName+"AvroSchema", "the Avro schema of "+r.GoName)
		}
		// GoNames are unique, so these are, and no query's prefix reserves a
		// name with an underscore after it.
		r.CSVColumns = "csvColumns_" + r.GoName
		b.vars.add("", r.CSVColumns)
	}
}

// record plans the struct t under goName; nested structs are appended to
// top's Nested (top is nil for a top-level record).
func (b *builder) record(t *ir.Type, goName string, top *Record) *Record {
	if r, ok := b.seen[t]; ok {
		return r
	}
	r := &Record{GoName: b.types.takeFor(goName, "record "+goName), Type: t, JSON: true, CSV: true}
	b.seen[t] = r
	if top == nil {
		top = r
	} else {
		top.Nested = append(top.Nested, r)
	}
	b.open[r] = true
	defer delete(b.open, r)
	fields := newNamer(reservedFieldNames)
	for _, f := range t.Fields {
		pf := &Field{
			Name:     f.Name,
			GoName:   fields.take(GoName(f.Name)),
			Nullable: f.Nullable,
			Comment:  f.Comment,
		}
		pf.Type = b.goType(f.Type, r.GoName+"_"+pf.GoName, top)
		if !pf.Type.Atomic() {
			r.CSV = false
		}
		r.Fields = append(r.Fields, pf)
	}
	return r
}

func (b *builder) goType(t *ir.Type, nestedName string, top *Record) *GoType {
	g := &GoType{Kind: t.Kind, Precision: t.Precision, Scale: t.Scale}
	switch t.Kind {
	case ir.Array:
		// An array of structs names its element type after the field itself
		// (Invoice_InvoiceLineItems); deeper nesting adds "Elem".
		elemName := nestedName
		if t.Elem.Kind != ir.Struct {
			elemName += "Elem"
		}
		g.Elem = b.goType(t.Elem, elemName, top)
		g.ElemNullable = t.ContainsNull
	case ir.Map:
		g.Key = b.goType(t.Key, nestedName+"Key", top)
		g.Value = b.goType(t.Value, nestedName+"Value", top)
		g.ValueNullable = t.ValueContainsNull
	case ir.Struct:
		name := nestedName
		if t.Name != "" {
			name = GoName(shortName(t.Name))
		}
		g.Record = b.record(t, name, top)
		g.Pointer = b.open[g.Record]
	}
	return g
}

// shortName is the last dotted part of an Avro full name.
func shortName(full string) string {
	for i := len(full) - 1; i >= 0; i-- {
		if full[i] == '.' {
			return full[i+1:]
		}
	}
	return full
}

func fieldNamed(r *Record, name string) *Field {
	if name == "" {
		return nil
	}
	for _, f := range r.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// programs are an app's main packages: the app itself, then one per query
// named <app>-<query>.
func programs(outDir, app string, pkg *Package) []*Program {
	out := []*Program{{Dir: path.Join(outDir, "cmd", app), Name: app, App: app, Package: pkg, Queries: pkg.Queries}}
	for _, q := range pkg.Queries {
		name := app + "-" + q.Name
		out = append(out, &Program{Dir: path.Join(outDir, "cmd", name), Name: name, App: app, Package: pkg, Queries: []*Query{q}})
	}
	return out
}
