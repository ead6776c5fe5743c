package check

import (
	"os"
	"path"
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/compiler/spec"
)

// repoRoot is the module root, two levels up.
const repoRoot = "../../.."

// loadRepo parses the repository's own pipelines.yaml and its schemas.
func loadRepo(t *testing.T) (*spec.Spec, map[string]*schema.Schema) {
	t.Helper()
	data, err := os.ReadFile(path.Join(repoRoot, "pipelines.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := spec.Parse("pipelines.yaml", data)
	if err != nil {
		t.Fatalf("parse pipelines.yaml: %v", err)
	}
	loader := schema.NewLoader(os.DirFS(repoRoot))
	schemas := map[string]*schema.Schema{}
	for _, e := range s.Schemas {
		typ, err := loader.Load(path.Clean(e.Value.File.Value), e.Value.Record.Value)
		if err != nil {
			t.Fatalf("schema %s: %v", e.Key, err)
		}
		schemas[e.Key] = &schema.Schema{Name: e.Key, Type: typ, Source: e.Value.File.Value}
	}
	return s, schemas
}

// testSchemaDDL is the schema the table tests' queries decode.
const testSchemaDDL = `InvoiceNumber STRING, CreatedTime BIGINT, StoreID STRING, TotalAmount DOUBLE,
NumberOfItems INT, Price DECIMAL(10,2), Qty SMALLINT, Tiny TINYINT, Ratio FLOAT, Flag BOOLEAN,
Day DATE, Ts TIMESTAMP, Data BINARY, Tags ARRAY<STRING>, Nums ARRAY<INT>, Attrs MAP<STRING, INT>,
Addr STRUCT<City: STRING, State: STRING, PinCode STRING>,
Items ARRAY<STRUCT<ItemCode: STRING, ItemPrice: DOUBLE, ItemQty: INT>>,
total STRING, Dup1 INT, dup1 INT`

// specWith builds a spec whose one query t1 decodes the test schema and
// runs the transform YAML given (indented as a list under transform:).
func specWith(t *testing.T, transform, writeStream string) (*spec.Spec, map[string]*schema.Schema) {
	t.Helper()
	if writeStream == "" {
		writeStream = "format: console"
	}
	src := `version: "1"
kafka:
  bootstrap.servers: localhost:9092
schemas:
  inv: {ddl: "x INT"}
apps:
  a:
    queries:
      t1:
        readStream:
          format: kafka
          options: {subscribe: in}
          value: {format: json, schema: inv}
        transform:
` + indent(transform, "          ") + `
        writeStream:
` + indent(writeStream, "          ") + "\n"
	s, err := spec.Parse("pipelines.yaml", []byte(src))
	if err != nil {
		t.Fatalf("parse spec: %v\n%s", err, src)
	}
	typ, err := schema.ParseDDL("inv.ddl", testSchemaDDL, schema.Pos{})
	if err != nil {
		t.Fatal(err)
	}
	return s, map[string]*schema.Schema{"inv": {Name: "inv", Type: typ}}
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}
