package registry

import (
	"context"
	"sync"
)

// memo caches answers by key forever and lets concurrent callers asking for
// the same key share one fetch, so a hundred partitions meeting a new schema
// id at once make one request. Failures are not cached.
type memo[K comparable, V any] struct {
	mu    sync.Mutex
	done  map[K]V
	calls map[K]*call[V]
}

type call[V any] struct {
	finished chan struct{}
	val      V
	err      error
	// abandoned: the fetching caller's context ended, so its error says
	// nothing about the key and waiters with live contexts fetch again.
	abandoned bool
}

// get returns the cached value for key, or the result of fetch, shared with
// any concurrent caller for the same key. Each caller stops waiting when its
// own ctx ends.
func (m *memo[K, V]) get(ctx context.Context, key K, fetch func(context.Context) (V, error)) (V, error) {
	for {
		m.mu.Lock()
		if v, ok := m.done[key]; ok {
			m.mu.Unlock()
			return v, nil
		}
		if c, ok := m.calls[key]; ok {
			m.mu.Unlock()
			select {
			case <-c.finished:
				if c.abandoned && ctx.Err() == nil {
					continue
				}
				return c.val, c.err
			case <-ctx.Done():
				var zero V
				return zero, ctx.Err()
			}
		}
		c := &call[V]{finished: make(chan struct{})}
		if m.calls == nil {
			m.calls = map[K]*call[V]{}
		}
		m.calls[key] = c
		m.mu.Unlock()

		c.val, c.err = fetch(ctx)
		c.abandoned = c.err != nil && ctx.Err() != nil

		m.mu.Lock()
		delete(m.calls, key)
		if c.err == nil {
			m.putLocked(key, c.val)
		}
		m.mu.Unlock()
		close(c.finished)
		return c.val, c.err
	}
}

// put caches v under key, as learnt from another request.
func (m *memo[K, V]) put(key K, v V) {
	m.mu.Lock()
	m.putLocked(key, v)
	m.mu.Unlock()
}

func (m *memo[K, V]) putLocked(key K, v V) {
	if m.done == nil {
		m.done = map[K]V{}
	}
	m.done[key] = v
}
