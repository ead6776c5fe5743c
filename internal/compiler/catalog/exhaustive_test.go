package catalog_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/compiler/catalog"
)

// column is the record's column of each atomic type.
var column = map[catalog.Type]string{
	catalog.String: "s", catalog.Boolean: "b", catalog.Byte: "i8", catalog.Short: "i16", catalog.Int: "n",
	catalog.Long: "l", catalog.Float: "f", catalog.Double: "d", catalog.Decimal: "dec", catalog.Date: "dt",
	catalog.Timestamp: "ts", catalog.TimestampNTZ: "ntz", catalog.Binary: "bin",
}

// sqlType is the target type of a cast to t (a decimal other than the
// column's, so decimal to decimal changes precision).
func sqlType(t catalog.Type) string {
	if t == catalog.Decimal {
		return "DECIMAL(12,3)"
	}
	return strings.ToUpper(string(t))
}

func castItem(from, to catalog.Type, try bool) string {
	op := "CAST"
	if try {
		op = "TRY_CAST"
	}
	return fmt.Sprintf("%s(%s AS %s)", op, column[from], sqlType(to))
}

// The records every query of the exhaustive test reads: all NULL, values
// every cast and function takes, and extremes.
const (
	nullRecord    = `{}`
	benignRecord  = `{"s":"1","b":true,"i8":1,"i16":1,"n":1,"l":1,"f":1.5,"d":1.5,"dec":1.50,"dt":"2020-01-02","ts":"2020-01-02T03:04:05.5Z","ntz":"2020-01-02T03:04:05","bin":"AQI=","arr":["a",null],"m":{"k":1},"st":{"a":1,"b":"x"}}`
	extremeRecord = `{"s":" x\u00e9 ","b":false,"i8":-128,"i16":-32768,"n":-2147483648,"l":9223372036854775807,"f":3.4e38,"d":-1e300,"dec":-99999999.99,"dt":"0001-01-01","ts":"9999-12-31T23:59:59.999999Z","ntz":"0001-01-01T00:00:00","bin":"","arr":[],"m":{},"st":{"a":null,"b":null}}`
)

// operatorExamples are the forms the pairs of atomic types below do not
// reach (unary minus, subscripts, fields, BETWEEN, IN, LIKE, CASE, mixed
// decimals), run beside the functions so their ANSI paths are compiled too.
var operatorExamples = []string{
	"n + n", "l + l", "n - n", "l - l", "n * n", "dec / dec", "l * l", "i8 + i8", "i16 * i16", "-l", "-n", "l div l", "n % n", "l % l",
	"d / d", "dec + dec", "dec - dec", "dec * dec", "dec % dec", "arr[0]", "m['k']", "st.a", "s || s",
	"n BETWEEN 1 AND l", "s IN ('a', 'b')", "s LIKE 'a%'", "s RLIKE '^a'", "b AND NOT b", "n <=> l",
	"CASE WHEN b THEN s ELSE 'x' END", "dt < ts", "dec > d",
}

