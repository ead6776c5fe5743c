package plan

import (
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/diag"
	"github.com/streamc/streamc/internal/ir"
)

func record(name string, fields ...string) *ir.Type {
	t := &ir.Type{Kind: ir.Struct, Name: name}
	for _, f := range fields {
		t.Fields = append(t.Fields, &ir.Field{Name: f, Type: &ir.Type{Kind: ir.Int}, Nullable: true})
	}
	return t
}

func query(name string, line int, value *ir.Decode) *ir.Query {
	return &ir.Query{Name: name, Pos: diag.Pos{File: "pipelines.yaml", Line: line, Column: 7}, Source: &ir.Source{Value: value}}
}

func build(t *testing.T, schemas []SchemaInput, queries ...*ir.Query) (*Package, error) {
	t.Helper()
	p, err := Build(Input{SpecFile: "pipelines.yaml", OutDir: "generated", ImportPath: "m/generated",
		Apps: []AppInput{{Name: "x", Schemas: schemas, Queries: queries}}})
	if err != nil {
		return nil, err
	}
	return p.Packages[0], nil
}

// A query's constructor that would redeclare a record is an error at the
// query, naming the record.
func TestConstructorClashIsAnError(t *testing.T) {
	_, err := build(t, []SchemaInput{{Name: "q_query", Source: "pipelines.yaml", Type: record("", "a")}}, query("q", 9, nil))
	if err == nil || !strings.HasPrefix(err.Error(), "pipelines.yaml:9:7: ") || !strings.Contains(err.Error(), `record QQuery of schema "q_query"`) {
		t.Fatalf("got %v", err)
	}
	_, err = build(t, nil, query("a-b", 9, nil), query("a_b", 12, nil))
	if err == nil || !strings.HasPrefix(err.Error(), "pipelines.yaml:12:7: ") || !strings.Contains(err.Error(), `query "a-b" at pipelines.yaml:9:7`) {
		t.Fatalf("got %v", err)
	}
}

// The names only generated code uses are disambiguated: query new_x's
// processor type would be query x's processor constructor.
func TestProcessorNamesAreUnique(t *testing.T) {
	pkg, err := build(t, nil, query("x", 1, nil), query("new_x", 2, nil), query("x_all", 3, nil))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, q := range pkg.Queries {
		got = append(got, q.Constructor, q.Processor, q.NewProcessor, q.VarName("dec", 3), q.LocVar())
	}
	want := []string{
		"XQuery", "xProcessor", "newXProcessor", "xDec3", "xLoc",
		"NewXQuery", "newX_2Processor", "newNewX_2Processor", "newX_2Dec3", "newX_2Loc",
		// xAll's numbered vars would be of the form x's reserve.
		"XAllQuery", "xAll_2Processor", "newXAll_2Processor", "xAll_2Dec3", "xAll_2Loc",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got  %v\nwant %v", got, want)
	}
}

// A record's Avro schema constant yields to a record already named so.
func TestAvroSchemaConstYields(t *testing.T) {
	r := record("R", "a")
	r.Avro = &ir.AvroInfo{Schema: `{"type":"record","name":"R","fields":[{"name":"a","type":["null","int"]}]}`}
	pkg, err := build(t, []SchemaInput{{Name: "r", Type: r}, {Name: "r_avro_schema", Type: record("", "b")}},
		query("q", 1, &ir.Decode{Format: "avro", Schema: "r", Type: r}))
	if err != nil {
		t.Fatal(err)
	}
	if got := pkg.Records[0].Avro.SchemaConst; got != "RAvroSchema_2" {
		t.Errorf("SchemaConst = %q, want RAvroSchema_2 (record %s has the name)", got, pkg.Records[1].GoName)
	}
}

// The constants of a decoded record's field bits are named after its
// fields, and yield to a declared record of the same name.
func TestFieldBitNames(t *testing.T) {
	json := &ir.Decode{Format: "json", Schema: "r", Type: record("R", "a", "b")}
	pkg, err := build(t, []SchemaInput{
		{Name: "r", Source: "r.ddl", Type: json.Type},
		{Name: "c", Source: "c.ddl", Type: record("RFieldB", "z")},
	}, query("q", 3, json))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range pkg.Records {
		if r.GoName != "R" {
			continue
		}
		if got := strings.Join(r.FieldBits, " "); got != "RFieldA RFieldB_2" {
			t.Errorf("field bits %q, want RFieldA RFieldB_2", got)
		}
		return
	}
	t.Fatal("no record R")
}
