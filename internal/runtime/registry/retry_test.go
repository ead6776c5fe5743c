package registry_test

import (
	"context"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	devregistry "github.com/streamc/streamc/internal/devtools/registry"
	"github.com/streamc/streamc/internal/runtime/registry"
)

func TestClientRetriesOutage(t *testing.T) {
	srv := newServer(t, devregistry.Options{})
	if _, _, err := srv.reg.Register("gps-value", devregistry.Schema{Schema: gps}); err != nil {
		t.Fatal(err)
	}
	var logs logBuffer
	cfg := fastRetries(srv.URL)
	cfg.Logger = logs.logger()
	c := newClient(t, cfg)

	// Fails twice, then recovers: the third attempt succeeds.
	srv.reg.FailNext(2)
	before := srv.total.Load()
	if _, err := c.SchemaByID(t.Context(), 1); err != nil {
		t.Fatalf("after 2 failures: %v", err)
	}
	if n := srv.total.Load() - before; n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	if !strings.Contains(logs.String(), "retrying") {
		t.Errorf("retries not logged:\n%s", logs.String())
	}

	// Fails longer than MaxRetries (3): 4 attempts, then unavailable.
	srv.reg.FailNext(10)
	before = srv.total.Load()
	_, err := c.Latest(t.Context(), "gps-value")
	if !errors.Is(err, registry.ErrUnavailable) {
		t.Fatalf("err %v, want ErrUnavailable", err)
	}
	want := fmt.Sprintf("registry %s unavailable after 4 attempts: GET /subjects/gps-value/versions/latest: HTTP 503 error 50301: Schema Registry unavailable (simulated outage)", srv.URL)
	if err.Error() != want {
		t.Errorf("message\n got  %s\n want %s", err, want)
	}
	var e *registry.Error
	if !errors.As(err, &e) || e.Attempts != 4 || e.Status != 503 || e.Code != 50301 {
		t.Errorf("error %+v", e)
	}
	if n := srv.total.Load() - before; n != 4 {
		t.Errorf("%d requests, want 4", n)
	}
	srv.reg.FailNext(0)

	// MaxRetries < 0: one attempt only.
	none := fastRetries(srv.URL)
	none.MaxRetries = -1
	srv.reg.FailNext(1)
	if _, err := newClient(t, none).Subjects(t.Context()); !errors.Is(err, registry.ErrUnavailable) || !strings.Contains(err.Error(), "unavailable: GET /subjects: HTTP 503") {
		t.Errorf("no retries: %v", err)
	}
}

