package registry

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// DefaultAddr is where `streamc dev` serves the registry unless told
// otherwise (Confluent's default port).
const DefaultAddr = "127.0.0.1:8081"

// Server serves a Registry over HTTP on one address. Close and Restart
// simulate an outage in which connections are refused; the registry's data
// lives in the Registry and survives both.
type Server struct {
	reg  *Registry
	addr string

	mu  sync.Mutex
	srv *http.Server // nil while closed
}

// Serve listens on addr (port 0 picks a free port) and serves reg.
func Serve(addr string, reg *Registry) (*Server, error) {
	if addr == "" {
		addr = DefaultAddr
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("registry: listen on %s: %w", addr, err)
	}
	s := &Server{reg: reg, addr: ln.Addr().String()}
	s.serve(ln)
	return s, nil
}

func (s *Server) serve(ln net.Listener) {
	srv := &http.Server{Handler: s.reg, ReadHeaderTimeout: 10 * time.Second}
	s.mu.Lock()
	s.srv = srv
	s.mu.Unlock()
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.reg.log.Error("schema registry stopped", "err", err)
		}
	}()
}

// Addr is the host:port the server listens on.
func (s *Server) Addr() string { return s.addr }

// URL is the registry's base URL, for schema.registry.url.
func (s *Server) URL() string {
	host, port, _ := net.SplitHostPort(s.addr)
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// Registry is the registry served.
func (s *Server) Registry() *Registry { return s.reg }

// Close stops listening and drops open connections at once.
func (s *Server) Close() error {
	srv := s.take()
	if srv == nil {
		return nil
	}
	return srv.Close()
}

// Shutdown stops listening and waits for requests in flight, until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	srv := s.take()
	if srv == nil {
		return nil
	}
	return srv.Shutdown(ctx)
}

func (s *Server) take() *http.Server {
	s.mu.Lock()
	defer s.mu.Unlock()
	srv := s.srv
	s.srv = nil
	return srv
}

// Restart serves again on the same address after Close or Shutdown.
func (s *Server) Restart() error {
	s.mu.Lock()
	running := s.srv != nil
	s.mu.Unlock()
	if running {
		return nil
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return fmt.Errorf("registry: listen again on %s: %w", s.addr, err)
	}
	s.serve(ln)
	return nil
}
