// Package gen is the generator's entry point: Generate turns a pipelines.yaml
// and its schemas into the bytes of every generated file. It is pure — it
// reads through an fs.FS and returns a map — so writing, diffing and golden
// tests all reuse it.
package gen

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"runtime/debug"
	"sort"

	"github.com/streamc/streamc/internal/compiler/check"
	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/compiler/spec"
	"github.com/streamc/streamc/internal/diag"
	"github.com/streamc/streamc/internal/plan"
)

// Config says what to generate.
type Config struct {
	// FS is rooted at the spec's directory; schema paths resolve against it.
	FS fs.FS
	// SpecFile is the spec's path inside FS, e.g. "pipelines.yaml".
	SpecFile string
	// ModulePath is the Go import path of the spec's directory, e.g.
	// "github.com/streamc/streamc". It makes the default output import path.
	ModulePath string
}

// Result is the generated output.
type Result struct {
	// OutDir is the directory the generator owns, relative to the spec.
	OutDir string
	// Files maps paths relative to the spec's directory to their content.
	Files map[string][]byte
	// ImportPaths maps the directory of each generated library package to
	// its import path.
	ImportPaths map[string]string
	// Origins names, for each file, what in the spec it was generated
	// from (with its position when known), for diagnostics.
	Origins map[string]string
}

// Paths returns the output paths in sorted order.
func (r *Result) Paths() []string {
	paths := make([]string, 0, len(r.Files))
	for p := range r.Files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// Generate reads, checks, plans and emits. Spec and schema errors come back
// as one error listing every `file:line:col: message`.
// A panic in any phase comes back as an *InternalError, never as a crash.
func Generate(ctx context.Context, cfg Config) (res *Result, err error) {
	at := "reading and checking " + cfg.SpecFile
	defer guard(&at, &err)
	s, err := Load(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return emit(ctx, s, &at)
}

// InternalError is a panic inside the generator: a bug in streamc, not in
// the spec.
type InternalError struct {
	// At says what was being generated, with its spec position when known.
	At    string
	Value any
	// Stack is the panicking goroutine's stack, for the bug report.
	Stack []byte
}

func (e *InternalError) Error() string {
	return fmt.Sprintf("internal error while %s: %v; this is a bug in streamc, please report it with the spec and the stack trace", e.At, e.Value)
}

// guard turns a panic into an *InternalError naming *at.
func guard(at *string, err *error) {
	if r := recover(); r != nil {
		*err = &InternalError{At: *at, Value: r, Stack: debug.Stack()}
	}
}

// Checked is a spec whose references all resolved, ready to plan.
type Checked struct {
	Spec *spec.Spec
	// Schemas by their name in the spec.
	Schemas map[string]*schema.Schema
	// Queries are the type-checked queries.
	Queries *check.Result
	Plan    *plan.Plan
	OutDir  string
}

// Load parses and checks the spec and every schema it names, and plans the
// output; it writes nothing. `streamc check` stops here.
func Load(ctx context.Context, cfg Config) (*Checked, error) {
	data, err := fs.ReadFile(cfg.FS, cfg.SpecFile)
	if err != nil {
		return nil, fmt.Errorf("read spec: %w", err)
	}
	s, err := spec.Parse(cfg.SpecFile, data)
	if err != nil {
		return nil, err
	}
	schemas, err := loadSchemas(cfg, s)
	if err != nil {
		return nil, err
	}
	checked, err := check.Check(s, schemas)
	if err != nil {
		return nil, err
	}
	in, err := planInput(cfg, s, schemas, checked)
	if err != nil {
		return nil, err
	}
	p, err := plan.Build(in)
	if err != nil {
		return nil, err
	}
	return &Checked{Spec: s, Schemas: schemas, Queries: checked, Plan: p, OutDir: in.OutDir}, ctx.Err()
}

// loadSchemas parses every schema the spec declares, reporting all errors.
func loadSchemas(cfg Config, s *spec.Spec) (map[string]*schema.Schema, error) {
	var errs diag.List
	loader := schema.NewLoader(cfg.FS)
	// Only the schema files the spec names are read (with the Avro files
	// named after a type they use), never every file beside them.
	for _, e := range s.Schemas {
		if e.Value.File.Set {
			loader.Files = append(loader.Files, path.Clean(e.Value.File.Value))
		}
	}
	out := map[string]*schema.Schema{}
	for _, e := range s.Schemas {
		ref := e.Value
		var (
			t      *schema.Type
			err    error
			source string
		)
		switch {
		case ref.DDL.Set:
			source = cfg.SpecFile
			t, err = schema.ParseDDL(cfg.SpecFile, ref.DDL.Value, ddlBase(ref.DDL))
		case ref.File.Set:
			source = path.Clean(ref.File.Value)
			t, err = loader.Load(source, ref.Record.Value)
			if err != nil && !isPositioned(err) {
				err = diag.Errorf(ref.File.Pos, "schema %q: %v", e.Key, err)
			}
		default:
			err = diag.Errorf(e.KeyPos, "schema %q: needs file or ddl", e.Key)
		}
		if err != nil {
			errs.Append(err)
			continue
		}
		out[e.Key] = &schema.Schema{Name: e.Key, Type: t, Source: source}
	}
	return out, errs.Err()
}

// ddlBase is where inline DDL text starts, so DDL errors point into the spec.
func ddlBase(s spec.Str) diag.Pos {
	p := s.Pos
	switch s.Quoted {
	case '\'', '"':
		p.Column++
	case '|', '>':
		// A block scalar's text starts on the next line; its indentation is
		// unknown here, so the position points at the line.
		p.Line++
		p.Column = 0
	}
	return p
}

func isPositioned(err error) bool {
	switch e := err.(type) {
	case *diag.Error:
		return e.Pos.IsValid()
	case *diag.List:
		return true
	}
	return false
}
