package schema

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// ignorePos compares types without field positions.
var ignorePos = cmpopts.IgnoreFields(Field{}, "Pos")

func TestParseSparkJSONTypes(t *testing.T) {
	for _, tc := range []struct {
		json string
		want *Type
	}{
		{`"boolean"`, &Type{Kind: Boolean}},
		{`"byte"`, &Type{Kind: Byte}},
		{`"short"`, &Type{Kind: Short}},
		{`"integer"`, &Type{Kind: Int}},
		{`"long"`, &Type{Kind: Long}},
		{`"float"`, &Type{Kind: Float}},
		{`"double"`, &Type{Kind: Double}},
		{`"decimal"`, &Type{Kind: Decimal, Precision: 10}},
		{`"decimal(38,18)"`, &Type{Kind: Decimal, Precision: 38, Scale: 18}},
		{`"decimal( 5 , 0 )"`, &Type{Kind: Decimal, Precision: 5}},
		{`"string"`, &Type{Kind: String}},
		{`"char(3)"`, &Type{Kind: String}},
		{`"varchar(10)"`, &Type{Kind: String}},
		{`"binary"`, &Type{Kind: Binary}},
		{`"date"`, &Type{Kind: Date}},
		{`"timestamp"`, &Type{Kind: Timestamp}},
		{`"timestamp_ltz"`, &Type{Kind: Timestamp}},
		{`"timestamp_ntz"`, &Type{Kind: TimestampNTZ}},
		{`"void"`, &Type{Kind: Null}},
		{`"null"`, &Type{Kind: Null}},
		{`{"type":"array","elementType":"string","containsNull":false}`,
			&Type{Kind: Array, Elem: &Type{Kind: String}}},
		{`{"type":"array","elementType":{"type":"array","elementType":"integer","containsNull":true},"containsNull":true}`,
			&Type{Kind: Array, ContainsNull: true, Elem: &Type{Kind: Array, Elem: &Type{Kind: Int}, ContainsNull: true}}},
		{`{"type":"map","keyType":"string","valueType":"double","valueContainsNull":true}`,
			&Type{Kind: Map, Key: &Type{Kind: String}, Value: &Type{Kind: Double}, ValueContainsNull: true}},
		{`{"type":"struct","fields":[]}`, &Type{Kind: Struct, Fields: []*Field{}}},
		{`{"type":"struct","fields":[
			{"name":"a","type":"integer","nullable":false,"metadata":{}},
			{"name":"b","type":"string","nullable":true,"metadata":{"comment":"the b","other":[1,2]}},
			{"name":"c","type":{"type":"struct","fields":[{"name":"d","type":"date","nullable":true}]},"nullable":true,"metadata":{}}]}`,
			&Type{Kind: Struct, Fields: []*Field{
				{Name: "a", Type: &Type{Kind: Int}},
				{Name: "b", Type: &Type{Kind: String}, Nullable: true, Comment: "the b"},
				{Name: "c", Nullable: true, Type: &Type{Kind: Struct, Fields: []*Field{
					{Name: "d", Type: &Type{Kind: Date}, Nullable: true},
				}}},
			}}},
	} {
		got, err := ParseSparkJSON("t.json", []byte(tc.json))
		if err != nil {
			t.Errorf("%s: %v", tc.json, err)
			continue
		}
		if d := cmp.Diff(tc.want, got, ignorePos); d != "" {
			t.Errorf("%s: (-want +got)\n%s", tc.json, d)
		}
	}
}

func TestParseSparkJSONPositions(t *testing.T) {
	got, err := ParseSparkJSON("t.json", []byte("{\"type\": \"struct\", \"fields\": [\n  {\"name\": \"a\", \"type\": \"long\", \"nullable\": true},\n  {\"name\": \"é\", \"type\": \"long\", \"nullable\": true}]}"))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"t.json:2:12", "t.json:3:12"} {
		if p := got.Fields[i].Pos.String(); p != want {
			t.Errorf("field %d at %s, want %s", i, p, want)
		}
	}
}

func TestParseSparkJSONInvoice(t *testing.T) {
	data, err := os.ReadFile("../../../schemas/invoice.spark.json")
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseSparkJSON("invoice.spark.json", data)
	if err != nil {
		t.Fatal(err)
	}
	const want = "struct<InvoiceNumber:string,CreatedTime:bigint,StoreID:string,PosID:string,CashierID:string," +
		"CustomerType:string,CustomerCardNo:string,TotalAmount:double,NumberOfItems:int,PaymentMethod:string," +
		"CGST:double,SGST:double,CESS:double,DeliveryType:string," +
		"DeliveryAddress:struct<AddressLine:string,City:string,State:string,PinCode:string,ContactNumber:string>," +
		"InvoiceLineItems:array<struct<ItemCode:string,ItemDescription:string,ItemPrice:double,ItemQty:int,TotalValue:double>>>"
	if s := got.SimpleString(); s != want {
		t.Errorf("got  %s\nwant %s", s, want)
	}
	if !got.Field("InvoiceLineItems").Type.ContainsNull || !got.Field("DeliveryAddress").Nullable {
		t.Error("nullability lost")
	}
}

