package plan

import (
	"fmt"

	"github.com/streamc/streamc/internal/diag"
	"github.com/streamc/streamc/internal/ir"
)

// Query is a checked query with its Go names. templates/internal/querygen emits its
// processor and its engine.Query constructor into the app's package.
type Query struct {
	*ir.Query
	// GoName is the query's name in Go; its derived names below start
	// with it.
	GoName string
	// Constructor is the exported func returning the query's
	// engine.Query (<GoName>Query).
	Constructor string
	// Processor is the query's processor type, NewProcessor the func that
	// makes one.
	Processor, NewProcessor string
	// VarPrefix starts every package-level var the query's emitter makes
	// up: VarPrefix+"Loc" and VarName's names. The plan reserves the names
	// of those forms for the query.
	VarPrefix string
	// FileBase names the query's file: File is FileBase.go.
	FileBase string
	File     string
	// Row is the record of an output row for json, csv and console sinks;
	// nil for kafka.
	Row *Record
	// Package is the app package the query lives in.
	Package *Package

	types map[*ir.Type]*GoType
}

// GoType returns the Go type of values of t, a type the checker gave some
// expression or column of this query.
func (q *Query) GoType(t *ir.Type) *GoType {
	if g, ok := q.types[t]; ok {
		return g
	}
	g := &GoType{Kind: t.Kind, Precision: t.Precision, Scale: t.Scale}
	switch t.Kind {
	case ir.Array:
		g.Elem = q.GoType(t.Elem)
		g.ElemNullable = t.ContainsNull
	case ir.Map:
		g.Key = q.GoType(t.Key)
		g.Value = q.GoType(t.Value)
		g.ValueNullable = t.ValueContainsNull
	case ir.Struct:
		panic("plan: struct type " + t.SimpleString() + " was not planned")
	}
	q.types[t] = g
	return g
}

// VarName is the name of the query's n-th made-up package-level var,
// after word, a lower-case Go word of letters ("dec", "csvOpts").
func (q *Query) VarName(word string, n int) string {
	if word != "" && word[0] >= 'a' && word[0] <= 'z' {
		word = string(word[0]-('a'-'A')) + word[1:]
	}
	return q.VarPrefix + word + itoa(n)
}

// FieldsVar is the name of the constant of the fields the query reads of
// its source column what ("value"): notifyValueFields.
func (q *Query) FieldsVar(what string) string { return q.VarPrefix + upperFirst(what) + "Fields" }

// LocVar is the name of the query's session time zone var.
func (q *Query) LocVar() string { return q.VarPrefix + "Loc" }

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
func (b *builder) planQueries(pkg *Package, queries []*ir.Query) error {
	for _, cq := range queries {
		q := b.queryNames(pkg, cq)
		if cq.Sink != nil && cq.Sink.Row != nil {
			q.Row = b.topRecord(pkg, q, cq.Sink.Row, q.GoName+"Row", "output row of query "+cq.Name)
		}
		visit := func(t *ir.Type) {
			b.planStructs(pkg, q, t)
		}
		for _, c := range cq.Source.Columns {
			visit(c.Type)
		}
		for _, s := range cq.Steps {
			if p, ok := s.(*ir.Project); ok {
				for _, c := range p.Columns {
					visit(c.Type)
				}
			}
			for _, e := range ir.Exprs(s) {
				ir.Walk(e, func(e ir.Expr) { visit(ir.TypeOf(e).Type) })
			}
		}
		for _, c := range cq.Output {
			visit(c.Type)
		}
		b.codecsWhereUsed(q, pkg)
		if err := b.avroWhereUsed(q); err != nil {
			return err
		}
		pkg.Queries = append(pkg.Queries, q)
	}
	return nil
}

