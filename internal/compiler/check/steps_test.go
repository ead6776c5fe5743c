package check

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// outputOf checks a transform over the test schema and summarises the
// output as "name type[?]" (? when nullable).
func outputOf(t *testing.T, transform string) []string {
	t.Helper()
	s, schemas := specWith(t, transform, "")
	res, err := Check(s, schemas)
	if err != nil {
		t.Fatalf("%s\n%v", transform, err)
	}
	var out []string
	for _, c := range res.Apps[0].Queries[0].Output {
		n := c.Name + " " + typeName(c.Type)
		if c.Nullable {
			n += "?"
		}
		out = append(out, n)
	}
	return out
}

func TestSteps(t *testing.T) {
	cases := []struct {
		name, transform string
		want            []string
	}{
		{"source", "- select: [\"*\"]", []string{"key binary?", "value " + sourceValueType + "?", "topic string",
			"partition int", "offset bigint", "timestamp timestamp", "timestampType int"}},
		{"nested select", "- select: [value.Addr.City, value.InvoiceNumber]", []string{"City string?", "InvoiceNumber string?"}},
		{"backticks", "- select: [\"`value`.`Addr`.City\"]", []string{"City string?"}},
		{"star of struct", "- select: [value.Addr.*]", []string{"City string?", "State string?", "PinCode string?"}},
		{"withColumn appends", "- select: [value.InvoiceNumber]\n- withColumn: {n: \"length(InvoiceNumber)\"}",
			[]string{"InvoiceNumber string?", "n int?"}},
		{"withColumn replaces in place, case-insensitively", "- select: [value.InvoiceNumber, value.StoreID]\n- withColumn: {invoicenumber: \"1\"}",
			[]string{"invoicenumber int", "StoreID string?"}},
		{"withColumn entries chain", "- select: [value.NumberOfItems]\n- withColumn: {a: \"NumberOfItems + 1\", b: \"a * 2\"}",
			[]string{"NumberOfItems int?", "a int?", "b int?"}},
		{"rename", "- select: [value.InvoiceNumber, value.StoreID]\n- withColumnRenamed: {storeid: Store, missing: x}",
			[]string{"InvoiceNumber string?", "Store string?"}},
		{"drop", "- select: [value.InvoiceNumber, value.StoreID]\n- drop: [STOREID, nothere]", []string{"InvoiceNumber string?"}},
		{"filter keeps columns", "- select: [value.NumberOfItems]\n- filter: \"NumberOfItems > 1\"\n- where: \"NumberOfItems IS NOT NULL\"",
			[]string{"NumberOfItems int?"}},
		{"filter null literal", "- select: [value.NumberOfItems]\n- filter: \"NULL\"", []string{"NumberOfItems int?"}},
		{"explode array", "- selectExpr: [\"explode(value.Tags)\"]", []string{"col string?"}},
		{"explode array of structs", "- selectExpr: [value.InvoiceNumber, \"explode(value.Items) AS item\"]",
			[]string{"InvoiceNumber string?", "item struct<ItemCode:string,ItemPrice:double,ItemQty:int>?"}},
		{"explode split (no nulls)", "- selectExpr: [\"explode(split(value.StoreID, ','))\"]", []string{"col string"}},
		{"explode map", "- selectExpr: [\"explode(value.Attrs)\"]", []string{"key string", "value int?"}},
		{"posexplode", "- selectExpr: [\"posexplode(value.Tags)\"]", []string{"pos int", "col string?"}},
		{"posexplode names", "- selectExpr: [\"posexplode(value.Tags) AS (p, c)\"]", []string{"p int", "c string?"}},
		{"posexplode map", "- selectExpr: [\"posexplode(value.Attrs)\"]", []string{"pos int", "key string", "value int?"}},
		{"explode_outer", "- selectExpr: [\"explode_outer(split(value.StoreID, ','))\"]", []string{"col string?"}},
		{"posexplode_outer", "- selectExpr: [\"posexplode_outer(value.Attrs)\"]", []string{"pos int?", "key string?", "value int?"}},
		{"explode in withColumn", "- select: [value.InvoiceNumber, value.Tags]\n- withColumn: {Tag: \"explode(Tags)\"}\n- drop: [Tags]",
			[]string{"InvoiceNumber string?", "Tag string?"}},
		{"struct star names", "- select: [value.InvoiceNumber, value.TotalAmount]\n- selectExpr: [\"struct(*) AS s\"]",
			[]string{"s struct<InvoiceNumber:string,TotalAmount:double>"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if d := cmp.Diff(c.want, outputOf(t, c.transform)); d != "" {
				t.Errorf("output (-want +got):\n%s", d)
			}
		})
	}
}

// sourceValueType is the test schema as its type prints.
const sourceValueType = "struct<InvoiceNumber:string,CreatedTime:bigint,StoreID:string,TotalAmount:double,NumberOfItems:int," +
	"Price:decimal(10,2),Qty:smallint,Tiny:tinyint,Ratio:float,Flag:boolean,Day:date,Ts:timestamp,Data:binary," +
	"Tags:array<string>,Nums:array<int>,Attrs:map<string,int>,Addr:struct<City:string,State:string,PinCode:string>," +
	"Items:array<struct<ItemCode:string,ItemPrice:double,ItemQty:int>>,total:string,Dup1:int,dup1:int>"

func TestGeneratorIR(t *testing.T) {
	s, schemas := specWith(t, "- selectExpr: [value.InvoiceNumber, \"posexplode(value.Tags) AS (p, c)\"]", "")
	res, err := Check(s, schemas)
	if err != nil {
		t.Fatal(err)
	}
	p := res.Apps[0].Queries[0].Steps[0].(*Project)
	if p.Generator == nil || p.Generator.Kind != "posexplode" {
		t.Fatalf("generator %#v", p.Generator)
	}
	roles := []string{}
	for _, c := range p.Columns[1:] {
		roles = append(roles, c.Expr.(*GenOutput).Role)
	}
	if d := cmp.Diff([]string{"pos", "col"}, roles); d != "" {
		t.Error(d)
	}
}
