package registry

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"os"
)

// httpClient builds the client requests go through: cfg.HTTPClient, or one
// with cfg's TLS settings on a copy of the default transport (which keeps
// proxies from the environment).
func httpClient(cfg Config) (*http.Client, error) {
	hasTLS := cfg.CAFile != "" || cfg.CertFile != "" || cfg.KeyFile != "" || cfg.InsecureSkipVerify
	if cfg.HTTPClient != nil {
		if hasTLS {
			return nil, fmt.Errorf("registry: TLS settings and HTTPClient both given; configure TLS in HTTPClient's transport")
		}
		return cfg.HTTPClient, nil
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	// Partitions decoding in parallel may ask at once; keep their
	// connections rather than redial.
	t.MaxIdleConnsPerHost = 16
	if hasTLS {
		tc, err := tlsConfig(cfg)
		if err != nil {
			return nil, err
		}
		t.TLSClientConfig = tc
	}
	return &http.Client{Transport: t}, nil
}

func tlsConfig(cfg Config) (*tls.Config, error) {
	tc := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: cfg.InsecureSkipVerify}
	if cfg.CAFile != "" {
		pem, err := os.ReadFile(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("registry: CA file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("registry: CA file %s: no PEM certificates in it", cfg.CAFile)
		}
		tc.RootCAs = pool
	}
	if cfg.CertFile != "" {
		keyFile := cfg.KeyFile
		if keyFile == "" {
			keyFile = cfg.CertFile // one PEM file holding both, as a PEM keystore does
		}
		cert, err := tls.LoadX509KeyPair(cfg.CertFile, keyFile)
		if err != nil {
			return nil, fmt.Errorf("registry: client certificate: %w", err)
		}
		tc.Certificates = []tls.Certificate{cert}
	} else if cfg.KeyFile != "" {
		return nil, fmt.Errorf("registry: KeyFile needs CertFile")
	}
	return tc, nil
}