// queryNames gives q its package-level names. Its constructor is what
// programs (and users' own mains) call, so a clash there is an error; the
// names only generated code uses are disambiguated.
func (b *builder) queryNames(pkg *Package, cq *ir.Query) *Query {
	q := &Query{Query: cq, Package: pkg, types: map[*ir.Type]*GoType{}}
	q.GoName = GoName(cq.Name)
	q.Constructor = q.GoName + "Query"
	q.FileBase = b.files.takeFiles(FileBase(q.GoName)+"_query", "")
	q.File = q.FileBase + ".go"
	base := lowerFirst(q.GoName)
	for i := 1; ; i++ {
		p := base
		if i > 1 {
			p += "_" + itoa(i)
		}
		proc, newProc := p+"Processor", "new"+upperFirst(p)+"Processor"
		if b.vars.prefixFree(p) && b.vars.nameFree(proc) && b.vars.nameFree(newProc) {
			b.vars.add(p, proc, newProc)
			q.VarPrefix, q.Processor, q.NewProcessor = p, proc, newProc
			return q
		}
	}
}

// claimConstructors takes every query's constructor name before derived
// records take theirs, so the error names the declared owner.
func (b *builder) claimConstructors(queries []*ir.Query) error {
	var errs diag.List
	for _, cq := range queries {
		name := GoName(cq.Name) + "Query"
		if prev, ok := b.types.claim(name, fmt.Sprintf("the constructor of query %q at %s", cq.Name, cq.Pos)); !ok {
			errs.Append(diag.Errorf(cq.Pos, "query %q: its constructor %s has the Go name of %s; rename the query", cq.Name, name, prev))
		}
	}
	return errs.Err()
}

func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+('a'-'A')) + s[1:]
}

func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-('a'-'A')) + s[1:]
}

// planStructs makes a top-level record for every struct type inside t that
// has none yet (a struct(...) or from_json result), and remembers the Go
// type of every struct type inside t for q.GoType.
func (b *builder) planStructs(pkg *Package, q *Query, t *ir.Type) {
	if t == nil {
		return
	}
	switch t.Kind {
	case ir.Array:
		b.planStructs(pkg, q, t.Elem)
	case ir.Map:
		b.planStructs(pkg, q, t.Key)
		b.planStructs(pkg, q, t.Value)
	case ir.Struct:
		r, ok := b.seen[t]
		if !ok {
			r = b.topRecord(pkg, q, t, q.GoName+"Struct", "struct built by query "+q.Name)
		}
		if _, ok := q.types[t]; !ok {
			q.types[t] = &GoType{Kind: ir.Struct, Record: r}
			for _, f := range t.Fields {
				b.planStructs(pkg, q, f.Type)
			}
		}
	}
}

// topRecord plans t as a new top-level record with its own files.
func (b *builder) topRecord(pkg *Package, q *Query, t *ir.Type, goName, what string) *Record {
	if r, ok := b.seen[t]; ok {
		return r
	}
	r := b.record(t, goName, nil)
	b.derived[r] = q
	b.recordFiles(r)
	r.Source = pkg.Source
	r.Doc = r.GoName + " is the " + what + "."
	pkg.Records = append(pkg.Records, r)
	return r
}

// codecsWhereUsed records which codecs q calls: CSV where a csv source, a
// csv sink or to_csv reads or writes a record, JSON decoders where a json
// source or from_json reads it (JSON encoders always: to_json and the json
// and console sinks write records). trimCodecs applies it once every query
// of the package is seen.
func (b *builder) codecsWhereUsed(q *Query, pkg *Package) {
	if b.csvUsed == nil {
		b.csvUsed, b.jsonDecoded = map[*ir.Type]bool{}, map[*ir.Type]bool{}
	}
	csv, decoded := b.csvUsed, b.jsonDecoded
	if q.Sink != nil && q.Sink.Format == "csv" && q.Sink.Row != nil {
		csv[q.Sink.Row] = true
	}
	for _, d := range []*ir.Decode{q.Source.Key, q.Source.Value} {
		switch {
		case d == nil || d.Type == nil:
		case d.Format == "json":
			markStructs(d.Type, decoded)
		case d.Format == "csv":
			csv[d.Type] = true
			markStructs(d.Type, decoded)
		}
	}
	for _, s := range q.Steps {
		for _, e := range ir.Exprs(s) {
			ir.Walk(e, func(e ir.Expr) {
				c, ok := e.(*ir.Call)
				switch {
				case !ok:
				case c.Name == "to_csv" && len(c.Args) == 1:
					csv[ir.TypeOf(c.Args[0]).Type] = true
				case c.Name == "from_json":
					markStructs(c.Type, decoded)
				}
			})
		}
	}
}

