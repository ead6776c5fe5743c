package kafka

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	kafkago "github.com/segmentio/kafka-go"
	"github.com/segmentio/kafka-go/sasl"
	"github.com/segmentio/kafka-go/sasl/plain"
	"github.com/segmentio/kafka-go/sasl/scram"
)

// SettingPrefix marks Kafka client settings among a source's or sink's
// options, as in Spark: option "kafka.bootstrap.servers" is the client's
// bootstrap.servers.
const SettingPrefix = "kafka."

// ClientConfig is the connection part of the kafka.* settings, shared by the
// source and the sink. Settings are named as the Java client's.
//
// Security, as the Java client:
//
//	kafka.security.protocol   PLAINTEXT (default), SSL, SASL_PLAINTEXT, SASL_SSL
//	kafka.sasl.mechanism      PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512
//	kafka.sasl.jaas.config    org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";
//	                          (ScramLoginModule for SCRAM)
//
// TLS differs from Java in one way: key material is PEM, not JKS/PKCS12.
//
//	kafka.ssl.truststore.location   a PEM file of CA certificates (default: the system roots)
//	kafka.ssl.truststore.certificates  the same, inline
//	kafka.ssl.keystore.location     a PEM file holding the client certificate chain and its
//	                                unencrypted private key (for mutual TLS)
//	kafka.ssl.keystore.certificate.chain, kafka.ssl.keystore.key   the same, inline
//	kafka.ssl.endpoint.identification.algorithm  "" turns host name checking off (the chain is
//	                                still verified); Java's default "https" checks it
//
// A JKS or PKCS12 store gives an error saying how to convert it
// (keytool -exportcert -rfc, openssl pkcs12 -nodes).
type ClientConfig struct {
	Brokers        []string
	ClientID       string
	TLS            *tls.Config
	SASL           sasl.Mechanism
	DialTimeout    time.Duration
	RequestTimeout time.Duration
	IdleTimeout    time.Duration
	// MetadataMaxAge bounds how stale cached metadata (partitions, leaders)
	// may be; new partitions are seen within it. Zero keeps kafka-go's 6s.
	MetadataMaxAge time.Duration
	// RetryBackoff and RetryBackoffMax bound the waits between retries of
	// retriable errors (Java's retry.backoff.ms, retry.backoff.max.ms).
	RetryBackoff    time.Duration
	RetryBackoffMax time.Duration
	// RetryTimeout, when RetryTimeoutSet, is how long every call keeps
	// retrying transient errors (the retryTimeout option, which the spec's
	// top-level retryTimeout and --retry-timeout set). It wins over the
	// source's kafkaConsumer.pollTimeoutMs and the sink's
	// kafka.delivery.timeout.ms, which apply otherwise.
	RetryTimeout    time.Duration
	RetryTimeoutSet bool

	// Settings holds every kafka.* setting without its prefix, for the parts
	// (source, sink) that read their own.
	Settings map[string]string
}

// Setting is the one definition of a kafka.* client setting this package
// reads: its Java name (without "kafka.") and what it does. The generator
// accepts exactly these (checking their values with its own rules) and
// documents them with Doc.
type Setting struct {
	Name string
	Doc  string
}

// ClientSettings are the settings ParseClientConfig reads, for the source
// and the sink alike.
var ClientSettings = []Setting{
	{"bootstrap.servers", "the brokers, host:port,...; --bootstrap-servers overrides"},
	{"client.id", "the client id sent to brokers"},
	{"security.protocol", "PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL"},
	{"sasl.mechanism", "PLAIN, SCRAM-SHA-256, SCRAM-SHA-512"},
	{"sasl.jaas.config", "username and password of the login module"},
	{"ssl.truststore.location", "a PEM file of CA certificates"},
	{"ssl.truststore.type", "PEM only"},
	{"ssl.truststore.certificates", "inline PEM"},
	{"ssl.keystore.location", "a PEM certificate chain and unencrypted key"},
	{"ssl.keystore.type", "PEM only"},
	{"ssl.keystore.certificate.chain", "inline PEM"},
	{"ssl.keystore.key", "inline PEM"},
	{"ssl.endpoint.identification.algorithm", `"" turns host name checking off, https keeps it`},
	{"request.timeout.ms", "the client's request timeout"},
	{"metadata.max.age.ms", "the transport's metadata TTL"},
	{"connections.max.idle.ms", "the transport's idle timeout"},
	{"socket.connection.setup.timeout.ms", "the dial timeout"},
	{"retry.backoff.ms", "the first wait between retries"},
	{"retry.backoff.max.ms", "the longest wait between retries"},
}

