package registry

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// A waiter whose own context is live fetches again when the caller that was
// fetching gives up, rather than failing with that caller's cancellation.
func TestMemoLeaderCancelled(t *testing.T) {
	var m memo[int, string]
	var fetches atomic.Int32
	leaderIn := make(chan struct{})
	ctx, cancel := context.WithCancel(t.Context())
	leaderDone := make(chan error)
	go func() {
		_, err := m.get(ctx, 1, func(ctx context.Context) (string, error) {
			fetches.Add(1)
			close(leaderIn)
			<-ctx.Done()
			return "", ctx.Err()
		})
		leaderDone <- err
	}()
	<-leaderIn
	waiterDone := make(chan error)
	go func() {
		v, err := m.get(t.Context(), 1, func(context.Context) (string, error) {
			fetches.Add(1)
			return "one", nil
		})
		if err == nil && v != "one" {
			err = errors.New("wrong value " + v)
		}
		waiterDone <- err
	}()
	time.Sleep(20 * time.Millisecond) // let the waiter wait
	cancel()
	if err := <-leaderDone; !errors.Is(err, context.Canceled) {
		t.Errorf("leader: %v", err)
	}
	if err := <-waiterDone; err != nil {
		t.Errorf("waiter: %v", err)
	}
	if n := fetches.Load(); n != 2 {
		t.Errorf("%d fetches, want 2", n)
	}
	// Now cached.
	if v, err := m.get(t.Context(), 1, func(context.Context) (string, error) { return "", errors.New("fetched") }); err != nil || v != "one" {
		t.Errorf("cached: %q, %v", v, err)
	}
}

// A waiter stops waiting when its own context ends.
func TestMemoWaiterCancelled(t *testing.T) {
	var m memo[int, string]
	release := make(chan struct{})
	in := make(chan struct{})
	go m.get(t.Context(), 1, func(context.Context) (string, error) {
		close(in)
		<-release
		return "one", nil
	})
	<-in
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	if _, err := m.get(ctx, 1, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiter: %v", err)
	}
	close(release)
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"":                              0,
		"3":                             3 * time.Second,
		"-1":                            0,
		"86400":                         maxRetryAfter,
		"Thu, 02 Jan 2025 03:04:15 GMT": 10 * time.Second,
		"Thu, 02 Jan 2025 03:04:00 GMT": 0,
		"soon":                          0,
	} {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestBackoffGrowsWithJitterAndCap(t *testing.T) {
	c := &Client{backoff: 100 * time.Millisecond, maxBackoff: time.Second}
	for round, span := range [][2]time.Duration{{50, 100}, {100, 200}, {200, 400}, {400, 800}, {500, 1000}, {500, 1000}, {500, 1000}} {
		for range 50 {
			d := c.backoffFor(round)
			if d < span[0]*time.Millisecond || d > span[1]*time.Millisecond {
				t.Fatalf("round %d: %v outside [%v, %v]", round, d, span[0]*time.Millisecond, span[1]*time.Millisecond)
			}
		}
	}
	if d := c.backoffFor(1000); d < 500*time.Millisecond || d > time.Second {
		t.Errorf("round 1000: %v", d)
	}
}
