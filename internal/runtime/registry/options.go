package registry

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// optionKeys are the Confluent client configuration keys ConfigFromOptions
// understands, with what each sets. Java serializer names
// (schema.registry.ssl.*) and confluent-kafka-go / librdkafka names (ssl.*,
// request.timeout.ms, ...) are both accepted.
var optionKeys = []string{
	"schema.registry.url",                     // URLs, comma-separated
	"basic.auth.credentials.source",           // USER_INFO (default) or URL
	"basic.auth.user.info",                    // BasicAuthUserInfo
	"schema.registry.basic.auth.user.info",    // BasicAuthUserInfo (older name)
	"bearer.auth.credentials.source",          // STATIC_TOKEN only
	"bearer.auth.token",                       // BearerToken
	"schema.registry.ssl.truststore.location", // CAFile (PEM)
	"schema.registry.ssl.truststore.type",     // PEM only
	"schema.registry.ssl.keystore.location",   // CertFile holding certificate and key (PEM)
	"schema.registry.ssl.keystore.type",       // PEM only
	"ssl.ca.location",                         // CAFile
	"ssl.certificate.location",                // CertFile
	"ssl.key.location",                        // KeyFile
	"request.timeout.ms",                      // Timeout
	"max.retries",                             // MaxRetries
	"retries.wait.ms",                         // Backoff
	"retries.max.wait.ms",                     // MaxBackoff
}

// OptionKeys lists the keys ConfigFromOptions accepts, sorted.
func OptionKeys() []string {
	keys := slices.Clone(optionKeys)
	slices.Sort(keys)
	return keys
}

// ConfigFromOptions builds a Config from Confluent-style client settings:
//
//	schema.registry.url                      one URL or several, comma-separated (required)
//	basic.auth.credentials.source            USER_INFO (default) or URL (user:secret@ in the URL)
//	basic.auth.user.info                     user:secret (also schema.registry.basic.auth.user.info)
//	bearer.auth.credentials.source           STATIC_TOKEN
//	bearer.auth.token                        the token
//	schema.registry.ssl.truststore.location  PEM file of CA certificates (type PEM only)
//	schema.registry.ssl.keystore.location    PEM file of client certificate and key (type PEM only)
//	ssl.ca.location, ssl.certificate.location, ssl.key.location   the same, as librdkafka names them
//	request.timeout.ms, max.retries, retries.wait.ms, retries.max.wait.ms
//
// An unknown key is an error naming it, so a misspelt setting is not
// silently ignored. InsecureSkipVerify has no key on purpose: turning off
// certificate checks takes code, not a stray option. Logger and HTTPClient
// are left for the caller.
func ConfigFromOptions(opts map[string]string) (Config, error) {
	var cfg Config
	var unknown []string
	for k := range opts {
		if !slices.Contains(optionKeys, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return cfg, fmt.Errorf("registry options: unknown key %s (known: %s)", quoteAll(unknown), strings.Join(OptionKeys(), ", "))
	}
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	for u := range strings.SplitSeq(opts["schema.registry.url"], ",") {
		if u = strings.TrimSpace(u); u != "" {
			cfg.URLs = append(cfg.URLs, u)
		}
	}
	if len(cfg.URLs) == 0 {
		fail("schema.registry.url is required")
	}

	userInfo := opts["basic.auth.user.info"]
	if userInfo == "" {
		userInfo = opts["schema.registry.basic.auth.user.info"]
	}
	switch src := strings.ToUpper(opts["basic.auth.credentials.source"]); src {
	case "", "USER_INFO":
		if src != "" && userInfo == "" {
			fail("basic.auth.credentials.source USER_INFO needs basic.auth.user.info")
		}
		cfg.BasicAuthUserInfo = userInfo
	case "URL":
		if userInfo != "" {
			fail("basic.auth.credentials.source URL takes the credentials from schema.registry.url; drop basic.auth.user.info")
		}
		if !slices.ContainsFunc(cfg.URLs, func(u string) bool { return strings.Contains(u, "@") }) {
			fail("basic.auth.credentials.source URL needs user:secret@ in schema.registry.url")
		}
	default:
		fail("basic.auth.credentials.source %q: want USER_INFO or URL", opts["basic.auth.credentials.source"])
	}
	switch src := strings.ToUpper(opts["bearer.auth.credentials.source"]); src {
	case "", "STATIC_TOKEN":
		if src != "" && opts["bearer.auth.token"] == "" {
			fail("bearer.auth.credentials.source STATIC_TOKEN needs bearer.auth.token")
		}
		cfg.BearerToken = opts["bearer.auth.token"]
	default:
		fail("bearer.auth.credentials.source %q: only STATIC_TOKEN is supported", opts["bearer.auth.credentials.source"])
	}
	if cfg.BasicAuthUserInfo != "" && cfg.BearerToken != "" {
		fail("give basic.auth.user.info or bearer.auth.token, not both")
	}

	for _, k := range []string{"schema.registry.ssl.truststore.type", "schema.registry.ssl.keystore.type"} {
		if t, ok := opts[k]; ok && !strings.EqualFold(t, "PEM") {
			fail("%s %q: only PEM is supported", k, t)
		}
	}
	cfg.CAFile = either(opts, "schema.registry.ssl.truststore.location", "ssl.ca.location", fail)
	cfg.CertFile = either(opts, "schema.registry.ssl.keystore.location", "ssl.certificate.location", fail)
	cfg.KeyFile = opts["ssl.key.location"]
	if cfg.KeyFile != "" && cfg.CertFile == "" {
		fail("ssl.key.location needs ssl.certificate.location")
	}

	cfg.Timeout = millis(opts, "request.timeout.ms", fail)
	cfg.Backoff = millis(opts, "retries.wait.ms", fail)
	cfg.MaxBackoff = millis(opts, "retries.max.wait.ms", fail)
	if v, ok := opts["max.retries"]; ok {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil || n < 0:
			fail("max.retries %q: want a whole number, 0 or more", v)
		case n == 0:
			cfg.MaxRetries = -1 // Config's 0 means the default
		default:
			cfg.MaxRetries = n
		}
	}
	if err := errors.Join(errs...); err != nil {
		return Config{}, fmt.Errorf("registry options: %w", err)
	}
	return cfg, nil
}

// either returns the value of key a or key b, which mean the same.
func either(opts map[string]string, a, b string, fail func(string, ...any)) string {
	va, vb := opts[a], opts[b]
	if va != "" && vb != "" && va != vb {
		fail("%s and %s disagree; give one", a, b)
	}
	if va != "" {
		return va
	}
	return vb
}

func millis(opts map[string]string, key string, fail func(string, ...any)) time.Duration {
	v, ok := opts[key]
	if !ok {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		fail("%s %q: want a positive number of milliseconds", key, v)
		return 0
	}
	return time.Duration(n) * time.Millisecond
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
