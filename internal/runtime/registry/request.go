package registry

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/streamc/streamc/internal/runtime/version"
)

// ContentType is the media type of the registry's REST API.
const ContentType = "application/vnd.schemaregistry.v1+json"

// accept is what Confluent's clients accept, preferred first.
const accept = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5"

// maxAnswer bounds an answer's body; real schemas are kilobytes.
const maxAnswer = 32 << 20

// request is one REST call.
type request struct {
	method, path string // path escaped, from the base URL on
	body         []byte
	// what names what a 404 with Confluent's error code says is missing,
	// e.g. `schema id 7`, and is "" for codes that do not say so of this
	// request: such a 404 (and one with no code) comes from something
	// other than the registry's API, such as a wrong path or a proxy.
	what func(code int) string
}

func (r request) String() string { return r.method + " " + r.path }

// do sends r, trying each base URL in turn from the one that answered last,
// and retrying failed rounds with backoff; it decodes a successful answer's
// JSON into out.
func (c *Client) do(ctx context.Context, r request, out any) error {
	n := len(c.bases)
	start := int(c.preferred.Load())
	var (
		last       error          // the last retriable failure
		lastStatus *statusFailure // the last retriable answer, if any
		retryAfter time.Duration  // the longest Retry-After of the round
		attempts   int
	)
	for round := 0; ; round++ {
		for k := range n {
			i := (start + k) % n
			base := c.bases[i]
			where := r.String()
			if n > 1 {
				where = r.method + " " + base + r.path
			}
			attempts++
			began := time.Now()
			status, header, data, err := c.attempt(ctx, base, r)
			if ctx.Err() != nil {
				return fmt.Errorf("registry %s: %s: %w", base, r, context.Cause(ctx))
			}
			if err != nil {
				c.log.DebugContext(ctx, "schema registry request failed", "url", base, "request", r.String(), "err", err)
				if certificateError(err) && n == 1 {
					// Asking again will not change the certificate; with
					// several URLs, another may still serve.
					return &Error{URL: base, Request: r.String(), Attempts: attempts, Message: err.Error(), Err: fmt.Errorf("%s: %w", r, err), kind: kindUnavailable}
				}
				last, lastStatus = fmt.Errorf("%s: %w", where, err), nil
				continue
			}
			c.log.DebugContext(ctx, "schema registry request", "url", base, "request", r.String(), "status", status, "duration", time.Since(began))
			if status >= 200 && status < 300 {
				c.preferred.Store(int32(i))
				if out == nil {
					return nil
				}
				if err := json.Unmarshal(data, out); err != nil {
					// A proxy's page or a registry of another kind: not
					// the caller's fault, and not this schema's.
					err = fmt.Errorf("%s: reading the answer (HTTP %d): %w", r, status, err)
					return &Error{Status: status, URL: base, Request: r.String(), Attempts: attempts, Message: err.Error(), Err: err, kind: kindUnavailable}
				}
				return nil
			}
			code, msg := errorBody(data, json.Unmarshal)
			if !retriable(status) {
				return c.answerError(base, r, status, code, msg, attempts)
			}
			lastStatus = &statusFailure{request: where, status: status, code: code, message: msg}
			last = lastStatus
			retryAfter = max(retryAfter, parseRetryAfter(header.Get("Retry-After"), time.Now()))
		}
		if round >= c.maxRetries {
			break
		}
		wait := max(c.backoffFor(round), retryAfter)
		retryAfter = 0
		c.log.WarnContext(ctx, "schema registry request failed; retrying", "url", c.display, "request", r.String(), "attempts", attempts, "wait", wait, "err", last)
		if err := sleep(ctx, wait); err != nil {
			return fmt.Errorf("registry %s: %s: %w", c.display, r, err)
		}
	}
	e := &Error{URL: c.display, Request: r.String(), Attempts: attempts, Err: last, kind: kindUnavailable}
	if lastStatus != nil {
		e.Status, e.Code, e.Message = lastStatus.status, lastStatus.code, lastStatus.message
	} else if last != nil {
		e.Message = last.Error()
	}
	return e
}

// attempt makes one request to base, bounded by the client's timeout.
func (c *Client) attempt(ctx context.Context, base string, r request) (int, http.Header, []byte, error) {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(actx, r.method, base+r.path, body)
	if err != nil {
		return 0, nil, nil, err
	}
	req.Header.Set("Accept", accept)
	req.Header.Set("User-Agent", "streamc/"+version.String)
	if r.body != nil {
		req.Header.Set("Content-Type", ContentType)
	}
	if c.auth != "" {
		req.Header.Set("Authorization", c.auth)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, nil, c.networkError(ctx, actx, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
	if err != nil {
		return 0, nil, nil, c.networkError(ctx, actx, err)
	}
	if len(data) > maxAnswer {
		return 0, nil, nil, fmt.Errorf("answer larger than %d bytes", maxAnswer)
	}
	return resp.StatusCode, resp.Header, data, nil
}

// networkError says why no answer came, without repeating the URL that
// *url.Error carries.
func (c *Client) networkError(ctx, actx context.Context, err error) error {
	if ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("no answer within %v", c.timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// certificateError reports whether err is the registry's certificate
// failing verification, which no retry mends.
func certificateError(err error) bool {
	var (
		verify    *tls.CertificateVerificationError
		unknown   x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
		recordHdr tls.RecordHeaderError
	)
	return errors.As(err, &verify) || errors.As(err, &unknown) || errors.As(err, &hostname) ||
		errors.As(err, &invalid) || errors.As(err, &recordHdr)
}

// answerError describes a final (not retried) failed answer.
func (c *Client) answerError(base string, r request, status, code int, msg string, attempts int) error {
	e := &Error{Status: status, Code: code, Message: msg, URL: base, Request: r.String(), Attempts: attempts}
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden:
		e.kind, e.cred = kindUnauthorized, c.cred
	case http.StatusNotFound:
		if r.what != nil {
			e.what = r.what(code)
		}
		if e.what == "" {
			// Not the registry saying the thing is missing: asking again
			// will not mend a wrong URL, and nothing may be inferred about
			// what was asked for.
			e.kind = kindUnavailable
			e.Err = fmt.Errorf("%w (not the Schema Registry's \"not found\": is the URL right?)",
				&statusFailure{request: r.String(), status: status, code: code, message: msg})
			return e
		}
		e.kind = kindNotFound
	}
	return e
}

// backoffFor is the wait after failed round (0-based): Backoff doubled per
// round, capped at MaxBackoff, with jitter over its upper half so that
// clients failing together do not retry together.
func (c *Client) backoffFor(round int) time.Duration {
	d := c.maxBackoff
	if round < 30 {
		d = min(c.backoff<<round, c.maxBackoff)
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.Atoi(v); err == nil {
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), maxRetryAfter)
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
