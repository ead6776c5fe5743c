package check

import (
	"strings"
	"testing"
)

// checkErr checks a transform (and sink) over the test schema and
// returns the error text.
func checkErr(t *testing.T, transform, writeStream string) string {
	t.Helper()
	s, schemas := specWith(t, transform, writeStream)
	_, err := Check(s, schemas)
	if err == nil {
		return ""
	}
	return err.Error()
}

// The transform's first line is line 15 of the test spec, its list items
// at column 11.
func TestErrors(t *testing.T) {
	cases := []struct {
		name, transform, sink string
		want                  string // the whole error text, or a prefix ending in "..."
	}{
		{"unknown column", "- select: [value.TotalAmount]\n- selectExpr: [\"TotalAmont * 2\"]", "",
			`pipelines.yaml:16:27: column "TotalAmont" not found; did you mean "TotalAmount"?`},
		{"unknown field", "- select: [value.Adr.City]", "",
			`pipelines.yaml:15:28: field "Adr" not found in value; did you mean "Addr"?`},
		{"unknown nested field", "- select: [value.Addr.Cty]", "",
			`pipelines.yaml:15:33: field "Cty" not found in value.Addr; did you mean "City"?`},
		{"unknown function", "- selectExpr: [\"uper(value.StoreID)\"]", "",
			`pipelines.yaml:15:27: function "uper" does not exist; did you mean "upper"?`},
		{"non-boolean filter", "- filter: \"value.StoreID\"", "",
			`pipelines.yaml:15:22: filter needs a boolean, not value.StoreID of type string`},
		{"argument type", "- selectExpr: [\"upper(value.Tags)\"]", "",
			`pipelines.yaml:15:33: function upper: argument 1 must be string, not array<string> (value.Tags)`},
		{"arity", "- selectExpr: [\"upper(value.StoreID, 1)\"]", "",
			`pipelines.yaml:15:27: function upper takes 1 argument, not 2`},
		{"ambiguous", "- select: [\"value.*\"]\n- selectExpr: [dup1]", "",
			`pipelines.yaml:16:26: column "dup1" is ambiguous: the input has Dup1 (column 20) and dup1 (column 21)`},
		{"kafka sink without value", "- select: [value.StoreID]", "format: kafka\noptions: {topic: out, checkpointLocation: chk}",
			`pipelines.yaml:17:19: kafka sink needs a value column (string or binary); the query's columns are StoreID string`},
		{"kafka value not string", "- selectExpr: [\"value.NumberOfItems AS value\"]", "format: kafka\noptions: {topic: out, checkpointLocation: chk}",
			`pipelines.yaml:17:19: kafka sink needs a value column (string or binary); the query's columns are value int`},
		{"bad regex", "- selectExpr: [\"rlike(value.StoreID, '[a-')\"]", "",
			`pipelines.yaml:15:48: function rlike: invalid regular expression: ...`},
		{"bad date pattern", "- selectExpr: [\"date_format(value.Ts, 'yyyy-uu')\"]", "",
			`pipelines.yaml:15:49: function date_format: invalid datetime pattern "yyyy-uu": ...`},
		{"two generators", "- selectExpr: [\"explode(value.Tags)\", \"explode(value.Nums)\"]", "",
			`pipelines.yaml:15:50: only one generator allowed per select clause but found 2: explode(value.Tags), explode(value.Nums)`},
		{"nested generator", "- selectExpr: [\"upper(explode(value.Tags))\"]", "",
			`pipelines.yaml:15:33: generator explode is only allowed at the top of a select or withColumn item (not inside another expression)`},
		{"generator names", "- selectExpr: [\"posexplode(value.Tags) AS p\"]", "",
			`pipelines.yaml:15:27: posexplode(value.Tags) produces 2 columns but 1 names are given`},
		{"explode of a string", "- selectExpr: [\"explode(value.StoreID)\"]", "",
			`pipelines.yaml:15:35: function explode: argument 1 must be an array or a map, not string (value.StoreID)`},
		{"syntax", "- selectExpr: [\"1 +\"]", "",
			`pipelines.yaml:15:30: syntax error: expected an expression, found end of input`},
		{"cast struct to int", "- selectExpr: [\"CAST(value.Addr AS INT)\"]", "",
			`pipelines.yaml:15:27: cannot cast value.Addr of type struct<City:string,State:string,PinCode:string> to int`},
		{"bad cast type", "- selectExpr: [\"CAST(1 AS INTEGR)\"]", "",
			`pipelines.yaml:15:37: unknown data type ...`},
		{"bad from_json schema", "- selectExpr: [\"from_json(value.StoreID, 'a INTT')\"]", "",
			`pipelines.yaml:15:55: unknown data type ...`},
		{"compare struct", "- filter: \"value.Addr = value.Addr\"", "",
			`pipelines.yaml:15:22: cannot compare value.Addr (struct<City:string,State:string,PinCode:string>) with value.Addr (struct<City:string,State:string,PinCode:string>)`},
		{"arithmetic on a date", "- selectExpr: [\"value.Day + 1\"]", "",
			`pipelines.yaml:15:27: operator + needs a number, not value.Day of type date`},
		{"block scalar", "- filter: |\n    value.Nope > 1", "",
			`pipelines.yaml:16: field "Nope" not found in value; did you mean "Dup1"?`},
		{"csv sink with a struct", "- select: [value.Addr]", "format: csv\noptions: {path: out, checkpointLocation: chk}",
			`pipelines.yaml:17:19: the csv sink cannot write column Addr of type struct<City:string,State:string,PinCode:string>: CSV holds atomic values only (use to_json to make it a string)`},
		{"aggregate", "- selectExpr: [\"count(*)\"]", "",
			`pipelines.yaml:15:27: aggregate function count is not supported: streamc runs stateless queries (no groupBy)`},
		{"hash of a struct", "- selectExpr: [\"hash(value.Addr)\"]", "",
			`pipelines.yaml:15:32: hash of value.Addr (struct<City:string,State:string,PinCode:string>) is not supported by streamc yet: hash atomic columns`},
		{"cast not compiled", "- selectExpr: [\"CAST(value.Tags AS STRING)\"]", "",
			`pipelines.yaml:15:27: converting value.Tags from array<string> to string is not supported by streamc yet`},
		{"two struct types of one shape", "- selectExpr: [\"coalesce(value.Addr, named_struct('City', 'c', 'State', 's', 'PinCode', 'p'))\"]", "",
			"pipelines.yaml:15:36: value.Addr is a struct<City:string,State:string,PinCode:string> made elsewhere than the other values here; streamc cannot mix two struct types of one shape yet\n" +
				"pipelines.yaml:15:48: named_struct(City, c, State, s, PinCode, p) is a struct<City:string,State:string,PinCode:string> made elsewhere than the other values here; streamc cannot mix two struct types of one shape yet"},
		{"array element casts", "- selectExpr: [\"concat_ws(',', value.Nums)\", \"array_contains(value.Nums, 1L)\"]", "",
			"pipelines.yaml:15:42: converting value.Nums from array<int> to array<string> is not supported by streamc yet\n" +
				"pipelines.yaml:15:72: converting value.Nums from array<int> to array<bigint> is not supported by streamc yet"},
		{"void column", "- selectExpr: [\"NULL AS nothing\"]", "",
			`pipelines.yaml:15:27: NULL has no type (NULL); give it one, e.g. CAST(NULL AS STRING)`},
		{"errors do not cascade", "- select: [value.Nope]\n- selectExpr: [\"Nope + 1\"]", "",
			`pipelines.yaml:15:28: field "Nope" not found in value; did you mean "Dup1"?`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := checkErr(t, c.transform, c.sink)
			if prefix, ok := strings.CutSuffix(c.want, "..."); ok {
				if !strings.HasPrefix(got, prefix) || strings.Contains(got, "\n") {
					t.Errorf("got\n%s\nwant one error starting\n%s", got, prefix)
				}
				return
			}
			if got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}
