package check

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Field names follow Spark 3.5's CreateStruct: an alias; a column path's
// last part, a field's name or a string key, as written; else col<N>, N
// counting the arguments as written.
func TestStructFieldNames(t *testing.T) {
	runExprCases(t, []exprCase{
		{"struct(InvoiceNumber AS id, Addr.City)", "struct(InvoiceNumber AS id, Addr.City)", "struct<id:string,City:string>", false},
		{"struct(NumberOfItems + 1 n, InvoiceNumber)", "struct((NumberOfItems + 1) AS n, InvoiceNumber)", "struct<n:int,InvoiceNumber:string>", false},
		{"struct(1 AS `a b`)", "struct(1 AS `a b`)", "struct<a b:int>", false},
		{"STRUCT(InvoiceNumber AS x).x", "", "string", true},
		{"to_json(struct(InvoiceNumber AS x))", "to_json(struct(InvoiceNumber AS x))", "string", false},
		{"(InvoiceNumber AS id, 1)", "struct(InvoiceNumber AS id, 1)", "struct<id:string,col2:int>", false},
		{"struct(invoicenumber, addr.city)", "", "struct<invoicenumber:string,city:string>", false},
		{"struct(Attrs['k'], Addr['City'], named_struct('a', 1).a, Items[0].ItemCode, Nums[0])", "",
			"struct<k:int,City:string,a:int,ItemCode:string,col5:int>", false},
		{"struct(upper(InvoiceNumber), NumberOfItems + 1, CAST(NumberOfItems AS STRING))", "",
			"struct<col1:string,col2:int,col3:string>", false},
	})
}

func TestStructStarCountsAsOneArgument(t *testing.T) {
	got := outputOf(t, "- select: [value.InvoiceNumber, value.TotalAmount]\n- selectExpr: [\"struct(*, 1, TotalAmount AS t) AS s\"]")
	want := []string{"s struct<InvoiceNumber:string,TotalAmount:double,col2:int,t:double>"}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("output (-want +got):\n%s", d)
	}
}

func TestStructAliasErrors(t *testing.T) {
	for _, c := range []struct{ transform, want string }{
		{"- selectExpr: [\"struct(value.StoreID AS (a, b))\"]",
			"pipelines.yaml:15:34: struct: an argument takes one alias, not (a, b)"},
		{"- selectExpr: [\"struct(value.Addr.* AS s)\"]",
			"pipelines.yaml:15:34: struct: value.Addr.* cannot take an alias: it expands to one field per column"},
		{"- selectExpr: [\"upper(value.StoreID AS s)\"]",
			`pipelines.yaml:15:47: syntax error: expected ")", found "AS"`},
	} {
		got := checkErr(t, c.transform, "")
		if !strings.Contains(got, c.want) {
			t.Errorf("%s:\n got %s\nwant %s", c.transform, got, c.want)
		}
	}
}
