package e2e

import (
	"path/filepath"
	"strings"
	"testing"
)

// consoleReadings are the gps console test's input, as `streamc dev
// produce` reads them: texts and doubles whose show() forms differ from
// their JSON, full-width and astral characters, control characters, cells
// longer than 20 characters, and more than 20 rows, the last two not shown
// (nor counted in the column widths).
var consoleReadings = []string{
	"{\"timestamp\": 1715239773186, \"deviceId\": \"truck-042\", \"latitude\": 52.520008, \"longitude\": 13.404954, \"altitude\": 34.0, \"speed\": 13.89}",
	"{\"timestamp\": 0, \"deviceId\": \"\", \"latitude\": 0.0, \"longitude\": -0.0, \"altitude\": 10000000.0, \"speed\": 0.0001}",
	"{\"timestamp\": -1, \"deviceId\": \"probe-é測-🛰 \\\"q\\\" \\\\ \\t/\", \"latitude\": -90.0, \"longitude\": 180.0, \"altitude\": -430.5, \"speed\": 299792458.0}",
	"{\"timestamp\": 4102444800000, \"deviceId\": \"edge\", \"latitude\": 1.7976931348623157e+308, \"longitude\": 5e-324, \"altitude\": 0.001, \"speed\": 9999999.0}",
	"{\"timestamp\": 9007199254740993, \"deviceId\": \"sum\", \"latitude\": 0.30000000000000004, \"longitude\": -0.001, \"altitude\": 0.0009999, \"speed\": 12345678.9}",
	"{\"timestamp\": 1, \"deviceId\": \"日本語のトラック\", \"latitude\": 35.6762, \"longitude\": 139.6503, \"altitude\": 40.0, \"speed\": 0.5}",
	"{\"timestamp\": 2, \"deviceId\": \"line\\nbreak\", \"latitude\": -33.8688, \"longitude\": 151.2093, \"altitude\": 58.0, \"speed\": 0.25}",
	"{\"timestamp\": 1000, \"deviceId\": \"van-00\", \"latitude\": 40.5, \"longitude\": -3.75, \"altitude\": 0.0, \"speed\": 0.0}",
	"{\"timestamp\": 1001, \"deviceId\": \"van-01\", \"latitude\": 40.75, \"longitude\": -3.75, \"altitude\": 10.0, \"speed\": 0.25}",
	"{\"timestamp\": 1002, \"deviceId\": \"van-02\", \"latitude\": 41.0, \"longitude\": -3.75, \"altitude\": 20.0, \"speed\": 0.5}",
	"{\"timestamp\": 1003, \"deviceId\": \"van-03\", \"latitude\": 41.25, \"longitude\": -3.75, \"altitude\": 30.0, \"speed\": 0.75}",
	"{\"timestamp\": 1004, \"deviceId\": \"van-04\", \"latitude\": 41.5, \"longitude\": -3.75, \"altitude\": 40.0, \"speed\": 1.0}",
	"{\"timestamp\": 1005, \"deviceId\": \"van-05\", \"latitude\": 41.75, \"longitude\": -3.75, \"altitude\": 50.0, \"speed\": 1.25}",
	"{\"timestamp\": 1006, \"deviceId\": \"van-06\", \"latitude\": 42.0, \"longitude\": -3.75, \"altitude\": 60.0, \"speed\": 1.5}",
	"{\"timestamp\": 1007, \"deviceId\": \"van-07\", \"latitude\": 42.25, \"longitude\": -3.75, \"altitude\": 70.0, \"speed\": 1.75}",
	"{\"timestamp\": 1008, \"deviceId\": \"van-08\", \"latitude\": 42.5, \"longitude\": -3.75, \"altitude\": 80.0, \"speed\": 2.0}",
	"{\"timestamp\": 1009, \"deviceId\": \"van-09\", \"latitude\": 42.75, \"longitude\": -3.75, \"altitude\": 90.0, \"speed\": 2.25}",
	"{\"timestamp\": 1010, \"deviceId\": \"van-10\", \"latitude\": 43.0, \"longitude\": -3.75, \"altitude\": 100.0, \"speed\": 2.5}",
	"{\"timestamp\": 1011, \"deviceId\": \"van-11\", \"latitude\": 43.25, \"longitude\": -3.75, \"altitude\": 110.0, \"speed\": 2.75}",
	"{\"timestamp\": 1012, \"deviceId\": \"van-12\", \"latitude\": 43.5, \"longitude\": -3.75, \"altitude\": 120.0, \"speed\": 3.0}",
	"{\"timestamp\": 1013, \"deviceId\": \"van-13\", \"latitude\": 43.75, \"longitude\": -3.75, \"altitude\": 130.0, \"speed\": 3.25}",
	"{\"timestamp\": 1014, \"deviceId\": \"van-14\", \"latitude\": 44.0, \"longitude\": -3.75, \"altitude\": 140.0, \"speed\": 3.5}",
	"{\"timestamp\": 3, \"deviceId\": \"a hidden device with a long name\", \"latitude\": 1.0, \"longitude\": 2.0, \"altitude\": 3.0, \"speed\": 4.0}",
	"{\"timestamp\": 3, \"deviceId\": \"a hidden device with a long name\", \"latitude\": 1.0, \"longitude\": 2.0, \"altitude\": 3.0, \"speed\": 4.0}",
}

