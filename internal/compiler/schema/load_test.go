package schema

import (
	"errors"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"
)

func TestLoaderRepoSchemas(t *testing.T) {
	l := NewLoader(os.DirFS("../../.."))
	gps, err := l.LoadSchema("schemas/gps.avsc", "")
	if err != nil {
		t.Fatal(err)
	}
	if gps.Name != "com.example.telemetry.GpsReading" || gps.Source != "schemas/gps.avsc" ||
		gps.Type.SimpleString() != "struct<timestamp:bigint,deviceId:string,latitude:double,longitude:double,altitude:double,speed:double>" {
		t.Errorf("gps: %+v %s", gps, gps.Type.SimpleString())
	}
	inv, err := l.LoadSchema("./schemas/invoice.spark.json", "")
	if err != nil {
		t.Fatal(err)
	}
	if inv.Name != "" || inv.Source != "schemas/invoice.spark.json" || len(inv.Type.Fields) != 16 {
		t.Errorf("invoice: %+v", inv)
	}
}

func TestLoader(t *testing.T) {
	fsys := fstest.MapFS{
		"schemas/customer.avsc": {Data: []byte(`{"type":"record","name":"Customer","namespace":"com.x","fields":[{"name":"home","type":"Address"}]}`)},
		"schemas/address.avsc":  {Data: []byte(`{"type":"record","name":"Address","namespace":"com.x","fields":[{"name":"city","type":"string"}]}`)},
		"schemas/key.avsc":      {Data: []byte(`"string"`)},
		"schemas/opt.avsc":      {Data: []byte(`["com.x.Address","null"]`)},
		"schemas/order.ddl":     {Data: []byte("OrderID STRING NOT NULL,\nAmount DECIMAL(12,2) COMMENT 'total'")},
		"schemas/o.spark.json":  {Data: []byte(`{"type":"struct","fields":[{"name":"a","type":"long","nullable":false}]}`)},
		"schemas/o.json":        {Data: []byte(`{"type":"struct","fields":[]}`)},
		"schemas/bad.ddl":       {Data: []byte("a INT,\nb INTT")},
		"broken/a.avsc":         {Data: []byte(`{"type":"record","name":"A","fields":[]}`)},
		"broken/b.avsc":         {Data: []byte(`{"type":"record","name":"B","fields":[{"name":"x","type":"Nope"}]}`)},
		"schemas/x.txt":         {Data: []byte(``)},
	}
	l := &Loader{FS: fsys}
	for _, tc := range []struct {
		file, record string
		want         string // SimpleString
		name         string
	}{
		{"schemas/customer.avsc", "", "struct<home:struct<city:string>>", "com.x.Customer"},
		{"schemas/address.avsc", "", "struct<city:string>", "com.x.Address"},
		{"schemas/customer.avsc", "com.x.Address", "struct<city:string>", "com.x.Address"},
		{"schemas/key.avsc", "", "string", ""},
		{"schemas/order.ddl", "", "struct<OrderID:string,Amount:decimal(12,2)>", ""},
		{"schemas/o.spark.json", "", "struct<a:bigint>", ""},
		{"schemas/o.json", "", "struct<>", ""},
	} {
		s, err := l.LoadSchema(tc.file, tc.record)
		if err != nil {
			t.Errorf("%s: %v", tc.file, err)
			continue
		}
		if got := s.Type.SimpleString(); got != tc.want || s.Name != tc.name || s.Source != tc.file {
			t.Errorf("%s %s: got %s named %q from %s", tc.file, tc.record, got, s.Name, s.Source)
		}
	}
	opt, err := l.LoadSchema("schemas/opt.avsc", "")
	if err != nil || !opt.Nullable || opt.Type.Name != "com.x.Address" || opt.Type.Avro.Schema[0] != '[' {
		t.Errorf("opt.avsc: %+v, %v", opt, err)
	}
	// The directory is parsed once: both loads see the same types.
	c, _ := l.Load("schemas/customer.avsc", "")
	a, _ := l.Load("schemas/address.avsc", "")
	if c.Fields[0].Type != a {
		t.Error("avro directory not cached")
	}

	for _, tc := range []struct {
		file, record, want string
		ref                bool
	}{
		{"schemas/missing.avsc", "", `schema file "schemas/missing.avsc": no such file`, true},
		{"schemas/missing.json", "", `schema file "schemas/missing.json": no such file`, true},
		{"nodir/x.avsc", "", `schema file "nodir/x.avsc": no such file`, true},
		{"schemas/x.txt", "", `schema file "schemas/x.txt": unknown schema format; use .avsc, .spark.json, .json or .ddl`, true},
		{"schemas/order.ddl", "R", `schema file "schemas/order.ddl": a record name applies only to .avsc files`, true},
		{"../x.avsc", "", `schema file "../x.avsc": the path must be relative to the spec and stay below it`, true},
		{"schemas/customer.avsc", "Adress", `schema file "schemas/customer.avsc": no record named "Adress" in schemas/address.avsc, schemas/customer.avsc; did you mean "com.x.Address"?`, true},
		{"schemas/customer.avsc", "Address", `schema file "schemas/customer.avsc": no record named "Address" in schemas/address.avsc, schemas/customer.avsc; did you mean "com.x.Address"? (use the full name)`, true},
		{"schemas/customer.avsc", "com.x.Adress", `schema file "schemas/customer.avsc": no record named "com.x.Adress" in schemas/address.avsc, schemas/customer.avsc; did you mean "com.x.Address"?`, true},
		{"schemas/bad.ddl", "", `schemas/bad.ddl:2:3: unknown data type "INTT"; did you mean "INT"?`, false},
		{"broken/b.avsc", "", `broken/b.avsc:1:58: unknown type "Nope"; did you mean "long"? (read broken/b.avsc: only the schema files the spec names are read, with the files named after a type they use, as Nope.avsc)`, false},
	} {
		_, err := l.Load(tc.file, tc.record)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s %s:\n got %v\nwant %s", tc.file, tc.record, err, tc.want)
			continue
		}
		var re *RefError
		if errors.As(err, &re) != tc.ref {
			t.Errorf("%s: RefError %v, want %v", tc.file, !tc.ref, tc.ref)
		}
	}
	if _, err := l.LoadSchema("schemas/missing.avsc", ""); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v does not wrap fs.ErrNotExist", err)
	}
}

