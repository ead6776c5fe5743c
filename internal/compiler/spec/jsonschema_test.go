package spec

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

const schemaFile = "pipelines.schema.json"

func TestJSONSchemaGolden(t *testing.T) {
	got, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	again, _ := JSONSchema()
	if string(got) != string(again) {
		t.Fatal("JSONSchema is not deterministic")
	}
	golden(t, schemaFile, got)
}

// compileSchema compiles the committed schema file, which the golden test
// keeps equal to JSONSchema's output.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource(schemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schemaID)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// yamlToJSON converts a spec as a YAML tool would before validating it
// against the schema (merge keys and aliases expanded).
func yamlToJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(string(j)))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// repoSpecs lists every spec in the repository: the repo's own, each
// example's, and the valid testdata.
func repoSpecs(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"../../../pipelines.yaml", "../../../examples/*/pipelines.yaml", "testdata/valid/*.yaml"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no specs found")
	}
	return files
}

func TestSpecsMatchJSONSchema(t *testing.T) {
	sch := compileSchema(t)
	for _, file := range repoSpecs(t) {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(yamlToJSON(t, data)); err != nil {
				t.Errorf("%s does not match %s:\n%v", file, schemaFile, err)
			}
			if _, err := Parse(filepath.Base(file), data); err != nil {
				t.Errorf("Parse: %v", err)
			}
		})
	}
}

// The schema rejects what the decoder rejects structurally, so an editor
// using it flags the same mistakes.
func TestJSONSchemaRejects(t *testing.T) {
	sch := compileSchema(t)
	base := `version: "1"
kafka: {bootstrap.servers: "localhost:9092"}
apps:
  a:
    queries:
      q:
        readStream: {format: kafka, options: {subscribe: t}}
        writeStream: {format: console}
`
	for name, edit := range map[string][2]string{
		"unknown key":     {"format: console", "format: console, chekpointLocation: x"},
		"missing key":     {"{format: console}", "{}"},
		"bad enum":        {"format: console", "format: parquet"},
		"bad app name":    {"  a:", "  A:"},
		"two-key step":    {"        writeStream", "        transform: [{select: [a], drop: [b]}]\n        writeStream"},
		"wrong kind":      {"{format: kafka, options: {subscribe: t}}", "[kafka]"},
		"version":         {`"1"`, `"2"`},
		"unknown option":  {"options: {subscribe: t}", "options: {subscribe: t, subscibe: t}"},
		"sink option":     {"format: console", "format: console, options: {numRow: 3}"},
		"trigger 2 kinds": {"format: console", "format: console, trigger: {availableNow: true, processingTime: 1s}"},
	} {
		t.Run(name, func(t *testing.T) {
			if !strings.Contains(base, edit[0]) {
				t.Fatalf("base has no %q", edit[0])
			}
			doc := strings.Replace(base, edit[0], edit[1], 1)
			if err := sch.Validate(yamlToJSON(t, []byte(doc))); err == nil {
				t.Errorf("schema accepts:\n%s", doc)
			}
			if _, err := Parse("pipelines.yaml", []byte(doc)); err == nil {
				t.Errorf("Parse accepts:\n%s", doc)
			}
		})
	}
	if err := sch.Validate(yamlToJSON(t, []byte(base))); err != nil {
		t.Errorf("schema rejects the base spec: %v", err)
	}
	if _, err := Parse("pipelines.yaml", []byte(base)); err != nil {
		t.Errorf("Parse rejects the base spec: %v", err)
	}
}
