package avroresolve

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/streamc/streamc/internal/runtime/avroschema"
)

// Cache holds one Program per writer schema key (a Schema Registry id, say)
// for a fixed reader schema. It is safe for concurrent use.
//
// A key's schema is fetched once: concurrent callers share one fetch. The
// outcome of parsing and compiling is kept, failures included, since a
// writer schema that cannot be read with the reader never becomes readable.
// A fetch error is not kept, so the next call fetches again: registry trouble
// may pass.
type Cache[K comparable] struct {
	reader *avroschema.Schema
	fetch  func(ctx context.Context, key K) (string, error)

	mu      sync.Mutex
	entries map[K]*cacheEntry
}

type cacheEntry struct {
	ready chan struct{} // closed when prog and err are set
	prog  *Program
	err   error
	fetch bool // err is a fetch error; the entry has left the map
}

// errFetchPanicked stands in for the result of a fetch that panicked, so the
// callers waiting on it are released with an error.
var errFetchPanicked = errors.New("schema fetch panicked")

// NewCache returns a cache of programs reading with reader; fetch returns a
// writer schema's text by key.
func NewCache[K comparable](reader *avroschema.Schema, fetch func(ctx context.Context, key K) (string, error)) *Cache[K] {
	return &Cache[K]{reader: reader, fetch: fetch, entries: map[K]*cacheEntry{}}
}

// Reader returns the reader schema.
func (c *Cache[K]) Reader() *avroschema.Schema { return c.reader }

// Program returns the program for the writer schema with the given key,
// fetching, parsing and compiling it on first use.
func (c *Cache[K]) Program(ctx context.Context, key K) (*Program, error) {
	for {
		c.mu.Lock()
		e, ok := c.entries[key]
		if !ok {
			e = &cacheEntry{ready: make(chan struct{})}
			c.entries[key] = e
			c.mu.Unlock()
			c.load(ctx, key, e)
			return e.prog, e.err
		}
		c.mu.Unlock()
		select {
		case <-e.ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		// A fetch cut short by its caller's context says nothing about ours:
		// fetch again.
		if e.fetch && ctx.Err() == nil && (errors.Is(e.err, context.Canceled) || errors.Is(e.err, context.DeadlineExceeded)) {
			continue
		}
		return e.prog, e.err
	}
}

func (c *Cache[K]) load(ctx context.Context, key K, e *cacheEntry) {
	e.fetch, e.err = true, fmt.Errorf("writer schema %v: %w", key, errFetchPanicked)
	defer func() {
		if e.fetch {
			c.mu.Lock()
			if c.entries[key] == e {
				delete(c.entries, key)
			}
			c.mu.Unlock()
		}
		close(e.ready)
	}()
	text, err := c.fetch(ctx, key)
	if err != nil {
		e.err = fmt.Errorf("writer schema %v: %w", key, err)
		return
	}
	e.fetch, e.err = false, nil
	// The writer's defaults are never read, so invalid ones (which old
	// registries accepted) must not make its data unreadable.
	w, err := avroschema.ParseWith(text, avroschema.Options{LenientDefaults: true})
	if err != nil {
		e.err = fmt.Errorf("writer schema %v: %w", key, err)
		return
	}
	p, err := Compile(w, c.reader)
	if err != nil {
		e.err = fmt.Errorf("writer schema %v: %w", key, err)
		return
	}
	e.prog = p
}
