// Command facadegen writes runtime/rt/rt.go: the façade through which
// generated code reaches the internal runtime packages (templates/internal/genutil's
// Facade table). It is run by `go generate` in runtime/rt.
//
// The façade holds what emitters can name: for a package marked All, every
// exported name; for the others, the exported names that appear as string
// literals in the emitters' source (templates/..., not tests). A name an
// emitter composes and this misses fails the compile of generated code in
// the exhaustive catalogue test and the corpus, never silently.
//
// Types become aliases, constants constants, variables variables (the
// same pointer for error values), and functions wrappers of one call, which
// the compiler inlines, so generated code pays nothing for the façade.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/streamc/streamc/templates/internal/genutil"
)

func main() {
	out := flag.String("o", "rt.go", "file to write")
	templates := flag.String("templates", "../../templates", "the emitters' source, whose string literals select names")
	flag.Parse()
	if err := run(*out, *templates); err != nil {
		slog.Error("facadegen", "err", err)
		os.Exit(1)
	}
}

func run(out, templatesDir string) error {
	literals, err := stringLiterals(templatesDir)
	if err != nil {
		return err
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	w := newWriter()
	owner := map[string]string{} // façade name -> package path
	for _, fp := range genutil.Facade() {
		pkg, err := imp.Import(fp.Path)
		if err != nil {
			return fmt.Errorf("load %s: %w", fp.Path, err)
		}
		scope := pkg.Scope()
		for _, name := range scope.Names() {
			obj := scope.Lookup(name)
			if !obj.Exported() || !selected(fp, name, literals) {
				continue
			}
			fname := fp.Prefix + name
			if prev, ok := owner[fname]; ok {
				return fmt.Errorf("%s.%s and %s.%s both become rt.%s: give one package another prefix in genutil.Facade", prev, name, fp.Path, name, fname)
			}
			owner[fname] = fp.Path
			if err := w.declare(fname, obj); err != nil {
				return err
			}
		}
	}
	src, err := w.source()
	if err != nil {
		return err
	}
	return os.WriteFile(out, src, 0o644)
}

func selected(fp genutil.FacadePackage, name string, literals map[string]bool) bool {
	switch {
	case slices.Contains(fp.Omit, name):
		return false
	case fp.Only != nil:
		return slices.Contains(fp.Only, name)
	case fp.All:
		return true
	}
	return literals[name]
}

// stringLiterals collects the string literals of the non-test Go files
// under dir.
func stringLiterals(dir string) (map[string]bool, error) {
	lits := map[string]bool{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// Test data and gogen-avro's benchmark baseline are not emitters.
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "gogenavro") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if bl, ok := n.(*ast.BasicLit); ok && bl.Kind == token.STRING {
				if s, err := strconv.Unquote(bl.Value); err == nil {
					lits[s] = true
				}
			}
			return true
		})
		return nil
	})
	return lits, err
}

type writer struct {
	body    bytes.Buffer
	imports map[string]string // path -> name in rt.go
	names   map[string]bool   // import names taken
}

func newWriter() *writer {
	return &writer{imports: map[string]string{}, names: map[string]bool{}}
}

// qualifier names pkg in rt.go, importing it under a name no other import
// has (two packages are called kafka).
func (w *writer) qualifier(pkg *types.Package) string {
	if name, ok := w.imports[pkg.Path()]; ok {
		return name
	}
	name := pkg.Name()
	if strings.HasPrefix(pkg.Path(), "github.com/streamc/streamc/") {
		name = "x" + name
	}
	for i := 2; w.names[name]; i++ {
		name = pkg.Name() + strconv.Itoa(i)
	}
	w.imports[pkg.Path()] = name
	w.names[name] = true
	return name
}

func (w *writer) typ(t types.Type) string { return types.TypeString(t, w.qualifier) }

