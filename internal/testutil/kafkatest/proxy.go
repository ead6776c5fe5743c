package kafkatest

import (
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
)

// Proxy is a TCP proxy on 127.0.0.1 in front of the broker, for network
// faults: it drops every connection at once (a broker restart, a NAT table
// flush) or blackholes traffic (a partition: bytes are held, not lost, and
// flow again when it ends, as TCP's retransmissions would deliver them).
// A cluster made with BehindProxy advertises the proxy's address, so
// clients that bootstrap from Cluster.Addr reach the broker only through it.
type Proxy struct {
	ln       net.Listener
	upstream string

	mu      sync.Mutex
	conns   map[*proxyConn]struct{}
	resume  chan struct{} // non-nil while blackholed; closed when it ends
	locals  map[string]bool
	closed  bool
	wg      sync.WaitGroup
	accepts atomic.Int64
	drops   atomic.Int64
}

type proxyConn struct {
	client net.Conn
	done   chan struct{}

	mu     sync.Mutex
	server net.Conn
	ended  bool
}

// newProxy listens on 127.0.0.1:0; it forwards to upstream once started.
func newProxy() (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	return &Proxy{ln: ln, conns: map[*proxyConn]struct{}{}, locals: map[string]bool{}}, nil
}

// Addr is where clients connect.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

func (p *Proxy) start(upstream string) {
	p.upstream = upstream
	p.wg.Add(1)
	go p.accept()
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.accepts.Add(1)
		pc := &proxyConn{client: c, done: make(chan struct{})}
		p.mu.Lock()
		if p.closed {
			p.mu.Unlock()
			c.Close()
			return
		}
		p.conns[pc] = struct{}{}
		p.mu.Unlock()
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			p.serve(pc)
		}()
	}
}

// serve connects pc to the broker (after any blackhole ends, as a SYN
// would be answered only then) and copies both ways until either side ends.
func (p *Proxy) serve(pc *proxyConn) {
	defer p.forget(pc)
	if !p.gate(pc.done) {
		return
	}
	s, err := net.Dial("tcp", p.upstream)
	if err != nil {
		pc.close(true)
		return
	}
	p.mu.Lock()
	p.locals[s.LocalAddr().String()] = true
	p.mu.Unlock()
	if !pc.setServer(s) { // dropped while dialling
		s.Close()
		return
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); p.copy(pc, s, pc.client) }()
	go func() { defer wg.Done(); p.copy(pc, pc.client, s) }()
	wg.Wait()
}

// copy forwards src to dst, holding each chunk while blackholed.
func (p *Proxy) copy(pc *proxyConn, dst, src net.Conn) {
	defer pc.close(false)
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			if !p.gate(pc.done) {
				return
			}
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				pc.close(true)
			}
			return
		}
	}
}

// gate waits while the proxy is blackholed; false means pc was dropped.
func (p *Proxy) gate(done <-chan struct{}) bool {
	p.mu.Lock()
	ch := p.resume
	p.mu.Unlock()
	if ch == nil {
		return true
	}
	select {
	case <-ch:
		return true
	case <-done:
		return false
	}
}

func (p *Proxy) forget(pc *proxyConn) {
	pc.close(false)
	p.mu.Lock()
	delete(p.conns, pc)
	p.mu.Unlock()
}

// close ends both sides; reset makes the client see a connection reset
// (RST) rather than an orderly close.
func (pc *proxyConn) close(reset bool) {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.ended {
		return
	}
	pc.ended = true
	if reset {
		if tc, ok := pc.client.(*net.TCPConn); ok {
			_ = tc.SetLinger(0)
		}
	}
	pc.client.Close()
	if pc.server != nil {
		pc.server.Close()
	}
	close(pc.done)
}

func (pc *proxyConn) setServer(s net.Conn) bool {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.ended {
		return false
	}
	pc.server = s
	return true
}

// DropAll resets every open connection; clients reconnect through the
// proxy. It returns how many were dropped.
func (p *Proxy) DropAll() int {
	p.mu.Lock()
	conns := make([]*proxyConn, 0, len(p.conns))
	for pc := range p.conns {
		conns = append(conns, pc)
	}
	p.mu.Unlock()
	for _, pc := range conns {
		pc.close(true)
	}
	p.drops.Add(int64(len(conns)))
	return len(conns)
}

// Blackhole starts (on) or ends a blackhole: while it lasts, connections
// are accepted but nothing is forwarded either way.
func (p *Proxy) Blackhole(on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case on && p.resume == nil:
		p.resume = make(chan struct{})
	case !on && p.resume != nil:
		close(p.resume)
		p.resume = nil
	}
}

// Accepted counts the client connections the proxy has accepted.
func (p *Proxy) Accepted() int64 { return p.accepts.Load() }

// Dropped counts the connections DropAll has reset.
func (p *Proxy) Dropped() int64 { return p.drops.Load() }

// fromProxy reports whether a connection the broker accepted from addr was
// the proxy's.
func (p *Proxy) fromProxy(addr string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.locals[addr]
}

// Close stops the proxy and drops its connections.
func (p *Proxy) Close() {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	p.Blackhole(false)
	p.ln.Close()
	p.DropAll()
	p.wg.Wait()
}
