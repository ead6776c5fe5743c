package registry_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	devregistry "github.com/streamc/streamc/internal/devtools/registry"
	"github.com/streamc/streamc/internal/runtime/registry"
)

func TestClientEndpoints(t *testing.T) {
	srv := newServer(t, devregistry.Options{})
	c := newClient(t, fastRetries(srv.URL))
	ctx := t.Context()

	if _, err := c.Latest(ctx, "gps-value"); !errors.Is(err, registry.ErrNotFound) {
		t.Fatalf("Latest before registering: %v, want ErrNotFound", err)
	}
	id, err := c.Register(ctx, "gps-value", gps)
	if err != nil || id != 1 {
		t.Fatalf("Register: %d, %v", id, err)
	}
	guid := srv.reg.GUID(1)

	got, err := c.Lookup(ctx, "gps-value", gps)
	if err != nil {
		t.Fatal(err)
	}
	want := registry.Schema{ID: 1, GUID: guid, Subject: "gps-value", Version: 1, SchemaType: "AVRO", Schema: gpsCompact}
	if !equal(got, want) {
		t.Errorf("Lookup:\n got  %+v\n want %+v", got, want)
	}

	byID := registry.Schema{ID: 1, GUID: guid, SchemaType: "AVRO", Schema: gpsCompact}
	if got, err := c.SchemaByID(ctx, 1); err != nil || !equal(got, byID) {
		t.Errorf("SchemaByID: %+v, %v", got, err)
	}
	if got, err := c.SchemaByGUID(ctx, guid); err != nil || !equal(got, byID) {
		t.Errorf("SchemaByGUID: %+v, %v", got, err)
	}

	if id, err := c.Register(ctx, "gps-value", gpsV2); err != nil || id != 2 {
		t.Fatalf("Register v2: %d, %v", id, err)
	}
	latest, err := c.Latest(ctx, "gps-value")
	wantLatest := registry.Schema{ID: 2, GUID: srv.reg.GUID(2), Subject: "gps-value", Version: 2, SchemaType: "AVRO", Schema: gpsV2}
	if err != nil || !equal(latest, wantLatest) {
		t.Errorf("Latest: %+v, %v", latest, err)
	}
	if v1, err := c.Version(ctx, "gps-value", 1); err != nil || !equal(v1, want) {
		t.Errorf("Version 1: %+v, %v", v1, err)
	}
	if vs, err := c.Versions(ctx, "gps-value"); err != nil || !slices.Equal(vs, []int{1, 2}) {
		t.Errorf("Versions: %v, %v", vs, err)
	}

	// A subject that must be escaped as one path segment; a JSON schema
	// with its type.
	odd := "team/a b-value"
	if id, err := c.RegisterSchema(ctx, odd, registry.Schema{SchemaType: "JSON", Schema: `{"type":"object"}`}); err != nil || id != 3 {
		t.Fatalf("RegisterSchema %q: %d, %v", odd, id, err)
	}
	if got, err := c.Latest(ctx, odd); err != nil || got.Subject != odd || got.SchemaType != "JSON" {
		t.Errorf("Latest %q: %+v, %v", odd, got, err)
	}
	if n := srv.requests("POST /subjects/team%2Fa%20b-value/versions"); n != 1 {
		t.Errorf("escaped subject path requested %d times", n)
	}
	if ss, err := c.Subjects(ctx); err != nil || !slices.Equal(ss, []string{"gps-value", odd}) {
		t.Errorf("Subjects: %q, %v", ss, err)
	}

	// References travel with the schema.
	addr := `{"type":"record","name":"Addr","namespace":"x","fields":[{"name":"city","type":"string"}]}`
	if _, err := c.Register(ctx, "addr", addr); err != nil {
		t.Fatal(err)
	}
	person := registry.Schema{Schema: `{"type":"record","name":"P","namespace":"x","fields":[{"name":"a","type":"Addr"}]}`,
		References: []registry.Reference{{Name: "x.Addr", Subject: "addr", Version: 1}}}
	pid, err := c.RegisterSchema(ctx, "person", person)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := c.SchemaByID(ctx, pid); err != nil || !slices.Equal(got.References, person.References) {
		t.Errorf("SchemaByID with references: %+v, %v", got, err)
	}
}

func equal(a, b registry.Schema) bool {
	return fmt.Sprintf("%+v", a) == fmt.Sprintf("%+v", b)
}

