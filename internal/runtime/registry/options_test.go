package registry_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/registry"
)

func TestConfigFromOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts map[string]string
		want string // the Config as %+v of its interesting fields, or "error: <substring>"
	}{
		{"url only", map[string]string{"schema.registry.url": "http://sr:8081"},
			"urls=[http://sr:8081] user= bearer= ca= cert= key= insecure=false timeout=0s retries=0 backoff=0s/0s"},
		{"several urls", map[string]string{"schema.registry.url": "http://a:8081, http://b:8081,"},
			"urls=[http://a:8081 http://b:8081] user= bearer= ca= cert= key= insecure=false timeout=0s retries=0 backoff=0s/0s"},
		{"user info", map[string]string{"schema.registry.url": "https://sr", "basic.auth.credentials.source": "USER_INFO", "basic.auth.user.info": "alice:s3cret"},
			"urls=[https://sr] user=alice:s3cret bearer= ca= cert= key= insecure=false timeout=0s retries=0 backoff=0s/0s"},
		{"user info without source", map[string]string{"schema.registry.url": "https://sr", "basic.auth.user.info": "alice:s3cret"},
			"urls=[https://sr] user=alice:s3cret bearer= ca= cert= key= insecure=false timeout=0s retries=0 backoff=0s/0s"},
		{"older user info key", map[string]string{"schema.registry.url": "https://sr", "schema.registry.basic.auth.user.info": "alice:s3cret"},
			"urls=[https://sr] user=alice:s3cret bearer= ca= cert= key= insecure=false timeout=0s retries=0 backoff=0s/0s"},
		{"url source", map[string]string{"schema.registry.url": "https://alice:s3cret@sr", "basic.auth.credentials.source": "URL"},
			"urls=[https://alice:s3cret@sr] user= bearer= ca= cert= key= insecure=false timeout=0s retries=0 backoff=0s/0s"},
		{"bearer", map[string]string{"schema.registry.url": "https://sr", "bearer.auth.credentials.source": "STATIC_TOKEN", "bearer.auth.token": "tok"},
			"urls=[https://sr] user= bearer=tok ca= cert= key= insecure=false timeout=0s retries=0 backoff=0s/0s"},
		{"java tls", map[string]string{"schema.registry.url": "https://sr", "schema.registry.ssl.truststore.location": "ca.pem", "schema.registry.ssl.truststore.type": "PEM",
			"schema.registry.ssl.keystore.location": "client.pem", "schema.registry.ssl.keystore.type": "pem"},
			"urls=[https://sr] user= bearer= ca=ca.pem cert=client.pem key= insecure=false timeout=0s retries=0 backoff=0s/0s"},
		{"librdkafka tls", map[string]string{"schema.registry.url": "https://sr", "ssl.ca.location": "ca.pem", "ssl.certificate.location": "c.pem", "ssl.key.location": "k.pem"},
			"urls=[https://sr] user= bearer= ca=ca.pem cert=c.pem key=k.pem insecure=false timeout=0s retries=0 backoff=0s/0s"},
		{"timing", map[string]string{"schema.registry.url": "http://sr", "request.timeout.ms": "2500", "max.retries": "5", "retries.wait.ms": "50", "retries.max.wait.ms": "1000"},
			"urls=[http://sr] user= bearer= ca= cert= key= insecure=false timeout=2.5s retries=5 backoff=50ms/1s"},
		{"no retries", map[string]string{"schema.registry.url": "http://sr", "max.retries": "0"},
			"urls=[http://sr] user= bearer= ca= cert= key= insecure=false timeout=0s retries=-1 backoff=0s/0s"},

		{"unknown key", map[string]string{"schema.registry.url": "http://sr", "basic.auth.userinfo": "a:b"}, `error: unknown key "basic.auth.userinfo"`},
		{"unknown keys sorted", map[string]string{"schema.registry.url": "http://sr", "zz": "", "aa": ""}, `error: unknown key "aa", "zz"`},
		{"no url", map[string]string{}, "error: schema.registry.url is required"},
		{"blank url", map[string]string{"schema.registry.url": " , "}, "error: schema.registry.url is required"},
		{"user info source without user info", map[string]string{"schema.registry.url": "http://sr", "basic.auth.credentials.source": "USER_INFO"}, "error: needs basic.auth.user.info"},
		{"url source without credentials", map[string]string{"schema.registry.url": "http://sr", "basic.auth.credentials.source": "URL"}, "error: needs user:secret@"},
		{"sasl inherit", map[string]string{"schema.registry.url": "http://sr", "basic.auth.credentials.source": "SASL_INHERIT"}, "error: want USER_INFO or URL"},
		{"oauth", map[string]string{"schema.registry.url": "http://sr", "bearer.auth.credentials.source": "OAUTHBEARER"}, "error: only STATIC_TOKEN"},
		{"both", map[string]string{"schema.registry.url": "http://sr", "basic.auth.user.info": "a:b", "bearer.auth.token": "t"}, "error: not both"},
		{"jks", map[string]string{"schema.registry.url": "http://sr", "schema.registry.ssl.truststore.location": "t.jks", "schema.registry.ssl.truststore.type": "JKS"}, "error: only PEM"},
		{"conflicting ca", map[string]string{"schema.registry.url": "http://sr", "schema.registry.ssl.truststore.location": "a.pem", "ssl.ca.location": "b.pem"}, "error: disagree"},
		{"key without cert", map[string]string{"schema.registry.url": "http://sr", "ssl.key.location": "k.pem"}, "error: needs ssl.certificate.location"},
		{"no insecure option", map[string]string{"schema.registry.url": "http://sr", "ssl.disable.endpoint.verification": "true"}, `error: unknown key "ssl.disable.endpoint.verification"`},
		{"bad millis", map[string]string{"schema.registry.url": "http://sr", "request.timeout.ms": "10s"}, "error: request.timeout.ms"},
		{"bad retries", map[string]string{"schema.registry.url": "http://sr", "max.retries": "-2"}, "error: max.retries"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := registry.ConfigFromOptions(tc.opts)
			if want, ok := strings.CutPrefix(tc.want, "error: "); ok {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("err %v, want one containing %q", err, want)
				}
				if strings.Contains(err.Error(), "s3cret") {
					t.Errorf("error shows a secret: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprintf("urls=%v user=%s bearer=%s ca=%s cert=%s key=%s insecure=%v timeout=%v retries=%d backoff=%v/%v",
				cfg.URLs, cfg.BasicAuthUserInfo, cfg.BearerToken, cfg.CAFile, cfg.CertFile, cfg.KeyFile, cfg.InsecureSkipVerify,
				cfg.Timeout, cfg.MaxRetries, cfg.Backoff, cfg.MaxBackoff)
			if got != tc.want {
				t.Errorf("\n got  %s\n want %s", got, tc.want)
			}
			if _, err := registry.New(cfg); err != nil && cfg.CAFile == "" && cfg.CertFile == "" {
				t.Errorf("New: %v", err)
			}
		})
	}
}

func TestConfigString(t *testing.T) {
	cfg := registry.Config{URLs: []string{"https://bob:hunter2@sr:8081", "https://sr2"}, BasicAuthUserInfo: "alice:s3cret", Timeout: time.Second}
	got := cfg.String()
	if want := `registry https://bob:xxxxx@sr:8081,https://sr2 user "alice"`; got != want {
		t.Errorf("String() = %s, want %s", got, want)
	}
	if s := fmt.Sprintf("%v|%+v|%#v", cfg, cfg, cfg); strings.Contains(s, "hunter2") || strings.Contains(s, "s3cret") {
		t.Errorf("formatted Config shows a secret: %s", s)
	}
}
