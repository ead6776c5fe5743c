package querygen

import (
	"fmt"
	"strings"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/diag"
	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/plan"
	"github.com/streamc/streamc/templates/internal/genutil"
)

// compiler holds what one query's Process body accumulates: processor
// fields, package-level constants, the locals it declared.
type compiler struct {
	q *plan.Query

	fields  []Code // processor struct fields
	inits   []Code // statements of the processor's constructor
	globals []Code // package-level var specs
	locals  []*local
	// names hands out the processor's locals and fields; n numbers the
	// package-level vars.
	names *plan.Locals
	n     int
	// holds maps the index in locals of each local that holds a column's
	// value to the column; hints is holds of a first compilation, which
	// this one names those locals after (a local is made before it is
	// known to hold a column, and its name is in text built meanwhile).
	holds, hints map[int]string
	// col names the column being computed, for run-time errors, and src
	// is where the spec writes its expression (empty for source columns and
	// the sink), which the errors name first.
	col string
	src ir.Src
	// fieldConsts are the const specs of the fields JSON decodes read.
	fieldConsts []Code
	// consts dedups package-level constants by their Go source.
	consts map[string]string
	// needNow and needLoc are set when current_timestamp()/the session
	// time zone are used.
	needNow bool
	needLoc bool
	// nullOnError is set while a TRY_CAST is emitted: its ANSI errors
	// give NULL instead of stopping the query.
	nullOnError int
	// sharedFields are the processor fields every call site shares.
	sharedFields map[string]bool
	// prepares are the processor fields Query.Prepare fills.
	prepares []preparedField
}

func newCompiler(q *plan.Query) *compiler {
	return &compiler{q: q, consts: map[string]string{}, holds: map[int]string{}, names: q.Locals(reservedNames()...)}
}

// reservedNames are the names a processor's code uses as they are: the
// packages it may import, the Process method's own locals, the shared
// processor fields.
func reservedNames() []string {
	names := append(genutil.PackageNames(), "sqlfn", "queryrt", "engine", "kafka", "sink", "filesink", "confluent",
		"consolesink", "sparktext", "bytes", "context", "rand", "errors", "fmt", "math", "strconv", "time",
		"p", "row", "emit", "err", "now", "h", "env", "reg", "body", "found", "i", "m", "null", "ok", "out", "pat",
		"r", "re", "s", "_")
	return append(names, sharedFieldNames...)
}

// name is a new numbered name of base (a temporary or a field).
func (c *compiler) name(base string) string { return c.names.Temp(base) }

// field adds a processor field of type typ named stem (see
// plan.Locals.Field) and returns p.<name>.
func (c *compiler) field(stem string, typ *Statement) *Statement {
	return c.addField(c.names.Field(stem), typ)
}

// colField adds a processor field of type typ holding role's value for the
// column being computed (valueJSON, totalAmountDec) and returns p.<name>.
func (c *compiler) colField(role string, typ *Statement) *Statement {
	return c.addField(c.names.ColumnField(c.col, role), typ)
}

func (c *compiler) addField(name string, typ *Statement) *Statement {
	c.fields = append(c.fields, Id(name).Add(typ))
	return Id("p").Dot(name)
}

// global adds (or reuses) a package-level var initialised by init and
// returns its name.
func (c *compiler) global(base string, init *Statement) *Statement {
	key := fmt.Sprintf("%#v", init)
	if n, ok := c.consts[key]; ok {
		return Id(n)
	}
	// The plan owns package-level names (queries share the app's
	// package); the counter keeps them apart within the query.
	c.n++
	n := c.q.VarName(base, c.n)
	c.consts[key] = n
	c.globals = append(c.globals, Id(n).Op("=").Add(init))
	return Id(n)
}

// loc is the session time zone (nil for UTC).
func (c *compiler) loc() *Statement {
	if c.q.TimeZone == "" || c.q.TimeZone == "UTC" {
		return Nil()
	}
	c.needLoc = true
	return Id(c.q.LocVar())
}

// goType is the Go type of values of t as records hold them.
func (c *compiler) goType(t *ir.Type) *Statement {
	return genutil.GoType(c.q.GoType(t))
}

// isRef reports whether values of t are held through pointers in locals
// (records and decimals, which are big).
func isRef(t *ir.Type) bool { return t.Kind == ir.Struct || t.Kind == ir.Decimal }

// sourceRecord adds the processor field holding source column what's
// decoded record and the local of its validity, both named after it.
func (c *compiler) sourceRecord(what string, typ *Statement, vUsed bool) (*Statement, *local) {
	name, ok := c.names.Column(what)
	c.fields = append(c.fields, Id(name).Add(typ))
	flag := newVar(false)
	flag.vUsed = vUsed
	flag.setName(ok, ok)
	c.locals = append(c.locals, flag)
	return Id("p").Dot(name), flag
}

