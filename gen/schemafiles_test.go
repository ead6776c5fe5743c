package gen_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/streamc/streamc/gen"
)

// gpsSpec reads schemas/gps.avsc as Confluent Avro.
const gpsSpec = `version: "1"
schemaRegistry: {url: "http://localhost:8081"}
schemas:
  gps: schemas/gps.avsc
apps:
  gps:
    queries:
      q:
        readStream:
          format: kafka
          options: {subscribe: gps}
          value: {format: confluent-avro, schema: gps}
        transform:
          - select: [value.deviceId, value.speed]
        writeStream:
          format: console
`

// An evolved writer schema kept beside the reader schema (the same full name,
// other fields) is not read: only the schema files the spec names are.
func TestGenerateIgnoresUnnamedSchemaFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"pipelines.yaml":      {Data: []byte(gpsSpec)},
		"schemas/gps.avsc":    {Data: []byte(`{"type":"record","name":"GpsReading","namespace":"com.example.telemetry","fields":[{"name":"deviceId","type":"string"},{"name":"speed","type":"double"}]}`)},
		"schemas/gps-v2.avsc": {Data: []byte(`{"type":"record","name":"GpsReading","namespace":"com.example.telemetry","fields":[{"name":"deviceId","type":"string"},{"name":"speed","type":"double"},{"name":"heading","type":["null","double"],"default":null}]}`)},
		"schemas/notes.avsc":  {Data: []byte(`not even JSON`)},
	}
	res, err := gen.Generate(context.Background(), gen.Config{FS: fsys, SpecFile: "pipelines.yaml", ModulePath: "example.com/m"})
	if err != nil {
		t.Fatal(err)
	}
	rec := string(res.Files["generated/gps/gps_reading.go"])
	if !strings.Contains(rec, "Speed") || strings.Contains(rec, "Heading") {
		t.Errorf("GpsReading is not gps.avsc's:\n%s", rec)
	}
}

// A type that no file read defines is reported with the files read and why
// no other file was.
func TestGenerateMissingAvroTypeSaysWhatWasRead(t *testing.T) {
	fsys := fstest.MapFS{
		"pipelines.yaml":      {Data: []byte(gpsSpec)},
		"schemas/gps.avsc":    {Data: []byte(`{"type":"record","name":"GpsReading","namespace":"com.example.telemetry","fields":[{"name":"deviceId","type":"string"},{"name":"speed","type":"double"},{"name":"at","type":"Position"}]}`)},
		"schemas/shared.avsc": {Data: []byte(`{"type":"record","name":"Position","namespace":"com.example.telemetry","fields":[{"name":"lat","type":"double"}]}`)},
	}
	_, err := gen.Generate(context.Background(), gen.Config{FS: fsys, SpecFile: "pipelines.yaml", ModulePath: "example.com/m"})
	want := `schemas/gps.avsc:1:173: unknown type "Position" (read schemas/gps.avsc: only the schema files the spec names are read, with the files named after a type they use, as Position.avsc)`
	if err == nil || err.Error() != want {
		t.Errorf("error:\n got %v\nwant %s", err, want)
	}
}
