package dev_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/compiler/spec"
	"github.com/streamc/streamc/internal/devtools/dev"
)

const testSpec = `version: "1"
topics:
  invoices: {partitions: 4}
  plain: {}
apps:
  a:
    queries:
      q1:
        readStream:
          format: kafka
          options: {subscribe: "invoices, extra", startingOffsets: earliest}
        writeStream:
          format: kafka
          options: {topic: out, checkpointLocation: chk/q1}
      q2:
        readStream:
          format: kafka
          options: {assign: '{"assigned":[0,4]}'}
        writeStream:
          format: console
          options: {checkpointLocation: chk/q2}
`

func TestDevSpecTopics(t *testing.T) {
	s, err := spec.Parse("pipelines.yaml", []byte(testSpec))
	if err != nil {
		t.Fatal(err)
	}
	got := dev.SpecTopics(s, 3)
	want := []dev.Topic{{Name: "invoices", Partitions: 4}, {Name: "plain", Partitions: 3}, {Name: "extra", Partitions: 3}, {Name: "out", Partitions: 3}, {Name: "assigned", Partitions: 5}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("topic %d: got %v, want %v", i, got[i], want[i])
		}
	}
}

func TestDevEnvStartClose(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	env, err := dev.Start(ctx, dev.Config{
		KafkaAddr: "127.0.0.1:0", RegistryAddr: "127.0.0.1:0", RegistryAuth: "u:p",
		Topics: []dev.Topic{{Name: "a", Partitions: 2}, {Name: "b", Partitions: 5}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := env.Broker.Partitions("a"); n != 2 {
		t.Errorf("a has %d partitions", n)
	}
	if n := env.Broker.Partitions("b"); n != 5 {
		t.Errorf("b has %d partitions", n)
	}
	resp, err := http.Get(env.Registry.URL() + "/subjects")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("registry without credentials: %d", resp.StatusCode)
	}
	if err := env.Close(ctx); err != nil {
		t.Fatal(err)
	}
	// Both ports are free again.
	env2, err := dev.Start(ctx, dev.Config{KafkaAddr: env.Broker.Addr(), RegistryAddr: env.Registry.Addr()})
	if err != nil {
		t.Fatalf("restart on the same ports: %v", err)
	}
	if err := env2.Close(ctx); err != nil {
		t.Fatal(err)
	}
}
