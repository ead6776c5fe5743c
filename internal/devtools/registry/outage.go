package registry

import "time"

// FailNext makes the next n requests fail with HTTP 503, as a registry
// behind a restarting load balancer would, for tests of client retries.
func (r *Registry) FailNext(n int) { r.failNext.Store(int64(n)) }

// SetDown makes every request fail with HTTP 503 until SetDown(false).
// (Server.Close/Restart simulate the harsher outage: connection refused.)
func (r *Registry) SetDown(down bool) { r.down.Store(down) }

// ThrottleNext makes the next n requests fail with HTTP 429 and a
// Retry-After of wait (rounded up to whole seconds, as the header counts),
// as a rate-limited registry answers, for tests of client backoff.
func (r *Registry) ThrottleNext(n int, wait time.Duration) {
	r.throttleMu.Lock()
	defer r.throttleMu.Unlock()
	r.throttleNext, r.throttleAfter = n, wait
}

func (r *Registry) throttled() (time.Duration, bool) {
	r.throttleMu.Lock()
	defer r.throttleMu.Unlock()
	if r.throttleNext <= 0 {
		return 0, false
	}
	r.throttleNext--
	return r.throttleAfter, true
}

// Requests counts the requests served so far, failed ones included, so
// tests can check that a client caches.
func (r *Registry) Requests() int64 { return r.requests.Load() }

func (r *Registry) unavailable() bool {
	if r.down.Load() {
		return true
	}
	for {
		n := r.failNext.Load()
		if n <= 0 {
			return false
		}
		if r.failNext.CompareAndSwap(n, n-1) {
			return true
		}
	}
}
