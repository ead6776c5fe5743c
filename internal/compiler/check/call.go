package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/streamc/streamc/internal/compiler/catalog"
	"github.com/streamc/streamc/internal/compiler/expr"
	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/diag"
)

// fnCall is a function call being checked: its arguments are checked, not
// yet cast.
type fnCall struct {
	// name is the canonical name, written the name as the user wrote it
	// (lower-cased), which Spark's generated column names keep.
	name, written string
	args          []val
	// lits are the parsed arguments, for functions that need constants.
	lits    []expr.Expr
	at, end int
}

// fnSpec is one built-in: its arity and its typing rule.
type fnSpec struct {
	min, max int // max < 0: any number
	check    func(s *scope, f *fnCall) val
}

// generators are explode and its family, which only select items take.
var generators = []string{"explode", "explode_outer", "posexplode", "posexplode_outer"}

// aggregates are refused with a reason rather than as unknown.
var aggregates = []string{"count", "sum", "avg", "mean", "min", "max", "first", "last", "collect_list", "collect_set", "approx_count_distinct"}

func isGenerator(name string) bool {
	for _, g := range generators {
		if strings.EqualFold(g, name) {
			return true
		}
	}
	return false
}

// functionNames lists every callable name, for hints.
func functionNames() []string {
	var out []string
	for n := range functionTable {
		out = append(out, n)
	}
	for n := range fnAliases {
		out = append(out, n)
	}
	out = append(out, generators...)
	out = append(out, "struct", "named_struct", "from_json")
	sort.Strings(out)
	return out
}

// call checks a function call.
func (s *scope) call(e *expr.Call) val {
	at, end := e.Pos(), e.End()
	written := strings.ToLower(e.Name)
	name := written
	if a, ok := fnAliases[name]; ok {
		name = a
	}
	switch {
	case isGenerator(name):
		s.errorf(e.NamePos, "generator %s is only allowed at the top of a select or withColumn item (not inside another expression)", written)
		return val{at: at, end: end}
	case e.Distinct:
		s.errorf(e.NamePos, "DISTINCT is only for aggregate functions, which streaming queries without groupBy cannot use")
		return val{at: at, end: end}
	case name == "struct":
		return s.makeStruct(e)
	case name == "named_struct":
		return s.namedStruct(e)
	case name == "from_json":
		return s.fromJSON(e)
	}
	for _, a := range aggregates {
		if name == a {
			s.errorf(e.NamePos, "aggregate function %s is not supported: streamc runs stateless queries (no groupBy)", written)
			return val{at: at, end: end}
		}
	}
	spec, ok := functionTable[name]
	if !ok {
		s.errorf(e.NamePos, "function %q does not exist%s", e.Name, diag.DidYouMean(written, functionNames()))
		return val{at: at, end: end}
	}
	args := make([]val, len(e.Args))
	failed := false
	for i, a := range e.Args {
		args[i] = s.expr(a)
		failed = failed || !args[i].ok()
	}
	if failed {
		return val{at: at, end: end}
	}
	if !arityOK(spec, len(args)) {
		s.errorf(e.NamePos, "function %s takes %s, not %d", written, arity(spec), len(args))
		return val{at: at, end: end}
	}
	f := &fnCall{name: name, written: written, args: args, lits: e.Args, at: at, end: end}
	v := spec.check(s, f)
	v.at, v.end = at, end
	return v
}

// callWith checks a built-in whose arguments are already checked, for
// operators that are functions in Spark (||, LIKE).
func (s *scope) callWith(name, written string, args []val, at, end int) val {
	spec := functionTable[name]
	for _, a := range args {
		if !a.ok() {
			return val{at: at, end: end}
		}
	}
	v := spec.check(s, &fnCall{name: name, written: written, args: args, lits: make([]expr.Expr, len(args)), at: at, end: end})
	v.at, v.end = at, end
	return v
}

func arityOK(f fnSpec, n int) bool { return n >= f.min && (f.max < 0 || n <= f.max) }

func arity(f fnSpec) string {
	plural := func(n int) string {
		if n == 1 {
			return "1 argument"
		}
		return fmt.Sprintf("%d arguments", n)
	}
	switch {
	case f.max < 0:
		return "at least " + plural(f.min)
	case f.min == f.max:
		return plural(f.min)
	}
	return fmt.Sprintf("%d to %d arguments", f.min, f.max)
}

// want casts argument i implicitly to t, as ImplicitCastInputTypes does,
// or reports that it cannot be.
func (s *scope) want(f *fnCall, i int, t *schema.Type) bool {
	a := f.args[i]
	if !implicitCastOK(a.typ(), t) {
		s.errorf(a.at, "function %s: argument %d must be %s, not %s (%s)", f.written, i+1, typeName(t), typeName(a.typ()), a.sql)
		return false
	}
	f.args[i] = s.cast(a, t)
	return true
}

// wantAll casts the arguments from i on to t.
func (s *scope) wantAll(f *fnCall, from int, t *schema.Type) bool {
	ok := true
	for i := from; i < len(f.args); i++ {
		ok = s.want(f, i, t) && ok
	}
	return ok
}

// fail reports a type error on argument i.
func (s *scope) fail(f *fnCall, i int, expected string) val {
	a := f.args[i]
	s.errorf(a.at, "function %s: argument %d must be %s, not %s (%s)", f.written, i+1, expected, typeName(a.typ()), a.sql)
	return val{}
}

// result builds the Call; nullable as given.
func (s *scope) result(f *fnCall, t *schema.Type, nullable bool) val {
	args := make([]Expr, len(f.args))
	sqls := make([]string, len(f.args))
	for i, a := range f.args {
		args[i] = a.e
		sqls[i] = a.sql
	}
	var runtime []string
	if cf := catalog.Lookup(f.name); cf != nil {
		runtime = cf.Runtime
	}
	return val{e: &Call{Typed: Typed{Type: t, Nullable: nullable}, Name: f.name, Args: args, Runtime: runtime}, sql: callSQL(f.written, sqls)}
}

// strict is result for a null-intolerant function: NULL iff an argument
// is, plus orNull for results that can be NULL on non-null input.
func (s *scope) strict(f *fnCall, t *schema.Type, orNull bool) val {
	return s.result(f, t, orNull || anyNullable(f.args))
}

func anyNullable(vs []val) bool {
	for _, v := range vs {
		if v.nullable() {
			return true
		}
	}
	return false
}

func allNullable(vs []val) bool {
	for _, v := range vs {
		if !v.nullable() {
			return false
		}
	}
	return len(vs) > 0
}

// callSQL prints a call as Spark's generated names do.
func callSQL(name string, args []string) string {
	switch name {
	case "ceil", "floor":
		return strings.ToUpper(name) + "(" + strings.Join(args, ", ") + ")"
	case "if", "iif":
		return "(IF(" + strings.Join(args, ", ") + "))"
	}
	return name + "(" + strings.Join(args, ", ") + ")"
}

// constString returns argument i's value when it is a string constant.
func constString(f *fnCall, i int) (string, bool) {
	if i >= len(f.args) || !f.args[i].ok() {
		return "", false
	}
	e := f.args[i].e
	if c, ok := e.(*Cast); ok {
		e = c.X
	}
	lit, ok := e.(*Lit)
	if !ok {
		return "", false
	}
	str, ok := lit.Value.(string)
	return str, ok && lit.Type.Kind == schema.String
}
