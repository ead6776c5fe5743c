// Package templates is streamc's back end: it turns the plan (internal/plan,
// over the immutable IR of internal/ir) into Go source with jennifer. Its
// emitters, one package per artifact, are internal; this package lists the
// files a plan becomes and renders them.
package templates

import (
	"fmt"
	"path"

	"github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/plan"
	"github.com/streamc/streamc/templates/internal/avrogen"
	"github.com/streamc/streamc/templates/internal/csvgen"
	"github.com/streamc/streamc/templates/internal/genutil"
	"github.com/streamc/streamc/templates/internal/jsongen"
	"github.com/streamc/streamc/templates/internal/maingen"
	"github.com/streamc/streamc/templates/internal/querygen"
	"github.com/streamc/streamc/templates/internal/typesgen"
)

// Header is the first line of every generated file.
const Header = genutil.Header

// A File is one file of the output: its path under the output directory,
// the spec entity it comes from (for error messages), and its emitter.
type File struct {
	Path   string
	Origin string
	Build  func() (*jen.File, error)
}

// Files lists the files p becomes, in a fixed order: per package its doc,
// its records' types and codecs and its queries, then the programs.
func Files(p *plan.Plan) []File {
	var out []File
	for _, pkg := range p.Packages {
		out = append(out, DocFile(pkg))
		for _, r := range pkg.Records {
			out = append(out, RecordFiles(pkg, r)...)
		}
		for _, q := range pkg.Queries {
			out = append(out, File{Path: path.Join(pkg.Dir, q.File), Origin: fmt.Sprintf("query %q at %s", q.Name, q.Pos),
				Build: func() (*jen.File, error) { return querygen.Gen(q) }})
		}
	}
	for _, prog := range p.Programs {
		out = append(out, File{Path: path.Join(prog.Dir, "main.go"), Origin: "program " + prog.Name, Build: ok(func() *jen.File { return maingen.Gen(prog) })})
	}
	return out
}

// DocFile is pkg's doc.go: its package comment and version check.
func DocFile(pkg *plan.Package) File {
	return File{Path: path.Join(pkg.Dir, "doc.go"), Origin: pkg.Source, Build: ok(func() *jen.File { return typesgen.GenDoc(pkg) })}
}

// RecordFiles lists the files of record r of pkg: its Go types, its JSON
// codec, and its Avro and CSV codecs when the plan gives it them.
func RecordFiles(pkg *plan.Package, r *plan.Record) []File {
	origin := fmt.Sprintf("record %s of %s", r.GoName, r.Source)
	file := func(name string, gen func() *jen.File) File {
		return File{Path: path.Join(pkg.Dir, name), Origin: origin, Build: ok(gen)}
	}
	out := []File{
		file(r.Files.Type, func() *jen.File { return typesgen.GenRecord(pkg, r) }),
		file(r.Files.JSON, func() *jen.File { return jsongen.Gen(pkg, r) }),
	}
	if avrogen.Needed(r) {
		out = append(out, file(r.Files.Avro, func() *jen.File { return avrogen.Gen(pkg, r) }))
	}
	if r.CSV {
		out = append(out, file(r.Files.CSV, func() *jen.File { return csvgen.Gen(pkg, r) }))
	}
	return out
}

func ok(gen func() *jen.File) func() (*jen.File, error) {
	return func() (*jen.File, error) { return gen(), nil }
}

// Render formats f, the file at path, as streamc writes it: gofmt-clean,
// imports grouped, the build constraint after the header.
func Render(f *jen.File, path string) ([]byte, error) { return genutil.Render(f, path) }
