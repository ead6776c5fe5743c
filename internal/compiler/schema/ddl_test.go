package schema

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/streamc/streamc/internal/diag"
)

// col is a nullable struct field, for DDL expectations.
func col(name string, t *Type) *Field { return &Field{Name: name, Type: t, Nullable: true} }

func structOf(fields ...*Field) *Type {
	return &Type{Kind: Struct, Fields: append([]*Field{}, fields...)}
}

func TestParseDDLTypes(t *testing.T) {
	for _, tc := range []struct {
		ddl  string
		want Kind
	}{
		{"BOOLEAN", Boolean},
		{"TINYINT", Byte}, {"BYTE", Byte},
		{"SMALLINT", Short}, {"SHORT", Short},
		{"INT", Int}, {"INTEGER", Int},
		{"BIGINT", Long}, {"LONG", Long},
		{"FLOAT", Float}, {"REAL", Float},
		{"DOUBLE", Double},
		{"DATE", Date},
		{"TIMESTAMP", Timestamp}, {"TIMESTAMP_LTZ", Timestamp},
		{"TIMESTAMP_NTZ", TimestampNTZ},
		{"STRING", String}, {"CHAR(3)", String}, {"CHARACTER(3)", String}, {"VARCHAR(10)", String},
		{"BINARY", Binary},
		{"VOID", Null},
		{"string", String}, {"Int", Int}, {"bigINT", Long},
	} {
		got, err := ParseDDL("t.ddl", "c "+tc.ddl, diag.Pos{})
		if err != nil {
			t.Errorf("%s: %v", tc.ddl, err)
			continue
		}
		if d := cmp.Diff(structOf(col("c", &Type{Kind: tc.want})), got, ignorePos); d != "" {
			t.Errorf("%s: (-want +got)\n%s", tc.ddl, d)
		}
	}
}

func TestParseDDL(t *testing.T) {
	for _, tc := range []struct {
		ddl  string
		want *Type
	}{
		{"a DECIMAL, b DEC(5), c NUMERIC(12, 4), d decimal(38,38)", structOf(
			col("a", &Type{Kind: Decimal, Precision: 10}),
			col("b", &Type{Kind: Decimal, Precision: 5}),
			col("c", &Type{Kind: Decimal, Precision: 12, Scale: 4}),
			col("d", &Type{Kind: Decimal, Precision: 38, Scale: 38}))},
		{"a INT NOT NULL, b STRING COMMENT 'the b', c BIGINT not null comment \"it's \\\"c\\\"\\n\"", structOf(
			&Field{Name: "a", Type: &Type{Kind: Int}},
			&Field{Name: "b", Type: &Type{Kind: String}, Nullable: true, Comment: "the b"},
			&Field{Name: "c", Type: &Type{Kind: Long}, Comment: "it's \"c\"\n"})},
		{"`a b` INT, `x``y` STRING, `select` DATE, date DATE, struct STRING, comment STRING", structOf(
			col("a b", &Type{Kind: Int}), col("x`y", &Type{Kind: String}), col("select", &Type{Kind: Date}),
			col("date", &Type{Kind: Date}), col("struct", &Type{Kind: String}), col("comment", &Type{Kind: String}))},
		{"a: INT, b : STRING", structOf(col("a", &Type{Kind: Int}), col("b", &Type{Kind: String}))},
		{"m MAP<STRING, ARRAY<INT>>", structOf(col("m", &Type{Kind: Map, Key: &Type{Kind: String},
			Value: &Type{Kind: Array, Elem: &Type{Kind: Int}, ContainsNull: true}, ValueContainsNull: true}))},
		{"s STRUCT<x: INT NOT NULL COMMENT 'x', `y z` STRUCT<>, w ARRAY<STRUCT<v:BINARY>>>", structOf(
			col("s", structOf(
				&Field{Name: "x", Type: &Type{Kind: Int}, Comment: "x"},
				col("y z", structOf()),
				col("w", &Type{Kind: Array, ContainsNull: true, Elem: structOf(col("v", &Type{Kind: Binary}))}))))},
		{"-- a comment\na INT, /* b /* nested */ */ b INT -- trailing", structOf(
			col("a", &Type{Kind: Int}), col("b", &Type{Kind: Int}))},
		// DataType.fromDDL's fallback: one complex type.
		{"STRUCT<a: INT, b: STRING>", structOf(col("a", &Type{Kind: Int}), col("b", &Type{Kind: String}))},
		{"array<string>", &Type{Kind: Array, Elem: &Type{Kind: String}, ContainsNull: true}},
		{"MAP<STRING,INT>", &Type{Kind: Map, Key: &Type{Kind: String}, Value: &Type{Kind: Int}, ValueContainsNull: true}},
		{"1a INT, _b INT", structOf(col("1a", &Type{Kind: Int}), col("_b", &Type{Kind: Int}))},
		{"a STRING COMMENT 'tab\\there \\u00e9 \\101'", structOf(&Field{Name: "a", Type: &Type{Kind: String}, Nullable: true, Comment: "tab\there é A"})},
	} {
		got, err := ParseDDL("t.ddl", tc.ddl, diag.Pos{})
		if err != nil {
			t.Errorf("%s: %v", tc.ddl, err)
			continue
		}
		if d := cmp.Diff(tc.want, got, ignorePos); d != "" {
			t.Errorf("%s: (-want +got)\n%s", tc.ddl, d)
		}
	}
}