// TestEveryAcceptedCastAndFunction compiles and runs every cast the
// catalogue accepts (CAST and TRY_CAST, in both semantics modes) and every
// example call of every function, so nothing the checker accepts can fail
// in the emitter, the Go compiler or at run time (beyond Spark's own
// errors under ANSI). Under spark3 and for TRY_CAST nothing may fail at
// run time; under spark4 each CAST and call is a query of its own, so one
// ANSI error does not hide the others, and must not panic.
func TestEveryAcceptedCastAndFunction(t *testing.T) {
	var casts3, tries, fns []string
	var each4 []query
	for _, from := range catalog.Types {
		for _, to := range catalog.Types {
			if catalog.LookupCast(from, to, catalog.Spark3, false).Verdict == catalog.Compiled {
				casts3 = append(casts3, castItem(from, to, false))
			}
			if catalog.LookupCast(from, to, catalog.Spark3, true).Verdict == catalog.Compiled {
				tries = append(tries, castItem(from, to, true))
			}
			if catalog.LookupCast(from, to, catalog.Spark4, false).Verdict == catalog.Compiled {
				each4 = append(each4, query{fmt.Sprintf("c%d", len(each4)), []string{castItem(from, to, false)}})
			}
		}
	}
	for _, ex := range operatorExamples {
		fns = append(fns, ex)
		each4 = append(each4, query{fmt.Sprintf("c%d", len(each4)), []string{ex}})
	}
	// Every binary operator on every pair of atomic types the checker
	// accepts; under spark4 one query per operator and left type, so an
	// ANSI error stops only its own row.
	ops3, refused3 := acceptedOperators(t, catalog.Spark3)
	ops4, refused4 := acceptedOperators(t, catalog.Spark4)
	fns = append(fns, ops3...)
	rows := map[string][]string{}
	var order []string
	for _, item := range ops4 {
		f := strings.Fields(item)
		key := f[0] + " " + f[1]
		if rows[key] == nil {
			order = append(order, key)
		}
		rows[key] = append(rows[key], item)
	}
	for _, key := range order {
		each4 = append(each4, query{fmt.Sprintf("c%d", len(each4)), rows[key]})
	}
	t.Logf("operators on pairs of atomic types: spark3 %d accepted, %d refused; spark4 %d accepted, %d refused", len(ops3), refused3, len(ops4), refused4)
	for _, f := range catalog.Functions() {
		if len(f.Examples) == 0 {
			t.Errorf("function %s has no example", f.Name)
		}
		for _, ex := range f.Examples {
			fns = append(fns, ex)
			each4 = append(each4, query{fmt.Sprintf("c%d", len(each4)), []string{ex}})
		}
	}
	name := func(prefix string, items []string) []string {
		out := make([]string, len(items))
		for i, it := range items {
			out[i] = fmt.Sprintf("%s AS %s%d", it, prefix, i)
		}
		return out
	}
	for i := range each4 {
		each4[i].items = name("x", each4[i].items)
	}
	t.Logf("spark3: %d casts, %d try_casts, %d calls; spark4: %d casts and calls", len(casts3), len(tries), len(fns), len(each4))

	root := filepath.Join("testdata", "_build", "exhaustive")
	const check = `
var records = []string{` + "`" + nullRecord + "`, `" + benignRecord + "`, `" + extremeRecord + "`" + `}

func TestAll(t *testing.T) {
	for name, q := range QUERIES {
		for i, in := range records {
			out, err := runQuery(q, in)
			if err != nil && (i == 0 || mustSucceed(name, i)) {
				t.Errorf("query %s, record %d: %v", name, i, err)
			}
			if err == nil && out == "" {
				t.Errorf("query %s, record %d: no output", name, i)
			}
		}
	}
}
`
	var pkgs []string
	for _, c := range []struct {
		dir, semantics string
		queries        []query
		mustSucceed    string
	}{
		{"spark3", "spark3", []query{{"casts", name("c", append(casts3, tries...))}, {"fns", name("f", fns)}},
			`name == "casts" || i == 1`},
		{"spark4", "spark4", append([]query{{"tries", name("t", tries)}}, each4...), `name == "tries"`},
	} {
		dir := filepath.Join(root, c.dir)
		res, err := generate(t, dir, specQueries(c.semantics, c.queries))
		if err != nil {
			t.Fatalf("%s: %v", c.semantics, err)
		}
		test := runTestHeader + check + "\nfunc mustSucceed(name string, i int) bool { return " + c.mustSucceed + " }\n"
		pkgs = append(pkgs, write(t, dir, res, test))
	}
	goTest(t, pkgs...)
}

// Every cast the catalogue does not compile is a positioned generate-time
// error in its mode.
func TestEveryRefusedCast(t *testing.T) {
	n := 0
	for _, mode := range catalog.Modes {
		for _, try := range []bool{false, true} {
			for _, from := range catalog.Types {
				for _, to := range catalog.Types {
					if catalog.LookupCast(from, to, mode, try).Verdict == catalog.Compiled {
						continue
					}
					n++
					item := castItem(from, to, try)
					_, err := generate(t, "unused", spec(mode.String(), []string{item + " AS x"}))
					if err == nil || !strings.Contains(err.Error(), "pipelines.yaml:") {
						t.Errorf("%s %s: error %v, want a positioned error", mode, item, err)
					}
				}
			}
		}
	}
	t.Logf("%d refused casts", n)
}
