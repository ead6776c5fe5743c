package gen

import (
	"context"
	"fmt"
	"path"

	"github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/compiler/check"
	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/compiler/spec"
	"github.com/streamc/streamc/internal/diag"
	"github.com/streamc/streamc/internal/plan"
	"github.com/streamc/streamc/templates/avrogen"
	"github.com/streamc/streamc/templates/csvgen"
	"github.com/streamc/streamc/templates/genutil"
	"github.com/streamc/streamc/templates/jsongen"
	"github.com/streamc/streamc/templates/maingen"
	"github.com/streamc/streamc/templates/querygen"
	"github.com/streamc/streamc/templates/typesgen"
)

// DefaultOutDir is where generated code goes unless go.out says otherwise.
const DefaultOutDir = "generated"

// defaultCorruptColumn is Spark's spark.sql.columnNameOfCorruptRecord.
const defaultCorruptColumn = "_corrupt_record"

// planInput gathers, per app, the schemas its queries decode or encode.
func planInput(cfg Config, s *spec.Spec, schemas map[string]*schema.Schema, checked *check.Result) (plan.Input, error) {
	out := DefaultOutDir
	if s.Go.Out.Set {
		out = path.Clean(s.Go.Out.Value)
	}
	importPath := cfg.ModulePath + "/" + out
	if cfg.ModulePath == "" || cfg.ModulePath == "." {
		importPath = out
	}
	if s.Go.Package.Set {
		importPath = s.Go.Package.Value
	}
	in := plan.Input{SpecFile: cfg.SpecFile, OutDir: out, ImportPath: importPath}
	var errs diag.List
	for _, app := range s.Apps {
		a := plan.AppInput{Name: app.Key}
		used := map[string]bool{}
		use := func(name spec.Str, corrupt string) {
			if !name.Set || used[name.Value] {
				return
			}
			sc, ok := schemas[name.Value]
			if !ok {
				// spec.Parse reports unknown names; a schema that failed to
				// load was reported by loadSchemas.
				return
			}
			used[name.Value] = true
			// The checker's copy: its queries' columns share its struct types.
			t := sc.Type
			if ct, ok := checked.Schemas[name.Value]; ok {
				t = ct
			}
			a.Schemas = append(a.Schemas, plan.SchemaInput{
				Name: name.Value, Source: sc.Source, Type: t, CorruptColumn: corrupt,
			})
		}
		for _, q := range app.Value.Queries {
			rs := q.Value.ReadStream
			for _, d := range []*spec.Decode{rs.Key, rs.Value} {
				if d != nil {
					use(d.Schema, corruptColumn(d))
				}
			}
			ws := q.Value.WriteStream
			for _, e := range []*spec.Encode{ws.Key, ws.Value} {
				if e != nil {
					use(e.Schema, "")
				}
			}
		}
		for _, ca := range checked.Apps {
			if ca.Name == app.Key {
				a.Queries = ca.Queries
			}
		}
		in.Apps = append(in.Apps, a)
	}
	return in, errs.Err()
}

func corruptColumn(d *spec.Decode) string {
	if v, ok := d.Options.Get("columnNameOfCorruptRecord"); ok {
		return v.Value
	}
	return defaultCorruptColumn
}

// emitHook, when set (by tests), is called with each file's path before it
// is rendered.
var emitHook func(path string)

// Emit renders every file of a checked spec. A panic comes back as an
// *InternalError naming the spec entity being generated.
func Emit(ctx context.Context, c *Checked) (res *Result, err error) {
	at := "generating"
	defer guard(&at, &err)
	return emit(ctx, c, &at)
}

// emit is Emit, keeping in *at what it is generating.
func emit(ctx context.Context, c *Checked, at *string) (*Result, error) {
	res := &Result{OutDir: c.OutDir, Files: map[string][]byte{}, ImportPaths: map[string]string{}, Origins: map[string]string{}}
	origin := ""
	// add renders the file that build makes; *at names it first, so a
	// panic in a template is reported at the file and spec entity at fault.
	add := func(dir, name string, build func() *jen.File) error {
		p := path.Join(dir, name)
		res.Origins[p] = origin
		*at = "generating " + p + " for " + origin
		if emitHook != nil {
			emitHook(p)
		}
		b, err := genutil.Render(build(), p)
		if err != nil {
			return err
		}
		if _, dup := res.Files[p]; dup {
			return fmt.Errorf("emit: two outputs named %s", p)
		}
		res.Files[p] = b
		return nil
	}
	for _, pkg := range c.Plan.Packages {
		res.ImportPaths[pkg.Dir] = pkg.ImportPath
		origin = pkg.Source
		if err := add(pkg.Dir, "doc.go", func() *jen.File { return typesgen.GenDoc(pkg) }); err != nil {
			return nil, err
		}
		for _, r := range pkg.Records {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			origin = fmt.Sprintf("record %s of %s", r.GoName, r.Source)
			if err := add(pkg.Dir, r.Files.Type, func() *jen.File { return typesgen.GenRecord(pkg, r) }); err != nil {
				return nil, err
			}
			if err := add(pkg.Dir, r.Files.JSON, func() *jen.File { return jsongen.Gen(pkg, r) }); err != nil {
				return nil, err
			}
			if avrogen.Needed(r) {
				if err := add(pkg.Dir, r.Files.Avro, func() *jen.File { return avrogen.Gen(pkg, r) }); err != nil {
					return nil, err
				}
			}
			if r.CSV {
				if err := add(pkg.Dir, r.Files.CSV, func() *jen.File { return csvgen.Gen(pkg, r) }); err != nil {
					return nil, err
				}
			}
		}
		for _, q := range pkg.Queries {
			origin = fmt.Sprintf("query %q at %s", q.Name, q.Pos)
			var genErr error
			err := add(pkg.Dir, q.File, func() *jen.File {
				f, err := querygen.Gen(q)
				if err != nil {
					genErr = err
					return jen.NewFile(pkg.Name)
				}
				return f
			})
			if genErr != nil {
				return nil, genErr
			}
			if err != nil {
				return nil, err
			}
		}
	}
	for _, prog := range c.Plan.Programs {
		origin = "program " + prog.Name
		if err := add(prog.Dir, "main.go", func() *jen.File { return maingen.Gen(prog) }); err != nil {
			return nil, err
		}
	}
	return res, nil
}
