package registry_test

import (
	"context"
	"crypto/md5"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/devtools/registry"
)

const gps = `{"type": "record", "name": "GpsReading", "namespace": "com.example",
  "fields": [{"name": "timestamp", "type": "long"}, {"name": "deviceId", "type": "string"}]}`

// gpsCompact is gps as the registry stores and returns it.
const gpsCompact = `{"type":"record","name":"GpsReading","namespace":"com.example","fields":[{"name":"timestamp","type":"long"},{"name":"deviceId","type":"string"}]}`

// gpsReordered is gps with keys in another order and other spacing: the
// same schema.
const gpsReordered = `{"namespace":"com.example","name":"GpsReading","type":"record","fields":[
  {"type":"long","name":"timestamp"},{"type":"string","name":"deviceId"}]}`

const gpsV2 = `{"type":"record","name":"GpsReading","namespace":"com.example","fields":[{"name":"timestamp","type":"long"},{"name":"deviceId","type":"string"},{"name":"speed","type":"double","default":0}]}`

// guid is the GUID Confluent's registry gives a schema text with
// references, each given as name, subject and version: the MD5 of the text,
// names, subjects and big-endian versions, as a UUID.
func guid(schema string, refs ...any) string {
	h := md5.New()
	io.WriteString(h, schema)
	for i := 0; i+2 < len(refs); i += 3 {
		io.WriteString(h, refs[i].(string))
		io.WriteString(h, refs[i+1].(string))
		binary.Write(h, binary.BigEndian, int32(refs[i+2].(int)))
	}
	b := h.Sum(nil)
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// body is s as the inside of a JSON string.
func body(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

func serve(t *testing.T, opts registry.Options) *registry.Server {
	t.Helper()
	reg, err := registry.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := registry.Serve("127.0.0.1:0", reg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

type step struct {
	method, path, body string
	status             int
	want               string
}

func do(t *testing.T, client *http.Client, base string, st step, user, pass string) (int, string, http.Header) {
	t.Helper()
	var rd io.Reader
	if st.body != "" {
		rd = strings.NewReader(st.body)
	}
	req, err := http.NewRequestWithContext(t.Context(), st.method, base+st.path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/vnd.schemaregistry.v1+json")
	if user != "" {
		req.SetBasicAuth(user, pass)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", st.method, st.path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(data), resp.Header
}

func run(t *testing.T, srv *registry.Server, steps []step, user, pass string) {
	t.Helper()
	for i, st := range steps {
		status, got, h := do(t, http.DefaultClient, srv.URL(), st, user, pass)
		if status != st.status || got != st.want {
			t.Errorf("step %d: %s %s %s\n got  %d %s\n want %d %s", i, st.method, st.path, st.body, status, got, st.status, st.want)
		}
		if ct := h.Get("Content-Type"); ct != registry.ContentType {
			t.Errorf("step %d: Content-Type %q", i, ct)
		}
	}
}

func TestDevRegistryEndpoints(t *testing.T) {
	srv := serve(t, registry.Options{})
	reg := `{"schema":"` + body(gps) + `"}`
	g1, g2 := guid(gpsCompact), guid(gpsV2)
	sv1 := `{"subject":"gps-value","version":1,"id":1,"guid":"` + g1 + `","schema":"` + body(gpsCompact) + `"}`
	sv2 := `{"subject":"gps-value","version":2,"id":2,"guid":"` + g2 + `","schema":"` + body(gpsV2) + `"}`
	addr := `{"type":"record","name":"Addr","namespace":"x","fields":[{"name":"city","type":"string"}]}`
	person := `{"type":"record","name":"P","namespace":"x","fields":[{"name":"a","type":"Addr"}]}`
	run(t, srv, []step{
		{"GET", "/", "", 200, `{}`},
		{"GET", "/subjects", "", 200, `[]`},
		{"GET", "/schemas/ids/1", "", 404, `{"error_code":40403,"message":"Schema 1 not found"}`},
		{"GET", "/subjects/gps-value/versions", "", 404, `{"error_code":40401,"message":"Subject 'gps-value' not found."}`},
		{"GET", "/subjects/gps-value/versions/latest", "", 404, `{"error_code":40401,"message":"Subject 'gps-value' not found."}`},
		{"POST", "/subjects/gps-value", reg, 404, `{"error_code":40401,"message":"Subject 'gps-value' not found."}`},

		// Register, then the same schema again (differently spaced and
		// ordered): same id, no new version.
		{"POST", "/subjects/gps-value/versions", reg, 200, `{"id":1}`},
		{"POST", "/subjects/gps-value/versions", `{"schema":"` + body(gpsReordered) + `","schemaType":"AVRO"}`, 200, `{"id":1}`},
		{"GET", "/subjects/gps-value/versions", "", 200, `[1]`},
		{"GET", "/schemas/ids/1", "", 200, `{"schema":"` + body(gpsCompact) + `","guid":"` + g1 + `"}`},
		{"GET", "/schemas/guids/" + g1, "", 200, `{"schema":"` + body(gpsCompact) + `","guid":"` + g1 + `"}`},
		{"GET", "/schemas/guids/00000000-0000-0000-0000-000000000000", "", 404, `{"error_code":40403,"message":"Schema not found"}`},
		{"GET", "/schemas/ids/1/schema", "", 200, gpsCompact},
		{"GET", "/subjects/gps-value/versions/1", "", 200, sv1},
		{"GET", "/subjects/gps-value/versions/latest", "", 200, sv1},
		{"GET", "/subjects/gps-value/versions/1/schema", "", 200, gpsCompact},
		{"POST", "/subjects/gps-value", `{"schema":"` + body(gpsReordered) + `"}`, 200, sv1},

		// A second version.
		{"POST", "/subjects/gps-value/versions", `{"schema":"` + body(gpsV2) + `"}`, 200, `{"id":2}`},
		{"GET", "/subjects/gps-value/versions", "", 200, `[1,2]`},
		{"GET", "/subjects/gps-value/versions/latest", "", 200, sv2},
		{"GET", "/subjects/gps-value/versions/-1", "", 200, sv2},
		{"GET", "/subjects/gps-value/versions/3", "", 404, `{"error_code":40402,"message":"Version 3 not found."}`},
		{"GET", "/subjects/gps-value/versions/x", "", 422, `{"error_code":42202,"message":"The specified version 'x' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\""}`},
		{"POST", "/subjects/gps-value", `{"schema":"\"string\""}`, 404, `{"error_code":40403,"message":"Schema not found"}`},

		// The same schema under another subject keeps its id.
		{"POST", "/subjects/other/versions", reg, 200, `{"id":1}`},
		{"GET", "/subjects/other/versions/latest", "", 200, `{"subject":"other","version":1,"id":1,"guid":"` + g1 + `","schema":"` + body(gpsCompact) + `"}`},
		{"GET", "/subjects", "", 200, `["gps-value","other"]`},
		{"GET", "/schemas/ids/1/versions", "", 200, `[{"subject":"gps-value","version":1},{"subject":"other","version":1}]`},
		{"GET", "/schemas/ids/1/subjects", "", 200, `["gps-value","other"]`},

		// Primitive and non-Avro schemas; a subject name that needs escaping.
		{"POST", "/subjects/gps-key/versions", `{"schema":"\"string\""}`, 200, `{"id":3}`},
		{"GET", "/schemas/ids/3", "", 200, `{"schema":"\"string\"","guid":"` + guid(`"string"`) + `"}`},
		{"POST", "/subjects/a%2Fb%20c/versions", `{"schema":"{\"type\": \"object\"}","schemaType":"JSON"}`, 200, `{"id":4}`},
		{"GET", "/schemas/ids/4", "", 200, `{"schema":"{\"type\":\"object\"}","schemaType":"JSON","guid":"` + guid(`{"type":"object"}`) + `"}`},
		{"GET", "/subjects/a%2Fb%20c/versions/1", "", 200, `{"subject":"a/b c","version":1,"id":4,"guid":"` + guid(`{"type":"object"}`) + `","schema":"{\"type\":\"object\"}","schemaType":"JSON"}`},

		// Invalid schemas and bodies.
		{"POST", "/subjects/bad/versions", `{"schema":"{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"strng\"}]}"}`, 422, `{"error_code":42201,"message":"Invalid schema: unknown type \"strng\""}`},
		{"POST", "/subjects/bad/versions", `{"schema":"{not json"}`, 422, `{"error_code":42201,"message":"Invalid schema: not JSON: invalid character 'n' looking for beginning of object key string"}`},
		{"POST", "/subjects/bad/versions", `{"schema":"\"int\"","schemaType":"XML"}`, 422, `{"error_code":42201,"message":"Invalid schema: unknown schema type \"XML\""}`},
		{"POST", "/subjects/bad/versions", `{}`, 422, `{"error_code":42201,"message":"Invalid schema: empty schema"}`},
		{"POST", "/subjects/bad/versions", `nope`, 400, `{"error_code":400,"message":"Unrecognized request body: invalid character 'o' in literal null (expecting 'u')"}`},
		{"GET", "/subjects/bad/versions", "", 404, `{"error_code":40401,"message":"Subject 'bad' not found."}`},
		{"GET", "/nowhere", "", 404, `{"error_code":404,"message":"HTTP 404 Not Found"}`},

		// References: a record using a named type from another subject.
		{"POST", "/subjects/addr/versions", `{"schema":"{\"type\":\"record\",\"name\":\"Addr\",\"namespace\":\"x\",\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}"}`, 200, `{"id":5}`},
		{"POST", "/subjects/person/versions", `{"schema":"{\"type\":\"record\",\"name\":\"P\",\"namespace\":\"x\",\"fields\":[{\"name\":\"a\",\"type\":\"Addr\"}]}","references":[{"name":"x.Addr","subject":"addr","version":1}]}`, 200, `{"id":6}`},
		{"GET", "/schemas/ids/6", "", 200, `{"schema":"` + body(person) + `","references":[{"name":"x.Addr","subject":"addr","version":1}],"guid":"` + guid(person, "x.Addr", "addr", 1) + `"}`},
		{"GET", "/schemas/ids/5", "", 200, `{"schema":"` + body(addr) + `","guid":"` + guid(addr) + `"}`},
		{"POST", "/subjects/person2/versions", `{"schema":"{\"type\":\"record\",\"name\":\"P\",\"namespace\":\"x\",\"fields\":[{\"name\":\"a\",\"type\":\"Addr\"}]}"}`, 422, `{"error_code":42201,"message":"Invalid schema: unknown type \"x.Addr\""}`},

		// Deletes: ids stay readable; versions keep counting.
		{"DELETE", "/subjects/gps-value/versions/latest", "", 200, `2`},
		{"GET", "/subjects/gps-value/versions", "", 200, `[1]`},
		{"POST", "/subjects/gps-value/versions", `{"schema":"` + body(gpsV2) + `"}`, 200, `{"id":2}`},
		{"GET", "/subjects/gps-value/versions", "", 200, `[1,3]`},
		{"DELETE", "/subjects/gps-value", "", 200, `[1,3]`},
		{"GET", "/subjects/gps-value/versions", "", 404, `{"error_code":40401,"message":"Subject 'gps-value' not found."}`},
		{"GET", "/schemas/ids/2", "", 200, `{"schema":"` + body(gpsV2) + `","guid":"` + g2 + `"}`},
		{"GET", "/config", "", 200, `{"compatibilityLevel":"NONE"}`},
		{"GET", "/schemas/types", "", 200, `["AVRO","JSON","PROTOBUF"]`},
	}, "", "")
}

func TestDevRegistryBasicAuth(t *testing.T) {
	srv := serve(t, registry.Options{BasicAuth: "alice:s3cret"})
	unauthorized := `{"error_code":401,"message":"Unauthorized"}`
	steps := []step{{"GET", "/subjects", "", 401, unauthorized}, {"POST", "/subjects/s/versions", `{"schema":"\"int\""}`, 401, unauthorized}}
	run(t, srv, steps, "", "")
	run(t, srv, steps, "alice", "wrong")
	run(t, srv, steps, "bob", "s3cret")
	_, _, h := do(t, http.DefaultClient, srv.URL(), steps[0], "", "")
	if got := h.Get("WWW-Authenticate"); got != `Basic realm="SchemaRegistry"` {
		t.Errorf("WWW-Authenticate %q", got)
	}
	run(t, srv, []step{
		{"POST", "/subjects/s/versions", `{"schema":"\"int\""}`, 200, `{"id":1}`},
		{"GET", "/subjects", "", 200, `["s"]`},
	}, "alice", "s3cret")
	if _, err := registry.New(registry.Options{BasicAuth: "nocolon"}); err == nil {
		t.Error("New accepted basic auth without a colon")
	}
}

func TestDevRegistryBearer(t *testing.T) {
	get := func(srv *registry.Server, auth string) (int, http.Header) {
		t.Helper()
		req, err := http.NewRequestWithContext(t.Context(), "GET", srv.URL()+"/subjects", nil)
		if err != nil {
			t.Fatal(err)
		}
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode, resp.Header
	}
	srv := serve(t, registry.Options{BearerToken: "tok3n"})
	for auth, want := range map[string]int{"": 401, "Bearer tok3n": 200, "Bearer nope": 401, "Basic dTpw": 401} {
		if got, _ := get(srv, auth); got != want {
			t.Errorf("bearer only, Authorization %q: %d, want %d", auth, got, want)
		}
	}
	if _, h := get(srv, ""); h.Get("WWW-Authenticate") != `Bearer realm="SchemaRegistry"` {
		t.Errorf("WWW-Authenticate %q", h.Get("WWW-Authenticate"))
	}
	both := serve(t, registry.Options{BasicAuth: "u:p", BearerToken: "tok3n"})
	for auth, want := range map[string]int{"": 401, "Bearer tok3n": 200, "Basic dTpw": 200, "Basic dTpx": 401} {
		if got, _ := get(both, auth); got != want {
			t.Errorf("basic or bearer, Authorization %q: %d, want %d", auth, got, want)
		}
	}
}

func TestDevRegistryOutage(t *testing.T) {
	srv := serve(t, registry.Options{})
	reg := srv.Registry()
	if _, _, err := reg.Register("s", registry.Schema{Schema: gps}); err != nil {
		t.Fatal(err)
	}
	unavailable := `{"error_code":50301,"message":"Schema Registry unavailable (simulated outage)"}`
	ok := `{"schema":"` + body(gpsCompact) + `","guid":"` + guid(gpsCompact) + `"}`
	before := reg.Requests()
	reg.FailNext(2)
	run(t, srv, []step{
		{"GET", "/schemas/ids/1", "", 503, unavailable},
		{"GET", "/schemas/ids/1", "", 503, unavailable},
		{"GET", "/schemas/ids/1", "", 200, ok},
	}, "", "")
	if n := reg.Requests() - before; n != 3 {
		t.Errorf("Requests counted %d, want 3", n)
	}
	reg.ThrottleNext(1, 1500*time.Millisecond)
	status, got, h := do(t, http.DefaultClient, srv.URL(), step{method: "GET", path: "/schemas/ids/1"}, "", "")
	if status != 429 || got != `{"error_code":429,"message":"Too many requests (simulated rate limit)"}` || h.Get("Retry-After") != "2" {
		t.Errorf("throttled: %d %s Retry-After %q", status, got, h.Get("Retry-After"))
	}
	run(t, srv, []step{{"GET", "/schemas/ids/1", "", 200, ok}}, "", "")
	reg.SetDown(true)
	run(t, srv, []step{{"GET", "/schemas/ids/1", "", 503, unavailable}}, "", "")
	reg.SetDown(false)
	run(t, srv, []step{{"GET", "/schemas/ids/1", "", 200, ok}}, "", "")

	// A refused connection, then the same address and data again.
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 2 * time.Second}
	if resp, err := client.Get(srv.URL() + "/schemas/ids/1"); err == nil {
		resp.Body.Close()
		t.Fatal("request succeeded while the server is closed")
	}
	if err := srv.Restart(); err != nil {
		t.Fatal(err)
	}
	status, got, _ = do(t, client, srv.URL(), step{method: "GET", path: "/schemas/ids/1"}, "", "")
	if status != 200 || got != ok {
		t.Errorf("after restart: %d %s", status, got)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
}

// Concurrent registrations of the same schemas agree on ids (run with -race).
func TestDevRegistryConcurrent(t *testing.T) {
	reg, err := registry.New(registry.Options{})
	if err != nil {
		t.Fatal(err)
	}
	schemas := []string{`"int"`, `"long"`, `"string"`, gps, gpsV2}
	ids := make(chan [2]int, 100)
	done := make(chan struct{})
	for w := range 20 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range 5 {
				k := (w + i) % len(schemas)
				id, _, err := reg.Register("s", registry.Schema{Schema: schemas[k]})
				if err != nil {
					t.Error(err)
					return
				}
				ids <- [2]int{k, id}
			}
		}()
	}
	for range 20 {
		<-done
	}
	close(ids)
	seen := map[int]int{}
	for p := range ids {
		if prev, ok := seen[p[0]]; ok && prev != p[1] {
			t.Errorf("schema %d got ids %d and %d", p[0], prev, p[1])
		}
		seen[p[0]] = p[1]
	}
	if vs, _ := reg.Versions("s"); len(vs) != len(schemas) {
		t.Errorf("versions %v, want %d", vs, len(schemas))
	}
}