func TestClientCaches(t *testing.T) {
	srv := newServer(t, devregistry.Options{})
	c := newClient(t, fastRetries(srv.URL))
	ctx := t.Context()
	if _, _, err := srv.reg.Register("gps-value", devregistry.Schema{Schema: gps}); err != nil {
		t.Fatal(err)
	}

	before := srv.total.Load()
	for range 3 {
		if _, err := c.SchemaByID(ctx, 1); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.total.Load() - before; n != 1 {
		t.Errorf("three SchemaByID calls made %d requests, want 1", n)
	}
	// The id's answer carried the GUID: fetching by it needs no request.
	if _, err := c.SchemaByGUID(ctx, srv.reg.GUID(1)); err != nil {
		t.Fatal(err)
	}
	if n := srv.total.Load() - before; n != 1 {
		t.Errorf("SchemaByGUID after SchemaByID made a request")
	}

	// Latest is not cached; it primes the version cache.
	before = srv.total.Load()
	for range 2 {
		if _, err := c.Latest(ctx, "gps-value"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Version(ctx, "gps-value", 1); err != nil {
		t.Fatal(err)
	}
	if n := srv.total.Load() - before; n != 2 {
		t.Errorf("two Latest and one Version made %d requests, want 2", n)
	}

	// Registrations and look-ups are cached by subject and text.
	before = srv.total.Load()
	for range 2 {
		if id, err := c.Register(ctx, "gps-value", gps); err != nil || id != 1 {
			t.Fatalf("Register: %d, %v", id, err)
		}
		if _, err := c.Lookup(ctx, "gps-value", gps); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.total.Load() - before; n != 2 {
		t.Errorf("two Register and two Lookup calls made %d requests, want 2", n)
	}
	// Another subject is another registration.
	if _, err := c.Register(ctx, "other", gps); err != nil {
		t.Fatal(err)
	}
	if n := srv.total.Load() - before; n != 3 {
		t.Errorf("registering under another subject made no request")
	}

	// Failures are not cached.
	before = srv.total.Load()
	for range 2 {
		if _, err := c.SchemaByID(ctx, 99); !errors.Is(err, registry.ErrNotFound) {
			t.Fatalf("SchemaByID(99): %v", err)
		}
	}
	if n := srv.total.Load() - before; n != 2 {
		t.Errorf("two failed SchemaByID calls made %d requests, want 2", n)
	}
}

// Partitions meeting a new id at once share one request.
func TestClientConcurrentSameID(t *testing.T) {
	srv := newServer(t, devregistry.Options{})
	c := newClient(t, fastRetries(srv.URL))
	if _, _, err := srv.reg.Register("gps-value", devregistry.Schema{Schema: gps}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := srv.reg.Register("gps-value", devregistry.Schema{Schema: gpsV2}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range 64 {
		wg.Go(func() {
			<-start
			id := 1 + i%2
			s, err := c.SchemaByID(t.Context(), id)
			if err != nil || s.ID != id {
				t.Errorf("SchemaByID(%d): %+v, %v", id, s, err)
			}
		})
	}
	close(start)
	wg.Wait()
	for _, p := range []string{"GET /schemas/ids/1", "GET /schemas/ids/2"} {
		if n := srv.requests(p); n != 1 {
			t.Errorf("%s requested %d times, want 1", p, n)
		}
	}
}

func TestClientNotFound(t *testing.T) {
	srv := newServer(t, devregistry.Options{})
	c := newClient(t, fastRetries(srv.URL))
	ctx := t.Context()
	if _, err := c.Register(ctx, "gps-value", gps); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		call func() error
		want string
	}{
		{"id", func() error { _, err := c.SchemaByID(ctx, 999); return err },
			fmt.Sprintf("schema id 999 not found in registry %s (error 40403: Schema 999 not found)", srv.URL)},
		{"guid", func() error { _, err := c.SchemaByGUID(ctx, "0-0"); return err },
			fmt.Sprintf("schema guid 0-0 not found in registry %s (error 40403: Schema not found)", srv.URL)},
		{"subject", func() error { _, err := c.Latest(ctx, "nope-value"); return err },
			fmt.Sprintf(`subject "nope-value" not found in registry %s (error 40401: Subject 'nope-value' not found.)`, srv.URL)},
		{"version", func() error { _, err := c.Version(ctx, "gps-value", 7); return err },
			fmt.Sprintf(`version 7 of subject "gps-value" not found in registry %s (error 40402: Version 7 not found.)`, srv.URL)},
		{"versions", func() error { _, err := c.Versions(ctx, "nope-value"); return err },
			fmt.Sprintf(`subject "nope-value" not found in registry %s (error 40401: Subject 'nope-value' not found.)`, srv.URL)},
		{"lookup", func() error { _, err := c.Lookup(ctx, "gps-value", gpsV2); return err },
			fmt.Sprintf(`schema under subject "gps-value" not found in registry %s (error 40403: Schema not found)`, srv.URL)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := srv.total.Load()
			err := tc.call()
			if !errors.Is(err, registry.ErrNotFound) || errors.Is(err, registry.ErrUnavailable) {
				t.Fatalf("err %v, want ErrNotFound only", err)
			}
			if err.Error() != tc.want {
				t.Errorf("message\n got  %s\n want %s", err, tc.want)
			}
			var e *registry.Error
			if !errors.As(err, &e) || e.Status != 404 || e.Attempts != 1 {
				t.Errorf("error %+v", e)
			}
			if n := srv.total.Load() - before; n != 1 {
				t.Errorf("a 404 was retried: %d requests", n)
			}
		})
	}

	_, err := c.Register(ctx, "bad", `{"type":"record","name":"R","fields":[{"name":"a","type":"strng"}]}`)
	if !errors.Is(err, registry.ErrInvalidSchema) {
		t.Errorf("invalid schema: %v", err)
	}
	if want := fmt.Sprintf(`registry %s: POST /subjects/bad/versions: HTTP 422 error 42201: Invalid schema: unknown type "strng"`, srv.URL); err.Error() != want {
		t.Errorf("invalid schema message\n got  %s\n want %s", err, want)
	}
	if _, err := c.Version(ctx, "gps-value", 0); err == nil {
		t.Error("Version 0 accepted")
	}
	if _, err := c.Register(ctx, "gps-value", ""); err == nil {
		t.Error("empty schema accepted")
	}
}

func TestClientBasicAuth(t *testing.T) {
	srv := newServer(t, devregistry.Options{BasicAuth: "alice:s3cret"})
	var logs logBuffer
	ctx := t.Context()

	good := fastRetries(srv.URL)
	good.BasicAuthUserInfo, good.Logger = "alice:s3cret", logs.logger()
	if _, err := newClient(t, good).Register(ctx, "s", `"int"`); err != nil {
		t.Fatal(err)
	}

	// Credentials in the URL, as basic.auth.credentials.source=URL.
	inURL := fastRetries(strings.Replace(srv.URL, "http://", "http://alice:s3cret@", 1))
	inURL.Logger = logs.logger()
	c := newClient(t, inURL)
	if _, err := c.SchemaByID(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(c.URL(), "s3cret") {
		t.Errorf("URL() shows the secret: %s", c.URL())
	}

	bad := fastRetries(srv.URL)
	bad.BasicAuthUserInfo, bad.Logger = "alice:wrong-pa55", logs.logger()
	before := srv.total.Load()
	_, err := newClient(t, bad).SchemaByID(ctx, 1)
	if !errors.Is(err, registry.ErrUnauthorized) {
		t.Fatalf("wrong password: %v", err)
	}
	want := fmt.Sprintf(`registry %s rejected the credentials of user "alice" (GET /schemas/ids/1: HTTP 401 error 401: Unauthorized)`, srv.URL)
	if err.Error() != want {
		t.Errorf("message\n got  %s\n want %s", err, want)
	}
	if n := srv.total.Load() - before; n != 1 {
		t.Errorf("a 401 was retried: %d requests", n)
	}

	_, err = newClient(t, fastRetries(srv.URL)).Subjects(ctx)
	if !errors.Is(err, registry.ErrUnauthorized) || !strings.Contains(err.Error(), "requires credentials and none are configured") {
		t.Errorf("no credentials: %v", err)
	}

	for _, secret := range []string{"s3cret", "wrong-pa55"} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("a secret is in the logs:\n%s", logs.String())
		}
	}
	if cfg := fmt.Sprintf("%v %+v %#v %s", bad, bad, bad, inURL); strings.Contains(cfg, "wrong-pa55") || strings.Contains(cfg, "s3cret") {
		t.Errorf("a formatted Config shows a secret: %s", cfg)
	}
}

func TestClientBearer(t *testing.T) {
	srv := newServer(t, devregistry.Options{BearerToken: "t0ken"})
	cfg := fastRetries(srv.URL)
	cfg.BearerToken = "t0ken"
	if _, err := newClient(t, cfg).Subjects(t.Context()); err != nil {
		t.Fatal(err)
	}
	cfg.BearerToken = "expired-t0ken"
	_, err := newClient(t, cfg).Subjects(t.Context())
	if !errors.Is(err, registry.ErrUnauthorized) || !strings.Contains(err.Error(), "rejected the credentials of the bearer token") || strings.Contains(err.Error(), "t0ken") {
		t.Errorf("wrong token: %v", err)
	}
}

func TestNewRejects(t *testing.T) {
	for _, cfg := range []registry.Config{
		{},
		{URLs: []string{"localhost:8081"}},
		{URLs: []string{"ftp://host"}},
		{URLs: []string{"http://h"}, BasicAuthUserInfo: "nocolon"},
		{URLs: []string{"http://h"}, BasicAuthUserInfo: "u:p", BearerToken: "t"},
		{URLs: []string{"http://h"}, CAFile: "/does/not/exist.pem"},
		{URLs: []string{"http://h"}, KeyFile: "k.pem"},
	} {
		if _, err := registry.New(cfg); err == nil {
			t.Errorf("New(%v) succeeded", cfg)
		} else if strings.Contains(err.Error(), "nocolon") {
			t.Errorf("error shows the user info: %v", err)
		}
	}
}

func TestClientContextCancelledWhileWaiting(t *testing.T) {
	srv := newServer(t, devregistry.Options{})
	c := newClient(t, fastRetries(srv.URL))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := c.SchemaByID(ctx, 1); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: %v", err)
	}
}
