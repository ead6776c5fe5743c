package plan

import (
	"github.com/streamc/streamc/gen/check"
	"github.com/streamc/streamc/gen/schema"
)

// Query is a checked query with its Go names. templates/querygen emits its
// processor and its engine.Query constructor into the app's package.
type Query struct {
	*check.Query
	// GoName prefixes the query's Go identifiers: the package exports
	// <GoName>Query() engine.Query.
	GoName string
	// FileBase names the query's file: FileBase.go.
	FileBase string
	// Row is the record of an output row for json, csv and console sinks;
	// nil for kafka.
	Row *Record
	// Package is the app package the query lives in.
	Package *Package

	types map[*schema.Type]*GoType
}

// GoType returns the Go type of values of t, a type the checker gave some
// expression or column of this query.
func (q *Query) GoType(t *schema.Type) *GoType {
	if g, ok := q.types[t]; ok {
		return g
	}
	g := &GoType{Kind: t.Kind, Precision: t.Precision, Scale: t.Scale}
	switch t.Kind {
	case schema.Array:
		g.Elem = q.GoType(t.Elem)
		g.ElemNullable = t.ContainsNull
	case schema.Map:
		g.Key = q.GoType(t.Key)
		g.Value = q.GoType(t.Value)
		g.ValueNullable = t.ValueContainsNull
	case schema.Struct:
		panic("plan: struct type " + t.SimpleString() + " was not planned")
	}
	q.types[t] = g
	return g
}

// Program is a main package: one per app (all its queries) and one per
// query.
type Program struct {
	// Dir is the output directory relative to the spec
	// (generated/cmd/<name>); Name is the executable's name.
	Dir  string
	Name string
	// App is the app's name as the spec writes it.
	App     string
	Package *Package
	Queries []*Query
}

// planQueries gives each query of an app its Go names and a record for
// every struct type its expressions create.
func (b *builder) planQueries(pkg *Package, queries []*check.Query) {
	for _, cq := range queries {
		q := &Query{Query: cq, Package: pkg, types: map[*schema.Type]*GoType{}}
		q.GoName = b.types.take(GoName(cq.Name))
		q.FileBase = b.files.take(FileBase(q.GoName) + "_query")
		if cq.Sink != nil && cq.Sink.Row != nil {
			q.Row = b.topRecord(pkg, q, cq.Sink.Row, q.GoName+"Row", "output row of query "+cq.Name)
		}
		visit := func(t *schema.Type) {
			b.planStructs(pkg, q, t)
		}
		for _, c := range cq.Source.Columns {
			visit(c.Type)
		}
		for _, s := range cq.Steps {
			if p, ok := s.(*check.Project); ok {
				for _, c := range p.Columns {
					visit(c.Type)
				}
			}
			for _, e := range check.Exprs(s) {
				check.Walk(e, func(e check.Expr) { visit(check.TypeOf(e).Type) })
			}
		}
		for _, c := range cq.Output {
			visit(c.Type)
		}
		b.codecsWhereUsed(q, pkg)
		pkg.Queries = append(pkg.Queries, q)
	}
}

// planStructs makes a top-level record for every struct type inside t that
// has none yet (a struct(...) or from_json result), and remembers the Go
// type of every struct type inside t for q.GoType.
func (b *builder) planStructs(pkg *Package, q *Query, t *schema.Type) {
	if t == nil {
		return
	}
	switch t.Kind {
	case schema.Array:
		b.planStructs(pkg, q, t.Elem)
	case schema.Map:
		b.planStructs(pkg, q, t.Key)
		b.planStructs(pkg, q, t.Value)
	case schema.Struct:
		r, ok := b.seen[t]
		if !ok {
			r = b.topRecord(pkg, q, t, q.GoName+"Struct", "struct built by query "+q.Name)
		}
		if _, ok := q.types[t]; !ok {
			q.types[t] = &GoType{Kind: schema.Struct, Record: r}
			for _, f := range t.Fields {
				b.planStructs(pkg, q, f.Type)
			}
		}
	}
}

// topRecord plans t as a new top-level record with its own files.
func (b *builder) topRecord(pkg *Package, q *Query, t *schema.Type, goName, what string) *Record {
	if r, ok := b.seen[t]; ok {
		return r
	}
	r := b.record(t, goName, nil)
	b.derived[r] = q
	r.FileBase = b.files.take(FileBase(r.GoName))
	r.Source = pkg.Source
	r.Doc = r.GoName + " is the " + what + "."
	pkg.Records = append(pkg.Records, r)
	return r
}

// codecsWhereUsed keeps, of the codecs of the records q created, only
// those something calls: CSV where a csv sink or to_csv writes the record,
// JSON decoders where from_json reads it (JSON encoders always: to_json and
// the json and console sinks write records).
func (b *builder) codecsWhereUsed(q *Query, pkg *Package) {
	csv := map[*schema.Type]bool{}
	decoded := map[*schema.Type]bool{}
	if q.Sink != nil && q.Sink.Format == "csv" && q.Sink.Row != nil {
		csv[q.Sink.Row] = true
	}
	for _, s := range q.Steps {
		for _, e := range check.Exprs(s) {
			check.Walk(e, func(e check.Expr) {
				c, ok := e.(*check.Call)
				switch {
				case !ok:
				case c.Name == "to_csv" && len(c.Args) == 1:
					csv[check.TypeOf(c.Args[0]).Type] = true
				case c.Name == "from_json":
					markStructs(c.Type, decoded)
				}
			})
		}
	}
	for _, r := range pkg.Records {
		if b.derived[r] != q {
			continue
		}
		r.CSV = r.CSV && csv[r.Type]
		r.EncodeOnly = !decoded[r.Type]
	}
}

// markStructs adds every struct type inside t to set.
func markStructs(t *schema.Type, set map[*schema.Type]bool) {
	switch {
	case t == nil || set[t]:
	case t.Kind == schema.Array:
		markStructs(t.Elem, set)
	case t.Kind == schema.Map:
		markStructs(t.Key, set)
		markStructs(t.Value, set)
	case t.Kind == schema.Struct:
		set[t] = true
		for _, f := range t.Fields {
			markStructs(f.Type, set)
		}
	}
}