// The DDL and JSON forms of the invoice schema are the same type.
func TestParseDDLInvoiceMatchesJSON(t *testing.T) {
	// A copy of the seed's invoice.schema.ddl.
	ddl, err := os.ReadFile("testdata/invoice.schema.ddl")
	if err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile("../../../schemas/invoice.spark.json")
	if err != nil {
		t.Fatal(err)
	}
	fromDDL, err := ParseDDL("invoice.ddl", string(ddl), diag.Pos{})
	if err != nil {
		t.Fatal(err)
	}
	fromJSON, err := ParseSparkJSON("invoice.spark.json", js)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(fromJSON, fromDDL, ignorePos); d != "" {
		t.Errorf("DDL and JSON differ (-json +ddl)\n%s", d)
	}
}

func TestParseDDLPositions(t *testing.T) {
	// As if the DDL were a YAML scalar starting at line 7, column 11.
	got, err := ParseDDL("p.yaml", "a INT,\n  `é` STRING, s STRUCT<\n   x: INT>", diag.Pos{Line: 7, Column: 11})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		f    *Field
		want string
	}{
		{got.Fields[0], "p.yaml:7:11"},
		{got.Fields[1], "p.yaml:8:3"},
		{got.Fields[2], "p.yaml:8:15"},
		{got.Fields[2].Type.Fields[0], "p.yaml:9:4"},
	} {
		if p := tc.f.Pos.String(); p != tc.want {
			t.Errorf("%s at %s, want %s", tc.f.Name, p, tc.want)
		}
	}
}

