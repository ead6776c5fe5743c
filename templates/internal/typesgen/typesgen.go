// Package typesgen emits the Go struct of each record, and each package's doc
// file with the runtime version check.
package typesgen

import (
	"fmt"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/plan"
	"github.com/streamc/streamc/internal/runtime/version"
	"github.com/streamc/streamc/templates/internal/genutil"
)

// GenDoc emits doc.go: the package comment and the version check.
func GenDoc(pkg *plan.Package) *File {
	f := genutil.NewGoFile(pkg, pkg.Source)
	f.PackageComment(fmt.Sprintf("Package %s holds the record types and codecs of %s.", pkg.Name, pkg.Source))
	genutil.EnforceVersion(f, version.GenVersion)
	return f
}

// GenRecord emits the struct of r and of its nested records.
func GenRecord(pkg *plan.Package, r *plan.Record) *File {
	f := genutil.NewGoFile(pkg, r.Source)
	genStruct(f, r, r.Doc)
	for _, n := range r.Nested {
		genStruct(f, n, fmt.Sprintf("%s is a nested record of %s.", n.GoName, r.GoName))
	}
	return f
}

// genStruct emits:
//
//	// Invoice is a record of schema "invoice" (schemas/invoice.spark.json).
//	type Invoice struct {
//		InvoiceNumber sqltypes.Null[string] // InvoiceNumber string
//		...
//	}
func genStruct(f *File, r *plan.Record, doc string) {
	f.Comment(doc)
	f.Type().Id(r.GoName).StructFunc(func(g *Group) {
		for _, fd := range r.Fields {
			s := g.Id(fd.GoName).Add(genutil.FieldType(fd))
			s.Comment(fieldComment(fd))
		}
	})
}

// fieldComment shows the column name and Spark type, which the Go type alone
// does not say (int32 could be int or a time-millis).
func fieldComment(fd *plan.Field) string {
	c := fmt.Sprintf("%s %s", fd.Name, simple(fd.Type))
	if !fd.Nullable {
		c += " NOT NULL"
	}
	if fd.Comment != "" {
		c += ": " + fd.Comment
	}
	return c
}

func simple(t *plan.GoType) string {
	if t.Record != nil {
		return "struct " + t.Record.GoName
	}
	switch {
	case t.Elem != nil:
		return "array<" + simple(t.Elem) + ">"
	case t.Key != nil:
		return "map<" + simple(t.Key) + "," + simple(t.Value) + ">"
	}
	if t.Kind.String() == "decimal" {
		return fmt.Sprintf("decimal(%d,%d)", t.Precision, t.Scale)
	}
	return t.Kind.String()
}
