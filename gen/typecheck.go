package gen

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path"
	"sort"
	"strconv"
	"strings"
)

// maxTypeErrors caps the errors TypeCheck reports: the first ones explain
// the rest.
const maxTypeErrors = 10

// TypeCheck type-checks res as the packages it becomes once written under
// dir, the spec's directory in its module, so that generate never reports
// success for code that does not build. The packages it imports from
// outside res (the streamc runtime, the standard library) are read from
// the export data `go list -export` gives, built or taken from the build
// cache of the go command in dir's module.
func TypeCheck(ctx context.Context, dir string, res *Result) error {
	fset := token.NewFileSet()
	pkgs := map[string][]*ast.File{} // by directory
	var dirs []string
	external := map[string]bool{}
	for _, p := range res.Paths() {
		if path.Ext(p) != ".go" {
			continue
		}
		f, err := parser.ParseFile(fset, p, res.Files[p], parser.SkipObjectResolution)
		if err != nil {
			return typeErrors(res, []error{err})
		}
		d := path.Dir(p)
		if pkgs[d] == nil {
			dirs = append(dirs, d)
		}
		pkgs[d] = append(pkgs[d], f)
		for _, im := range f.Imports {
			ip, _ := strconv.Unquote(im.Path.Value)
			external[ip] = true
		}
	}
	for _, ip := range res.ImportPaths {
		delete(external, ip)
	}
	exports, err := exportData(ctx, dir, external)
	if err != nil {
		return fmt.Errorf("type-check the generated code: %w", err)
	}
	imp := &generatedImporter{
		done: map[string]*types.Package{},
		gc: importer.ForCompiler(fset, "gc", func(ip string) (io.ReadCloser, error) {
			f, ok := exports[ip]
			if !ok {
				return nil, fmt.Errorf("no export data for %q", ip)
			}
			return os.Open(f)
		}),
	}
	// Library packages first: the programs import them.
	byPath := map[string]string{}
	for d, ip := range res.ImportPaths {
		byPath[d] = ip
	}
	sort.SliceStable(dirs, func(i, j int) bool {
		_, li := byPath[dirs[i]]
		_, lj := byPath[dirs[j]]
		return li && !lj
	})
	var errs []error
	for _, d := range dirs {
		ip := byPath[d]
		if ip == "" {
			ip = d // a program: nothing imports it
		}
		conf := types.Config{
			Importer: imp,
			Error: func(err error) {
				if len(errs) < maxTypeErrors {
					errs = append(errs, err)
				}
			},
		}
		pkg, _ := conf.Check(ip, fset, pkgs[d], nil)
		imp.done[ip] = pkg
	}
	if len(errs) > 0 {
		return typeErrors(res, errs)
	}
	return nil
}

// generatedImporter resolves the packages of the output itself to their
// checked form and everything else through export data.
type generatedImporter struct {
	done map[string]*types.Package
	gc   types.Importer
}

func (im *generatedImporter) Import(ip string) (*types.Package, error) {
	if p, ok := im.done[ip]; ok {
		return p, nil
	}
	return im.gc.Import(ip)
}

// exportData maps each package in paths and its dependencies to its export
// data file.
func exportData(ctx context.Context, dir string, paths map[string]bool) (map[string]string, error) {
	if len(paths) == 0 {
		return map[string]string{}, nil
	}
	args := []string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}
	for p := range paths {
		args = append(args, p)
	}
	sort.Strings(args[5:])
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -export: %v\n%s", err, strings.TrimSpace(stderr.String()))
	}
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if ip, file, ok := strings.Cut(sc.Text(), "\t"); ok && file != "" {
			m[ip] = file
		}
	}
	return m, sc.Err()
}

// typeErrors is the error of output that does not compile: each error at
// its generated file and line, with the spec entity the file came from.
func typeErrors(res *Result, errs []error) error {
	var b strings.Builder
	b.WriteString("the generated code does not compile; this is a bug in streamc, please report it with the spec:")
	for _, err := range errs {
		msg, file := err.Error(), ""
		var te types.Error
		if errors.As(err, &te) {
			file = te.Fset.Position(te.Pos).Filename
		} else if i := strings.Index(msg, ".go:"); i >= 0 {
			file = msg[:i+3]
		}
		b.WriteString("\n\t" + msg)
		if from := res.Origins[file]; from != "" {
			b.WriteString(" (generated for " + from + ")")
		}
	}
	return errors.New(b.String())
}
