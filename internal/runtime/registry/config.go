package registry

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Defaults for the zero values of Config.
const (
	DefaultTimeout    = 10 * time.Second
	DefaultMaxRetries = 3
	DefaultBackoff    = 100 * time.Millisecond
	DefaultMaxBackoff = 5 * time.Second
)

// maxRetryAfter bounds how long a Retry-After header can make a client
// wait, so a misconfigured proxy cannot stall a query for hours.
const maxRetryAfter = time.Minute

// Config says which registry to talk to and how.
type Config struct {
	// URLs are the registry's base URLs (Confluent's schema.registry.url may
	// list several, comma-separated), tried in turn. A URL may carry
	// user:secret@ credentials, used when no others are configured.
	URLs []string
	// BasicAuthUserInfo is "user:secret", as Confluent's basic.auth.user.info.
	BasicAuthUserInfo string
	// BearerToken is sent as "Authorization: Bearer <token>".
	BearerToken string
	// CAFile is a PEM file of CA certificates trusted for https, besides the
	// system's.
	CAFile string
	// CertFile and KeyFile are a PEM client certificate and its key, for
	// registries that require mutual TLS. KeyFile may be empty when CertFile
	// holds the key too.
	CertFile, KeyFile string
	// InsecureSkipVerify turns off verification of the registry's
	// certificate. Only for development.
	InsecureSkipVerify bool
	// Timeout bounds each request (default 10s).
	Timeout time.Duration
	// MaxRetries is how many times a failed round over the URLs is retried
	// (default 3; negative: never).
	MaxRetries int
	// Backoff is the wait before the first retry (default 100ms); it doubles
	// with each retry, with jitter, up to MaxBackoff (default 5s).
	Backoff, MaxBackoff time.Duration
	// Logger receives retries as warnings and requests as debug lines
	// (default: discarded).
	Logger *slog.Logger
	// HTTPClient, when set, sends the requests; the TLS settings above must
	// then be in its transport.
	HTTPClient *http.Client
}

// String describes c without its secrets, so a Config can be logged.
func (c Config) String() string {
	var b strings.Builder
	urls := make([]string, len(c.URLs))
	for i, u := range c.URLs {
		urls[i] = redactURL(u)
	}
	fmt.Fprintf(&b, "registry %s", strings.Join(urls, ","))
	if c.BasicAuthUserInfo != "" {
		fmt.Fprintf(&b, " user %q", userOf(c.BasicAuthUserInfo))
	}
	if c.BearerToken != "" {
		b.WriteString(" bearer token")
	}
	if c.CAFile != "" {
		fmt.Fprintf(&b, " ca %s", c.CAFile)
	}
	if c.CertFile != "" {
		fmt.Fprintf(&b, " cert %s", c.CertFile)
	}
	if c.InsecureSkipVerify {
		b.WriteString(" insecure")
	}
	return b.String()
}

// GoString is String, so that %#v does not print secrets either.
func (c Config) GoString() string { return c.String() }

// LogValue is String, for slog.
func (c Config) LogValue() slog.Value { return slog.StringValue(c.String()) }

// userOf is the user part of user:secret.
func userOf(userInfo string) string {
	user, _, _ := strings.Cut(userInfo, ":")
	return user
}

// redactURL hides the password of a URL's user info; unparsable text is
// dropped after the scheme rather than risk printing a secret.
func redactURL(raw string) string {
	at := strings.LastIndex(raw, "@")
	if at < 0 {
		return raw
	}
	scheme, rest, ok := strings.Cut(raw[:at], "://")
	if !ok {
		scheme, rest = "", raw[:at]
	}
	user, _, _ := strings.Cut(rest, ":")
	if scheme != "" {
		scheme += "://"
	}
	return scheme + user + ":xxxxx" + raw[at:]
}