func TestParseDDLErrors(t *testing.T) {
	for _, tc := range []struct {
		ddl, want string
	}{
		{"", `t.ddl:1:1: empty schema; expected columns such as "id INT, name STRING"`},
		{"a STRNG", `t.ddl:1:3: unknown data type "STRNG"; did you mean "STRING"?`},
		{"a INT,", `t.ddl:1:7: expected a column name, found end of input`},
		{"a", `t.ddl:1:2: expected a data type, found end of input`},
		{"a INT b INT", `t.ddl:1:7: expected "," or end of input after a column, found "b"`},
		{"a-b INT", "t.ddl:1:1: possibly unquoted identifier a-b; quote it with backquotes, as `a-b`"},
		{"a ARRAY<INT", `t.ddl:1:12: expected ">" to close ARRAY<, found end of input`},
		{"a ARRAY(INT)", `t.ddl:1:8: expected "<" after ARRAY, found "("`},
		{"a MAP<STRING>", `t.ddl:1:13: expected "," between the key and value types of MAP<, found ">"`},
		{"a STRUCT<b INT c INT>", `t.ddl:1:16: expected "," or ">" in STRUCT<, found "c"`},
		{"a STRUCT<, b INT>", `t.ddl:1:10: expected a field name, found ","`},
		{"a STRUCT<b INT, b STRING>", `t.ddl:1:17: duplicate field "b" (first at 1:10)`},
		{"a INT, a STRING", `t.ddl:1:8: duplicate column "a" (first at 1:1)`},
		{"a DECIMAL(39)", `t.ddl:1:3: decimal precision 39 is out of range: Spark allows 1 to 38`},
		{"a DECIMAL(5,6)", `t.ddl:1:3: decimal scale 6 is greater than its precision 5`},
		{"a DECIMAL(x)", `t.ddl:1:11: expected the precision as a number, found "x"`},
		{"a DECIMAL(5,2", `t.ddl:1:14: expected ")" to close DECIMAL(, found end of input`},
		{"a DECIMAL(99999999999999999999)", `t.ddl:1:11: precision 99999999999999999999 is too large`},
		{"a CHAR", `t.ddl:1:7: CHAR needs a length, as CHAR(10)`},
		{"a VARCHAR(n)", `t.ddl:1:11: expected the length as a number, found "n"`},
		{"a INTERVAL DAY", `t.ddl:1:3: data type INTERVAL is not supported: streamc has no interval types`},
		{"a STRING COLLATE UTF8_LCASE", `t.ddl:1:10: string collations are not supported`},
		{"a INT NOT", `t.ddl:1:10: expected "NULL" after NOT, found end of input`},
		{"a INT COMMENT x", `t.ddl:1:15: expected a string literal after COMMENT, found "x"`},
		{"a INT COMMENT 'x", `t.ddl:1:15: unterminated string literal`},
		{"`a INT", "t.ddl:1:1: unterminated `quoted identifier`"},
		{"a INT /* x", `t.ddl:1:7: unterminated /* comment`},
		{"a INT; b INT", `t.ddl:1:6: unexpected character ';'`},
		{"a INT, é INT", `t.ddl:1:8: unexpected character 'é'`},
		{"STRUCT<a INT> x", `t.ddl:1:15: unexpected "x" after the data type`},
		{"a 5", `t.ddl:1:3: expected a data type, found "5"`},
		// One error per column, all columns checked.
		{"a STRNG, b INT, c ARRAY<INTT>, d MAP<STRING INT>, e BOOLEAN",
			"t.ddl:1:3: unknown data type \"STRNG\"; did you mean \"STRING\"?\n" +
				"t.ddl:1:25: unknown data type \"INTT\"; did you mean \"INT\"?\n" +
				"t.ddl:1:45: expected \",\" between the key and value types of MAP<, found \"INT\""},
		// Lines and columns from a base position, as in a YAML block scalar.
		{"a INT,\n  b FLAOT", "t.ddl:2:5: unknown data type \"FLAOT\"; did you mean \"FLOAT\"?"},
	} {
		_, err := ParseDDL("t.ddl", tc.ddl, diag.Pos{})
		if err == nil {
			t.Errorf("%q: no error, want %s", tc.ddl, tc.want)
			continue
		}
		if err.Error() != tc.want {
			t.Errorf("%q:\n got %s\nwant %s", tc.ddl, err, tc.want)
		}
	}
}

func TestParseDDLBase(t *testing.T) {
	_, err := ParseDDL("p.yaml", "a INT, b STRNG", diag.Pos{File: "ignored", Line: 12, Column: 20})
	if want := `p.yaml:12:29: unknown data type "STRNG"; did you mean "STRING"?`; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func FuzzParseDDL(f *testing.F) {
	for _, s := range []string{
		"InvoiceNumber STRING, DeliveryAddress STRUCT<City: STRING>, Items ARRAY<STRUCT<ItemCode: STRING, ItemQty: INT>>",
		"`a``b` DECIMAL(10,2) NOT NULL COMMENT 'x\\'y', m MAP<STRING, ARRAY<TIMESTAMP_NTZ>>",
		"STRUCT<a: INT>", "a INT -- c\n, /* x */ b CHAR(3)", "a-b INT",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		typ, err := ParseDDL("f.ddl", s, diag.Pos{Line: 3, Column: 5})
		if (typ == nil) == (err == nil) {
			t.Fatalf("type %v with error %v", typ, err)
		}
		if typ != nil {
			_ = typ.SimpleString()
		}
	})
}
