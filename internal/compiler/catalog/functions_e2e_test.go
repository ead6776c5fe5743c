package catalog_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// The functions the checker once refused (though the emitter and
// internal/runtime/sqlfn had them), each compiled and run on the example of
// Spark's documentation (ExpressionDescription), in both modes.
func TestFunctionsEndToEnd(t *testing.T) {
	cases := []struct{ call, want string }{
		{"initcap('sPark sql')", `"Spark Sql"`},
		{"reverse('Spark SQL')", `"LQS krapS"`},
		{"left('Spark SQL', 3)", `"Spa"`},
		{"right('Spark SQL', 3)", `"SQL"`},
		{"repeat('123', 2)", `"123123"`},
		{"ascii('222')", `50`},
		{"instr('SparkSQL', 'SQL')", `6`},
		{"translate('AaBbCc', 'abc', '123')", `"A1B2C3"`},
		{"base64('Spark SQL')", `"U3BhcmsgU1FM"`},
		{"sha1('Spark')", `"85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c"`},
		{"sha('Spark')", `"85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c"`},
		{"quarter('2016-08-31')", `3`},
		{"dayofyear('2016-04-09')", `100`},
		{"dayofweek('2009-07-30')", `5`},
		{"weekday('2009-07-30')", `3`},
		{"weekofyear('2008-02-20')", `8`},
		{"second('2009-07-30 12:58:59')", `59`},
		{"date_sub('2016-07-30', 1)", `"2016-07-29"`},
		{"add_months('2016-08-31', 1)", `"2016-09-30"`},
		{"last_day('2009-01-12')", `"2009-01-31"`},
		{"exp(0)", `1.0`},
		{"ln(1)", `0.0`},
		{"log10(10)", `1.0`},
		{"log2(2)", `1.0`},
		{"log(2, 8)", `3.0`},
		{"signum(40)", `1.0`},
		{"hex(17)", `"11"`},
		{"hex('Spark SQL')", `"537061726B2053514C"`},
		{"unhex('537061726B2053514C')", `"U3BhcmsgU1FM"`},
		{"unbase64('U3BhcmsgU1FM')", `"U3BhcmsgU1FM"`},
		{"crc32('Spark')", `1557323817`},
		{"chr(65)", `"A"`},
		{"octet_length('Spark SQL')", `9`},
		{"locate('bar', 'foobarbar')", `4`},
		{"locate('bar', 'foobarbar', 5)", `7`},
		{"position('bar', 'foobarbar')", `4`},
		{"locate(NULL, 'x', NULL)", `0`},
		{"regexp_extract_all('100-200, 300-400', '([0-9]+)-([0-9]+)', 1)", `["100","300"]`},
		{"trunc(to_date('2019-08-04'), 'MM')", `"2019-08-01"`},
		{"date_trunc('HOUR', to_timestamp('2015-03-05 09:32:05.359'))", `"2015-03-05T09:00:00.000Z"`},
		{"timestamp_micros(1230219000123123)", `"2008-12-25T15:30:00.123Z"`},
		{"unix_millis(to_timestamp('1970-01-01 00:00:01.123'))", `1123`},
		{"substring(unhex('537061726B'), 2, 3)", `"cGFy"`},
	}
	var items, fields []string
	for i, c := range cases {
		items = append(items, fmt.Sprintf("%s AS f%d", c.call, i))
		fields = append(fields, fmt.Sprintf(`"f%d":%s`, i, c.want))
	}
	want := "{" + strings.Join(fields, ",") + "}"
	test := runTestHeader + `
func TestFunctions(t *testing.T) {
	got, err := run(t, "{}")
	if err != nil || got != ` + "`" + want + "`" + ` {
		t.Errorf("got  %s, %v\nwant %s", got, err, ` + "`" + want + "`" + `)
	}
}
`
	var pkgs []string
	for _, mode := range []string{"spark3", "spark4"} {
		dir := filepath.Join("testdata", "_build", "functions", mode)
		res, err := generate(t, dir, spec(mode, items))
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		pkgs = append(pkgs, write(t, dir, res, test))
	}
	goTest(t, pkgs...)
}
