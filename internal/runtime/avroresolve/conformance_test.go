package avroresolve

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/avroschema"
	"github.com/streamc/streamc/internal/testutil/avrovectors"
)

// defaultVectors is the conformance file kept in the repository (see its
// README), relative to this package.
const defaultVectors = "../../testutil/avrovectors/testdata/avro.jsonl"

type vector struct {
	Name         string          `json:"name"`
	Category     string          `json:"category"`
	WriterSchema json.RawMessage `json:"writer_schema"`
	ReaderSchema json.RawMessage `json:"reader_schema"`
	Hex          string          `json:"hex"`
	Expected     json.RawMessage `json:"expected"`
	ExpectedRaw  json.RawMessage `json:"expected_raw"`
	Error        *string         `json:"error"`
	Note         string          `json:"note"`
}

// TestConformance runs the Avro vectors (see the README next to them): each
// datum is transcoded from its writer schema to its reader schema, decoded
// with the reader schema, rendered as the README says and compared.
func TestConformance(t *testing.T) {
	path := os.Getenv("STREAMC_AVRO_VECTORS")
	if path == "" {
		// The reference vectors are kept in the repository; a missing file is
		// a failure, not a skip, so the suite never silently runs nothing.
		path = defaultVectors
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var vectors []vector
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var v vector
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		vectors = append(vectors, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	passed, failed := 0, 0
	for _, v := range vectors {
		if t.Run(v.Name, func(t *testing.T) { runVector(t, v) }) {
			passed++
		} else {
			failed++
		}
	}
	summary := fmt.Sprintf("avro.jsonl: %d passed, %d failed", passed, failed)
	t.Log(summary)
	fmt.Println(summary)
}

func runVector(t *testing.T, v vector) {
	if v.Note != "" {
		t.Logf("note: %s", v.Note)
	}
	w, err := avroschema.Parse(string(v.WriterSchema))
	if err != nil {
		t.Fatalf("writer schema: %v", err)
	}
	r := w
	if rs := string(v.ReaderSchema); rs != "" && rs != "null" {
		if r, err = avroschema.Parse(rs); err != nil {
			t.Fatalf("reader schema: %v", err)
		}
	}
	data, err := hex.DecodeString(v.Hex)
	if err != nil {
		t.Fatalf("hex: %v", err)
	}
	p, err := Compile(w, r)
	var out []byte
	if err == nil {
		out, err = p.Transcode(nil, data)
	}
	if v.Error != nil {
		if err == nil {
			t.Fatalf("want an error (%s), got none; output %x", *v.Error, out)
		}
		t.Logf("error as expected (%s): %v", *v.Error, err)
		return
	}
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	got, err := avroschema.DecodeValueWith(r, out, renderLogical)
	if err != nil {
		t.Fatalf("decoding the transcoded datum %x with the reader schema: %v", out, err)
	}
	want := mustOrdered(t, v.Expected)
	if msg := compare(got, want, ""); msg != "" {
		t.Errorf("value differs: %s\n got: %s\nwant: %s", msg, render(got), v.Expected)
	}
	if len(v.ExpectedRaw) > 0 {
		raw, err := avroschema.DecodeValue(r, out)
		if err != nil {
			t.Fatalf("raw decode: %v", err)
		}
		if msg := compare(raw, mustOrdered(t, v.ExpectedRaw), ""); msg != "" {
			t.Errorf("raw value differs: %s\n got: %s\nwant: %s", msg, render(raw), v.ExpectedRaw)
		}
	}
}

// renderLogical renders logical types as the vectors' README does.
// local-timestamp-* stay raw longs (the reference did not implement them).
func renderLogical(n *avroschema.Node, v any) (any, error) {
	switch n.Logical {
	case avroschema.LogicalDate:
		return time.Unix(int64(v.(int32))*86400, 0).UTC().Format("2006-01-02"), nil
	case avroschema.LogicalTimeMillis:
		ms := int64(v.(int32))
		return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000), nil
	case avroschema.LogicalTimeMicros:
		us := v.(int64)
		return fmt.Sprintf("%02d:%02d:%02d.%06d", us/3600000000, us/60000000%60, us/1000000%60, us%1000000), nil
	case avroschema.LogicalTimestampMillis:
		return time.UnixMilli(v.(int64)).UTC().Format("2006-01-02T15:04:05.000Z"), nil
	case avroschema.LogicalTimestampMicros:
		return time.UnixMicro(v.(int64)).UTC().Format("2006-01-02T15:04:05.000000Z"), nil
	case avroschema.LogicalDecimal:
		return decimalString(v.([]byte), n.Scale), nil
	}
	return v, nil
}

// decimalString renders a big-endian two's-complement unscaled value with
// exactly scale fraction digits.
func decimalString(b []byte, scale int) string {
	u := new(big.Int).SetBytes(b)
	if len(b) > 0 && b[0]&0x80 != 0 {
		u.Sub(u, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
	}
	neg := u.Sign() < 0
	digits := new(big.Int).Abs(u).String()
	if scale > 0 {
		if len(digits) <= scale {
			digits = strings.Repeat("0", scale-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	}
	if neg {
		digits = "-" + digits
	}
	return digits
}

func mustOrdered(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	v, err := avrovectors.Read(raw)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// compare returns "" when got (a decoded value) matches want (expected JSON),
// or where and how they differ.
func compare(got, want any, at string) string {
	bad := func() string { return fmt.Sprintf("at %q: got %s, want %s", at, render(got), render(want)) }
	switch g := got.(type) {
	case nil:
		if want != nil {
			return bad()
		}
	case bool:
		if w, ok := want.(bool); !ok || w != g {
			return bad()
		}
	case int32:
		if w, ok := want.(json.Number); !ok || string(w) != strconv.FormatInt(int64(g), 10) {
			return bad()
		}
	case int64:
		if w, ok := want.(json.Number); !ok || string(w) != strconv.FormatInt(g, 10) {
			return bad()
		}
	case float32:
		w, ok := avrovectors.Float(want)
		if !ok || !sameFloat(float64(g), float64(float32(w))) {
			return bad()
		}
	case float64:
		w, ok := avrovectors.Float(want)
		if !ok || !sameFloat(g, w) {
			return bad()
		}
	case string:
		if w, ok := want.(string); !ok || w != g {
			return bad()
		}
	case []byte:
		w, ok := want.(string)
		if !ok || !bytes.Equal(g, latin1(w)) {
			return bad()
		}
	case []any:
		w, ok := want.([]any)
		if !ok || len(w) != len(g) {
			return bad()
		}
		for i := range g {
			if msg := compare(g[i], w[i], at+"["+strconv.Itoa(i)+"]"); msg != "" {
				return msg
			}
		}
	case avroschema.MapValue:
		return comparePairs(g, want, at, bad)
	case avroschema.RecordValue:
		return comparePairs(g, want, at, bad)
	default:
		return bad()
	}
	return ""
}

func comparePairs[P ~[]avroschema.Pair](g P, want any, at string, bad func() string) string {
	w, ok := want.(avrovectors.Object)
	if !ok || len(w) != len(g) {
		return bad()
	}
	for i := range g {
		if g[i].Key != w[i].Key {
			return bad()
		}
		if msg := compare(g[i].Value, w[i].Val, at+"."+g[i].Key); msg != "" {
			return msg
		}
	}
	return ""
}

func sameFloat(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return a == b && math.Signbit(a) == math.Signbit(b)
}

func latin1(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		out = append(out, byte(r))
	}
	return out
}

// render prints a decoded or expected value for failure messages.
func render(v any) string {
	var b strings.Builder
	renderTo(&b, v)
	return b.String()
}

func renderTo(w io.Writer, v any) {
	switch v := v.(type) {
	case nil:
		fmt.Fprint(w, "null")
	case []byte:
		fmt.Fprintf(w, "bytes(%x)", v)
	case string:
		fmt.Fprintf(w, "%q", v)
	case []any:
		fmt.Fprint(w, "[")
		for i, e := range v {
			if i > 0 {
				fmt.Fprint(w, ",")
			}
			renderTo(w, e)
		}
		fmt.Fprint(w, "]")
	case avroschema.MapValue:
		renderPairs(w, v)
	case avroschema.RecordValue:
		renderPairs(w, v)
	case avrovectors.Object:
		fmt.Fprint(w, "{")
		for i, m := range v {
			if i > 0 {
				fmt.Fprint(w, ",")
			}
			fmt.Fprintf(w, "%q:", m.Key)
			renderTo(w, m.Val)
		}
		fmt.Fprint(w, "}")
	default:
		fmt.Fprintf(w, "%v", v)
	}
}

func renderPairs[P ~[]avroschema.Pair](w io.Writer, v P) {
	fmt.Fprint(w, "{")
	for i, p := range v {
		if i > 0 {
			fmt.Fprint(w, ",")
		}
		fmt.Fprintf(w, "%q:", p.Key)
		renderTo(w, p.Value)
	}
	fmt.Fprint(w, "}")
}
