// Package expr parses Spark SQL expressions, as selectExpr, expr() and
// filter() take them, into a syntax tree with positions.
//
// Positions are byte offsets into the expression text; the checker maps them
// to file:line:col through the YAML scalar the text came from.
package expr

// Expr is a parsed expression.
type Expr interface {
	// Pos is the byte offset where the expression starts.
	Pos() int
	// End is the byte offset just past it.
	End() int
}

// span is the source range of a node.
type span struct{ Start, Stop int }

func (s span) Pos() int { return s.Start }
func (s span) End() int { return s.Stop }

// LitKind is the kind of a literal, typed as Spark types it.
type LitKind int

// Literal kinds.
const (
	LitNull         LitKind = iota
	LitBool                 // true, false
	LitInt                  // 42 (int), or bigint when out of int range
	LitLong                 // 42L
	LitShort                // 42S
	LitByte                 // 42Y
	LitDecimal              // 0.2, 1.5BD: decimal(p,s)
	LitDouble               // 1e3, 1.5D
	LitFloat                // 1.5F
	LitString               // 'x' or "x", escapes decoded
	LitDate                 // DATE '2020-01-01'
	LitTimestamp            // TIMESTAMP '2020-01-01 00:00:00'
	LitTimestampNTZ         // TIMESTAMP_NTZ '...'
	LitBinary               // X'0AFF'
)

// Literal is a constant. Text is the literal as written (for numbers) or its
// decoded value (strings, dates).
type Literal struct {
	span
	Kind LitKind
	Text string
}

// Column is a possibly qualified column reference: a, value.a, `odd name`.
type Column struct {
	span
	Parts []string
}

// Star is * or qualifier.*.
type Star struct {
	span
	Qualifier []string
}

// Unary is -x, +x, ~x or NOT x.
type Unary struct {
	span
	Op string // "-", "+", "~", "NOT"
	X  Expr
}

// Binary is x op y. Op is upper-case for words (AND, OR, DIV) and normalised
// for symbols ("==" becomes "=", "!=" becomes "<>").
type Binary struct {
	span
	Op   string
	L, R Expr
}

// IsNull is x IS [NOT] NULL.
type IsNull struct {
	span
	X   Expr
	Not bool
}

// IsBool is x IS [NOT] TRUE/FALSE.
type IsBool struct {
	span
	X     Expr
	Not   bool
	Value bool
}

// In is x [NOT] IN (list).
type In struct {
	span
	X    Expr
	List []Expr
	Not  bool
}

// Between is x [NOT] BETWEEN lo AND hi.
type Between struct {
	span
	X, Lo, Hi Expr
	Not       bool
}

// Like is x [NOT] LIKE|ILIKE|RLIKE|REGEXP pattern [ESCAPE 'c'].
type Like struct {
	span
	Op         string // LIKE, ILIKE, RLIKE
	X, Pattern Expr
	Not        bool
	Escape     string
}

// When is one WHEN cond THEN result branch.
type When struct {
	Cond, Result Expr
}

// Case is CASE [operand] WHEN ... THEN ... [ELSE ...] END.
type Case struct {
	span
	Operand Expr // nil for the searched form
	Whens   []When
	Else    Expr // nil when absent
}

// Cast is CAST(x AS type), TRY_CAST, or x::type.
type Cast struct {
	span
	X    Expr
	Type TypeName
	Try  bool
}

// TypeName is a type as written in a cast; the checker resolves it with the
// DDL parser's rules.
type TypeName struct {
	Text     string
	Pos, End int
}

// Call is a function call: name(args), name(DISTINCT args), name(*).
type Call struct {
	span
	Name     string // as written; functions match case-insensitively
	NamePos  int
	Args     []Expr
	Distinct bool
}

// Index is x[i] (array element, 0-based) or m[key] (map lookup).
type Index struct {
	span
	X, Index Expr
}

// Field is x.name on an expression that is not a plain column path, such as
// a function result: named_struct('a', 1).a.
type Field struct {
	span
	X    Expr
	Name string
}

// Alias is x AS name, x name, or x AS (a, b) for generators: a select
// item, or an argument of struct(...) or (a, b), which it names a field of.
type Alias struct {
	span
	X     Expr
	Names []string
}

// Lambda is x -> expr or (x, y) -> expr, for higher-order functions.
type Lambda struct {
	span
	Params []string
	Body   Expr
}
