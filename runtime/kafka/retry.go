package kafka

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	kafkago "github.com/segmentio/kafka-go"
)

// Retriable reports whether err may go away by itself (a broker restarting,
// a leader moving, a network blip), so the operation is worth retrying.
// Kafka errors say so themselves; authentication, authorization and TLS
// errors never go away; other errors (I/O, timeouts) are taken as transient,
// since giving up on a reachable-again broker would lose a query, while a
// permanent error retried still fails once the retry budget is spent.
func Retriable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	var kerr kafkago.Error
	if errors.As(err, &kerr) {
		return kerr.Temporary()
	}
	var (
		unknownCA   x509.UnknownAuthorityError
		hostErr     x509.HostnameError
		certInvalid x509.CertificateInvalidError
		recordErr   tls.RecordHeaderError
	)
	if errors.As(err, &unknownCA) || errors.As(err, &hostErr) || errors.As(err, &certInvalid) || errors.As(err, &recordErr) {
		return false
	}
	var alert tls.AlertError
	return !errors.As(err, &alert)
}

// Backoff is an exponential backoff with jitter between Min and Max.
type Backoff struct {
	Min, Max time.Duration
	n        int
}

// Next returns the next wait.
func (b *Backoff) Next() time.Duration {
	d := b.Min << min(b.n, 20)
	if d > b.Max || d <= 0 {
		d = b.Max
	}
	b.n++
	// Jitter so that many partitions do not retry in lock step.
	return d/2 + rand.N(d/2+1)
}

// Reset starts over after a success.
func (b *Backoff) Reset() { b.n = 0 }

// Retry runs op until it succeeds, fails with a non-retriable error, ctx
// ends, or budget has passed since the first failure, waiting with backoff
// between attempts and logging each retry at warn level.
func Retry(ctx context.Context, log *slog.Logger, what string, budget time.Duration, b Backoff, op func(context.Context) error) error {
	var first time.Time
	attempt := 0
	for {
		err := op(ctx)
		if err == nil || !Retriable(err) || ctx.Err() != nil {
			return err
		}
		if first.IsZero() {
			first = time.Now()
		}
		if time.Since(first) > budget {
			return fmt.Errorf("%w (gave up retrying after %s)", err, budget)
		}
		attempt++
		d := b.Next()
		// An outage retries many times; say so at the start and now and then.
		level := slog.LevelDebug
		if attempt == 1 || attempt%10 == 0 {
			level = slog.LevelWarn
		}
		log.Log(ctx, level, "kafka request failed; retrying", "op", what, "error", err.Error(), "attempt", attempt, "retryIn", d.String())
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