// ConsumerSettings are the settings the source reads itself.
var ConsumerSettings = []Setting{
	{"group.id", "the consumer group offsets are committed to after each batch"},
	{"isolation.level", "read_committed skips aborted transactions"},
	{"max.partition.fetch.bytes", "the fetch size per partition"},
	{"fetch.max.wait.ms", "the long-poll wait"},
}

// commonSettings are the settings ParseClientConfig itself interprets:
// ClientSettings, and the ones it refuses with a reason.
var commonSettings = func() []string {
	out := []string{"ssl.truststore.password", "ssl.keystore.password", "ssl.key.password", "ssl.protocol"}
	for _, s := range ClientSettings {
		out = append(out, s.Name)
	}
	return out
}()

// RetryTimeoutOption is the option (not a kafka.* setting) holding the
// retry timeout of every Kafka call of a source or sink, as a Go duration.
const RetryTimeoutOption = "retryTimeout"

// ParseClientConfig reads the kafka.* entries of opts and the retryTimeout
// option (other keys are ignored). Unknown settings are not an error, as with the Java client; the
// caller reports them with UnknownSettings.
func ParseClientConfig(opts map[string]string) (*ClientConfig, error) {
	s := map[string]string{}
	for k, v := range opts {
		if name, ok := strings.CutPrefix(k, SettingPrefix); ok {
			s[name] = v
		}
	}
	c := &ClientConfig{
		Settings:        s,
		DialTimeout:     10 * time.Second,
		RequestTimeout:  30 * time.Second,
		IdleTimeout:     9 * time.Minute,
		RetryBackoff:    100 * time.Millisecond,
		RetryBackoffMax: time.Second,
	}
	var errs []error
	for _, b := range strings.Split(s["bootstrap.servers"], ",") {
		if b = strings.TrimSpace(b); b != "" {
			if _, _, err := net.SplitHostPort(b); err != nil {
				errs = append(errs, fmt.Errorf("kafka.bootstrap.servers: %q is not host:port", b))
				continue
			}
			c.Brokers = append(c.Brokers, b)
		}
	}
	if len(c.Brokers) == 0 {
		errs = append(errs, errors.New("kafka.bootstrap.servers is not set (set it in the spec, with --bootstrap-servers or STREAMC_BOOTSTRAP_SERVERS)"))
	}
	c.ClientID = s["client.id"]
	if c.ClientID == "" {
		c.ClientID = "streamc"
	}
	for _, d := range []struct {
		name string
		dst  *time.Duration
	}{
		{"request.timeout.ms", &c.RequestTimeout},
		{"metadata.max.age.ms", &c.MetadataMaxAge},
		{"connections.max.idle.ms", &c.IdleTimeout},
		{"socket.connection.setup.timeout.ms", &c.DialTimeout},
		{"retry.backoff.ms", &c.RetryBackoff},
		{"retry.backoff.max.ms", &c.RetryBackoffMax},
	} {
		if err := Millis(s, d.name, d.dst); err != nil {
			errs = append(errs, err)
		}
	}
	if v, ok := opts[RetryTimeoutOption]; ok {
		d, err := time.ParseDuration(strings.TrimSpace(v))
		if err != nil || d < 0 {
			errs = append(errs, fmt.Errorf("%s: %q is not a duration such as 2m or 30s", RetryTimeoutOption, v))
		}
		c.RetryTimeout, c.RetryTimeoutSet = d, true
	}
	proto := strings.ToUpper(strings.TrimSpace(s["security.protocol"]))
	if proto == "" {
		proto = "PLAINTEXT"
	}
	switch proto {
	case "PLAINTEXT":
	case "SSL", "SASL_SSL":
		cfg, err := tlsConfig(s)
		if err != nil {
			errs = append(errs, err)
		}
		c.TLS = cfg
	case "SASL_PLAINTEXT":
	default:
		errs = append(errs, fmt.Errorf("kafka.security.protocol: %q is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL", s["security.protocol"]))
	}
	if strings.HasPrefix(proto, "SASL_") {
		m, err := saslMechanism(s)
		if err != nil {
			errs = append(errs, err)
		}
		c.SASL = m
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return c, nil
}

// UnknownSettings lists the settings in c.Settings that neither this
// package nor known (the caller's own) interpret, sorted, so the caller can
// warn about them once as the Java client does.
func (c *ClientConfig) UnknownSettings(known ...[]string) []string {
	var out []string
	for k := range c.Settings {
		if slices.Contains(commonSettings, k) {
			continue
		}
		found := false
		for _, list := range known {
			if slices.Contains(list, k) {
				found = true
				break
			}
		}
		if !found {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// RetryPolicy is how calls retry: for the retry timeout when set, else for
// fallback (the part's own setting).
func (c *ClientConfig) RetryPolicy(fallback time.Duration) RetryPolicy {
	t := fallback
	if c.RetryTimeoutSet {
		t = c.RetryTimeout
	}
	return RetryPolicy{Timeout: t, Backoff: Backoff{Min: c.RetryBackoff, Max: c.RetryBackoffMax}, Brokers: c.Brokers}
}

// NewTransport returns a kafka-go transport (a connection pool) with these
// settings. Each transport keeps one connection per broker and serialises
// requests on it, so parts that must not wait behind each other (one
// partition's long poll and another's fetch) get a transport each.
func (c *ClientConfig) NewTransport() *kafkago.Transport {
	return &kafkago.Transport{
		Dial:        (&net.Dialer{Timeout: c.DialTimeout}).DialContext,
		DialTimeout: c.DialTimeout,
		IdleTimeout: c.IdleTimeout,
		MetadataTTL: c.MetadataMaxAge,
		ClientID:    c.ClientID,
		TLS:         c.TLS,
		SASL:        c.SASL,
	}
}

// NewClient returns a client on a new transport.
func (c *ClientConfig) NewClient() *kafkago.Client {
	return &kafkago.Client{Addr: kafkago.TCP(c.Brokers...), Timeout: c.RequestTimeout, Transport: c.NewTransport()}
}

// Millis reads a Java-style millisecond setting into dst when present.
func Millis(s map[string]string, name string, dst *time.Duration) error {
	v, ok := s[name]
	if !ok {
		return nil
	}
	d, err := MillisValue(v)
	if err != nil {
		return fmt.Errorf("kafka.%s: %w", name, err)
	}
	*dst = d
	return nil
}

// MillisValue is the duration a Java-style millisecond setting's text
// gives.
func MillisValue(v string) (time.Duration, error) {
	n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a non-negative number of milliseconds", v)
	}
	return time.Duration(n) * time.Millisecond, nil
}

// Int reads an integer setting into dst when present.
func Int(s map[string]string, name string, dst *int) error {
	v, ok := s[name]
	if !ok {
		return nil
	}
	n, err := IntValue(v)
	if err != nil {
		return fmt.Errorf("kafka.%s: %w", name, err)
	}
	*dst = n
	return nil
}

// IntValue is the non-negative integer an integer setting's text gives.
func IntValue(v string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a non-negative integer", v)
	}
	return n, nil
}

func saslMechanism(s map[string]string) (sasl.Mechanism, error) {
	mech := strings.ToUpper(strings.TrimSpace(s["sasl.mechanism"]))
	if mech == "" {
		// The Java client's default; say so rather than guess PLAIN.
		mech = "GSSAPI"
	}
	wantModule := map[string]string{
		"PLAIN":         "org.apache.kafka.common.security.plain.PlainLoginModule",
		"SCRAM-SHA-256": "org.apache.kafka.common.security.scram.ScramLoginModule",
		"SCRAM-SHA-512": "org.apache.kafka.common.security.scram.ScramLoginModule",
	}[mech]
	if wantModule == "" {
		return nil, fmt.Errorf("kafka.sasl.mechanism: %s is not supported (use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)", mech)
	}
	raw, ok := s["sasl.jaas.config"]
	if !ok {
		return nil, fmt.Errorf("kafka.sasl.jaas.config is required with kafka.sasl.mechanism %s: %s required username=\"...\" password=\"...\";", mech, wantModule)
	}
	e, err := parseJAAS(raw)
	if err != nil {
		return nil, fmt.Errorf("kafka.%w", err)
	}
	if e.module != wantModule {
		return nil, fmt.Errorf("kafka.sasl.jaas.config: login module %s does not match kafka.sasl.mechanism %s (want %s)", e.module, mech, wantModule)
	}
	user, pass := e.options["username"], e.options["password"]
	if user == "" {
		return nil, errors.New("kafka.sasl.jaas.config: username is missing")
	}
	switch mech {
	case "PLAIN":
		return plain.Mechanism{Username: user, Password: pass}, nil
	case "SCRAM-SHA-256":
		return scram.Mechanism(scram.SHA256, user, pass)
	default:
		return scram.Mechanism(scram.SHA512, user, pass)
	}
}

func tlsConfig(s map[string]string) (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	for _, k := range []string{"ssl.truststore.type", "ssl.keystore.type"} {
		if t := strings.ToUpper(strings.TrimSpace(s[k])); t != "" && t != "PEM" {
			return nil, fmt.Errorf("kafka.%s: %s stores are not supported, only PEM (convert with keytool -exportcert -rfc or openssl pkcs12 -nodes)", k, t)
		}
	}
	var caPEM []byte
	if p := s["ssl.truststore.location"]; p != "" {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("kafka.ssl.truststore.location: %w", err)
		}
		caPEM = b
	}
	if inline := s["ssl.truststore.certificates"]; inline != "" {
		caPEM = append(caPEM, '\n')
		caPEM = append(caPEM, inline...)
	}
	if caPEM != nil {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(caPEM) {
			return nil, errors.New("kafka.ssl.truststore: no PEM certificate found (streamc reads PEM truststores; convert a JKS one with keytool -exportcert -rfc)")
		}
		cfg.RootCAs = pool
	}
	var certPEM, keyPEM []byte
	if p := s["ssl.keystore.location"]; p != "" {
		if s["ssl.key.password"] != "" {
			return nil, errors.New("kafka.ssl.key.password: encrypted private keys are not supported; use an unencrypted PEM key")
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("kafka.ssl.keystore.location: %w", err)
		}
		certPEM, keyPEM = b, b
	}
	if c, k := s["ssl.keystore.certificate.chain"], s["ssl.keystore.key"]; c != "" || k != "" {
		certPEM, keyPEM = []byte(c), []byte(k)
	}
	if certPEM != nil {
		cert, err := tls.X509KeyPair(certPEM, keyPEM)
		if err != nil {
			return nil, fmt.Errorf("kafka.ssl.keystore: %w (streamc reads a PEM certificate chain and unencrypted key)", err)
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	if alg, ok := s["ssl.endpoint.identification.algorithm"]; ok && strings.TrimSpace(alg) == "" {
		// Java's way to skip host name checks; the chain is still verified
		// against the trust store, which InsecureSkipVerify alone would not do.
		roots := cfg.RootCAs
		cfg.InsecureSkipVerify = true
		cfg.VerifyConnection = func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 {
				return errors.New("kafka: broker sent no certificate")
			}
			opts := x509.VerifyOptions{Roots: roots, Intermediates: x509.NewCertPool()}
			for _, c := range cs.PeerCertificates[1:] {
				opts.Intermediates.AddCert(c)
			}
			_, err := cs.PeerCertificates[0].Verify(opts)
			return err
		}
	}
	return cfg, nil
}
