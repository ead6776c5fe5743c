// Package maingen emits the main package of each program: one call to
// engine.Main with the queries the program runs.
package maingen

import (
	"fmt"
	"strings"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/plan"
	"github.com/streamc/streamc/templates/internal/genutil"
)

// Gen emits main.go of p:
//
//	// Command invoices runs the streaming queries notify and flatten of app
//	// "invoices" ...
//	package main
//
//	import (
//		"github.com/streamc/streamc/generated/invoices"
//		"github.com/streamc/streamc/runtime/rt"
//	)
//
//	func main() {
//		rt.Main("invoices", invoices.NotifyQuery(), invoices.FlattenQuery())
//	}
func Gen(p *plan.Program) *File {
	f := NewFile("main")
	// A main package is not a plan.Package, so the header is written here
	// in genutil.NewGoFile's form.
	f.ImportNames(map[string]string{p.Package.ImportPath: p.Package.Name, genutil.RTPath: genutil.RTName})
	f.HeaderComment(genutil.Header)
	f.HeaderComment("source: " + p.Package.Source)
	f.NoFormat = true // genutil.Render formats
	for _, line := range wrap(doc(p), 76) {
		f.PackageComment(line)
	}
	args := []Code{Lit(p.Name)}
	for _, q := range p.Queries {
		args = append(args, Qual(p.Package.ImportPath, q.Constructor).Call())
	}
	f.Func().Id("main").Params().Block(
		Qual(genutil.RTPath, "Main").Call(args...),
	)
	return f
}

// doc is the program's package comment: what it runs and how to learn its
// flags.
func doc(p *plan.Program) string {
	names := make([]string, len(p.Queries))
	for i, q := range p.Queries {
		names[i] = q.Name
	}
	what, until := "the streaming query "+strings.Join(names, ""), "it ends or SIGINT/SIGTERM stops it after its"
	if len(names) > 1 {
		what = "the streaming queries " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
		until = "one fails, all end, or SIGINT/SIGTERM stops them after their"
	}
	return fmt.Sprintf("Command %s runs %s of app %q (%s) until %s current batch. Run it with --help for its flags (Kafka brokers, trigger, checkpoint root, metrics); each flag may also be set from an environment variable.",
		p.Name, what, p.App, specFile(p.Package.Source), until)
}

// wrap splits text into lines of at most width columns (longer words get a
// line of their own), as genutil.DocComment wraps.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// specFile is the spec's file name from a package's source line
// (`pipelines.yaml (app "invoices")`).
func specFile(source string) string {
	if i := strings.Index(source, " ("); i > 0 {
		return source[:i]
	}
	return source
}
