package gen

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// fuzzSpec is a query whose selectExpr and filter take the fuzzed text,
// over a schema with a column of every kind.
const fuzzSpec = `version: "1"
schemas:
  r:
    ddl: "a INT, b BIGINT, f DOUBLE, r FLOAT, d DECIMAL(10,2), s STRING, t BOOLEAN, bin BINARY, day DATE, ts TIMESTAMP, tn TIMESTAMP_NTZ, st STRUCT<x: INT, y: STRING>, arr ARRAY<INT>, strs ARRAY<STRING>, m MAP<STRING,INT>, items ARRAY<STRUCT<k: STRING, v: DOUBLE>>"
apps:
  p:
    queries:
      q:
        readStream:
          format: kafka
          options: {subscribe: t}
          value: {format: json, schema: r}
        transform:
          - select: ["value.*"]
          - selectExpr: [EXPR]
          - filter: "FILTER"
        writeStream:
          format: console
`

// FuzzGenerateExpr: no expression a user can write makes the generator
// panic. It is either rejected with an error or compiled.
func FuzzGenerateExpr(f *testing.F) {
	for _, s := range []string{
		"a + 1", "f * 0.2", "d * 2", "d / 3", "a div 0", "-a", "upper(s)", "concat_ws(',', s, strs)",
		"substring(s, 2, 3)", "regexp_replace(s, 'a+', 'b')", "regexp_extract(s, '(a)(b)', 2)", "split(s, ',')",
		"lpad(s, 5, 'x')", "round(d, 1)", "bround(f, 2)", "floor(d)", "ceil(f)", "abs(a)", "pow(a, 2)", "sqrt(f)",
		"greatest(a, b, 3)", "least(f, r)", "coalesce(s, 'x')", "nvl(a, 1)", "if(t, a, b)", "CASE WHEN a > 1 THEN s ELSE 'z' END",
		"CAST(s AS INT)", "CAST(f AS DECIMAL(5,1))", "TRY_CAST(s AS DATE)", "to_json(st)", "to_json(items)", "to_json(m)",
		"to_csv(st)", "from_json(s, 'x INT, y ARRAY<STRING>')", "explode(arr)", "posexplode_outer(m)", "explode(items)",
		"size(arr)", "element_at(arr, 1)", "element_at(m, 'k')", "arr[0]", "m['k']", "st.x", "items[0].k", "array_contains(arr, 1)",
		"md5(s)", "sha2(bin, 256)", "hash(a, s, f)", "uuid()", "current_timestamp()", "current_date()",
		"from_unixtime(b)", "unix_timestamp(s, 'yyyy-MM-dd')", "to_timestamp(s)", "to_date(s, 'dd/MM/yyyy')",
		"date_format(ts, 'yyyy-MM-dd HH:mm')", "timestamp_millis(b)", "timestamp_seconds(f)", "year(day)", "month(ts)",
		"dayofmonth(day)", "hour(ts)", "minute(ts)", "date_add(day, a)", "datediff(day, day)", "s LIKE 'a%'", "s RLIKE '^a'",
		"a IN (1, 2, NULL)", "a BETWEEN 1 AND b", "s IS NULL", "t AND NOT t", "struct(a, s)", "named_struct('q', a)",
		"CAST(tn AS STRING)", "CAST(day AS TIMESTAMP)", "a <=> NULL", "NULL", "1L + a", "d % 3", "f / 0",
	} {
		f.Add(s, "a > 0")
	}
	f.Fuzz(func(t *testing.T, expr, filter string) {
		if strings.ContainsAny(expr+filter, "\n\r\"\\") {
			return // kept out of the YAML scalar, which the spec tests cover
		}
		spec := strings.Replace(fuzzSpec, "EXPR", `"`+expr+`"`, 1)
		spec = strings.Replace(spec, "FILTER", filter, 1)
		fsys := fstest.MapFS{"pipelines.yaml": {Data: []byte(spec)}}
		_, _ = Generate(context.Background(), Config{FS: fsys, SpecFile: "pipelines.yaml", ModulePath: "example.com/fuzz"})
	})
}
