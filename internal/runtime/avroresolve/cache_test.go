package avroresolve

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// registry is a fake schema fetch: texts by id, with a call counter, an
// optional gate that holds fetches until closed, and errors to return first.
type registry struct {
	texts   map[int]string
	calls   atomic.Int64
	gate    chan struct{}
	mu      sync.Mutex
	failing map[int]int // id -> fetches left that fail
}

var errRegistryDown = errors.New("registry down")

func (g *registry) fetch(ctx context.Context, id int) (string, error) {
	g.calls.Add(1)
	if g.gate != nil {
		select {
		case <-g.gate:
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.failing[id] > 0 {
		g.failing[id]--
		return "", errRegistryDown
	}
	text, ok := g.texts[id]
	if !ok {
		return "", errors.New("40403 schema not found")
	}
	return text, nil
}

func TestCacheOneFetchPerKey(t *testing.T) {
	reg := &registry{texts: map[int]string{1: gpsV1, 2: gpsV2}, gate: make(chan struct{})}
	c := NewCache(parse(t, gpsV2), reg.fetch)
	const callers = 50
	progs := make([]*Program, callers)
	errs := make([]error, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			progs[i], errs[i] = c.Program(context.Background(), 1+i%2)
		}()
	}
	// Let the callers pile up behind the two fetches, then release them.
	for reg.calls.Load() < 2 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(10 * time.Millisecond)
	close(reg.gate)
	wg.Wait()
	if n := reg.calls.Load(); n != 2 {
		t.Errorf("%d fetches, want 2", n)
	}
	for i := range callers {
		if errs[i] != nil {
			t.Fatalf("caller %d: %v", i, errs[i])
		}
		if progs[i] != progs[i%2] {
			t.Errorf("caller %d got another program", i)
		}
	}
	if progs[0].Identity() || !progs[1].Identity() {
		t.Errorf("identity: v1 %v, v2 %v", progs[0].Identity(), progs[1].Identity())
	}
	if _, err := c.Program(context.Background(), 1); err != nil || reg.calls.Load() != 2 {
		t.Errorf("cached program fetched again: %v, %d fetches", err, reg.calls.Load())
	}
}

func TestCacheKeepsFailures(t *testing.T) {
	incompatible := strings.Replace(gpsV1, `{"name":"speed","type":"double"}`, `{"name":"speed","type":"string"}`, 1)
	reg := &registry{texts: map[int]string{7: incompatible, 8: `{"type":"record"`}}
	c := NewCache(parse(t, gpsV1), reg.fetch)
	for range 3 {
		_, err := c.Program(context.Background(), 7)
		if !errors.Is(err, ErrIncompatible) || !strings.Contains(err.Error(), `field "speed"`) {
			t.Fatalf("got %v", err)
		}
		if _, err := c.Program(context.Background(), 8); err == nil || !strings.Contains(err.Error(), "invalid JSON") {
			t.Fatalf("unparsable schema: %v", err)
		}
	}
	if n := reg.calls.Load(); n != 2 {
		t.Errorf("%d fetches, want 2: failures to resolve are kept", n)
	}
}

func TestCacheRetriesFetchErrors(t *testing.T) {
	reg := &registry{texts: map[int]string{3: gpsV1}, failing: map[int]int{3: 2}}
	c := NewCache(parse(t, gpsV1), reg.fetch)
	for i := range 2 {
		if _, err := c.Program(context.Background(), 3); !errors.Is(err, errRegistryDown) {
			t.Fatalf("fetch %d: %v", i, err)
		}
	}
	p, err := c.Program(context.Background(), 3)
	if err != nil || !p.Identity() {
		t.Fatalf("after recovery: %v", err)
	}
	if _, err := c.Program(context.Background(), 3); err != nil || reg.calls.Load() != 3 {
		t.Errorf("%d fetches, want 3", reg.calls.Load())
	}
	if _, err := c.Program(context.Background(), 404); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("unknown id: %v", err)
	}
}

func TestCacheCancelledFetcher(t *testing.T) {
	reg := &registry{texts: map[int]string{1: gpsV1}, gate: make(chan struct{})}
	c := NewCache(parse(t, gpsV1), reg.fetch)
	ctx, cancel := context.WithCancel(context.Background())
	first := make(chan error, 1)
	go func() {
		_, err := c.Program(ctx, 1)
		first <- err
	}()
	for reg.calls.Load() < 1 {
		time.Sleep(time.Millisecond)
	}
	second := make(chan error, 1)
	go func() {
		_, err := c.Program(context.Background(), 1)
		second <- err
	}()
	time.Sleep(10 * time.Millisecond)
	cancel() // the first caller gives up; its fetch fails with its context
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Errorf("first caller: %v", err)
	}
	close(reg.gate)
	if err := <-second; err != nil {
		t.Errorf("second caller must fetch again, not inherit the cancellation: %v", err)
	}
	// A waiter whose own context ends stops waiting.
	reg2 := &registry{texts: map[int]string{1: gpsV1}, gate: make(chan struct{})}
	c2 := NewCache(parse(t, gpsV1), reg2.fetch)
	go c2.Program(context.Background(), 1)
	for reg2.calls.Load() < 1 {
		time.Sleep(time.Millisecond)
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel2()
	if _, err := c2.Program(ctx2, 1); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiter: %v", err)
	}
	close(reg2.gate)
}

func TestCacheFetchPanics(t *testing.T) {
	calls := 0
	c := NewCache(parse(t, gpsV1), func(ctx context.Context, id int) (string, error) {
		calls++
		if calls == 1 {
			panic("boom")
		}
		return gpsV1, nil
	})
	func() {
		defer func() { _ = recover() }()
		c.Program(context.Background(), 1)
	}()
	if _, err := c.Program(context.Background(), 1); err != nil {
		t.Errorf("after a panicking fetch: %v", err)
	}
}