// trimCodecs keeps, of the JSON and CSV codecs of pkg's records, only
// those something calls.
func (b *builder) trimCodecs(pkg *Package) {
	for _, r := range pkg.Records {
		r.CSV = r.CSV && b.csvUsed[r.Type]
		r.EncodeOnly = !b.jsonDecoded[r.Type]
	}
}

// markStructs adds every struct type inside t to set.
func markStructs(t *ir.Type, set map[*ir.Type]bool) {
	switch {
	case t == nil || set[t]:
	case t.Kind == ir.Array:
		markStructs(t.Elem, set)
	case t.Kind == ir.Map:
		markStructs(t.Key, set)
		markStructs(t.Value, set)
	case t.Kind == ir.Struct:
		set[t] = true
		for _, f := range t.Fields {
			markStructs(f.Type, set)
		}
	}
}

// avroWhereUsed gives Avro codecs to the records q reads as avro or
// confluent-avro (decoders, and encoders for tests and tools) and to those
// to_avro writes (encoders).
func (b *builder) avroWhereUsed(q *Query) error {
	for _, d := range []*ir.Decode{q.Source.Key, q.Source.Value} {
		if d == nil || d.Type == nil || (d.Format != "avro" && d.Format != "confluent-avro") {
			continue
		}
		r := b.seen[d.Type]
		if r == nil {
			return fmt.Errorf("query %s: the %s schema %q was not planned", q.Name, d.Format, d.Schema)
		}
		if err := useAvro(r, true); err != nil {
			return fmt.Errorf("query %s: %w", q.Name, err)
		}
	}
	if q.Sink != nil {
		for _, e := range []*ir.Encode{q.Sink.KeyEncode, q.Sink.ValueEncode} {
			if e == nil || e.Type == nil {
				continue
			}
			r := q.GoType(e.Type).Record
			if err := useAvro(r, false); err != nil {
				return fmt.Errorf("query %s: %w", q.Name, err)
			}
		}
	}
	for _, s := range q.Steps {
		for _, e := range ir.Exprs(s) {
			var err error
			ir.Walk(e, func(e ir.Expr) {
				if c, ok := e.(*ir.Call); ok && c.Name == "to_avro" && len(c.Args) >= 1 && err == nil {
					err = useAvro(q.GoType(ir.TypeOf(c.Args[0]).Type).Record, false)
				}
			})
			if err != nil {
				return fmt.Errorf("query %s: %w", q.Name, err)
			}
		}
	}
	return nil
}

// UseAvro gives r (a top-level record) and the records inside it Avro
// encoders and decoders, as a query reading it as avro would; for tools
// and tests that generate codecs without a query.
func UseAvro(r *Record) error { return useAvro(r, true) }

// useAvro gives r (a top-level record) and the records inside it Avro
// encoders, and decoders too when decode is set.
func useAvro(r *Record, decode bool) error {
	if r == nil {
		return fmt.Errorf("to_avro of a value that is not a record")
	}
	text := ""
	if r.Type.Avro != nil && r.Type.Avro.Schema != "" {
		text = r.Type.Avro.Schema
	} else {
		var err error
		if text, err = sparkAvroSchema(r.Type); err != nil {
			return fmt.Errorf("record %s as Avro: %w", r.GoName, err)
		}
	}
	seen := map[*Record]bool{}
	var mark func(rec *Record)
	mark = func(rec *Record) {
		if seen[rec] {
			return
		}
		seen[rec] = true
		if rec.Avro == nil {
			rec.Avro = &AvroCodec{}
		}
		rec.Avro.Encode = true
		rec.Avro.Decode = rec.Avro.Decode || decode
		for _, f := range rec.Fields {
			markGoType(f.Type, mark)
		}
	}
	mark(r)
	r.Avro.Schema = text
	if r.Avro.SchemaConst == "" {
		// Build names it again through the package's namer; tools that
		// call UseAvro on a built plan keep this.
		r.Avro.SchemaConst = r.GoName + "AvroSchema"
	}
	return nil
}

func markGoType(t *GoType, mark func(*Record)) {
	switch {
	case t.Record != nil:
		mark(t.Record)
	case t.Elem != nil:
		markGoType(t.Elem, mark)
	case t.Value != nil:
		markGoType(t.Value, mark)
	}
}
