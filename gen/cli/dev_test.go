package cli

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/streamc/streamc/internal/devtools/dev"
)

// syncBuffer is an output the command writes while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

const devSpec = `version: "1"
topics:
  invoices: {partitions: 4}
apps:
  a:
    queries:
      q:
        readStream:
          format: kafka
          options: {subscribe: invoices}
        writeStream:
          format: kafka
          options: {topic: notifications, checkpointLocation: chk/q}
`

func TestDevCommand(t *testing.T) {
	dir := t.TempDir()
	specFile := filepath.Join(dir, "pipelines.yaml")
	if err := os.WriteFile(specFile, []byte(devSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var out, errOut syncBuffer
	cmd := newDevCmd()
	cmd.SetArgs([]string{"--kafka-addr", "127.0.0.1:0", "--registry-addr", "127.0.0.1:0", "--registry-auth", "dev:pw", "-f", specFile})
	cmd.SetOut(&out)
	cmd.SetErr(&errOut)
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx) }()

	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(out.String(), "ready\n") {
		select {
		case err := <-done:
			t.Fatalf("dev ended before ready: %v\n%s%s", err, out.String(), errOut.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("dev not ready after 30s:\n%s%s", out.String(), errOut.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	var kafkaAddr, registryURL string
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if _, err := fmt.Sscanf(lines[0], "kafka %s", &kafkaAddr); err != nil {
		t.Fatalf("first line %q", lines[0])
	}
	if _, err := fmt.Sscanf(lines[1], "schema-registry %s", &registryURL); err != nil {
		t.Fatalf("second line %q", lines[1])
	}
	wantRest := []string{"topic invoices 4", "topic notifications 3", "ready"}
	if got := lines[2:]; strings.Join(got, "\n") != strings.Join(wantRest, "\n") {
		t.Errorf("output after the addresses:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantRest, "\n"))
	}

	// The spec's topics exist with their partition counts.
	conn, err := kafka.DialContext(ctx, "tcp", kafkaAddr)
	if err != nil {
		t.Fatal(err)
	}
	for topic, n := range map[string]int{"invoices": 4, "notifications": 3} {
		parts, err := conn.ReadPartitions(topic)
		if err != nil || len(parts) != n {
			t.Errorf("%s: %d partitions (%v), want %d", topic, len(parts), err, n)
		}
	}
	conn.Close()

	// The registry answers, with the credentials given.
	req, _ := http.NewRequestWithContext(ctx, "GET", registryURL+"/subjects", nil)
	req.SetBasicAuth("dev", "pw")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET /subjects: %d", resp.StatusCode)
	}

	// Cancelling (what SIGINT/SIGTERM do through cli.Do) stops it cleanly.
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("dev returned %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("dev did not stop within 15s of cancellation")
	}
	for _, addr := range []string{kafkaAddr, strings.TrimPrefix(registryURL, "http://")} {
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			t.Errorf("%s still accepts connections after dev stopped", addr)
		}
	}
}

func TestDevCommandBadSpec(t *testing.T) {
	specFile := filepath.Join(t.TempDir(), "pipelines.yaml")
	os.WriteFile(specFile, []byte("version: \"1\"\nbogus: 1\n"), 0o644)
	cmd := newDevCmd()
	cmd.SetArgs([]string{"--kafka-addr", "127.0.0.1:0", "--registry-addr", "127.0.0.1:0", "-f", specFile})
	cmd.SetOut(&syncBuffer{})
	cmd.SetErr(&syncBuffer{})
	err := cmd.ExecuteContext(t.Context())
	if err == nil || !strings.Contains(err.Error(), "bogus") {
		t.Fatalf("bad spec: %v", err)
	}
}

func TestDevProduceCommand(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	env, err := dev.Start(ctx, dev.Config{KafkaAddr: "127.0.0.1:0", RegistryAddr: "127.0.0.1:0", Topics: []dev.Topic{{Name: "plain", Partitions: 3}, {Name: "gps", Partitions: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	defer env.Close(ctx)
	run := func(stdin string, args ...string) string {
		t.Helper()
		var out, errOut syncBuffer
		cmd := newDevCmd()
		cmd.SetArgs(append([]string{"produce"}, args...))
		cmd.SetIn(strings.NewReader(stdin))
		cmd.SetOut(&out)
		cmd.SetErr(&errOut)
		if err := cmd.ExecuteContext(ctx); err != nil {
			t.Fatalf("produce %v: %v\n%s", args, err, errOut.String())
		}
		return out.String()
	}
	read := func(topic string) []kafka.Message {
		t.Helper()
		offs, err := env.Broker.Offsets(topic)
		if err != nil {
			t.Fatal(err)
		}
		var msgs []kafka.Message
		for p, r := range offs {
			rd := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{env.Broker.Addr()}, Topic: topic, Partition: p, MaxWait: 50 * time.Millisecond})
			for range r.End - r.Start {
				m, err := rd.ReadMessage(ctx)
				if err != nil {
					t.Fatal(err)
				}
				msgs = append(msgs, m)
			}
			rd.Close()
		}
		return msgs
	}

	// From standard input, keyed.
	in := `{"id":"a","x":1}
{"id":"b","x":2}
{"id":"c","x":3}
{"id":"d","x":4}
`
	if got := run(in, "--bootstrap-servers", env.Broker.Addr(), "--topic", "plain", "--key-field", "id", "-"); got != "4 records written to plain\n" {
		t.Errorf("output %q", got)
	}
	msgs := read("plain")
	if len(msgs) != 4 {
		t.Fatalf("read %d records", len(msgs))
	}
	for _, m := range msgs {
		if !strings.Contains(in, string(m.Value)) || !strings.HasPrefix(string(m.Value), `{"id":"`+string(m.Key)+`"`) {
			t.Errorf("record key %q value %q", m.Key, m.Value)
		}
		if p := (kafka.Murmur2Balancer{}).Balance(kafka.Message{Key: m.Key}, 0, 1, 2); p != m.Partition {
			t.Errorf("key %s in partition %d, murmur2 says %d", m.Key, m.Partition, p)
		}
	}

	// From a file, Confluent Avro, to one partition.
	dir := t.TempDir()
	schemaFile := filepath.Join(dir, "gps.avsc")
	os.WriteFile(schemaFile, []byte(`{"type":"record","name":"Gps","fields":[{"name":"deviceId","type":"string"},{"name":"speed","type":"double"}]}`), 0o644)
	dataFile := filepath.Join(dir, "gps.jsonl")
	os.WriteFile(dataFile, []byte(`{"deviceId":"d1","speed":1.5}`+"\n"+`{"deviceId":"d2","speed":2}`+"\n"), 0o644)
	got := run("", "--bootstrap-servers", env.Broker.Addr(), "--topic", "gps", "--partition", "1",
		"--format", "confluent-avro", "--schema", schemaFile, "--registry-url", env.Registry.URL(), dataFile)
	if got != "2 records written to gps (schema id 1)\n" {
		t.Errorf("output %q", got)
	}
	if sv, err := env.Registry.Registry().Version("gps-value", 1); err != nil || sv.ID != 1 {
		t.Errorf("gps-value: %+v %v", sv, err)
	}
	msgs = read("gps")
	want := []string{
		"00" + "00000001" + "046431" + "000000000000f83f", // 0, id 1, "d1", 1.5
		"00" + "00000001" + "046432" + "0000000000000040", // 0, id 1, "d2", 2.0
	}
	if len(msgs) != len(want) {
		t.Fatalf("read %d records, want %d", len(msgs), len(want))
	}
	for i, m := range msgs {
		if m.Partition != 1 {
			t.Errorf("record %d in partition %d, want 1", i, m.Partition)
		}
		if got := fmt.Sprintf("%x", m.Value); got != want[i] {
			t.Errorf("record %d: %s, want %s", i, got, want[i])
		}
	}
}
