package avrojson_test

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/streamc/streamc/internal/devtools/avrojson"
)

// vectorsDir holds the Avro reference implementations' conformance vectors.
var vectorsDir = filepath.Join("..", "..", "testutil", "avrovectors", "testdata")

func readLines(t *testing.T, name string) []map[string]json.RawMessage {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(vectorsDir, name))
	if err != nil {
		t.Fatalf("the Avro vectors are missing: %v", err)
	}
	var out []map[string]json.RawMessage
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

func str(m map[string]json.RawMessage, k string) string {
	var s string
	json.Unmarshal(m[k], &s)
	return s
}

// Every datum Apache Avro's Python writer produced (no reader schema, no
// hand-assembled bytes) is what our encoder makes from the expected value.
// Unions are left out where Python's writer picks the last branch that
// accepts a value and we pick the first (both are valid encodings).
func TestDevEncodeMatchesAvroVectors(t *testing.T) {
	passed := 0
	for _, v := range readLines(t, "avro.jsonl") {
		var ref struct {
			BytesFrom string `json:"bytes_from"`
		}
		json.Unmarshal(v["ref"], &ref)
		if string(v["error"]) != "null" || string(v["reader_schema"]) != "null" || ref.BytesFrom != "python-writer" {
			continue
		}
		name := str(v, "name")
		if name == "union_multi_branch_python_writer_bool" {
			continue // Python writes true as a double: see the vectors' README
		}
		value := v["expected"]
		if raw, ok := v["expected_raw"]; ok {
			value = raw
		}
		s, err := avrojson.Parse(v["writer_schema"])
		if err != nil {
			t.Errorf("%s: parse: %v", name, err)
			continue
		}
		got, err := s.EncodeJSON(nil, value)
		if err != nil {
			t.Errorf("%s: encode %s: %v", name, value, err)
			continue
		}
		if h := hex.EncodeToString(got); h != str(v, "hex") {
			t.Errorf("%s: encoded %s\n got  %s\n want %s", name, value, h, str(v, "hex"))
			continue
		}
		passed++
	}
	if passed < 50 {
		t.Errorf("only %d vectors checked", passed)
	}
	t.Logf("%d Avro vectors encoded identically", passed)
}

// Confluent's serializer framed these records; the body after the 5-byte
// header is what we encode from the same record.
func TestDevEncodeMatchesConfluentVectors(t *testing.T) {
	passed := 0
	for _, v := range readLines(t, "confluent.jsonl") {
		if string(v["error"]) != "null" {
			continue
		}
		s, err := avrojson.Parse([]byte(str(v, "schema")))
		if err != nil {
			t.Errorf("%s: parse: %v", str(v, "name"), err)
			continue
		}
		got, err := s.EncodeJSON(nil, v["expected"])
		if err != nil {
			t.Errorf("%s: %v", str(v, "name"), err)
			continue
		}
		if h, want := hex.EncodeToString(got), str(v, "hex")[10:]; h != want {
			t.Errorf("%s:\n got  %s\n want %s", str(v, "name"), h, want)
			continue
		}
		passed++
	}
	if passed < 8 {
		t.Errorf("only %d vectors checked", passed)
	}
	t.Logf("%d Confluent vectors encoded identically", passed)
}
