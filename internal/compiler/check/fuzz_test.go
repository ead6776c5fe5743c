package check

import (
	"testing"

	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/compiler/spec"
	"github.com/streamc/streamc/internal/diag"
)

// FuzzCheckExpr puts arbitrary text into a selectExpr item, a withColumn
// value and a filter: Check must not panic and must either fail with
// positioned errors or return a typed plan.
func FuzzCheckExpr(f *testing.F) {
	for _, seed := range []string{
		"TotalAmount * 0.2", "to_json(struct(*))", "explode(value.Tags) AS t", "posexplode(value.Attrs) AS (p, k, v)",
		"CASE WHEN Flag THEN 1 ELSE 'x' END", "CAST(value.Addr AS STRUCT<a: INT>)", "value.Items[0].ItemCode",
		"from_json(value.StoreID, 'a INT')", "regexp_replace(value.StoreID, '(', 'x')", "NULL IN (NULL)",
		"date_format(value.Ts, 'yyyy')", "named_struct('a', 1).a", "1e400", "99999999999999999999999999999999999999999",
		"-(-(1))", "`value`.*", "round(value.Price, -40)", "x'0G'", "value.Nums[value.Nums[0]]",
	} {
		f.Add(seed)
	}
	typ, err := schema.ParseDDL("inv.ddl", testSchemaDDL, schema.Pos{})
	if err != nil {
		f.Fatal(err)
	}
	schemas := map[string]*schema.Schema{"inv": {Name: "inv", Type: typ}}
	f.Fuzz(func(t *testing.T, text string) {
		str := func(quoted byte) spec.Str {
			return spec.Str{Value: text, Set: true, Quoted: quoted, Pos: spec.Pos{File: "p.yaml", Line: 3, Column: 5}}
		}
		s := &spec.Spec{
			Apps: spec.Map[spec.App]{{Key: "a", Value: spec.App{Queries: spec.Map[spec.Query]{{Key: "q", Value: spec.Query{
				ReadStream: spec.ReadStream{
					Format:  spec.Str{Value: "kafka", Set: true},
					Options: spec.Map[spec.Str]{{Key: "subscribe", Value: spec.Str{Value: "t", Set: true}}},
					Value:   &spec.Decode{Format: spec.Str{Value: "json", Set: true}, Schema: spec.Str{Value: "inv", Set: true}},
				},
				Transform: []spec.Step{
					{Select: []spec.Str{{Value: "value.*", Set: true}}},
					{SelectExpr: []spec.Str{str(0), {Value: "*", Set: true}}},
					{WithColumn: spec.Map[spec.Str]{{Key: "w", Value: str('"')}}},
					{Filter: ptr(str('|'))},
				},
				WriteStream: spec.WriteStream{Format: spec.Str{Value: "json", Set: true}},
			}}}}}},
		}
		res, err := Check(s, schemas)
		if err == nil && res == nil {
			t.Fatal("no result and no error")
		}
		if err != nil {
			for _, e := range err.(*diag.List).Errors() {
				if !e.Pos.IsValid() {
					t.Fatalf("error without a position: %v", e)
				}
			}
		}
	})
}

func ptr[T any](v T) *T { return &v }