func TestParseSparkJSONErrors(t *testing.T) {
	for _, tc := range []struct {
		json, want string
	}{
		{``, `t.json:1:1: empty document; expected a JSON value`},
		{`{"type":"struct",}`, `t.json:1:18: unexpected '}'; expected a string key`},
		{"{\"type\":\"struct\",\n \"fields\":[]} x", `t.json:2:15: unexpected 'x' after the JSON value`},
		{`{"type":"struct","type":"map"}`, `t.json:1:18: duplicate key "type"`},
		{`"int"`, `t.json:1:1: unknown data type "int"; Spark's JSON name for it is "integer"`},
		{`"strin"`, `t.json:1:1: unknown data type "strin"; did you mean "string"?`},
		{`"interval day to second"`, `t.json:1:1: data type "interval day to second" is not supported: streamc has no interval types`},
		{`"calendarinterval"`, `t.json:1:1: data type "calendarinterval" is not supported: streamc has no interval types`},
		{`"decimal(39,2)"`, `t.json:1:1: decimal precision 39 is out of range: Spark allows 1 to 38`},
		{`"decimal(5,6)"`, `t.json:1:1: decimal scale 6 is greater than its precision 5`},
		{`"decimal(5,-1)"`, `t.json:1:1: decimal scale -1 is negative`},
		{`7`, `t.json:1:1: expected a data type (a type name or an object), found number`},
		{`{"type":"udt","class":"x"}`, `t.json:1:9: user-defined types ("udt") are not supported`},
		{`{"type":"strct","fields":[]}`, `t.json:1:9: unknown complex type "strct"; expected "struct", "array" or "map"; did you mean "struct"?`},
		{`{"fields":[]}`, `t.json:1:1: data type object is missing "type"`},
		{`{"type":"array","elementType":"string"}`, `t.json:1:1: array type is missing "containsNull"`},
		{`{"type":"array","elementType":"string","containsNull":"yes"}`, `t.json:1:55: "containsNull" must be true or false, found string`},
		{`{"type":"map","keyType":"string","valueType":"string","valueContainsNull":true,"keyContainsNull":false}`,
			`t.json:1:80: unknown key "keyContainsNull" in map type; did you mean "valueContainsNull"?`},
		{`{"type":"struct","fields":{}}`, `t.json:1:27: "fields" must be an array, found object`},
		{`{"type":"struct","fields":[1]}`, `t.json:1:28: struct field must be an object, found number`},
		{`{"type":"struct","fields":[{"name":"a","type":"long","nulable":true}]}`,
			"t.json:1:28: struct field is missing \"nullable\"\n" +
				`t.json:1:54: unknown key "nulable" in struct field; did you mean "nullable"?`},
		{`{"type":"struct","fields":[{"name":1,"type":"long","nullable":true}]}`, `t.json:1:36: "name" must be a string, found number`},
		{`{"type":"struct","fields":[{"name":"a","type":"long","nullable":true,"metadata":{"comment":5}}]}`,
			`t.json:1:92: metadata "comment" must be a string, found number`},
		{`{"type":"struct","fields":[{"name":"a","type":"long","nullable":true,"metadata":[]}]}`,
			`t.json:1:81: "metadata" must be an object, found array`},
		{`{"type":"struct","fields":[{"name":"a","type":"long","nullable":true},{"name":"a","type":"long","nullable":true}]}`,
			`t.json:1:79: duplicate field "a" (first at 1:36)`},
		// Several errors in one run, in file order.
		{"{\"type\":\"struct\",\"fields\":[\n{\"name\":\"a\",\"type\":\"int\",\"nullable\":true},\n{\"name\":\"b\",\"type\":\"bool\",\"nullable\":true}]}",
			"t.json:2:20: unknown data type \"int\"; Spark's JSON name for it is \"integer\"\n" +
				"t.json:3:20: unknown data type \"bool\"; Spark's JSON name for it is \"boolean\""},
	} {
		_, err := ParseSparkJSON("t.json", []byte(tc.json))
		if err == nil {
			t.Errorf("%s: no error, want %s", tc.json, tc.want)
			continue
		}
		if err.Error() != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.json, err, tc.want)
		}
	}
}

func FuzzParseSparkJSON(f *testing.F) {
	data, err := os.ReadFile("../../../schemas/invoice.spark.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"type":"map","keyType":"string","valueType":{"type":"array","elementType":"decimal(3,1)","containsNull":true},"valueContainsNull":true}`))
	f.Add([]byte(`"\ud83d\ude00"`))
	f.Fuzz(func(t *testing.T, data []byte) {
		typ, err := ParseSparkJSON("f.json", data)
		if (typ == nil) == (err == nil) {
			t.Fatalf("type %v with error %v", typ, err)
		}
		if typ != nil {
			_ = typ.SimpleString()
		}
	})
}
