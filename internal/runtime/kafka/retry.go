package kafka

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"strings"
	"syscall"
	"time"

	kafkago "github.com/segmentio/kafka-go"
)

// Retriable reports whether err may go away by itself (a broker restarting,
// a leader moving, a network blip), so the operation is worth retrying.
// Kafka errors say so themselves (but for the -1 kafka-go makes up for a
// request whose connection broke: see errConnectionLost); authentication, authorization and TLS
// errors never go away; other errors (I/O, timeouts) are taken as transient,
// since giving up on a reachable-again broker would lose a query, while a
// permanent error retried still fails once the retry budget is spent.
func Retriable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) {
		return false
	}
	if errors.Is(err, errConnectionLost) {
		return true
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

// DefaultRetryTimeout is how long a Kafka call keeps retrying transient
// errors before the query fails: the Java producer's delivery.timeout.ms
// default and Spark's kafkaConsumer.pollTimeoutMs default (120 s).
const DefaultRetryTimeout = 2 * time.Minute

// RetryPolicy is how Kafka calls retry transient errors: with backoff,
// until Timeout has passed since the first failed attempt of an episode
// began. Brokers name the servers the calls go to, for messages.
type RetryPolicy struct {
	Timeout time.Duration
	Backoff Backoff
	Brokers []string
}

// Retry runs op until it succeeds, fails with a non-retriable error, ctx
// ends, or the policy's timeout has passed, waiting with backoff between
// attempts. what names the call in logs and errors ("list latest offsets
// for invoices"). Once a call has failed, later attempts are cut off at the
// give-up time, so a hanging connection cannot stretch the timeout.
func Retry(ctx context.Context, log *slog.Logger, what string, p RetryPolicy, op func(context.Context) error) error {
	var ep *Episode
	for {
		t0 := time.Now()
		actx, cancel := ctx, context.CancelFunc(func() {})
		if ep != nil {
			actx, cancel = context.WithDeadline(ctx, ep.deadline)
		}
		err := op(actx)
		cancel()
		if err == nil {
			ep.Succeeded(ctx)
			return nil
		}
		if !Retriable(err) || ctx.Err() != nil {
			return err
		}
		if ep == nil {
			ep = p.Begin(log, what, t0)
		}
		if err := ep.Next(ctx, err); err != nil {
			return err
		}
	}
}

// Episode is one run of retries of a call, from its first failure to its
// success or giving up.
type Episode struct {
	p        RetryPolicy
	log      *slog.Logger
	what     string
	start    time.Time
	deadline time.Time
	b        Backoff
	attempts int
	last     error
}

// Begin starts an episode for a call whose first failed attempt began at
// start.
func (p RetryPolicy) Begin(log *slog.Logger, what string, start time.Time) *Episode {
	return &Episode{p: p, log: log, what: what, start: start, deadline: start.Add(p.Timeout), b: p.Backoff}
}

// Deadline is when the episode gives up.
func (e *Episode) Deadline() time.Time { return e.deadline }

// Next records a failed attempt with a retriable error and waits before
// the next one. It returns an error naming the call, the brokers and the
// time spent when the timeout has passed, or ctx's error if it ends first.
// The first failure is logged at warn level with what is retried, against
// which brokers, why, and until when; later ones now and then.
func (e *Episode) Next(ctx context.Context, err error) error {
	if errors.Is(err, context.DeadlineExceeded) && e.last != nil {
		// The attempt was cut off at the give-up time; the error before
		// it says more.
		err = e.last
	}
	e.last = err
	e.attempts++
	now := time.Now()
	if !now.Before(e.deadline) {
		return fmt.Errorf("gave up retrying kafka %s against %s after %s (retry timeout %s): %w",
			e.what, brokerList(e.p.Brokers), now.Sub(e.start).Round(time.Millisecond), e.p.Timeout, err)
	}
	d := min(e.b.Next(), e.deadline.Sub(now))
	left := roughly(e.deadline.Sub(now))
	switch {
	case e.attempts == 1:
		e.log.Warn(fmt.Sprintf("retrying kafka %s (%s); giving up in %s", e.what, describe(err, e.p.Brokers), left),
			"op", e.what, "brokers", e.p.Brokers, "error", err.Error(), "retryIn", d.String(), "givingUpIn", left.String())
	case e.attempts%10 == 0:
		e.log.Warn(fmt.Sprintf("still retrying kafka %s after %s (%s); giving up in %s", e.what, roughly(now.Sub(e.start)), describe(err, e.p.Brokers), left),
			"op", e.what, "brokers", e.p.Brokers, "error", err.Error(), "attempt", e.attempts, "retryIn", d.String(), "givingUpIn", left.String())
	default:
		e.log.Debug("retrying kafka "+e.what, "error", err.Error(), "attempt", e.attempts, "retryIn", d.String())
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Succeeded ends the episode (nil: there was none) after a success, saying
// how long the outage lasted.
func (e *Episode) Succeeded(ctx context.Context) {
	if e == nil {
		return
	}
	e.log.Log(ctx, slog.LevelInfo, fmt.Sprintf("kafka %s succeeded after %d retries in %s", e.what, e.attempts, time.Since(e.start).Round(time.Millisecond)),
		"op", e.what, "retries", e.attempts)
}

// roughly rounds d for people: to the second from 10s, else to 100ms.
func roughly(d time.Duration) time.Duration {
	if d >= 10*time.Second {
		return d.Round(time.Second)
	}
	return d.Round(100 * time.Millisecond)
}

// describe says what went wrong with the brokers, for retry messages.
func describe(err error, brokers []string) string {
	if unreachable(err) {
		return brokerList(brokers) + " unreachable: " + err.Error()
	}
	return brokerList(brokers) + ": " + err.Error()
}

// unreachable reports whether err is about the connection rather than an
// answer from the broker.
func unreachable(err error) bool {
	var (
		netErr net.Error
		kerr   kafkago.Error
	)
	switch {
	case errors.Is(err, errConnectionLost):
		return true
	case errors.As(err, &kerr):
		return false
	case errors.As(err, &netErr), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.EPIPE),
		errors.Is(err, context.DeadlineExceeded):
		return true
	}
	return false
}

func brokerList(brokers []string) string {
	switch len(brokers) {
	case 0:
		return "no broker"
	case 1:
		return "broker " + brokers[0]
	}
	return "brokers " + strings.Join(brokers, ",")
}

// errConnectionLost marks answers that kafka-go made up for a request whose
// connection broke: it splits a ListOffsets request per partition and fills
// in the partitions whose request failed at the network level with error
// -1 (UNKNOWN_SERVER_ERROR), dropping the I/O error.
var errConnectionLost = errors.New("the request's connection failed (kafka-go reports it as error -1)")
