package confluent_test

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"net/http/httptest"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	devregistry "github.com/streamc/streamc/internal/devtools/registry"
	"github.com/streamc/streamc/internal/runtime/avrobin"
	"github.com/streamc/streamc/internal/runtime/avroschema"
	"github.com/streamc/streamc/internal/runtime/confluent"
	"github.com/streamc/streamc/internal/runtime/registry"
	"github.com/streamc/streamc/internal/runtime/wire"
	"github.com/streamc/streamc/internal/testutil/avrovectors"
)

// defaultVectors is the conformance file kept in the repository (see its
// README), relative to this package.
const defaultVectors = "../../testutil/avrovectors/testdata/confluent.jsonl"

// confluentVector is one line of confluent.jsonl (see the README next to it).
type confluentVector struct {
	Name      string          `json:"name"`
	Category  string          `json:"category"`
	Subject   string          `json:"subject"`
	SerdeType string          `json:"serde_type"`
	SchemaID  int             `json:"schema_id"`
	Schema    *string         `json:"schema"`
	Hex       string          `json:"hex"`
	Expected  json.RawMessage `json:"expected"`
	Error     *string         `json:"error"`
}

// TestConfluentConformance decodes every vector's framed message as a
// consumer of its topic would: the in-process registry holds each schema
// under the vector's id, confluent.Decoder.Body resolves the writer schema
// against the reader schema (the subject's own), and avroschema.DecodeValue
// reads the body. Values must equal the expected ones (numbers as numbers);
// malformed vectors must fail with the error their description names.
func TestConfluentConformance(t *testing.T) {
	path := os.Getenv("STREAMC_CONFLUENT_VECTORS")
	if path == "" {
		// Beside the repository; missing is a failure, never a skip.
		path = defaultVectors
	}
	vectors := readVectors(t, path)

	reg, err := devregistry.New(devregistry.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A subject's reader schema: the schema registered under it, also for
	// vectors (an unknown id) that carry none.
	readers := map[string]string{}
	for _, v := range vectors {
		if v.Schema == nil {
			continue
		}
		if _, err := reg.RegisterWithID(v.Subject, v.SchemaID, devregistry.Schema{Schema: *v.Schema}); err != nil {
			t.Fatalf("%s: register schema id %d under %s: %v", v.Name, v.SchemaID, v.Subject, err)
		}
		if _, ok := readers[v.Subject]; !ok {
			readers[v.Subject] = *v.Schema
		}
	}
	srv := httptest.NewServer(reg)
	defer srv.Close()
	client, err := confluent.NewRegistry(srv.URL)
	if err != nil {
		t.Fatal(err)
	}

	passed, failed := 0, 0
	for _, v := range vectors {
		ok := t.Run(v.Name, func(t *testing.T) {
			text, ok := readers[v.Subject]
			if !ok {
				t.Fatalf("no schema for subject %s", v.Subject)
			}
			reader, err := avroschema.Parse(text)
			if err != nil {
				t.Fatalf("reader schema: %v", err)
			}
			dec, err := confluent.NewDecoder(t.Context(), client, text, v.SerdeType == "KEY")
			if err != nil {
				t.Fatal(err)
			}
			runConfluentVector(t, v, dec, reader)
		})
		if ok {
			passed++
		} else {
			failed++
		}
	}
	summary := fmt.Sprintf("confluent.jsonl: %d passed, %d failed", passed, failed)
	t.Log(summary)
	fmt.Printf("%s\n", summary)
}

func readVectors(t *testing.T, path string) []confluentVector {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []confluentVector
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var v confluentVector
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no vectors", path)
	}
	return out
}

func runConfluentVector(t *testing.T, v confluentVector, dec *confluent.Decoder, reader *avroschema.Schema) {
	msg, err := hex.DecodeString(v.Hex)
	if err != nil {
		t.Fatalf("hex: %v", err)
	}
	var scratch []byte
	body, err := dec.Body(msg, nil, &scratch)
	var got any
	if err == nil {
		got, err = avroschema.DecodeValue(reader, body)
	}
	if v.Error != nil {
		if err == nil {
			t.Fatalf("want an error (%s), got none; value %v", *v.Error, got)
		}
		want, check := expectedFailure(*v.Error)
		if want == nil {
			t.Fatalf("no known error for the description %q (got %v)", *v.Error, err)
		}
		if !errors.Is(err, want) || !check(err) {
			t.Fatalf("error %v; want %v (%s)", err, want, *v.Error)
		}
		if confluent.Transient(err) {
			t.Errorf("a bad record's error is transient: %v", err)
		}
		t.Logf("error as expected (%s): %v", *v.Error, err)
		return
	}
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if binary.BigEndian.Uint32(msg[1:5]) != uint32(v.SchemaID) {
		t.Errorf("the framing names schema id %d, the vector %d", binary.BigEndian.Uint32(msg[1:5]), v.SchemaID)
	}
	want, err := avrovectors.Read(v.Expected)
	if err != nil {
		t.Fatalf("expected JSON: %v", err)
	}
	if msg := compareValue(got, want, "$"); msg != "" {
		t.Errorf("value differs: %s\nexpected: %s", msg, v.Expected)
	}
}

