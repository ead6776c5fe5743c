package registry_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	devregistry "github.com/streamc/streamc/internal/devtools/registry"
	"github.com/streamc/streamc/internal/runtime/registry"
)

// answering is a registry that gives every request the same answer, and
// counts the requests.
func answering(t *testing.T, status int, contentType, body string) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		n.Add(1)
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// Only Confluent's "schema not found" (a 404 with error code 40403) says a
// schema id is unknown. Any other failed answer to a schema id, a 404
// among them (a wrong path, a proxy's page), is trouble with the registry:
// a bad record must never be inferred from it.
func TestSchemaByIDAnswers(t *testing.T) {
	const (
		jsonType = "application/vnd.schemaregistry.v1+json"
		htmlType = "text/html"
		html     = "<html><body><h1>404 Not Found</h1>nginx</body></html>"
	)
	cases := []struct {
		name        string
		status      int
		contentType string
		body        string
		want        error    // the sentinel matched
		not         []error  // sentinels not matched
		text        []string // in the message, besides the URL
		requests    int64    // 0: one
	}{
		{"schema not found", 404, jsonType, `{"error_code":40403,"message":"Schema 7 not found"}`,
			registry.ErrSchemaNotFound, []error{registry.ErrUnavailable, registry.ErrUnauthorized},
			[]string{"schema id 7 not found in registry", "error 40403"}, 0},
		{"plain 404", 404, "", "",
			registry.ErrUnavailable, []error{registry.ErrNotFound, registry.ErrSchemaNotFound},
			[]string{"GET /schemas/ids/7: HTTP 404", `not the Schema Registry's "not found": is the URL right?`}, 0},
		{"404 of an unknown path", 404, jsonType, `{"error_code":404,"message":"HTTP 404 Not Found"}`,
			registry.ErrUnavailable, []error{registry.ErrNotFound, registry.ErrSchemaNotFound},
			[]string{"GET /schemas/ids/7: HTTP 404 error 404: HTTP 404 Not Found", `not the Schema Registry's "not found": is the URL right?`}, 0},
		{"404 of a subject", 404, jsonType, `{"error_code":40401,"message":"Subject 'x' not found."}`,
			registry.ErrUnavailable, []error{registry.ErrNotFound, registry.ErrSchemaNotFound},
			[]string{"GET /schemas/ids/7: HTTP 404 error 40401"}, 0},
		{"404 HTML page", 404, htmlType, html,
			registry.ErrUnavailable, []error{registry.ErrNotFound, registry.ErrSchemaNotFound},
			[]string{"GET /schemas/ids/7: HTTP 404: <html><body><h1>404 Not Found</h1>nginx</body></html>"}, 0},
		{"401", 401, jsonType, `{"error_code":401,"message":"Unauthorized"}`,
			registry.ErrUnauthorized, []error{registry.ErrNotFound, registry.ErrSchemaNotFound},
			[]string{"GET /schemas/ids/7: HTTP 401"}, 0},
		{"403", 403, "text/plain", "Forbidden\n",
			registry.ErrUnauthorized, []error{registry.ErrNotFound, registry.ErrSchemaNotFound},
			[]string{"GET /schemas/ids/7: HTTP 403: Forbidden"}, 0},
		{"500", 500, jsonType, `{"error_code":50001,"message":"Error in the backend data store"}`,
			registry.ErrUnavailable, []error{registry.ErrNotFound, registry.ErrSchemaNotFound},
			[]string{"unavailable after 4 attempts", "GET /schemas/ids/7: HTTP 500 error 50001"}, 4},
		{"HTML 200", 200, htmlType, html,
			registry.ErrUnavailable, []error{registry.ErrNotFound, registry.ErrSchemaNotFound},
			[]string{"GET /schemas/ids/7: reading the answer (HTTP 200)"}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, n := answering(t, c.status, c.contentType, c.body)
			// Credentials in the URL, and a path: neither the secret nor
			// anything but the base URL reaches the message.
			base := strings.Replace(srv.URL, "http://", "http://alice:s3cret@", 1) + "/registry/"
			shown := srv.URL + "/registry"
			_, err := newClient(t, fastRetries(base)).SchemaByID(t.Context(), 7)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, c.want) {
				t.Errorf("error %v is not %v", err, c.want)
			}
			for _, not := range c.not {
				if errors.Is(err, not) {
					t.Errorf("error %v is %v", err, not)
				}
			}
			msg := err.Error()
			for _, w := range append([]string{shown}, c.text...) {
				if !strings.Contains(msg, w) {
					t.Errorf("the message does not say %q:\n%s", w, msg)
				}
			}
			if strings.Contains(msg, "s3cret") {
				t.Errorf("the message holds the password:\n%s", msg)
			}
			var e *registry.Error
			if !errors.As(err, &e) || e.Status != c.status {
				t.Errorf("error %#v, want status %d", e, c.status)
			}
			want := max(c.requests, 1)
			if got := n.Load(); got != want {
				t.Errorf("%d requests, want %d", got, want)
			}
		})
	}
}

// The same holds of a GUID and of subjects: a 404 is "not found" only
// with Confluent's error code for it.
func TestNotFoundNeedsConfluentCode(t *testing.T) {
	plain, _ := answering(t, 404, "", "404 page not found\n")
	c := newClient(t, fastRetries(plain.URL))
	ctx := t.Context()
	calls := map[string]func() error{
		"guid":    func() error { _, err := c.SchemaByGUID(ctx, "0-0"); return err },
		"latest":  func() error { _, err := c.Latest(ctx, "gps-value"); return err },
		"version": func() error { _, err := c.Version(ctx, "gps-value", 1); return err },
		"lookup":  func() error { _, err := c.Lookup(ctx, "gps-value", gps); return err },
	}
	for name, call := range calls {
		err := call()
		if !errors.Is(err, registry.ErrUnavailable) || errors.Is(err, registry.ErrNotFound) {
			t.Errorf("%s, plain 404: %v, want ErrUnavailable only", name, err)
		}
		if err != nil && !strings.Contains(err.Error(), "HTTP 404") {
			t.Errorf("%s, plain 404: %v does not name the status", name, err)
		}
	}

	// A wrong path on a real registry: its catch-all 404 is no answer
	// about the schema.
	srv := newServer(t, devregistry.Options{})
	if _, _, err := srv.reg.Register("gps-value", devregistry.Schema{Schema: gps}); err != nil {
		t.Fatal(err)
	}
	_, err := newClient(t, fastRetries(srv.URL+"/wrong")).SchemaByID(ctx, 1)
	want := fmt.Sprintf("registry %s/wrong unavailable: GET /schemas/ids/1: HTTP 404", srv.URL)
	if !errors.Is(err, registry.ErrUnavailable) || !strings.HasPrefix(fmt.Sprint(err), want) {
		t.Errorf("wrong path:\n got  %v\n want %s...", err, want)
	}
	// The right path finds it; an unknown id there is "schema not found".
	good := newClient(t, fastRetries(srv.URL))
	if _, err := good.SchemaByID(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := good.SchemaByID(ctx, 2); !errors.Is(err, registry.ErrSchemaNotFound) || !errors.Is(err, registry.ErrNotFound) {
		t.Errorf("unknown id: %v", err)
	}
	if _, err := good.Latest(ctx, "nope"); !errors.Is(err, registry.ErrNotFound) || errors.Is(err, registry.ErrSchemaNotFound) {
		t.Errorf("unknown subject: %v", err)
	}
}
