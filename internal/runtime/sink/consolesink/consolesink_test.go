package consolesink_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/runtime/sink"
	"github.com/streamc/streamc/internal/runtime/sink/consolesink"
)

var ctx = context.Background()

// batch prints one batch of rows (cells) through a sink with opts.
func batch(t *testing.T, opts map[string]string, columns []string, rows ...[]string) string {
	t.Helper()
	var out strings.Builder
	o, err := consolesink.ParseOptions(opts)
	if err != nil {
		t.Fatal(err)
	}
	s := consolesink.New(o, &out, columns...)
	w, _ := s.Open(ctx, 3, sink.Task{Topic: "t"})
	var r consolesink.Row
	for _, cells := range rows {
		r.Reset()
		for _, c := range cells {
			r.Buf = append(r.Buf, c...)
			r.End()
		}
		if err := w.Write(ctx, &sink.Message{Cells: r.Cells(), Partition: -1}); err != nil {
			t.Fatal(err)
		}
	}
	w.Close(ctx)
	if err := s.Commit(ctx, 3); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

const banner = "-------------------------------------------\nBatch: 3\n-------------------------------------------\n"

// The expected tables are Dataset.showString's layout worked through by
// hand: widths at least 3, cells right-aligned when truncating (leftPad),
// left-aligned otherwise, cut to 17 characters and "...", and a blank line
// after the table (println of a text ending in a newline).
func TestShow(t *testing.T) {
	for _, tc := range []struct {
		name    string
		opts    map[string]string
		columns []string
		rows    [][]string
		want    string
	}{{
		name:    "truncate",
		columns: []string{"a", "value"},
		rows:    [][]string{{"1", "x"}, {"NULL", "this value is longer than twenty"}, {"-22", "exactly twenty chars"}},
		want: `+----+--------------------+
|   a|               value|
+----+--------------------+
|   1|                   x|
|NULL|this value is lon...|
| -22|exactly twenty chars|
+----+--------------------+
`,
	}, {
		name:    "truncate=false",
		opts:    map[string]string{"truncate": "false"},
		columns: []string{"a", "value"},
		rows:    [][]string{{"1", "x"}, {"NULL", "this value is longer than twenty"}},
		want: `+----+--------------------------------+
|a   |value                           |
+----+--------------------------------+
|1   |x                               |
|NULL|this value is longer than twenty|
+----+--------------------------------+
`,
	}, {
		// Full-width characters count twice, a surrogate pair (UTF-16)
		// twice, é once.
		name:    "widths",
		columns: []string{"名前", "n"},
		rows:    [][]string{{"日本語", "é"}, {"😀", "ß"}, {"한국어한국어한국어한국어한국어한국어한국어", "x"}},
		want: `+-------------------------------------+---+
|                                 名前|  n|
+-------------------------------------+---+
|                               日本語|  é|
|                                   😀|  ß|
|한국어한국어한국어한국어한국어한국...|  x|
+-------------------------------------+---+
`,
	}, {
		// Control characters are escaped, and count as two; a cut through
		// a surrogate pair leaves '?', as Java prints a lone surrogate.
		name:    "escapes and surrogates",
		columns: []string{"new\nline"},
		rows:    [][]string{{"a\tb\r\nc"}, {strings.Repeat("a", 16) + "😀bbbb"}, {"bad \xff utf-8"}},
		want: `+--------------------+
|           new\nline|
+--------------------+
|           a\tb\r\nc|
|aaaaaaaaaaaaaaaa?...|
|         bad ` + "\uFFFD" + ` utf-8|
+--------------------+
`,
	}, {
		name:    "no rows",
		columns: []string{"a", "bb"},
		want: `+---+---+
|  a| bb|
+---+---+
+---+---+
`,
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got := batch(t, tc.opts, tc.columns, tc.rows...)
			if want := banner + tc.want + "\n"; got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// numRows rows are shown, in partition order, and a note of the others.
func TestNumRows(t *testing.T) {
	var out strings.Builder
	o, err := consolesink.ParseOptions(map[string]string{"numRows": "3"})
	s := consolesink.New(o, &out, "v")
	if err != nil {
		t.Fatal(err)
	}
	// Tasks open out of order; rows print in partition order.
	w1, _ := s.Open(ctx, 4, sink.Task{Topic: "t", Partition: 1})
	w0, _ := s.Open(ctx, 4, sink.Task{Topic: "t", Partition: 0})
	for i := range 5 {
		w1.Write(ctx, &sink.Message{Cells: [][]byte{[]byte("p1-" + strconv.Itoa(i))}})
	}
	w0.Write(ctx, &sink.Message{Cells: [][]byte{[]byte("p0-0")}})
	w0.Write(ctx, &sink.Message{Cells: [][]byte{[]byte("p0-1")}})
	w0.Close(ctx)
	w1.Close(ctx)
	if err := s.Commit(ctx, 4); err != nil {
		t.Fatal(err)
	}
	want := `-------------------------------------------
Batch: 4
-------------------------------------------
+----+
|   v|
+----+
|p0-0|
|p0-1|
|p1-0|
+----+
only showing top 3 rows

`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}

	for _, tc := range []struct{ numRows, want string }{
		{"1", "+---+\n|  v|\n+---+\n|  a|\n+---+\nonly showing top 1 row\n"},
		{"0", "+---+\n|  v|\n+---+\n+---+\nonly showing top 0 rows\n"},
		{"-5", "+---+\n|  v|\n+---+\n+---+\nonly showing top 0 rows\n"},
		{"2", "+---+\n|  v|\n+---+\n|  a|\n|  b|\n+---+\n"},
	} {
		got := batch(t, map[string]string{"numRows": tc.numRows}, []string{"v"}, []string{"a"}, []string{"b"})
		if got != banner+tc.want+"\n" {
			t.Errorf("numRows=%s:\n%s\nwant\n%s", tc.numRows, got, tc.want)
		}
	}
	for _, bad := range []map[string]string{{"numRows": "x"}, {"truncate": "maybe"}} {
		if _, err := consolesink.ParseOptions(bad); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

// Messages without cells show their value (and key) as text.
func TestKeyValueRows(t *testing.T) {
	var out strings.Builder
	s := consolesink.New(consolesink.Options{NumRows: 20}, &out)
	w, _ := s.Open(ctx, 0, sink.Task{Topic: "t"})
	w.Write(ctx, &sink.Message{Key: []byte("k1"), Value: []byte("v")})
	w.Write(ctx, &sink.Message{Value: nil})
	w.Close(ctx)
	s.Commit(ctx, 0)
	want := `-------------------------------------------
Batch: 0
-------------------------------------------
+----+-----+
|key |value|
+----+-----+
|k1  |v    |
|NULL|NULL |
+----+-----+

`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestAppendBinary(t *testing.T) {
	for _, tc := range []struct {
		in   []byte
		want string
	}{{nil, "[]"}, {[]byte{1}, "[01]"}, {[]byte{0x01, 0xa2, 0xff}, "[01 A2 FF]"}} {
		if got := string(consolesink.AppendBinary([]byte("x"), tc.in)); got != "x"+tc.want {
			t.Errorf("AppendBinary(%x) = %q", tc.in, got)
		}
	}
}
