package registry_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	devregistry "github.com/streamc/streamc/internal/devtools/registry"
	"github.com/streamc/streamc/internal/runtime/registry"
)

const gps = `{"type": "record", "name": "GpsReading", "namespace": "com.example",
  "fields": [{"name": "timestamp", "type": "long"}, {"name": "deviceId", "type": "string"}]}`

// gpsCompact is gps as the registry stores it.
const gpsCompact = `{"type":"record","name":"GpsReading","namespace":"com.example","fields":[{"name":"timestamp","type":"long"},{"name":"deviceId","type":"string"}]}`

const gpsV2 = `{"type":"record","name":"GpsReading","namespace":"com.example","fields":[{"name":"timestamp","type":"long"},{"name":"deviceId","type":"string"},{"name":"speed","type":"double","default":0}]}`

// server is an in-process Confluent-compatible registry on 127.0.0.1 that
// counts the requests it receives, by path.
type server struct {
	*httptest.Server
	reg *devregistry.Registry

	mu    sync.Mutex
	paths map[string]int
	total atomic.Int64
}

func newServer(t *testing.T, opts devregistry.Options) *server {
	t.Helper()
	s := &server{paths: map[string]int{}}
	s.reg = newRegistry(t, opts)
	s.Server = httptest.NewServer(s.count(s.reg))
	t.Cleanup(s.Close)
	return s
}

func newRegistry(t *testing.T, opts devregistry.Options) *devregistry.Registry {
	t.Helper()
	reg, err := devregistry.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func (s *server) count(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.total.Add(1)
		s.mu.Lock()
		s.paths[r.Method+" "+r.URL.EscapedPath()]++
		s.mu.Unlock()
		h.ServeHTTP(w, r)
	})
}

// requests is how many requests were made for method and escaped path.
func (s *server) requests(methodPath string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.paths[methodPath]
}

// fastRetries is a config that retries without making tests slow.
func fastRetries(urls ...string) registry.Config {
	return registry.Config{URLs: urls, Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, Timeout: 5 * time.Second}
}

func newClient(t *testing.T, cfg registry.Config) *registry.Client {
	t.Helper()
	c, err := registry.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// logBuffer is a debug-level logger whose output tests search for secrets.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
