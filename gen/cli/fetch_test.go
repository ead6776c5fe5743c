package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/compiler/spec"
	"github.com/streamc/streamc/internal/devtools/registry"
)

const gpsV1 = `{"type":"record","name":"GpsReading","namespace":"com.example","fields":[{"name":"timestamp","type":"long"},{"name":"deviceId","type":"string"}]}`

const gpsV1Pretty = `{
  "type": "record",
  "name": "GpsReading",
  "namespace": "com.example",
  "fields": [
    {
      "name": "timestamp",
      "type": "long"
    },
    {
      "name": "deviceId",
      "type": "string"
    }
  ]
}
`

const gpsV2 = `{"type":"record","name":"GpsReading","namespace":"com.example","fields":[{"name":"timestamp","type":"long"},{"name":"deviceId","type":"string"},{"name":"speed","type":"double","default":0}]}`

// fetchSpec reads its value schema from the registry; REGISTRY is replaced
// by the registry's URL.
const fetchSpec = `version: "1"
schemaRegistry:
  url: REGISTRY
  basicAuthUserInfo: ${FETCH_TEST_USER}:${FETCH_TEST_SECRET}
schemas:
  gps:
    file: schemas/gps.avsc
    subject: gps-value
apps:
  tracker:
    queries:
      copy:
        readStream:
          format: kafka
          options: {subscribe: gps}
          value: {format: confluent-avro, schema: gps}
        transform:
          - select: [value.deviceId, value.timestamp]
        writeStream:
          format: json
          options: {path: out, checkpointLocation: chk/copy}
`

// fetchProject is a module holding spec with REGISTRY replaced by url.
func fetchProject(t *testing.T, spec, url string) (dir, specFile string) {
	t.Helper()
	dir = t.TempDir()
	specFile = filepath.Join(dir, "pipelines.yaml")
	writeModule(t, dir, "example.com/gps")
	if err := os.WriteFile(specFile, []byte(strings.ReplaceAll(spec, "REGISTRY", url)), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, specFile
}

func devRegistry(t *testing.T, auth string) (*registry.Registry, string) {
	t.Helper()
	reg, err := registry.New(registry.Options{BasicAuth: auth})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := registry.Serve("127.0.0.1:0", reg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return reg, srv.URL()
}

func TestGenerateFetch(t *testing.T) {
	reg, url := devRegistry(t, "alice:s3cret")
	if _, _, err := reg.Register("gps-value", registry.Schema{Schema: gpsV1}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FETCH_TEST_USER", "alice")
	t.Setenv("FETCH_TEST_SECRET", "s3cret")
	dir, spec := fetchProject(t, fetchSpec, url)
	schemaFile := filepath.Join(dir, "schemas", "gps.avsc")

	// The schema is fetched, written, and generation proceeds.
	code, _, stderr := run(t, "generate", "-f", spec, "--fetch", "-v")
	if code != 0 {
		t.Fatalf("generate --fetch: exit %d\n%s", code, stderr)
	}
	if got, _ := os.ReadFile(schemaFile); string(got) != gpsV1Pretty {
		t.Errorf("schemas/gps.avsc:\n%s\nwant:\n%s", got, gpsV1Pretty)
	}
	if !strings.Contains(stderr, "fetched schemas/gps.avsc (subject gps-value version 1, id 1)\n") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "generated", "tracker", "copy_query.go")); err != nil {
		t.Errorf("generation did not run: %v", err)
	}

	// Unchanged in the registry: the file is not rewritten.
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	if err := os.Chtimes(schemaFile, old, old); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = run(t, "generate", "-f", spec, "--fetch", "-v")
	if code != 0 || !strings.Contains(stderr, "unchanged schemas/gps.avsc") {
		t.Fatalf("second generate --fetch: exit %d\n%s", code, stderr)
	}
	if fi, err := os.Stat(schemaFile); err != nil || !fi.ModTime().Equal(old) {
		t.Errorf("an unchanged schema was rewritten")
	}
	if code, out, _ := run(t, "diff", "-f", spec); code != 0 {
		t.Errorf("diff after generate --fetch: exit %d\n%s", code, out)
	}

	// A new version is picked up, and the generated code follows it.
	if _, _, err := reg.Register("gps-value", registry.Schema{Schema: gpsV2}); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "generate", "-f", spec, "--fetch"); code != 0 || stderr != "" {
		t.Fatalf("generate --fetch after a new version: exit %d\n%s", code, stderr)
	}
	got, _ := os.ReadFile(schemaFile)
	if !strings.Contains(string(got), `"name": "speed"`) {
		t.Errorf("schemas/gps.avsc after a new version:\n%s", got)
	}
	v2 := string(got)

	// An unknown subject is a positioned error, and nothing is written.
	bad := strings.Replace(fetchSpec, "subject: gps-value", "subject: gsp-value", 1)
	os.WriteFile(spec, []byte(strings.ReplaceAll(bad, "REGISTRY", url)), 0o644)
	code, _, stderr = run(t, "generate", "-f", spec, "--fetch")
	want := `pipelines.yaml:8:14: schema "gps": subject "gsp-value" not found in registry ` + url + ` (error 40401: Subject 'gsp-value' not found.)`
	if code != 1 || strings.TrimSpace(stderr) != want {
		t.Errorf("unknown subject: exit %d\n got  %s\n want %s", code, stderr, want)
	}
	if got, _ := os.ReadFile(schemaFile); string(got) != v2 {
		t.Errorf("a failed fetch changed the schema file")
	}
}