// newLocal declares a variable for a value of t (a pointer for records
// and decimals) and, when nullable, its validity flag.
func (c *compiler) newLocal(g *Group, t *ir.Type, nullable bool) val {
	l := newVar(nullable)
	if col, ok := c.hints[len(c.locals)]; ok {
		l.setName(c.names.Column(col))
	} else {
		name := c.name("tmp")
		l.setName(name, name+"OK")
	}
	c.locals = append(c.locals, l)
	typ := c.goType(t)
	x := l.v()
	if isRef(t) {
		typ = Op("*").Add(typ)
		x = Parens(Op("*").Add(l.v()))
	}
	g.Var().Add(l.v()).Add(typ)
	v := val{t: t, x: x, own: l}
	if nullable {
		g.Var().Add(l.okV()).Bool()
		v.ok = l.okV()
	}
	g.Add(l.use)
	return v
}

// set emits dst = src for a local made by newLocal, with its flag set
// when src is valid; dst's flag stays false otherwise.
func (c *compiler) set(g *Group, dst, src val) {
	guarded(g, src.OK(), func(g *Group) {
		c.setValid(g, dst, src.V())
	})
}

// setValid emits dst = x (a non-NULL value expression) and sets dst's flag.
func (c *compiler) setValid(g *Group, dst val, x *Statement) {
	lhs := dst.own.v()
	if isRef(dst.t) {
		x = Op("&").Add(x)
	}
	if dst.own.nullable {
		g.List(lhs, dst.own.okV()).Op("=").List(x, True())
	} else {
		g.Add(lhs).Op("=").Add(x)
	}
}

// storage adds a processor field holding a value of t (records, decimals,
// buffers that outlive a statement), named after the column being
// computed and what it holds: the record's type (valueNotifyStruct), Dec
// for a decimal, Val otherwise.
func (c *compiler) storage(t *ir.Type) *Statement {
	role := "Val"
	switch t.Kind {
	case ir.Struct:
		role = "Rec"
		if rec := c.q.GoType(t).Record; rec != nil {
			role = rec.GoName
		}
	case ir.Decimal:
		role = "Dec"
	}
	return c.colField(role, c.goType(t))
}

// finish blanks out the locals nobody read.
func (c *compiler) finish() {
	for _, l := range c.locals {
		var unused []Code
		if !l.vUsed {
			unused = append(unused, l.v())
		}
		if l.nullable && !l.okUsed {
			unused = append(unused, l.okV())
		}
		if len(unused) == 0 {
			continue
		}
		blanks := make([]Code, len(unused))
		for i := range blanks {
			blanks[i] = Id("_")
		}
		*l.use = append(*l.use, List(blanks...).Op("=").List(unused...))
	}
}

// fail emits the return of a run-time error err, naming the column and
// the spec position of its expression: `pipelines.yaml:20:26: sum: %w`.
func (c *compiler) fail(g *Group, err *Statement) {
	at := c.col
	if c.src.Text != "" {
		at = c.src.Pos.String() + ": " + at
	}
	g.Return(Qual("fmt", "Errorf").Call(Lit(strings.ReplaceAll(at, "%", "%%")+": %w"), err))
}

// zero is the zero value of t as a typed expression (the value of a NULL
// literal, never read).
func (c *compiler) zero(t *ir.Type) *Statement {
	switch t.Kind {
	case ir.Boolean:
		return False()
	case ir.String:
		return Lit("")
	case ir.Struct, ir.Decimal:
		return Parens(Op("*").Parens(Op("*").Add(c.goType(t))).Call(Nil()))
	case ir.Binary, ir.Array, ir.Map:
		return Parens(c.goType(t)).Call(Nil())
	}
	return c.goType(t).Call(Lit(0))
}

// unsupported stops the compilation of the query on a construct the
// checker should have rejected: it unwinds to Gen, which returns it as an
// error at the query's position naming the column (the emitter has no
// positions of its own), so the user sees a message, never a stack trace.
func (c *compiler) unsupported(format string, args ...any) {
	panic(&unsupportedError{err: diag.Errorf(c.q.Pos, "query %q, %s: streamc cannot compile %s; the checker should have refused it, please report this as a bug",
		c.q.Name, c.colName(), fmt.Sprintf(format, args...))})
}

// unsupportedError carries an unsupported construct to Gen.
type unsupportedError struct{ err error }

// colName names the column being computed, for errors.
func (c *compiler) colName() string {
	if c.col == "" {
		return "its processor"
	}
	return fmt.Sprintf("column %q", c.col)
}

// catch turns the unwinding of unsupported into *err; any other panic
// goes on.
func catch(err *error) {
	r := recover()
	if r == nil {
		return
	}
	u, ok := r.(*unsupportedError)
	if !ok {
		panic(r)
	}
	*err = u.err
}
