package invoices

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink"
)

const fixtures = "FIXTURES_DIR/"

func readLines(t testing.TB, name string) [][]byte {
	t.Helper()
	f, err := os.Open(fixtures + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines [][]byte
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, bytes.Clone(sc.Bytes()))
	}
	return lines
}

type out struct {
	key, value []byte
	keyNull    bool
	partition  int32
}

// run feeds values through a new processor of q and keeps copies of what
// it emits.
func run(t testing.TB, q engine.Query, values [][]byte) []out {
	t.Helper()
	p := q.NewProcessor()
	var got []out
	emit := func(m *sink.Message) error {
		got = append(got, out{bytes.Clone(m.Key), bytes.Clone(m.Value), m.Key == nil, m.Partition})
		return nil
	}
	for i, v := range values {
		row := &kafka.Row{Value: v, Topic: "invoices", Offset: int64(i)}
		if err := p.Process(row, emit); err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
	}
	return got
}

func TestNotifyAsSpark(t *testing.T) {
	got := run(t, NotifyQuery(), readLines(t, "invoices.jsonl"))
	want := readLines(t, "expected-notifications.jsonl")
	if len(got) != len(want) {
		t.Fatalf("%d messages, want %d", len(got), len(want))
	}
	for i, w := range want {
		var exp struct{ Key, Value string }
		if err := json.Unmarshal(w, &exp); err != nil {
			t.Fatal(err)
		}
		if string(got[i].key) != exp.Key || string(got[i].value) != exp.Value || got[i].partition != -1 {
			t.Errorf("message %d: key %q value %s, want key %q value %s", i, got[i].key, got[i].value, exp.Key, exp.Value)
		}
	}
}

func TestNotifyRows(t *testing.T) {
	cases := []struct {
		in        []byte
		key       string
		keyNull   bool
		wantValue string
	}{
		{[]byte(`{"InvoiceNumber":"a\"b\\c\u0001<&>é\n","TotalAmount":15.35}`), "a\"b\\c\x01<&>é\n", false,
			`{"InvoiceNumber":"a\"b\\c\u0001<&>é\n","TotalAmount":15.35,"EarnedLoyaltyPoints":3.0700000000000003}`},
		{[]byte(`{"TotalAmount":1E7,"CustomerCardNo":"9"}`), "", true, `{"CustomerCardNo":"9","TotalAmount":1.0E7,"EarnedLoyaltyPoints":2000000.0}`},
		{[]byte(`{"TotalAmount":0.0001}`), "", true, `{"TotalAmount":1.0E-4,"EarnedLoyaltyPoints":2.0E-5}`},
		{[]byte(`{"InvoiceNumber":"x"}`), "x", false, `{"InvoiceNumber":"x"}`},
		{[]byte(`{"InvoiceNumber":`), "", true, `{}`},
		{nil, "", true, `{}`},
		{[]byte(`{"InvoiceNumber":"y","TotalAmount":"12"}`), "y", false, `{"InvoiceNumber":"y"}`},
		{[]byte(`{"InvoiceNumber":"","TotalAmount":-0.0}`), "", false, `{"InvoiceNumber":"","TotalAmount":-0.0,"EarnedLoyaltyPoints":-0.0}`},
	}
	for _, c := range cases {
		got := run(t, NotifyQuery(), [][]byte{c.in})
		if len(got) != 1 {
			t.Fatalf("%s: %d messages", c.in, len(got))
		}
		g := got[0]
		if g.keyNull != c.keyNull || string(g.key) != c.key || string(g.value) != c.wantValue {
			t.Errorf("%s:\n got key %q (null %v) value %s\nwant key %q (null %v) value %s", c.in, g.key, g.keyNull, g.value, c.key, c.keyNull, c.wantValue)
		}
	}
}

func TestFlattenAsSpark(t *testing.T) {
	got := run(t, FlattenQuery(), readLines(t, "invoices.jsonl"))
	var lines []string
	for _, g := range got {
		lines = append(lines, string(g.value))
	}
	slices.Sort(lines)
	var want []string
	for _, l := range readLines(t, "expected-flattened.jsonl") {
		want = append(want, string(l))
	}
	slices.Sort(want)
	if len(lines) != len(want) {
		t.Fatalf("%d rows, want %d", len(lines), len(want))
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("row %d:\n got %s\nwant %s", i, lines[i], want[i])
		}
	}
}

func TestFlattenRows(t *testing.T) {
	in := [][]byte{
		[]byte(`{"InvoiceNumber":"1","InvoiceLineItems":[]}`),
		[]byte(`{"InvoiceNumber":"2"}`),
		[]byte(`{"InvoiceNumber":"3","DeliveryAddress":{"City":"Zürich"},"InvoiceLineItems":[null,{"ItemCode":"c","ItemPrice":1.0E-4,"ItemQty":2}]}`),
		[]byte(`not json`),
		nil,
	}
	var got []string
	for _, g := range run(t, FlattenQuery(), in) {
		got = append(got, string(g.value))
	}
	want := []string{
		`{"InvoiceNumber":"3","City":"Zürich"}`,
		`{"InvoiceNumber":"3","City":"Zürich","ItemCode":"c","ItemPrice":1.0E-4,"ItemQty":2}`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

// The steady state should allocate no more than decoding the record does.
func BenchmarkNotify(b *testing.B)  { benchQuery(b, NotifyQuery()) }
func BenchmarkFlatten(b *testing.B) { benchQuery(b, FlattenQuery()) }

func benchQuery(b *testing.B, q engine.Query) {
	lines := readLines(b, "invoices.jsonl")
	p := q.NewProcessor()
	emit := func(*sink.Message) error { return nil }
	row := &kafka.Row{Topic: "invoices"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		row.Value = lines[i%len(lines)]
		if err := p.Process(row, emit); err != nil {
			b.Fatal(err)
		}
	}
}
