package check

import (
	"strings"
	"testing"
)

// checkExpr checks one selectExpr item over the test schema's columns
// (value.* expanded) and returns its output column.
func checkExpr(t *testing.T, src string) (*Column, error) {
	t.Helper()
	s, schemas := specWith(t, "- select: [\"value.*\"]\n- selectExpr: ["+yamlQuote(src)+"]", "")
	res, err := Check(s, schemas)
	if err != nil {
		return nil, err
	}
	out := res.Apps[0].Queries[0].Output
	if len(out) != 1 {
		t.Fatalf("%s: %d columns", src, len(out))
	}
	return out[0], nil
}

func yamlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

type exprCase struct {
	expr     string
	name     string // "" to skip
	typ      string
	nullable bool
}

func runExprCases(t *testing.T, cases []exprCase) {
	t.Helper()
	for _, c := range cases {
		col, err := checkExpr(t, c.expr)
		if err != nil {
			t.Errorf("%s: %v", c.expr, err)
			continue
		}
		if got := typeName(col.Type); got != c.typ {
			t.Errorf("%s: type %s, want %s", c.expr, got, c.typ)
		}
		if col.Nullable != c.nullable {
			t.Errorf("%s: nullable %v, want %v", c.expr, col.Nullable, c.nullable)
		}
		if c.name != "" && col.Name != c.name {
			t.Errorf("%s: name %q, want %q", c.expr, col.Name, c.name)
		}
	}
}

func TestLiteralsAndArithmetic(t *testing.T) {
	runExprCases(t, []exprCase{
		{"1", "1", "int", false},
		{"3000000000", "3000000000", "bigint", false},
		{"10L", "10", "bigint", false},
		{"2S", "2", "smallint", false},
		{"2Y", "2", "tinyint", false},
		{"0.2", "0.2", "decimal(1,1)", false},
		{"123.45", "123.45", "decimal(5,2)", false},
		{"0.002", "0.002", "decimal(3,3)", false},
		{"1e3", "1000.0", "double", false},
		{"1.5D", "1.5", "double", false},
		{"1.5F", "1.5", "float", false},
		{"'a'", "a", "string", false},
		{"true", "true", "boolean", false},
		{"CAST(NULL AS STRING)", "CAST(NULL AS STRING)", "string", true},
		{"DATE '2020-01-02'", "DATE '2020-01-02'", "date", false},
		{"X'0AFF'", "X'0AFF'", "binary", false},
		{"TotalAmount * 0.2", "(TotalAmount * 0.2)", "double", true},
		{"NumberOfItems + 1", "(NumberOfItems + 1)", "int", true},
		{"NumberOfItems + 1L", "", "bigint", true},
		{"1 + 2", "(1 + 2)", "int", false},
		{"Qty * Tiny", "", "smallint", true},
		{"NumberOfItems * Ratio", "", "float", true},
		{"Price + 1", "(Price + 1)", "decimal(11,2)", true},
		{"Price + NumberOfItems", "", "decimal(13,2)", true},
		{"Price * Price", "", "decimal(21,4)", true},
		{"Price / 2", "", "decimal(14,6)", true},
		{"Price * TotalAmount", "", "double", true},
		{"1 / 2", "(1 / 2)", "double", true},
		{"NumberOfItems % 3", "(NumberOfItems % 3)", "int", true},
		{"7 div 2", "(7 div 2)", "bigint", true},
		{"total + 1", "(total + 1)", "double", true},
		{"-NumberOfItems", "(- NumberOfItems)", "int", true},
		{"-5", "-5", "int", false},
		{"'1' || 2", "concat(1, 2)", "string", false},
	})
}

func TestArithmeticCasts(t *testing.T) {
	col, err := checkExpr(t, "TotalAmount * 0.2")
	if err != nil {
		t.Fatal(err)
	}
	a := col.Expr.(*Arith)
	if _, ok := a.L.(*GetField); !ok {
		t.Errorf("L is %T, want the column unchanged", a.L)
	}
	if c, ok := a.R.(*Cast); !ok || typeName(c.Type) != "double" || typeName(TypeOf(c.X).Type) != "decimal(1,1)" {
		t.Errorf("R is %#v, want CAST(0.2 AS double)", a.R)
	}
	col, err = checkExpr(t, "Price + NumberOfItems")
	if err != nil {
		t.Fatal(err)
	}
	a = col.Expr.(*Arith)
	if c, ok := a.R.(*Cast); !ok || typeName(c.Type) != "decimal(10,0)" {
		t.Errorf("R is %#v, want CAST(NumberOfItems AS decimal(10,0))", a.R)
	}
	if got := typeName(a.Type); got != "decimal(13,2)" {
		t.Errorf("type %s", got)
	}
}

