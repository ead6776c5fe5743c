package exprs

import (
	"bytes"
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink"
)

var (
	rowA = []byte(`{"s":"abc,de","num":" 12 ","ts":"2024-03-05 10:11:12","n":3,"l":10,"d":15.35,"b":true,"dec":1.25,"arr":["p",null,"q"]}`)
	rowB = []byte(`{}`)
	rowC = []byte(`{"s":"x","num":"1.9","ts":"garbage","n":65536,"l":-7,"d":-0.5,"b":false,"dec":-3.10,"arr":[]}`)
	rowD = []byte(`{"n":5}`)
)

type out struct {
	value     []byte
	valueNull bool
	partition int32
}

func run(t *testing.T, q engine.Query, values ...[]byte) ([]out, error) {
	t.Helper()
	p := q.NewProcessor()
	var got []out
	emit := func(m *sink.Message) error {
		got = append(got, out{bytes.Clone(m.Value), m.Value == nil, m.Partition})
		return nil
	}
	for i, v := range values {
		if err := p.Process(&kafka.Row{Value: v, Offset: int64(i)}, emit); err != nil {
			return got, err
		}
	}
	return got, nil
}

func TestExpressions(t *testing.T) {
	got, err := run(t, ExprsQuery(), rowA, rowB, rowC)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`{"plus":4,"ovf":9,"half":7.675,"ldiv":3,"mod":0,"and":false,"or":false,"or2":true,"and3":false,"nullsafe":false,"isnull":false,"in":true,"notin":true,"case":"small","castint":12,"caststr":"15.35","castdec":15.35,"upper":"ABC,DE","substr":"bc","concatws":"abc,de-p-q","len":6,"coalesce":"abc,de","regexp":"#bc,d#","split":["abc","de"],"size":3,"round":15.4,"hash":-559580957,"hashnull":42,"if":"y","greatest":5,"tojson":"{\"n\":3,\"s\":\"abc,de\"}","decadd":2.50,"like":true,"elem1":"p","dmul":3.0700000000000003,"datefmt":"2024/03/05 10:11","todate":"2024-03-05","year":2024,"neg":-10,"contains":true}`,
		`{"or2":true,"and3":false,"nullsafe":true,"isnull":true,"concatws":"","coalesce":"dflt","size":-1,"hash":-559580957,"hashnull":42,"if":"n","greatest":5,"tojson":"{}"}`,
		`{"plus":65537,"ovf":0,"half":-0.25,"ldiv":-2,"mod":1,"and":true,"or":true,"or2":true,"and3":false,"nullsafe":false,"isnull":false,"notin":true,"case":"big","castint":1,"caststr":"-0.5","castdec":-0.50,"upper":"X","substr":"","concatws":"x","len":1,"coalesce":"x","regexp":"x","split":["x"],"size":0,"round":-0.5,"hash":-559580957,"hashnull":42,"if":"n","greatest":65536,"tojson":"{\"n\":65536,\"s\":\"x\"}","decadd":-6.20,"like":false,"dmul":-0.1,"neg":7,"contains":false}`,
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i, w := range want {
		if string(got[i].value) != w {
			t.Errorf("row %d:\n got %s\nwant %s", i, got[i].value, w)
			diffFields(t, string(got[i].value), w)
		}
	}
}

// diffFields names the first differing field of two JSON lines.
func diffFields(t *testing.T, got, want string) {
	g, w := strings.Split(got, `,"`), strings.Split(want, `,"`)
	for i := 0; i < len(g) && i < len(w); i++ {
		if g[i] != w[i] {
			t.Errorf("  first difference: got %s, want %s", g[i], w[i])
			return
		}
	}
}

func TestFilterAndCSV(t *testing.T) {
	got, err := run(t, FilteredQuery(), rowA, rowB, rowC, rowD)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, g := range got {
		lines = append(lines, string(g.value))
	}
	// rowB's NULL n fails the filter; rowD's line would be empty text,
	// which Spark's CSV writer does not write.
	if want := `"abc,de"|x`; strings.Join(lines, "|") != want {
		t.Errorf("got %q, want %q", strings.Join(lines, "|"), want)
	}
}

func TestPosExplodeOuter(t *testing.T) {
	got, err := run(t, ExplodedQuery(), rowA, rowB, rowC)
	if err != nil {
		t.Fatal(err)
	}
	want := []out{{[]byte("p"), false, 0}, {nil, true, 1}, {[]byte("q"), false, 2}, {nil, true, -1}, {nil, true, -1}}
	if len(got) != len(want) {
		t.Fatalf("got %d messages %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if !bytes.Equal(got[i].value, want[i].value) || got[i].valueNull != want[i].valueNull || got[i].partition != want[i].partition {
			t.Errorf("message %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestFailFast(t *testing.T) {
	_, err := run(t, ExplodedQuery(), rowA, []byte(`{"n":`))
	if err == nil || !strings.Contains(err.Error(), "value") {
		t.Fatalf("FAILFAST: got %v, want an error naming the value column", err)
	}
	if _, err := run(t, ExplodedQuery(), []byte(`{"n":"no"}`)); err == nil {
		t.Fatal("FAILFAST: a type mismatch must stop the query")
	}
}
