package catalog_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// The casts Spark 3.5 accepts that streamc once passed through the checker
// and then could not emit: each compiled and run with Spark's results, or
// refused at generate time where Spark (or streamc, with a reason) refuses
// it.
func TestCastsEndToEnd(t *testing.T) {
	const in = `{"n":123,"l":123,"i8":-1,"i16":258,"dec":1.50,"b":true,"ts":"2020-01-01T00:00:00.5Z","arr":["a",null],"m":{"k":1}}`
	spark3 := []string{
		"CAST(n AS BINARY) AS nbin", "CAST(l AS BINARY) AS lbin", "CAST(i8 AS BINARY) AS i8bin", "CAST(i16 AS BINARY) AS i16bin",
		"CAST(dec AS TIMESTAMP) AS dects", "CAST(CAST(b AS TIMESTAMP) AS DOUBLE) AS bts", "CAST(CAST(NOT b AS TIMESTAMP) AS DOUBLE) AS fts",
		"CAST(ts AS BOOLEAN) AS tsb", "CAST(ts AS DECIMAL(20,6)) AS tsdec", "CAST(ts AS DECIMAL(5,1)) AS tsnull",
		"TRY_CAST(dec AS TIMESTAMP) AS trydects", "TRY_CAST(ts AS DECIMAL(20,6)) AS trytsdec",
		// TRY_CAST is the ANSI cast with NULL for its errors, also under
		// spark3: out of range is NULL where CAST keeps the low bits.
		"CAST(i16 AS TINYINT) AS c8", "TRY_CAST(i16 AS TINYINT) AS try8", "TRY_CAST(l AS INT) AS tryl",
		"TRY_CAST(CAST(l AS DOUBLE) * 1e10 AS INT) AS tryd", "TRY_CAST(dec AS DECIMAL(2,1)) AS trydec",
		// A complex value cast to its own type.
		"CAST(arr AS ARRAY<STRING>) AS arr2", "TRY_CAST(m AS MAP<STRING, INT>) AS m2",
	}
	want3 := `{"nbin":"AAAAew==","lbin":"AAAAAAAAAHs=","i8bin":"/w==","i16bin":"AQI=","dects":"1970-01-01T00:00:01.500Z",` +
		`"bts":1.0E-6,"fts":0.0,"tsb":true,"tsdec":1577836800.500000,"trydects":"1970-01-01T00:00:01.500Z","trytsdec":1577836800.500000,"c8":2,"tryl":123,"trydec":1.5,"arr2":["a",null],"m2":{"k":1}}`
	spark4 := []string{"CAST(dec AS TIMESTAMP) AS dects", "CAST(ts AS DECIMAL(20,6)) AS tsdec", "CAST(m AS MAP<STRING, INT>) AS m2"}
	want4 := `{"dects":"1970-01-01T00:00:01.500Z","tsdec":1577836800.500000,"m2":{"k":1}}`

	root := filepath.Join("testdata", "_build", "casts")
	var pkgs []string
	for _, c := range []struct {
		name, semantics string
		items           []string
		test            string
	}{
		{"spark3", "spark3", spark3, `
func TestCasts(t *testing.T) {
	if got, err := run(t, ` + "`" + in + "`" + `); err != nil || got != ` + "`" + want3 + "`" + ` {
		t.Errorf("got %s, %v\nwant %s", got, err, ` + "`" + want3 + "`" + `)
	}
	if got, err := run(t, "{}"); err != nil || got != "{}" {
		t.Errorf("NULLs: got %s, %v", got, err)
	}
}
`},
		{"spark4", "spark4", spark4, `
func TestCasts(t *testing.T) {
	if got, err := run(t, ` + "`" + in + "`" + `); err != nil || got != ` + "`" + want4 + "`" + ` {
		t.Errorf("got %s, %v\nwant %s", got, err, ` + "`" + want4 + "`" + `)
	}
}
`},
		{"spark4-overflow", "spark4", []string{"CAST(ts AS DECIMAL(5,1)) AS tsdec"}, `
func TestCasts(t *testing.T) {
	if got, err := run(t, ` + "`" + in + "`" + `); err == nil || !strings.Contains(err.Error(), "NUMERIC_VALUE_OUT_OF_RANGE") {
		t.Errorf("got %s, %v; want Spark's NUMERIC_VALUE_OUT_OF_RANGE", got, err)
	}
}
`},
	} {
		dir := filepath.Join(root, c.name)
		res, err := generate(t, dir, spec(c.semantics, c.items))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		pkgs = append(pkgs, write(t, dir, res, runTestHeader+c.test))
	}
	goTest(t, pkgs...)
}