// expectedFailure maps a malformed vector's description to the error it
// must give and a check that tells it from its siblings (a truncated double
// and a string overrunning the body are both avrobin.ErrTruncated).
func expectedFailure(desc string) (error, func(error) bool) {
	any := func(error) bool { return true }
	d := strings.ToLower(desc)
	switch {
	case strings.Contains(d, "magic"):
		return wire.ErrBadMagic, any
	case strings.Contains(d, "byte header") || strings.Contains(d, "short header"):
		return wire.ErrShortHeader, any
	case strings.Contains(d, "not registered") || strings.Contains(d, "unknown schema id"):
		return registry.ErrNotFound, any
	case strings.Contains(d, "length") && strings.Contains(d, "exceeds"):
		return avrobin.ErrTruncated, func(err error) bool { return strings.Contains(err.Error(), "string length") }
	case strings.Contains(d, "body is empty"):
		return avrobin.ErrTruncated, func(err error) bool {
			var e *avrobin.Error
			return errors.As(err, &e) && e.Offset == 0
		}
	case strings.Contains(d, "truncated"):
		return avrobin.ErrTruncated, func(err error) bool {
			var e *avrobin.Error
			return errors.As(err, &e) && e.Offset > 0
		}
	}
	return nil, nil
}

// compareValue returns "" when got (from avroschema.DecodeValue) equals
// want (expected JSON), else where and how they differ. Numbers compare as
// numbers: the expected JSON comes from JavaScript, which writes the double
// 34.0 as 34 and -0.0 as 0.
func compareValue(got, want any, at string) string {
	bad := func() string { return fmt.Sprintf("at %s: got %#v, want %v", at, got, want) }
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
		if !sameInt(int64(g), want) {
			return bad()
		}
	case int64:
		if !sameInt(g, want) {
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
		// Bytes and fixed are Avro's JSON form: one code point per byte.
		w, ok := want.(string)
		if !ok || len([]rune(w)) != len(g) {
			return bad()
		}
		for i, r := range []rune(w) {
			if r > 0xff || byte(r) != g[i] {
				return bad()
			}
		}
	case []any:
		w, ok := want.([]any)
		if !ok || len(w) != len(g) {
			return bad()
		}
		for i := range g {
			if msg := compareValue(g[i], w[i], at+"["+strconv.Itoa(i)+"]"); msg != "" {
				return msg
			}
		}
	case avroschema.RecordValue:
		return comparePairs(g, want, at, bad)
	case avroschema.MapValue:
		return comparePairs(g, want, at, bad)
	default:
		return bad()
	}
	return ""
}

func comparePairs[P ~[]avroschema.Pair](g P, want any, at string, bad func() string) string {
	w, ok := want.(avrovectors.Object)
	if !ok {
		return bad()
	}
	if len(w) != len(g) {
		var gk, wk []string
		for _, p := range g {
			gk = append(gk, p.Key)
		}
		for _, m := range w {
			wk = append(wk, m.Key)
		}
		sort.Strings(gk)
		sort.Strings(wk)
		return fmt.Sprintf("at %s: keys %v, want %v", at, gk, wk)
	}
	for i := range g {
		if g[i].Key != w[i].Key {
			return fmt.Sprintf("at %s: key %d is %q, want %q", at, i, g[i].Key, w[i].Key)
		}
		if msg := compareValue(g[i].Value, w[i].Val, at+"."+g[i].Key); msg != "" {
			return msg
		}
	}
	return ""
}

func sameInt(g int64, want any) bool {
	w, ok := want.(json.Number)
	if !ok {
		return false
	}
	n, ok := new(big.Int).SetString(string(w), 10)
	return ok && n.IsInt64() && n.Int64() == g
}

// sameFloat is numeric equality with NaN equal to itself (-0 equals 0, as
// JavaScript writes both as 0).
func sameFloat(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return a == b
}
