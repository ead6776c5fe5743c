package kafka_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"

	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink"
	"github.com/streamc/streamc/internal/runtime/sink/kafkasink"
)

// selfSigned returns a server certificate for 127.0.0.1 and its CA's PEM.
func selfSigned(t *testing.T) (tls.Certificate, []byte) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, _ := x509.ParseCertificate(caDER)
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "broker"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, KeyUsage: x509.KeyUsageDigitalSignature}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
}

func secureCluster(t *testing.T, opts ...kfake.Opt) string {
	t.Helper()
	c, err := kfake.NewCluster(append([]kfake.Opt{kfake.NumBrokers(1), kfake.SeedTopics(3, "t"),
		kfake.ListenFn(func(network, _ string) (net.Listener, error) { return net.Listen(network, "127.0.0.1:0") })}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c.ListenAddrs()[0]
}

// roundTrip writes a record with the sink and reads it back with the
// source, both with the given settings.
func roundTrip(t *testing.T, settings map[string]string) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	so := map[string]string{"subscribe": "t", "fetchOffset.retryIntervalMs": "10", "kafkaConsumer.pollTimeoutMs": "2000"}
	ko := map[string]string{"topic": "t", "kafka.delivery.timeout.ms": "2000"}
	for k, v := range settings {
		so[k], ko[k] = v, v
	}
	snk, err := kafkasink.New(ko, quiet)
	if err != nil {
		return err
	}
	defer snk.Close()
	w, _ := snk.Open(ctx, 0, sink.Task{Topic: "x"})
	if err := w.Write(ctx, &sink.Message{Key: []byte("k"), Value: []byte("secret hello"), Partition: 1}); err != nil {
		return err
	}
	if err := w.Close(ctx); err != nil {
		return err
	}
	cfg, _, err := kafka.ParseSourceConfig(so)
	if err != nil {
		return err
	}
	src := kafka.NewSource(cfg, "", quiet)
	defer src.Close()
	tp := kafka.TopicPartition{Topic: "t", Partition: 1}
	latest, err := src.LatestOffsets(ctx, []kafka.TopicPartition{tp})
	if err != nil {
		return err
	}
	rows, _, err := readAll(t, src, tp, 0, latest["t"][1])
	if err != nil {
		return err
	}
	if len(rows) != 1 || string(rows[0].Value) != "secret hello" {
		t.Fatalf("read back %v", rows)
	}
	return nil
}

func TestSASLAndTLS(t *testing.T) {
	cert, caPEM := selfSigned(t)
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, caPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	jaas := func(module, user, pass string) string {
		return "org.apache.kafka.common.security." + module + " required username=\"" + user + "\" password=\"" + pass + "\";"
	}
	plainAddr := secureCluster(t, kfake.EnableSASL(), kfake.Superuser("PLAIN", "alice", "pw1"))
	scramTLSAddr := secureCluster(t, kfake.EnableSASL(), kfake.Superuser("SCRAM-SHA-512", "bob", "pw2"),
		kfake.TLS(&tls.Config{Certificates: []tls.Certificate{cert}}))
	cases := []struct {
		name     string
		settings map[string]string
		wantErr  string
	}{
		{"SASL_PLAINTEXT PLAIN", map[string]string{"kafka.bootstrap.servers": plainAddr, "kafka.security.protocol": "SASL_PLAINTEXT",
			"kafka.sasl.mechanism": "PLAIN", "kafka.sasl.jaas.config": jaas("plain.PlainLoginModule", "alice", "pw1")}, ""},
		{"wrong password", map[string]string{"kafka.bootstrap.servers": plainAddr, "kafka.security.protocol": "SASL_PLAINTEXT",
			"kafka.sasl.mechanism": "PLAIN", "kafka.sasl.jaas.config": jaas("plain.PlainLoginModule", "alice", "nope")}, "kafka"},
		{"SASL_SSL SCRAM-SHA-512 with a PEM truststore", map[string]string{"kafka.bootstrap.servers": scramTLSAddr, "kafka.security.protocol": "SASL_SSL",
			"kafka.sasl.mechanism": "SCRAM-SHA-512", "kafka.sasl.jaas.config": jaas("scram.ScramLoginModule", "bob", "pw2"),
			"kafka.ssl.truststore.location": caFile}, ""},
		{"untrusted broker certificate", map[string]string{"kafka.bootstrap.servers": scramTLSAddr, "kafka.security.protocol": "SASL_SSL",
			"kafka.sasl.mechanism": "SCRAM-SHA-512", "kafka.sasl.jaas.config": jaas("scram.ScramLoginModule", "bob", "pw2")}, "certificate"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			err := roundTrip(t, c.settings)
			switch {
			case c.wantErr == "" && err != nil:
				t.Fatal(err)
			case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
				t.Fatalf("got %v, want an error about %s", err, c.wantErr)
			case c.wantErr != "" && time.Since(start) > 10*time.Second:
				t.Errorf("a permanent error took %v", time.Since(start))
			}
			if err != nil {
				t.Logf("error: %v", err)
			}
		})
	}
}
