package catalog_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/compiler/catalog"
)

// sqlfnExports are the exported functions of internal/runtime/sqlfn.
func sqlfnExports(t *testing.T) map[string]bool {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("../../../internal/runtime/sqlfn/*.go")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, p := range files {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.IsExported() {
				out[fn.Name.Name] = true
			}
		}
	}
	return out
}

// Every runtime symbol the catalogue names exists.
func TestRuntimeSymbolsExist(t *testing.T) {
	exports := sqlfnExports(t)
	check := func(what, sym string) {
		if !exports[sym] {
			t.Errorf("%s names sqlfn.%s, which does not exist", what, sym)
		}
	}
	for _, f := range catalog.Functions() {
		if f.Plain != "" {
			check(f.Name, f.Plain)
		}
		for _, s := range f.Runtime {
			check(f.Name, s)
		}
	}
	for _, r := range catalog.CastRules() {
		for _, s := range r.Runtime {
			check("cast "+string(r.From[0])+" -> "+string(r.To[0]), s)
		}
	}
	for _, o := range catalog.Operators() {
		for _, s := range o.Runtime {
			check(o.Syntax, s)
		}
		for _, s := range []string{o.Int32ANSI, o.Int64ANSI, o.Decimal} {
			if s != "" && !slices.Contains(o.Runtime, s) {
				t.Errorf("%s: %s is not in its Runtime list", o.Syntax, s)
			}
		}
	}
}

// Every sqlfn function the emitter of calls and casts names literally is
// one the catalogue lists, so the catalogue says what generated code
// calls.
func TestEmitterSymbolsInCatalogue(t *testing.T) {
	named := map[string]bool{}
	for _, f := range catalog.Functions() {
		named[f.Plain] = true
		for _, s := range f.Runtime {
			named[s] = true
		}
	}
	for _, r := range catalog.CastRules() {
		for _, s := range r.Runtime {
			named[s] = true
		}
	}
	for _, o := range catalog.Operators() {
		for _, s := range o.Runtime {
			named[s] = true
		}
	}
	files, _ := filepath.Glob("../../../templates/internal/querygen/calls*.go")
	files = append(files, "../../../templates/internal/querygen/cast.go", "../../../templates/internal/querygen/arith.go", "../../../templates/internal/querygen/compare.go")
	lit := regexp.MustCompile(`sqlfn\("(\w+)"\)`)
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range lit.FindAllSubmatch(src, -1) {
			if !named[string(m[1])] {
				t.Errorf("%s calls sqlfn.%s, which the catalogue does not list", filepath.Base(p), m[1])
			}
		}
	}
}

// Each pair of atomic types is named by at most one cast rule, and
// every rule's Unsupported verdict has a reason.
func TestCastRulesDisjoint(t *testing.T) {
	seen := map[[2]catalog.Type]int{}
	for i, r := range catalog.CastRules() {
		for _, f := range r.From {
			for _, to := range r.To {
				if j, ok := seen[[2]catalog.Type{f, to}]; ok {
					t.Errorf("%s -> %s is in rules %d and %d", f, to, j, i)
				}
				seen[[2]catalog.Type{f, to}] = i
			}
		}
		if (r.Spark3 == catalog.Unsupported || r.Spark4 == catalog.Unsupported) && r.Reason == "" {
			t.Errorf("rule %d (%s -> %s) refuses without a reason", i, r.From[0], r.To[0])
		}
		if r.Spark3 == catalog.Refused && r.Spark4 != catalog.Refused {
			t.Errorf("rule %d (%s -> %s): ANSI accepts what Spark 3 refuses", i, r.From[0], r.To[0])
		}
	}
}

// Names and aliases are distinct.
func TestFunctionNamesDistinct(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range catalog.Functions() {
		for _, n := range append([]string{f.Name}, f.Aliases...) {
			if seen[n] {
				t.Errorf("%s is named twice", n)
			}
			seen[n] = true
		}
		if f.Spark == "" || f.Signature == "" || f.Group == "" {
			t.Errorf("%s lacks its signature, group or Spark line", f.Name)
		}
	}
}
