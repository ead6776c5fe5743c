package confluent_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/confluent"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/registry"
)

// A registry that cannot say which schema an id names stops the query
// (Transient), whatever its answer; only Confluent's "schema not found"
// makes the record bad. Errors name the registry's URL and the status.
func TestDecoderRegistryAnswers(t *testing.T) {
	const html = "<html><body><h1>Not Found</h1></body></html>"
	cases := []struct {
		name     string
		status   int
		body     string
		notFound bool // the record's fault
	}{
		{"schema not found", 404, `{"error_code":40403,"message":"Schema 7 not found"}`, true},
		{"plain 404", 404, "", false},
		{"404 of an unknown path", 404, `{"error_code":404,"message":"HTTP 404 Not Found"}`, false},
		{"404 HTML page", 404, html, false},
		{"401", 401, `{"error_code":401,"message":"Unauthorized"}`, false},
		{"403", 403, "Forbidden", false},
		{"405", 405, `{"error_code":405,"message":"HTTP 405 Method Not Allowed"}`, false},
		{"500", 500, `{"error_code":50001,"message":"store error"}`, false},
		{"HTML 200", 200, html, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(c.status)
				w.Write([]byte(c.body))
			}))
			t.Cleanup(srv.Close)
			client, err := registry.New(registry.Config{URLs: []string{srv.URL}, Backoff: time.Millisecond, MaxBackoff: 2 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			d, err := confluent.NewDecoder(context.Background(), client, gpsV1, false)
			if err != nil {
				t.Fatal(err)
			}
			_, err = d.Body(framed(7, v1Body(berlin)), nil, new([]byte))
			if err == nil {
				t.Fatal("no error")
			}
			if got := errors.Is(err, registry.ErrSchemaNotFound); got != c.notFound {
				t.Errorf("ErrSchemaNotFound %v, want %v: %v", got, c.notFound, err)
			}
			if got := confluent.Transient(err); got == c.notFound {
				t.Errorf("Transient %v, want %v: %v", got, !c.notFound, err)
			}
			for _, w := range []string{srv.URL, "schema id 7", "HTTP " + strconv.Itoa(c.status)} {
				if c.notFound && strings.HasPrefix(w, "HTTP") {
					continue
				}
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the error does not say %q: %v", w, err)
				}
			}
		})
	}
}

// A record naming a schema id the registry does not have is a bad record
// that is also reported: a warning once per id, naming the first such
// record, and a count of every one. Registry trouble is neither.
func TestDecoderReportsUnknownIDs(t *testing.T) {
	r := newTestRegistry(t)
	id := r.register(t, "gps-value", gpsV1)
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	var counted atomic.Int64
	var reasons []string
	d, err := confluent.NewDecoder(context.Background(), r.client, gpsV1, false,
		confluent.Report(log, func(reason string) { counted.Add(1); reasons = append(reasons, reason) }))
	if err != nil {
		t.Fatal(err)
	}
	rows := []kafka.Row{
		{Topic: "gps", Partition: 2, Offset: 5, Value: framed(999, v1Body(berlin))},
		{Topic: "gps", Partition: 2, Offset: 6, Value: framed(999, v1Body(berlin))},
		{Topic: "gps", Partition: 1, Offset: 7, Value: framed(998, v1Body(berlin))},
		{Topic: "gps", Partition: 1, Offset: 8, Value: framed(id, v1Body(berlin))},
		{Topic: "gps", Partition: 1, Offset: 9, Key: framed(997, nil), Value: framed(id, v1Body(berlin))},
	}
	var scratch []byte
	for i := range rows {
		body, err := d.Decode(&rows[i], &scratch)
		switch rows[i].Offset {
		case 8, 9:
			if err != nil || !bytes.Equal(body, v1Body(berlin)) {
				t.Errorf("offset %d: %x, %v", rows[i].Offset, body, err)
			}
		default:
			if !errors.Is(err, registry.ErrSchemaNotFound) || confluent.Transient(err) {
				t.Errorf("offset %d: %v", rows[i].Offset, err)
			}
		}
	}
	if n := counted.Load(); n != 3 {
		t.Errorf("%d records counted, want 3", n)
	}
	for _, reason := range reasons {
		if reason != confluent.ReasonUnknownSchemaID {
			t.Errorf("reason %q", reason)
		}
	}
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d log lines, want one per unknown id:\n%s", len(lines), logs.String())
	}
	for i, want := range [][]string{
		{"level=WARN", "schemaId=999", "topic=gps", "partition=2", "offset=5", "column=value", r.client.URL()},
		{"level=WARN", "schemaId=998", "topic=gps", "partition=1", "offset=7"},
	} {
		for _, w := range want {
			if !strings.Contains(lines[i], w) {
				t.Errorf("log line %d does not say %q: %s", i, w, lines[i])
			}
		}
	}

	// An outage is no bad record: neither counted nor reported as one.
	r.reg.SetDown(true)
	defer r.reg.SetDown(false)
	logs.Reset()
	if _, err := d.Decode(&kafka.Row{Topic: "gps", Offset: 10, Value: framed(996, nil)}, &scratch); !confluent.Transient(err) {
		t.Errorf("registry down: %v", err)
	}
	if n := counted.Load(); n != 3 || strings.Contains(logs.String(), "schemaId=996") {
		t.Errorf("an outage was counted (%d) or reported:\n%s", n, logs.String())
	}
}