func TestGenerateFetchRegistryURLAndCredentials(t *testing.T) {
	reg, url := devRegistry(t, "alice:s3cret")
	if _, _, err := reg.Register("gps-value", registry.Schema{Schema: gpsV1}); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FETCH_TEST_USER", "alice")
	t.Setenv("FETCH_TEST_SECRET", "s3cret")
	// The spec's URL refuses connections; --registry-url replaces it.
	_, spec := fetchProject(t, fetchSpec, "http://127.0.0.1:1")
	if code, _, stderr := run(t, "generate", "-f", spec, "--fetch", "--registry-url", url); code != 0 {
		t.Fatalf("--registry-url: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := run(t, "generate", "-f", spec, "--registry-url", url); code != 1 || !strings.Contains(stderr, "add --fetch") {
		t.Errorf("--registry-url without --fetch: exit %d\n%s", code, stderr)
	}

	// Rejected credentials name the user, never the secret.
	t.Setenv("FETCH_TEST_SECRET", "wr0ng")
	code, _, stderr := run(t, "generate", "-f", spec, "--fetch", "--registry-url", url)
	if code != 1 || !strings.Contains(stderr, `rejected the credentials of user "alice"`) || strings.Contains(stderr, "wr0ng") {
		t.Errorf("wrong secret: exit %d\n%s", code, stderr)
	}

	// An unset variable is named.
	os.Unsetenv("FETCH_TEST_SECRET")
	code, _, stderr = run(t, "generate", "-f", spec, "--fetch", "--registry-url", url)
	if code != 1 || !strings.Contains(stderr, `pipelines.yaml:4:22: environment variable "FETCH_TEST_SECRET" is not set`) {
		t.Errorf("unset variable: exit %d\n%s", code, stderr)
	}
}

func TestGenerateFetchReferences(t *testing.T) {
	reg, url := devRegistry(t, "")
	addr := `{"type":"record","name":"Addr","namespace":"x","fields":[{"name":"city","type":"string"}]}`
	if _, _, err := reg.Register("addr-value", registry.Schema{Schema: addr}); err != nil {
		t.Fatal(err)
	}
	person := registry.Schema{
		Schema:     `{"type":"record","name":"Person","namespace":"x","fields":[{"name":"name","type":"string"},{"name":"home","type":"Addr"}]}`,
		References: []registry.Reference{{Name: "x.Addr", Subject: "addr-value", Version: 1}},
	}
	if _, _, err := reg.Register("people-value", person); err != nil {
		t.Fatal(err)
	}
	spec := strings.NewReplacer("  basicAuthUserInfo: ${FETCH_TEST_USER}:${FETCH_TEST_SECRET}\n", "",
		"gps:\n    file: schemas/gps.avsc\n    subject: gps-value", "person:\n    file: schemas/person.avsc\n    subject: people-value",
		"schema: gps}", "schema: person}",
		"select: [value.deviceId, value.timestamp]", "select: [value.name, value.home.city]").Replace(fetchSpec)
	dir, specFile := fetchProject(t, spec, url)
	code, _, stderr := run(t, "generate", "-f", specFile, "--fetch", "-v")
	if code != 0 {
		t.Fatalf("generate --fetch: exit %d\n%s", code, stderr)
	}
	for _, f := range []string{"fetched schemas/person.avsc (subject people-value version 1, id 2)", "fetched schemas/x.Addr.avsc (subject addr-value version 1, id 1)"} {
		if !strings.Contains(stderr, f) {
			t.Errorf("stderr lacks %q:\n%s", f, stderr)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "schemas", "x.Addr.avsc")); !strings.Contains(string(got), `"name": "Addr"`) {
		t.Errorf("schemas/x.Addr.avsc:\n%s", got)
	}
}

func TestGenerateFetchSpecErrors(t *testing.T) {
	_, url := devRegistry(t, "")
	for _, tc := range []struct{ name, spec, want string }{
		{"no subject", strings.Replace(fetchSpec, "    subject: gps-value\n", "", 1), "no schema in pipelines.yaml names a subject"},
		{"not avsc", strings.Replace(fetchSpec, "schemas/gps.avsc", "schemas/gps.ddl", 1), `pipelines.yaml:7:11: schema "gps": a schema fetched from the registry is Avro; its file must be .avsc`},
		{"no registry", strings.NewReplacer("schemaRegistry:\n  url: REGISTRY\n  basicAuthUserInfo: ${FETCH_TEST_USER}:${FETCH_TEST_SECRET}\n", "",
			"format: confluent-avro", "format: avro").Replace(fetchSpec), "no registry: set schemaRegistry.url in pipelines.yaml or pass --registry-url"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("FETCH_TEST_USER", "u")
			t.Setenv("FETCH_TEST_SECRET", "p")
			_, spec := fetchProject(t, tc.spec, url)
			code, _, stderr := run(t, "generate", "-f", spec, "--fetch")
			if code != 1 || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant %q", code, stderr, tc.want)
			}
		})
	}
}

func TestExpandEnv(t *testing.T) {
	t.Setenv("EXPAND_A", "alice")
	t.Setenv("EXPAND_B", "p$ss}")
	for in, want := range map[string]string{
		"":                        "",
		"plain:$ecret":            "plain:$ecret",
		"${EXPAND_A}:${EXPAND_B}": "alice:p$ss}",
		"x${EXPAND_A}y":           "xalicey",
		"${EXPAND_MISSING}":       "error",
		"${":                      "error",
		"${}":                     "error",
	} {
		got, err := expandEnv(specStr(in))
		if want == "error" {
			if err == nil {
				t.Errorf("expandEnv(%q) = %q, want an error", in, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("expandEnv(%q) = %q, %v, want %q", in, got, err, want)
		}
	}
}

func specStr(s string) spec.Str { return spec.Str{Value: s, Set: true} }
