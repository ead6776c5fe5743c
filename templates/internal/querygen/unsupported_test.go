package querygen_test

import (
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/diag"
	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/plan"
	"github.com/streamc/streamc/templates/internal/querygen"
)

// A construct the emitter cannot compile (here CAST(date AS boolean),
// which the checker refuses) is an error at the query's position naming
// the column, never a panic.
func TestUnsupportedIsAnError(t *testing.T) {
	rec := exprRecord()
	q := filterQuery(rec)
	q.Pos = diag.Pos{File: "pipelines.yaml", Line: 7, Column: 3}
	v := ref(q.Source.Columns, "value")
	bad := col("flag", cast(cast(field(v, "ts"), tDate), tBool))
	q.Steps = []ir.Step{&ir.Project{Columns: []*ir.Column{bad}}}
	q.Output = []*ir.Column{bad}
	q.Sink.Row = rowType(q.Output)
	p, err := plan.Build(plan.Input{SpecFile: "pipelines.yaml", OutDir: "generated", ImportPath: "example.com/generated",
		Apps: []plan.AppInput{{Name: "exprs", Queries: []*ir.Query{q},
			Schemas: []plan.SchemaInput{{Name: "rec", Source: "pipelines.yaml", Type: rec}}}}})
	if err != nil {
		t.Fatal(err)
	}
	var gotErr error
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("Gen panicked: %v", r)
			}
		}()
		_, gotErr = querygen.Gen(p.Packages[0].Queries[0])
	}()
	if gotErr == nil {
		t.Fatal("Gen accepted CAST(date AS boolean)")
	}
	for _, want := range []string{"pipelines.yaml:7:3:", `column "flag"`, "CAST(date AS boolean)", "report"} {
		if !strings.Contains(gotErr.Error(), want) {
			t.Errorf("error %q does not contain %q", gotErr, want)
		}
	}
}
