package check

import (
	"bytes"
	"os"
	"sort"
	"testing"

	"github.com/streamc/streamc/internal/compiler/catalog"
)

// Every function of functions_doc.go, with its result type and
// nullability and, where it applies, an implicit cast of an argument.
func TestFunctions(t *testing.T) {
	runExprCases(t, []exprCase{
		{"upper(InvoiceNumber)", "upper(InvoiceNumber)", "string", true},
		{"upper(NumberOfItems)", "upper(NumberOfItems)", "string", true},
		{"ucase('a')", "ucase(a)", "string", false},
		{"lower('A')", "lower(A)", "string", false},
		{"lcase('A')", "", "string", false},
		{"trim(StoreID)", "", "string", true},
		{"trim('xax', 'x')", "", "string", false},
		{"ltrim(' a')", "", "string", false},
		{"rtrim('a ')", "", "string", false},
		{"concat(InvoiceNumber, '-', NumberOfItems)", "concat(InvoiceNumber, -, NumberOfItems)", "string", true},
		{"concat()", "", "string", false},
		{"concat_ws(',', InvoiceNumber, Tags)", "", "string", false},
		{"substring(InvoiceNumber, 1, 3)", "substring(InvoiceNumber, 1, 3)", "string", true},
		{"substr('abc', 2)", "substr(abc, 2)", "string", false},
		{"substring('abc', '2')", "", "string", true},
		{"substring(Data, 1, 2)", "", "binary", true},
		{"length(InvoiceNumber)", "length(InvoiceNumber)", "int", true},
		{"length(Data)", "", "int", true},
		{"char_length('x')", "char_length(x)", "int", false},
		{"character_length('x')", "", "int", false},
		{"replace('abc', 'b')", "", "string", false},
		{"replace('abc', 'b', 'x')", "", "string", false},
		{"regexp_replace(InvoiceNumber, '[0-9]+', '#')", "", "string", true},
		{"regexp_replace('a', 'a', 'b', 1)", "", "string", false},
		{"regexp_extract('a1', '([a-z])([0-9])', 2)", "", "string", false},
		{"regexp_extract('a1', '[a-z]')", "", "string", false},
		{"split('a,b', ',')", "split(a,b, ,)", "array<string>", false},
		{"split('a,b', ',', 2)", "", "array<string>", false},
		{"lpad(InvoiceNumber, 10, '0')", "", "string", true},
		{"rpad('a', 3)", "", "string", false},
		{"like('abc', 'a%')", "", "boolean", false},
		{"ilike('abc', 'A%')", "", "boolean", false},
		{"like('a_c', 'a!_c', '!')", "", "boolean", false},
		{"rlike(StoreID, '^S')", "", "boolean", true},
		{"md5(InvoiceNumber)", "md5(InvoiceNumber)", "string", true},
		{"md5(Data)", "", "string", true},
		{"sha2(InvoiceNumber, 256)", "", "string", true},
		{"hash(InvoiceNumber, NumberOfItems)", "", "int", false},
		{"uuid()", "uuid()", "string", false},
		{"initcap(InvoiceNumber)", "initcap(InvoiceNumber)", "string", true},
		{"reverse('abc')", "", "string", false},
		{"left('abc', 2)", "", "string", false},
		{"right(InvoiceNumber, NumberOfItems)", "", "string", true},
		{"repeat('ab', 2)", "", "string", false},
		{"ascii('a')", "", "int", false},
		{"instr(InvoiceNumber, 'x')", "", "int", true},
		{"locate('x', InvoiceNumber)", "locate(x, InvoiceNumber)", "int", true},
		{"locate('x', 'y', NumberOfItems)", "", "int", false},
		{"position('x', 'y')", "position(x, y)", "int", false},
		{"translate('abc', 'b', 'x')", "", "string", false},
		{"base64(Data)", "", "string", true},
		{"sha1(InvoiceNumber)", "sha1(InvoiceNumber)", "string", true},
		{"sha('a')", "sha(a)", "string", false},
		{"hex(NumberOfItems)", "", "string", true},
		{"hex(Data)", "", "string", true},
		{"hex('a')", "", "string", false},
		{"unhex('4A')", "", "binary", true},
		{"unbase64('QQ==')", "", "binary", false},
		{"octet_length(Data)", "", "int", true},
		{"octet_length('é')", "", "int", false},
		{"crc32(InvoiceNumber)", "", "bigint", true},
		{"chr(65)", "", "string", false},
		{"char(CreatedTime)", "char(CreatedTime)", "string", true},
		{"regexp_extract_all('a1b2', '([a-z])', 1)", "", "array<string>", false},

		{"round(TotalAmount, 2)", "round(TotalAmount, 2)", "double", true},
		{"round(Price, 1)", "", "decimal(10,1)", true},
		{"round(Price)", "", "decimal(9,0)", true},
		{"round(Price, -2)", "", "decimal(9,0)", true},
		{"bround(NumberOfItems)", "", "int", true},
		{"round('1.5')", "", "double", true},
		{"abs(NumberOfItems)", "abs(NumberOfItems)", "int", true},
		{"abs(Price)", "", "decimal(10,2)", true},
		{"abs('-1')", "", "double", true},
		{"floor(TotalAmount)", "FLOOR(TotalAmount)", "bigint", true},
		{"floor(NumberOfItems)", "", "bigint", true},
		{"floor(Price)", "", "decimal(9,0)", true},
		{"ceil(CreatedTime)", "CEIL(CreatedTime)", "bigint", true},
		{"ceiling(1.5)", "ceiling(1.5)", "decimal(2,0)", false},
		{"pow(2, 10)", "pow(2, 10)", "double", false},
		{"power(NumberOfItems, 2)", "", "double", true},
		{"sqrt(TotalAmount)", "", "double", true},
		{"exp(1)", "", "double", false},
		{"ln(1)", "", "double", true},
		{"log10(TotalAmount)", "", "double", true},
		{"log2(2)", "", "double", true},
		{"log(2, 8)", "", "double", true},
		{"log(TotalAmount)", "", "double", true},
		{"signum(-2)", "", "double", false},
		{"sign(TotalAmount)", "sign(TotalAmount)", "double", true},
		{"greatest(NumberOfItems, 2, TotalAmount)", "", "double", false},
		{"greatest(NumberOfItems, Qty)", "", "int", true},
		{"least(Price, 1)", "", "decimal(12,2)", false},

		{"current_timestamp()", "current_timestamp()", "timestamp", false},
		{"now()", "now()", "timestamp", false},
		{"current_date()", "", "date", false},
		{"from_unixtime(CreatedTime)", "", "string", true},
		{"from_unixtime(NumberOfItems, 'yyyy-MM-dd')", "", "string", true},
		{"unix_timestamp()", "", "bigint", false},
		{"unix_timestamp('2020-01-01', 'yyyy-MM-dd')", "", "bigint", true},
		{"unix_timestamp(Ts)", "", "bigint", true},
		{"unix_timestamp(Day)", "", "bigint", true},
		{"to_timestamp(InvoiceNumber)", "", "timestamp", true},
		{"to_timestamp('2020-01-01', 'yyyy-MM-dd')", "", "timestamp", true},
		{"to_date('2020-01-01')", "", "date", true},
		{"date_format(Ts, 'yyyy-MM')", "date_format(Ts, yyyy-MM)", "string", true},
		{"date_format('2020-01-01', 'yyyy')", "", "string", true},
		{"timestamp_millis(CreatedTime)", "", "timestamp", true},
		{"timestamp_millis(1)", "", "timestamp", false},
		{"timestamp_seconds(1)", "", "timestamp", false},
		{"timestamp_seconds(1.5D)", "", "timestamp", true},
		{"year(Day)", "year(Day)", "int", true},
		{"year('2020-01-01')", "", "int", true},
		{"month(Ts)", "", "int", true},
		{"dayofmonth(Day)", "", "int", true},
		{"day(Day)", "day(Day)", "int", true},
		{"hour(Ts)", "", "int", true},
		{"minute('2020-01-01 10:00:00')", "", "int", true},
		{"second(Ts)", "", "int", true},
		{"quarter(Day)", "", "int", true},
		{"dayofyear(Day)", "", "int", true},
		{"dayofweek(Day)", "", "int", true},
		{"weekday(Day)", "", "int", true},
		{"weekofyear(Day)", "", "int", true},
		{"date_sub(Day, 1)", "", "date", true},
		{"add_months(Day, CreatedTime)", "", "date", true},
		{"last_day(Day)", "", "date", true},
		{"timestamp_micros(CreatedTime)", "", "timestamp", true},
		{"unix_millis(Ts)", "", "bigint", true},
		{"trunc(Day, 'MM')", "", "date", true},
		{"date_trunc('HOUR', Ts)", "", "timestamp", true},
		{"date_add(Day, 1)", "", "date", true},
		{"date_add('2020-01-01', Qty)", "", "date", true},
		{"datediff(Day, '2020-01-01')", "", "int", true},

		{"size(Tags)", "size(Tags)", "int", false},
		{"size(Attrs)", "", "int", false},
		{"cardinality(Tags)", "cardinality(Tags)", "int", false},
		{"element_at(Tags, 1)", "", "string", true},
		{"element_at(Attrs, 'k')", "", "int", true},
		{"array_contains(Tags, 'x')", "", "boolean", true},
		{"array_contains(Nums, 1)", "", "boolean", true},
		{"coalesce(InvoiceNumber, 'none')", "coalesce(InvoiceNumber, none)", "string", false},
		{"coalesce(NumberOfItems, CreatedTime)", "", "bigint", true},
		{"nvl(NumberOfItems, 0)", "nvl(NumberOfItems, 0)", "int", false},
		{"ifnull(NumberOfItems, 'x')", "", "string", false},
		{"if(Flag, 1, 2.5)", "(IF(Flag, 1, 2.5))", "decimal(11,1)", false},
		{"iif(NumberOfItems > 1, InvoiceNumber, NULL)", "", "string", true},

		{"to_json(Addr)", "to_json(Addr)", "string", true},
		{"to_json(Tags)", "", "string", true},
		{"to_csv(Addr)", "", "string", true},
		{"from_json(Data, 'a INT')", "from_json(Data)", "struct<a:int>", true},
	})
}