func TestClientRetriesRefusedConnection(t *testing.T) {
	reg := newRegistry(t, devregistry.Options{})
	srv, err := devregistry.Serve("127.0.0.1:0", reg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = newClient(t, fastRetries(srv.URL())).Subjects(t.Context())
	if !errors.Is(err, registry.ErrUnavailable) {
		t.Fatalf("err %v, want ErrUnavailable", err)
	}
	if want := fmt.Sprintf("registry %s unavailable after 4 attempts: GET /subjects: dial tcp %s: connect: connection refused", srv.URL(), srv.Addr()); err.Error() != want {
		t.Errorf("message\n got  %s\n want %s", err, want)
	}
}

func TestClientHonoursRetryAfter(t *testing.T) {
	srv := newServer(t, devregistry.Options{})
	c := newClient(t, fastRetries(srv.URL))
	srv.reg.ThrottleNext(1, time.Second)
	began := time.Now()
	if _, err := c.Subjects(t.Context()); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(began); waited < time.Second || waited > 5*time.Second {
		t.Errorf("waited %v after a Retry-After of 1s", waited)
	}
	if n := srv.total.Load(); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestClientBackoffStopsOnCancel(t *testing.T) {
	srv := newServer(t, devregistry.Options{})
	srv.reg.SetDown(true)
	cfg := fastRetries(srv.URL)
	cfg.Backoff, cfg.MaxBackoff = time.Minute, time.Minute
	c := newClient(t, cfg)
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	began := time.Now()
	_, err := c.SchemaByID(ctx, 1)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
	if took := time.Since(began); took > 2*time.Second {
		t.Errorf("took %v to stop after cancellation", took)
	}
}

func TestClientFailsOverBetweenURLs(t *testing.T) {
	// The first URL refuses connections.
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	srv := newServer(t, devregistry.Options{})
	if _, _, err := srv.reg.Register("s", devregistry.Schema{Schema: gps}); err != nil {
		t.Fatal(err)
	}
	cfg := fastRetries(dead.URL, srv.URL)
	cfg.Backoff, cfg.MaxBackoff = time.Minute, time.Minute // failing over needs no backoff
	c := newClient(t, cfg)
	if _, err := c.SchemaByID(t.Context(), 1); err != nil {
		t.Fatal(err)
	}

	// The first URL answers 503: the second is used, and keeps being used.
	down := newServer(t, devregistry.Options{})
	down.reg.SetDown(true)
	c = newClient(t, fastRetries(down.URL, srv.URL))
	for id := range 2 {
		if _, err := c.Latest(t.Context(), "s"); err != nil {
			t.Fatalf("call %d: %v", id, err)
		}
	}
	if n := down.total.Load(); n != 1 {
		t.Errorf("the failing URL got %d requests, want 1", n)
	}

	// Both down: every URL in every round, and the message names them.
	srv.reg.SetDown(true)
	_, err := newClient(t, fastRetries(down.URL, srv.URL)).Subjects(t.Context())
	if !errors.Is(err, registry.ErrUnavailable) || !strings.HasPrefix(err.Error(), fmt.Sprintf("registry %s,%s unavailable after 8 attempts: GET %s/subjects: HTTP 503", down.URL, srv.URL, srv.URL)) {
		t.Errorf("both down: %v", err)
	}
}

func TestClientTLS(t *testing.T) {
	reg := newRegistry(t, devregistry.Options{BasicAuth: "alice:s3cret"})
	srv := httptest.NewTLSServer(reg)
	t.Cleanup(srv.Close)
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}

	cfg := fastRetries(srv.URL)
	cfg.BasicAuthUserInfo, cfg.CAFile = "alice:s3cret", caFile
	if _, err := newClient(t, cfg).Register(t.Context(), "s", `"int"`); err != nil {
		t.Fatalf("with the CA: %v", err)
	}

	// Without the CA the certificate is unknown; that is not retried.
	cfg.CAFile = ""
	_, err := newClient(t, cfg).SchemaByID(t.Context(), 1)
	want := fmt.Sprintf("registry %s unavailable: GET /schemas/ids/1: tls: failed to verify certificate: x509: certificate signed by unknown authority", srv.URL)
	if !errors.Is(err, registry.ErrUnavailable) || err.Error() != want {
		t.Errorf("without the CA:\n got  %v\n want %s", err, want)
	}

	cfg.InsecureSkipVerify = true
	if _, err := newClient(t, cfg).SchemaByID(t.Context(), 1); err != nil {
		t.Errorf("insecure: %v", err)
	}

	notPEM := filepath.Join(t.TempDir(), "x.pem")
	os.WriteFile(notPEM, []byte("hello"), 0o600)
	if _, err := registry.New(registry.Config{URLs: []string{srv.URL}, CAFile: notPEM}); err == nil {
		t.Error("a CA file without certificates was accepted")
	}
	if _, err := registry.New(registry.Config{URLs: []string{srv.URL}, CAFile: caFile, HTTPClient: http.DefaultClient}); err == nil {
		t.Error("TLS settings with an HTTPClient were accepted")
	}
}

// A 200 that is not the registry's JSON (a login page from a proxy) is the
// registry's trouble, not a bad schema id.
func TestClientUnreadableAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("<html>Please log in</html>"))
	}))
	t.Cleanup(srv.Close)
	_, err := newClient(t, fastRetries(srv.URL)).SchemaByID(t.Context(), 1)
	if !errors.Is(err, registry.ErrUnavailable) || !strings.Contains(err.Error(), "GET /schemas/ids/1: reading the answer (HTTP 200): invalid character '<'") {
		t.Errorf("err %v", err)
	}
}

// Confluent's security plugin answers 401 in plain text, not JSON.
func TestClientPlainTextUnauthorized(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte("User cannot access the resource.\n"))
	}))
	t.Cleanup(srv.Close)
	cfg := fastRetries(srv.URL)
	cfg.BasicAuthUserInfo = "bob:hunter2"
	_, err := newClient(t, cfg).Subjects(t.Context())
	want := fmt.Sprintf(`registry %s rejected the credentials of user "bob" (GET /subjects: HTTP 401: User cannot access the resource.)`, srv.URL)
	if !errors.Is(err, registry.ErrUnauthorized) || err.Error() != want {
		t.Errorf("\n got  %v\n want %s", err, want)
	}
}
