//go:build interop

// The interop tests need kcat, a system package `make test` cannot assume
// on a fresh machine; `make test-interop` runs them and .ci/run installs
// kcat and runs them on every submission.

package broker_test

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/streamc/streamc/internal/devtools/broker"
)

// kcat runs kcat (librdkafka, a C client sharing no code with kafka-go or
// franz-go) and returns its standard output.
func kcat(t *testing.T, ctx context.Context, stdin string, args ...string) string {
	t.Helper()
	path, err := exec.LookPath("kcat")
	if err != nil {
		t.Fatalf("kcat is not installed (Debian: apt-get install -y kcat; .ci/run installs it and runs make test-interop): %v", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("kcat %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

func TestDevBrokerKcat(t *testing.T) {
	ctx := testContext(t)
	b := start(t, broker.Config{})
	if err := b.CreateTopic(ctx, "kc", 3); err != nil {
		t.Fatal(err)
	}

	meta := kcat(t, ctx, "", "-b", b.Addr(), "-L", "-t", "kc")
	for _, want := range []string{
		"1 brokers:",
		"broker 0 at " + b.Addr(),
		`topic "kc" with 3 partitions:`,
		"partition 0, leader 0",
		"partition 2, leader 0",
	} {
		if !strings.Contains(meta, want) {
			t.Errorf("kcat -L output lacks %q:\n%s", want, meta)
		}
	}

	// kcat produces keyed records with librdkafka's murmur2 partitioner,
	// which matches Java's (and kafka-go's Murmur2Balancer).
	var in strings.Builder
	for i := range 15 {
		fmt.Fprintf(&in, "k%d:v%d\n", i, i)
	}
	kcat(t, ctx, in.String(), "-b", b.Addr(), "-P", "-t", "kc", "-K:", "-X", "partitioner=murmur2_random")

	out := kcat(t, ctx, "", "-b", b.Addr(), "-C", "-t", "kc", "-o", "beginning", "-e", "-q", "-f", `%p %k %s\n`)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 15 {
		t.Fatalf("kcat consumed %d records, want 15:\n%s", len(lines), out)
	}
	sort.Strings(lines)
	for _, l := range lines {
		var p int
		var k, v string
		if _, err := fmt.Sscanf(l, "%d %s %s", &p, &k, &v); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		if v != "v"+k[1:] {
			t.Errorf("key %s has value %s", k, v)
		}
		if want := (kafka.Murmur2Balancer{}).Balance(kafka.Message{Key: []byte(k)}, 0, 1, 2); p != want {
			t.Errorf("key %s in partition %d, murmur2 says %d", k, p, want)
		}
	}

	// What kafka-go writes, kcat reads, headers included.
	w := &kafka.Writer{Addr: kafka.TCP(b.Addr()), Topic: "kc", Balancer: kafka.Murmur2Balancer{}, BatchTimeout: time.Millisecond, RequiredAcks: kafka.RequireAll}
	defer w.Close()
	if err := w.WriteMessages(ctx, kafka.Message{Key: []byte("gokey"), Value: []byte("from-go"), Headers: []kafka.Header{{Key: "h", Value: []byte("1")}}}); err != nil {
		t.Fatal(err)
	}
	p := (kafka.Murmur2Balancer{}).Balance(kafka.Message{Key: []byte("gokey")}, 0, 1, 2)
	out = kcat(t, ctx, "", "-b", b.Addr(), "-C", "-t", "kc", "-p", fmt.Sprint(p), "-o", "-1", "-e", "-q", "-f", `%k %s %h\n`)
	if got := strings.TrimSpace(out); got != "gokey from-go h=1" {
		t.Errorf("kcat read %q", got)
	}

	// A kcat consumer group commits offsets that kafka-go can read.
	kcat(t, ctx, "", "-b", b.Addr(), "-G", "kcat-group", "-o", "beginning", "-e", "-q", "-X", "enable.auto.commit=true", "-X", "auto.commit.interval.ms=100", "kc")
	tr := &kafka.Transport{}
	defer tr.CloseIdleConnections()
	cl := &kafka.Client{Addr: kafka.TCP(b.Addr()), Transport: tr}
	resp, err := cl.OffsetFetch(ctx, &kafka.OffsetFetchRequest{GroupID: "kcat-group", Topics: map[string][]int{"kc": {0, 1, 2}}})
	if err != nil {
		t.Fatal(err)
	}
	offs, _ := b.Offsets("kc")
	for _, pr := range resp.Topics["kc"] {
		if pr.CommittedOffset != offs[pr.Partition].End {
			t.Errorf("kcat group committed %d on partition %d, want %d", pr.CommittedOffset, pr.Partition, offs[pr.Partition].End)
		}
	}
}
