// Package check resolves and type-checks every query of a spec: the
// readStream's columns, each transform step's expressions (parsed by
// internal/compiler/expr) with Spark's resolution, coercion and naming rules, and the
// sink's requirements. Its output is a typed logical plan (Query) that
// internal/plan names for Go and templates/internal/querygen turns into straight-line
// code. Errors are positioned `file:line:col: message`, all reported at
// once.
//
// The plan's types live in internal/ir, the contract with the back end; the
// names below let the checker spell them as before.
package check

import "github.com/streamc/streamc/internal/ir"

type (
	Result      = ir.Result
	App         = ir.App
	Query       = ir.Query
	Trigger     = ir.Trigger
	Option      = ir.Option
	Source      = ir.Source
	Decode      = ir.Decode
	Column      = ir.Column
	Step        = ir.Step
	Project     = ir.Project
	Filter      = ir.Filter
	Generator   = ir.Generator
	Expr        = ir.Expr
	Typed       = ir.Typed
	Ref         = ir.Ref
	GenOutput   = ir.GenOutput
	Lit         = ir.Lit
	GetField    = ir.GetField
	GetItem     = ir.GetItem
	Cast        = ir.Cast
	Arith       = ir.Arith
	Neg         = ir.Neg
	Compare     = ir.Compare
	Logic       = ir.Logic
	Not         = ir.Not
	IsNull      = ir.IsNull
	In          = ir.In
	When        = ir.When
	Case        = ir.Case
	MakeStruct  = ir.MakeStruct
	Call        = ir.Call
	Sink        = ir.Sink
	FileOptions = ir.FileOptions
	Encode      = ir.Encode
)

// TypeOf returns e's type and nullability.
func TypeOf(e Expr) Typed { return ir.TypeOf(e) }

// Children returns e's operands in evaluation order.
func Children(e Expr) []Expr { return ir.Children(e) }

// Walk calls fn for e and, depth first, every expression under it.
func Walk(e Expr, fn func(Expr)) { ir.Walk(e, fn) }

// Exprs returns the top-level expressions of a step.
func Exprs(s Step) []Expr { return ir.Exprs(s) }
