package avroconf_test

import (
	"path"
	"testing"

	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/plan"
	"github.com/streamc/streamc/templates"
)

// Schemas whose records hold themselves with nothing between have no finite
// datum, and internal/runtime/avroschema refuses some of them (a default can never be
// complete), so no vector can carry them; the generator must still emit
// their codecs rather than recurse without end.
func TestGenerateRecordsHoldingThemselves(t *testing.T) {
	for name, text := range map[string]string{
		// In arrays, whose decoders need the fewest bytes an item takes.
		"default": `{"type":"record","name":"T","fields":[{"name":"all","type":{"type":"array","items":` +
			`{"type":"record","name":"S","fields":[{"name":"s","type":"S","default":{}}]}}}]}`,
		"mutual": `{"type":"record","name":"T","fields":[{"name":"all","type":{"type":"array","items":` +
			`{"type":"record","name":"A","fields":[{"name":"b","type":{"type":"record","name":"B",` +
			`"fields":[{"name":"a","type":"A","aliases":["x"]}]}}]}}}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			typ, err := schema.ParseAvroSchema(name+".avsc", []byte(text))
			if err != nil {
				t.Fatalf("internal/compiler/schema refuses it: %v", err)
			}
			p, err := plan.Build(plan.Input{SpecFile: "test", OutDir: "out", ImportPath: "example.com/out",
				Apps: []plan.AppInput{{Name: "app", Schemas: []plan.SchemaInput{{Name: name, Source: name + ".avsc", Type: typ}}}}})
			if err != nil {
				t.Fatal(err)
			}
			pkg := p.Packages[0]
			r := pkg.Records[0]
			if err := plan.UseAvro(r); err != nil {
				t.Fatal(err)
			}
			for _, f := range templates.RecordFiles(pkg, r) {
				if path.Base(f.Path) != r.Files.Avro {
					continue
				}
				jf, err := f.Build()
				if err == nil {
					_, err = templates.Render(jf, f.Path)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
