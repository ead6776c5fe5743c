package console

import (
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink"
)

// The cells are what Spark 3.5's show() prints for these values
// (ToPrettyString): NULL for null, also inside arrays, maps and structs;
// Java's Double/Float.toString; decimals plain; binary as hex bytes;
// timestamps yyyy-MM-dd HH:mm:ss with the fraction's significant digits,
// in the session time zone; structs and maps in braces.
func TestConsoleCells(t *testing.T) {
	p := ShowQuery().NewProcessor()
	var got []string
	emit := func(m *sink.Message) error {
		var cells []string
		for _, c := range m.Cells {
			cells = append(cells, string(c))
		}
		got = append(got, strings.Join(cells, " | "))
		return nil
	}
	for i, v := range []string{
		`{"s":"hé","n":3,"d":1e7,"dec":1.5,"ts":"2024-03-05 10:11:12.5","arr":["p",null,"q"],"m":{"a":1.0,"b":null},"st":{"x":1,"y":null}}`,
		`{}`,
		`{"d":0.1,"ts":"2024-03-05","arr":[],"m":{},"st":{}}`,
	} {
		row := kafka.Row{Value: []byte(v), Offset: int64(i), Timestamp: int64(i) * 1500}
		if err := p.Process(&row, emit); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		"hé | 3 | 1.0E7 | 1.50 | 1.0E7 | [68 C3 A9] | 2024-03-05 10:11:12.5 | 2024-03-05 | [p, NULL, q] | {a -> 1.0, b -> NULL} | {1, NULL} | 1970-01-01 05:30:00",
		"NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | NULL | 1970-01-01 05:30:01.5",
		"NULL | NULL | 0.1 | NULL | 0.1 | NULL | 2024-03-05 00:00:00 | 2024-03-05 | [] | {} | {NULL, NULL} | 1970-01-01 05:30:03",
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
}