func TestComparisonsAndLogic(t *testing.T) {
	runExprCases(t, []exprCase{
		{"NumberOfItems > 1", "(NumberOfItems > 1)", "boolean", true},
		{"NumberOfItems = '1'", "(NumberOfItems = 1)", "boolean", true},
		{"Price = '1.5'", "", "boolean", true},
		{"Day < '2020-01-01'", "", "boolean", true},
		{"Ts >= Day", "", "boolean", true},
		{"InvoiceNumber <=> NULL", "(InvoiceNumber <=> NULL)", "boolean", false},
		{"Flag AND NumberOfItems > 1", "(Flag AND (NumberOfItems > 1))", "boolean", true},
		{"NOT Flag", "(NOT Flag)", "boolean", true},
		{"InvoiceNumber IS NULL", "(InvoiceNumber IS NULL)", "boolean", false},
		{"InvoiceNumber IS NOT NULL", "(InvoiceNumber IS NOT NULL)", "boolean", false},
		{"Flag IS TRUE", "(Flag <=> true)", "boolean", false},
		{"NumberOfItems IN (1, 2)", "(NumberOfItems IN (1, 2))", "boolean", true},
		{"NumberOfItems NOT IN (1, 2)", "(NOT (NumberOfItems IN (1, 2)))", "boolean", true},
		{"NumberOfItems BETWEEN 1 AND 3", "((NumberOfItems >= 1) AND (NumberOfItems <= 3))", "boolean", true},
		{"StoreID LIKE 'S%'", "StoreID LIKE S%", "boolean", true},
		{"StoreID RLIKE '^S[0-9]+'", "", "boolean", true},
		{"CASE WHEN NumberOfItems > 1 THEN 'many' ELSE 'one' END", "CASE WHEN (NumberOfItems > 1) THEN many ELSE one END", "string", false},
		{"CASE NumberOfItems WHEN 1 THEN 1.5 WHEN 2 THEN 2 END", "CASE WHEN (NumberOfItems = 1) THEN 1.5 WHEN (NumberOfItems = 2) THEN 2 END", "decimal(11,1)", true},
		{"CASE WHEN Flag THEN NumberOfItems ELSE TotalAmount END", "", "double", true},
	})
}

func TestCastsAndNames(t *testing.T) {
	runExprCases(t, []exprCase{
		{"CAST(NumberOfItems AS STRING)", "NumberOfItems", "string", true},
		{"CAST(Addr.City AS INT)", "CAST(Addr.City AS INT)", "int", true},
		{"CAST('1' AS INT)", "CAST(1 AS INT)", "int", true},
		{"CAST(1 AS BIGINT)", "CAST(1 AS BIGINT)", "bigint", false},
		{"CAST(1.5 AS DECIMAL(4, 2))", "CAST(1.5 AS DECIMAL(4,2))", "decimal(4,2)", false},
		{"TRY_CAST(1 AS DOUBLE)", "TRY_CAST(1 AS DOUBLE)", "double", true},
		{"NumberOfItems::string", "NumberOfItems", "string", true},
		{"CAST(NULL AS INT)", "CAST(NULL AS INT)", "int", true},
		{"Addr.City", "City", "string", true},
		{"addr.city", "city", "string", true},
		{"invoicenumber", "InvoiceNumber", "string", true},
		{"`InvoiceNumber`", "InvoiceNumber", "string", true},
		{"Addr['City']", "Addr.City", "string", true},
		{"Nums[0]", "Nums[0]", "int", true},
		{"Attrs['k']", "Attrs[k]", "int", true},
		{"Items[0].ItemCode", "Items[0].ItemCode", "string", true},
		{"upper(InvoiceNumber) AS u", "u", "string", true},
		{"upper(InvoiceNumber) u", "u", "string", true},
		{"struct(InvoiceNumber, Addr.City, 1)", "struct(InvoiceNumber, Addr.City, 1)", "struct<InvoiceNumber:string,City:string,col3:int>", false},
		{"named_struct('a', 1, 'b', InvoiceNumber)", "named_struct(a, 1, b, InvoiceNumber)", "struct<a:int,b:string>", false},
		{"named_struct('a', 1).a", "named_struct(a, 1).a", "int", false},
		{"from_json(InvoiceNumber, 'a INT, b ARRAY<STRING>')", "from_json(InvoiceNumber)", "struct<a:int,b:array<string>>", true},
		{"(1, 'x')", "struct(1, x)", "struct<col1:int,col2:string>", false},
	})
}

func TestStructStar(t *testing.T) {
	s, schemas := specWith(t, "- select: [value.InvoiceNumber, value.TotalAmount]\n- selectExpr: [\"to_json(struct(*)) AS value\"]", "")
	res, err := Check(s, schemas)
	if err != nil {
		t.Fatal(err)
	}
	out := res.Apps[0].Queries[0].Output
	s, schemas = specWith(t, "- select: [value.InvoiceNumber, value.TotalAmount]\n- selectExpr: [\"to_json(struct(*))\"]", "")
	res, err = Check(s, schemas)
	if err != nil {
		t.Fatal(err)
	}
	out2 := res.Apps[0].Queries[0].Output
	if out[0].Name != "value" || out2[0].Name != "to_json(struct(InvoiceNumber, TotalAmount))" {
		t.Errorf("names %q, %q", out[0].Name, out2[0].Name)
	}
}
