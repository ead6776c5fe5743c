package avroschema_test

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/actgardner/gogen-avro/v10/parser"
	"github.com/actgardner/gogen-avro/v10/resolver"
	"github.com/actgardner/gogen-avro/v10/schema/canonical"

	"github.com/streamc/streamc/internal/runtime/avroschema"
)

// The conformance of this parser with gogen-avro's, the reference parser of
// the design: on every schema of the conformance vectors and every .avsc
// file of the repository both accept or both reject, and where both accept
// they give the same Parsing Canonical Form and the same CRC-64-AVRO
// fingerprint. Where they disagree on purpose, the schema is listed in
// knownDisagreements with the reason; any other disagreement fails.

// knownDisagreements maps schemas (compact text) the specification forbids
// and gogen-avro accepts to the rule it does not check. The test also
// asserts that gogen-avro still accepts each, so the list stays true; these
// are the checks gogen-avro's users must add themselves.
var knownDisagreements = map[string]string{
	`{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"int"}]}`: "field names are unique in a record",
	`["int","int"]`:                                  "a union holds one branch of each type",
	`["null",["int","string"]]`:                      "a union does not immediately contain a union",
	`{"type":"record","name":"1R","fields":[]}`:      "a name starts with a letter or _",
	`{"type":"enum","name":"E","symbols":["A","A"]}`: "enum symbols are unique",
	`{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":"x"}]}`: "a default is a value of the field's type",
	`{"type":"fixed","name":"F","size":-1}`:                                           "a fixed size is not negative",
	`{"type":"record","name":"int","fields":[]}`:                                      "a primitive type name is not redefined",
}

// rejected are schemas the specification forbids, for the accept/reject
// half of the comparison (the vectors hold only valid schemas).
var rejected = []string{
	`"strng"`,
	`{"type":"record","name":"R","fields":[{"name":"a","type":"Nope"}]}`,
	`{"type":"record","name":"R"}`,
	`{"type":"record","fields":[]}`,
	`{"type":"enum","name":"E"}`,
	`{"type":"fixed","name":"F"}`,
	`{"type":"array"}`,
	`{"type":"map"}`,
	`{"name":"R","fields":[]}`,
	`not json`,
	`{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]} trailing`,
}

type conformanceCase struct {
	name string
	text string
	deps []string // schemas its named types may come from
}

func conformanceCases(t *testing.T) []conformanceCase {
	t.Helper()
	var cases []conformanceCase
	vectors := filepath.Join("..", "..", "testutil", "avrovectors", "testdata")
	for _, file := range []string{"avro.jsonl", "confluent.jsonl"} {
		data, err := os.ReadFile(filepath.Join(vectors, file))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var v map[string]json.RawMessage
			if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
				t.Fatal(err)
			}
			var name string
			json.Unmarshal(v["name"], &name)
			for _, key := range []string{"writer_schema", "reader_schema", "schema"} {
				raw, ok := v[key]
				if !ok || string(raw) == "null" {
					continue
				}
				text := string(raw)
				var s string
				if json.Unmarshal(raw, &s) == nil && key == "schema" {
					text = s // confluent.jsonl holds the schema as a string
				}
				cases = append(cases, conformanceCase{name: file + ":" + name + ":" + key, text: text})
			}
		}
	}
	for text := range knownDisagreements {
		cases = append(cases, conformanceCase{name: "known " + text, text: text})
	}
	for i, text := range rejected {
		cases = append(cases, conformanceCase{name: "rejected[" + string(rune('0'+i/10)) + string(rune('0'+i%10)) + "]", text: text})
	}
	// The repository's .avsc files, each with the others of its folder as
	// the schemas it may refer to.
	root := filepath.Join("..", "..", "..")
	var files []string
	filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".avsc") {
			files = append(files, path)
		}
		return nil
	})
	if len(files) == 0 {
		t.Fatal("no .avsc files found")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c := conformanceCase{name: f, text: string(data)}
		for _, g := range files {
			if g != f && filepath.Dir(g) == filepath.Dir(f) {
				dep, _ := os.ReadFile(g)
				c.deps = append(c.deps, string(dep))
			}
		}
		cases = append(cases, c)
	}
	return cases
}

// gogenCanonical parses text with gogen-avro and returns its canonical form.
func gogenCanonical(text string, deps []string) (string, error) {
	ns := parser.NewNamespace(false)
	for _, d := range deps {
		if _, err := ns.TypeForSchema([]byte(d)); err != nil {
			return "", err
		}
	}
	root, err := ns.TypeForSchema([]byte(text))
	if err != nil {
		return "", err
	}
	for _, def := range ns.Roots {
		if err := resolver.ResolveDefinition(def, ns.Definitions); err != nil {
			return "", err
		}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(canonical.CanonicalForm(root)); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

func TestConformanceWithGogenAvro(t *testing.T) {
	var agreeAccept, agreeReject, known int
	for _, c := range conformanceCases(t) {
		refs := map[string]string{}
		for i, d := range c.deps {
			refs[string(rune('a'+i))] = d
		}
		ours, ourErr := avroschema.ParseWith(c.text, avroschema.Options{References: refs})
		theirs, theirErr := gogenCanonical(c.text, c.deps)
		var compact bytes.Buffer
		json.Compact(&compact, []byte(c.text))
		if why, ok := knownDisagreements[compact.String()]; ok {
			if ourErr == nil || theirErr != nil {
				t.Errorf("%s: listed as accepted by gogen-avro only (%s), but avroschema error %v, gogen-avro error %v", c.text, why, ourErr, theirErr)
			}
			known++
			continue
		}
		switch {
		case ourErr != nil && theirErr != nil:
			agreeReject++
		case ourErr != nil:
			t.Errorf("%s: avroschema rejects what gogen-avro accepts: %v\n%s", c.name, ourErr, c.text)
		case theirErr != nil:
			t.Errorf("%s: gogen-avro rejects what avroschema accepts: %v\n%s", c.name, theirErr, c.text)
		case ours.Canonical() != theirs:
			t.Errorf("%s: canonical forms differ\n avroschema %s\n gogen-avro %s", c.name, ours.Canonical(), theirs)
		default:
			fp := binary.LittleEndian.AppendUint64(nil, ours.Fingerprint64())
			if g := canonical.AvroCRC64Fingerprint([]byte(theirs)); !slices.Equal(fp, g) {
				t.Errorf("%s: fingerprints differ: %x, gogen-avro %x", c.name, fp, g)
				continue
			}
			agreeAccept++
		}
	}
	t.Logf("both accept (same canonical form and fingerprint): %d; both reject: %d; rejected by avroschema only (known): %d", agreeAccept, agreeReject, known)
	if agreeAccept < 100 {
		t.Errorf("only %d schemas compared", agreeAccept)
	}
}
