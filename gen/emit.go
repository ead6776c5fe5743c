package gen

import (
	"context"
	"fmt"
	"path"

	"github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/gen/check"
	"github.com/streamc/streamc/gen/diag"
	"github.com/streamc/streamc/gen/plan"
	"github.com/streamc/streamc/gen/schema"
	"github.com/streamc/streamc/gen/spec"
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
			a.Schemas = append(a.Schemas, plan.SchemaInput{
				Name: name.Value, Source: sc.Source, Type: sc.Type, CorruptColumn: corrupt,
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

// Emit renders every file of a checked spec.
func Emit(ctx context.Context, c *Checked) (*Result, error) {
	res := &Result{OutDir: c.OutDir, Files: map[string][]byte{}}
	add := func(dir, name string, f *jen.File) error {
		p := path.Join(dir, name)
		b, err := genutil.Render(f, p)
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
		if err := add(pkg.Dir, "doc.go", typesgen.GenDoc(pkg)); err != nil {
			return nil, err
		}
		for _, r := range pkg.Records {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if err := add(pkg.Dir, r.FileBase+".go", typesgen.GenRecord(pkg, r)); err != nil {
				return nil, err
			}
			if err := add(pkg.Dir, r.FileBase+"_json.go", jsongen.Gen(pkg, r)); err != nil {
				return nil, err
			}
			if avrogen.Needed(r) {
				if err := add(pkg.Dir, r.FileBase+"_avro.go", avrogen.Gen(pkg, r)); err != nil {
					return nil, err
				}
			}
			if r.CSV {
				if err := add(pkg.Dir, r.FileBase+"_csv.go", csvgen.Gen(pkg, r)); err != nil {
					return nil, err
				}
			}
		}
		for _, q := range pkg.Queries {
			if err := add(pkg.Dir, q.FileBase+".go", querygen.Gen(q)); err != nil {
				return nil, err
			}
		}
	}
	for _, prog := range c.Plan.Programs {
		if err := add(prog.Dir, "main.go", maingen.Gen(prog)); err != nil {
			return nil, err
		}
	}
	return res, nil
}