func TestFunctionArgumentCasts(t *testing.T) {
	cases := []struct {
		expr string
		arg  int
		want string
	}{
		{"upper(NumberOfItems)", 0, "string"},
		{"md5(InvoiceNumber)", 0, "binary"},
		{"year('2020-01-01')", 0, "date"},
		{"date_format('2020-01-01', 'yyyy')", 0, "timestamp"},
		{"floor(NumberOfItems)", 0, "double"},
		{"from_unixtime(NumberOfItems)", 0, "bigint"},
		{"coalesce(NumberOfItems, CreatedTime)", 0, "bigint"},
		{"from_json(Data, 'a INT')", 0, "string"},
	}
	for _, c := range cases {
		col, err := checkExpr(t, c.expr)
		if err != nil {
			t.Errorf("%s: %v", c.expr, err)
			continue
		}
		call, ok := col.Expr.(*Call)
		if !ok {
			t.Errorf("%s: %T, want *Call", c.expr, col.Expr)
			continue
		}
		cast, ok := call.Args[c.arg].(*Cast)
		if !ok || typeName(cast.Type) != c.want {
			t.Errorf("%s: argument %d is %#v, want a Cast to %s", c.expr, c.arg, call.Args[c.arg], c.want)
		}
	}
}

// The checker has a typing rule for every function of the catalogue and
// no other.
func TestFunctionRulesMatchCatalogue(t *testing.T) {
	var rules []string
	for n := range fnRules {
		rules = append(rules, n)
	}
	sort.Strings(rules)
	if got, want := rules, catalog.Names(); !equalStrings(got, want) {
		t.Errorf("rules %v\ncatalogue %v", got, want)
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// functions_doc.go is the catalogue's reference, regenerated with
// STREAMC_GOLDEN_UPDATE=1.
func TestFunctionsReference(t *testing.T) {
	want := catalog.Reference()
	got, err := os.ReadFile("functions_doc.go")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(got, want) {
		return
	}
	if os.Getenv("STREAMC_GOLDEN_UPDATE") != "" {
		if err := os.WriteFile("functions_doc.go", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("functions_doc.go is stale: run STREAMC_GOLDEN_UPDATE=1 go test ./internal/compiler/check")
}
