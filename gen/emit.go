package gen

import (
	"context"
	"fmt"
	"path"

	"github.com/streamc/streamc/internal/compiler/check"
	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/compiler/spec"
	"github.com/streamc/streamc/internal/diag"
	"github.com/streamc/streamc/internal/plan"
	"github.com/streamc/streamc/templates"
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

// emit is Emit, keeping in *at what it is generating, so a panic in a
// template is reported at the file and spec entity at fault.
func emit(ctx context.Context, c *Checked, at *string) (*Result, error) {
	res := &Result{OutDir: c.OutDir, Files: map[string][]byte{}, ImportPaths: map[string]string{}, Origins: map[string]string{}}
	for _, pkg := range c.Plan.Packages {
		res.ImportPaths[pkg.Dir] = pkg.ImportPath
	}
	for _, f := range templates.Files(c.Plan) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		res.Origins[f.Path] = f.Origin
		*at = "generating " + f.Path + " for " + f.Origin
		if emitHook != nil {
			emitHook(f.Path)
		}
		jf, err := f.Build()
		if err != nil {
			return nil, err
		}
		b, err := templates.Render(jf, f.Path)
		if err != nil {
			return nil, err
		}
		if _, dup := res.Files[f.Path]; dup {
			return nil, fmt.Errorf("emit: two outputs named %s", f.Path)
		}
		res.Files[f.Path] = b
	}
	return res, nil
}