// Casts refused at generate time, with a positioned error: Spark refuses
// them (TRY_CAST is checked with the ANSI rules in both modes), or streamc
// does with its reason.
func TestCastsRefused(t *testing.T) {
	for _, c := range []struct {
		semantics, item, want string
	}{
		{"spark3", "CAST(dt AS BOOLEAN)", "converting dt from date to boolean is not supported by streamc: Spark 3's result is always NULL"},
		{"spark3", "TRY_CAST(dt AS BOOLEAN)", "cannot cast dt of type date to boolean"},
		{"spark3", "TRY_CAST(n AS BINARY)", "cannot cast n of type int to binary"},
		{"spark3", "TRY_CAST(l AS BINARY)", "cannot cast l of type bigint to binary"},
		{"spark3", "TRY_CAST(b AS TIMESTAMP)", "cannot cast b of type boolean to timestamp"},
		{"spark3", "TRY_CAST(ts AS BOOLEAN)", "cannot cast ts of type timestamp to boolean"},
		{"spark4", "CAST(n AS BINARY)", "cannot cast n of type int to binary"},
		{"spark4", "CAST(l AS BINARY)", "cannot cast l of type bigint to binary"},
		{"spark4", "CAST(b AS TIMESTAMP)", "cannot cast b of type boolean to timestamp"},
		{"spark4", "CAST(ts AS BOOLEAN)", "cannot cast ts of type timestamp to boolean"},
		{"spark4", "CAST(dt AS BOOLEAN)", "cannot cast dt of type date to boolean"},
		{"spark4", "TRY_CAST(dt AS BOOLEAN)", "cannot cast dt of type date to boolean"},
	} {
		_, err := generate(t, "unused", spec(c.semantics, []string{c.item + " AS x"}))
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "pipelines.yaml:") {
			t.Errorf("%s %s: error %v, want a positioned %q", c.semantics, c.item, err, c.want)
		}
	}
}

// Under spark4 the casts whose Spark 3 result is NULL or wrapped raise
// Spark's ANSI errors, and TRY_CAST of them is NULL (in both modes).
func TestANSICastErrors(t *testing.T) {
	const in = `{"l":123,"s":"x","ts":"2020-01-01T00:00:00Z"}`
	cases := []struct{ item, code string }{
		{"CAST(CAST(l AS DOUBLE) * 1e20 AS TIMESTAMP)", "CAST_OVERFLOW"},
		{"CAST(CAST('NaN' AS DOUBLE) AS TIMESTAMP)", "CAST_INVALID_INPUT"},
		{"CAST(ts AS TINYINT)", "CAST_OVERFLOW"},
		{"CAST(ts AS SMALLINT)", "CAST_OVERFLOW"},
		{"CAST(s AS TIMESTAMP_NTZ)", "CAST_INVALID_INPUT"},
	}
	var qs, tries []query
	test := runTestHeader + "\nvar want = map[string]string{\n"
	for i, c := range cases {
		name := fmt.Sprintf("q%d", i)
		qs = append(qs, query{name, []string{c.item + " AS x"}})
		tries = append(tries, query{name, []string{"TRY_" + c.item + " AS x"}})
		test += fmt.Sprintf("%q: %q,\n", name, c.code)
	}
	test += `}

func TestErrors(t *testing.T) {
	for name, q := range QUERIES {
		out, err := runQuery(q, ` + "`" + in + "`" + `)
		if want[name] == "" {
			if err != nil || out != "{}" {
				t.Errorf("%s: %s, %v; want {}", name, out, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), want[name]) {
			t.Errorf("%s: %s, %v; want %s", name, out, err, want[name])
		}
	}
}
`
	root := filepath.Join("testdata", "_build", "ansi")
	var pkgs []string
	for _, c := range []struct {
		dir, semantics string
		qs             []query
		test           string
	}{
		{"spark4", "spark4", qs, test},
		// TRY_CAST: no error expected (want is empty for the try queries).
		{"spark4-try", "spark4", tries, strings.Replace(test, "var want = map[string]string{", "var want = map[string]string{}\nvar _ = map[string]string{", 1)},
		{"spark3-try", "spark3", tries, strings.Replace(test, "var want = map[string]string{", "var want = map[string]string{}\nvar _ = map[string]string{", 1)},
	} {
		dir := filepath.Join(root, c.dir)
		res, err := generate(t, dir, specQueries(c.semantics, c.qs))
		if err != nil {
			t.Fatalf("%s: %v", c.dir, err)
		}
		pkgs = append(pkgs, write(t, dir, res, c.test))
	}
	goTest(t, pkgs...)
}