func (w *writer) declare(fname string, obj types.Object) error {
	q := w.qualifier(obj.Pkg())
	ref := q + "." + obj.Name()
	fmt.Fprintf(&w.body, "\n// %s is %s.%s.\n", fname, obj.Pkg().Name(), obj.Name())
	switch o := obj.(type) {
	case *types.TypeName:
		tparams := typeParams(o.Type())
		fmt.Fprintf(&w.body, "type %s%s = %s%s\n", fname, w.tparamDecl(tparams), ref, tparamUse(tparams))
	case *types.Const:
		fmt.Fprintf(&w.body, "const %s = %s\n", fname, ref)
	case *types.Var:
		fmt.Fprintf(&w.body, "var %s = %s\n", fname, ref)
	case *types.Func:
		w.function(fname, ref, o.Type().(*types.Signature))
	default:
		return fmt.Errorf("%s: a %T cannot be in the façade", ref, obj)
	}
	return nil
}

func typeParams(t types.Type) *types.TypeParamList {
	switch t := types.Unalias(t).(type) {
	case *types.Named:
		return t.TypeParams()
	}
	return nil
}

func (w *writer) tparamDecl(l *types.TypeParamList) string {
	if l.Len() == 0 {
		return ""
	}
	var parts []string
	for i := range l.Len() {
		tp := l.At(i)
		parts = append(parts, tp.Obj().Name()+" "+w.typ(tp.Constraint()))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func tparamUse(l *types.TypeParamList) string {
	if l.Len() == 0 {
		return ""
	}
	var parts []string
	for i := range l.Len() {
		parts = append(parts, l.At(i).Obj().Name())
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// function writes a wrapper with sig's parameters, named p0, p1, ... so no
// parameter shadows an import.
func (w *writer) function(fname, ref string, sig *types.Signature) {
	var params, args []string
	for i := range sig.Params().Len() {
		p := sig.Params().At(i)
		t := w.typ(p.Type())
		arg := "p" + strconv.Itoa(i)
		if sig.Variadic() && i == sig.Params().Len()-1 {
			t = "..." + w.typ(p.Type().(*types.Slice).Elem())
			arg += "..."
		}
		params = append(params, "p"+strconv.Itoa(i)+" "+t)
		args = append(args, arg)
	}
	var results []string
	for i := range sig.Results().Len() {
		results = append(results, w.typ(sig.Results().At(i).Type()))
	}
	res := strings.Join(results, ", ")
	if len(results) > 1 {
		res = "(" + res + ")"
	}
	tps := sig.TypeParams()
	call := ref + tparamUse(tps) + "(" + strings.Join(args, ", ") + ")"
	if len(results) > 0 {
		call = "return " + call
	}
	fmt.Fprintf(&w.body, "func %s%s(%s) %s { %s }\n", fname, w.tparamDecl(tps), strings.Join(params, ", "), res, call)
}

func firstElem(path string) string { return strings.SplitN(path, "/", 2)[0] }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (w *writer) source() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by facadegen (templates/internal/facadegen). DO NOT EDIT.\n\n")
	b.WriteString("package rt\n\nimport (\n")
	paths := make([]string, 0, len(w.imports))
	for p := range w.imports {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	// The standard library's imports first, in a group of their own.
	slices.SortStableFunc(paths, func(a, b string) int {
		return boolInt(strings.Contains(firstElem(a), ".")) - boolInt(strings.Contains(firstElem(b), "."))
	})
	for i, p := range paths {
		if i > 0 && strings.Contains(firstElem(p), ".") && !strings.Contains(firstElem(paths[i-1]), ".") {
			b.WriteString("\n")
		}
		if name := w.imports[p]; name != filepath.Base(p) {
			fmt.Fprintf(&b, "\t%s %q\n", name, p)
		} else {
			fmt.Fprintf(&b, "\t%q\n", p)
		}
	}
	b.WriteString(")\n")
	b.Write(w.body.Bytes())
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format the façade: %w\n%s", err, b.Bytes())
	}
	return src, nil
}