// consoleTable is what Spark prints for consoleReadings (a batch 0 of
// Dataset.show(20, truncate=true) of the selected columns): cells as
// ToPrettyString casts them (Java's Double.toString), escaped, cut to 17
// characters and "...", right-aligned in columns as wide as their widest
// shown cell, counting full-width characters twice and UTF-16 units as
// Java counts String.length().
const consoleTable = `-------------------------------------------
Batch: 0
-------------------------------------------
+----------------+---------------------+--------------------+---------+--------+------------+
|       timestamp|             deviceId|            latitude|longitude|altitude|       speed|
+----------------+---------------------+--------------------+---------+--------+------------+
|   1715239773186|            truck-042|           52.520008|13.404954|    34.0|       13.89|
|               0|                     |                 0.0|     -0.0|   1.0E7|      1.0E-4|
|              -1|probe-é測-🛰 "q" \...|               -90.0|    180.0|  -430.5|2.99792458E8|
|   4102444800000|                 edge|1.797693134862315...| 4.9E-324|   0.001|   9999999.0|
|9007199254740993|                  sum| 0.30000000000000004|   -0.001|9.999E-4|1.23456789E7|
|               1|     日本語のトラック|             35.6762| 139.6503|    40.0|         0.5|
|               2|          line\nbreak|            -33.8688| 151.2093|    58.0|        0.25|
|            1000|               van-00|                40.5|    -3.75|     0.0|         0.0|
|            1001|               van-01|               40.75|    -3.75|    10.0|        0.25|
|            1002|               van-02|                41.0|    -3.75|    20.0|         0.5|
|            1003|               van-03|               41.25|    -3.75|    30.0|        0.75|
|            1004|               van-04|                41.5|    -3.75|    40.0|         1.0|
|            1005|               van-05|               41.75|    -3.75|    50.0|        1.25|
|            1006|               van-06|                42.0|    -3.75|    60.0|         1.5|
|            1007|               van-07|               42.25|    -3.75|    70.0|        1.75|
|            1008|               van-08|                42.5|    -3.75|    80.0|         2.0|
|            1009|               van-09|               42.75|    -3.75|    90.0|        2.25|
|            1010|               van-10|                43.0|    -3.75|   100.0|         2.5|
|            1011|               van-11|               43.25|    -3.75|   110.0|        2.75|
|            1012|               van-12|                43.5|    -3.75|   120.0|         3.0|
+----------------+---------------------+--------------------+---------+--------+------------+
only showing top 20 rows

`

// gps-console prints Spark's console table: one column per field.
func TestGpsConsoleTable(t *testing.T) {
	t.Parallel()
	consoleBin := build(t, "generated/cmd/gps-console")
	e := newGpsEnv(t)
	// One partition, so that the rows keep their order.
	e.produce(t, filepath.Join(repoRoot, "schemas", "gps.avsc"), consoleReadings, "--key-field", "deviceId", "--partition", "1")
	stdout := runWithStdout(t, consoleBin, t.TempDir(), e.args("--trigger", "available-now")...)
	if stdout != consoleTable {
		t.Errorf("gps-console printed\n%s\nwant\n%s", stdout, consoleTable)
		got, want := strings.Split(stdout, "\n"), strings.Split(consoleTable, "\n")
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Errorf("first difference at line %d:\n got %q\nwant %q", i+1, got[i], want[i])
				break
			}
		}
	}
}