// Only the files asked for are read, with the files named after a type they
// use: an evolved writer schema kept beside its reader schema, defining the
// same full name differently, is no conflict.
func TestLoaderReadsOnlyNamedFiles(t *testing.T) {
	const v1 = `{"type":"record","name":"GpsReading","namespace":"com.x","fields":[{"name":"speed","type":"double"}]}`
	const v2 = `{"type":"record","name":"GpsReading","namespace":"com.x","fields":[{"name":"speed","type":"double"},{"name":"heading","type":"double","default":0}]}`
	fsys := fstest.MapFS{
		"schemas/gps.avsc":        {Data: []byte(v1)},
		"schemas/gps-v2.avsc":     {Data: []byte(v2)},
		"schemas/broken.avsc":     {Data: []byte(`{`)},
		"schemas/trip.avsc":       {Data: []byte(`{"type":"record","name":"Trip","namespace":"com.x","fields":[{"name":"at","type":"Place"},{"name":"kind","type":"Kind"}]}`)},
		"schemas/place.avsc":      {Data: []byte(`{"type":"record","name":"Place","namespace":"com.x","fields":[{"name":"city","type":"string"}]}`)},
		"schemas/com.x.Kind.avsc": {Data: []byte(`{"type":"enum","name":"Kind","namespace":"com.x","symbols":["A","B"]}`)},
		"schemas/types.avsc":      {Data: []byte(`{"type":"record","name":"Leg","namespace":"com.x","fields":[{"name":"from","type":"Place"}]}`)},
		"schemas/route.avsc":      {Data: []byte(`{"type":"record","name":"Route","namespace":"com.x","fields":[{"name":"leg","type":"Leg"}]}`)},
	}
	l := NewLoader(fsys)
	l.Files = []string{"schemas/gps.avsc", "schemas/gps-v2.avsc", "schemas/trip.avsc", "schemas/place.avsc", "schemas/route.avsc", "schemas/types.avsc"}
	for file, want := range map[string]string{
		"schemas/gps.avsc":    "struct<speed:double>",
		"schemas/gps-v2.avsc": "struct<speed:double,heading:double>",
		"schemas/trip.avsc":   "struct<at:struct<city:string>,kind:string>",
		"schemas/route.avsc":  "struct<leg:struct<from:struct<city:string>>>",
	} {
		got, err := l.Load(file, "")
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		if got.SimpleString() != want {
			t.Errorf("%s: %s, want %s", file, got.SimpleString(), want)
		}
	}
	// Files that use one another's types share their types.
	trip, _ := l.Load("schemas/trip.avsc", "")
	place, _ := l.Load("schemas/place.avsc", "")
	route, _ := l.Load("schemas/route.avsc", "")
	if trip.Fields[0].Type != place || route.Fields[0].Type.Fields[0].Type != place {
		t.Error("a record used by two schema files is two types")
	}
}
