// Package broker runs an in-process Kafka-protocol broker (franz-go's kfake)
// on one address, for `streamc dev` and for tests that need a real Kafka
// protocol server rather than a mock.
//
// The broker keeps its log in a directory (a temporary one unless
// Config.DataDir is set), so Stop followed by Restart brings it back on the
// same address with the same topics, records and committed group offsets:
// that is how tests simulate a broker outage.
package broker

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"sync"

	"github.com/twmb/franz-go/pkg/kfake"
)

// DefaultAddr is where `streamc dev` listens unless told otherwise.
const DefaultAddr = "127.0.0.1:9092"

// DefaultPartitions is the partition count of topics created without one.
const DefaultPartitions = 3

// Config says how to start a Broker. The zero value is usable.
type Config struct {
	// Addr is host:port to listen on (default DefaultAddr). Port 0 picks a
	// free port; Addr reports the one chosen.
	Addr string
	// Partitions is the count for topics created without one, including
	// auto-created topics (default DefaultPartitions).
	Partitions int
	// AutoCreateTopics lets a metadata request create a missing topic, as a
	// real broker's auto.create.topics.enable does.
	AutoCreateTopics bool
	// DataDir keeps the log across Restart and across processes. Empty means
	// a temporary directory that Close removes.
	DataDir string
	// Logger receives kfake's warnings and errors (default: discarded).
	Logger *slog.Logger
}

// Broker is a running (or stopped) single-node Kafka cluster.
type Broker struct {
	cfg     Config
	addr    string // the real host:port, fixed at the first start
	tempDir bool   // whether Close removes cfg.DataDir

	mu      sync.Mutex
	cluster *kfake.Cluster // nil while stopped
	closed  bool
}

// Start listens on cfg.Addr and serves the Kafka protocol until Close.
func Start(cfg Config) (*Broker, error) {
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	if cfg.Partitions <= 0 {
		cfg.Partitions = DefaultPartitions
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	b := &Broker{cfg: cfg}
	if cfg.DataDir == "" {
		dir, err := os.MkdirTemp("", "streamc-broker-")
		if err != nil {
			return nil, fmt.Errorf("broker: data directory: %w", err)
		}
		b.cfg.DataDir, b.tempDir = dir, true
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		b.removeTemp()
		return nil, fmt.Errorf("broker: listen on %s: %w", cfg.Addr, err)
	}
	b.addr = advertised(ln.Addr().String())
	if err := b.startOn(ln); err != nil {
		b.removeTemp()
		return nil, err
	}
	return b, nil
}

// Addr is the broker's host:port, for bootstrap.servers.
func (b *Broker) Addr() string { return b.addr }

// startOn starts kfake on an already bound listener. Binding ourselves lets
// us honour any host (kfake binds 127.0.0.1 only) and report the real port.
func (b *Broker) startOn(ln net.Listener) error {
	used := false
	opts := []kfake.Opt{
		kfake.NumBrokers(1),
		kfake.ClusterID("streamc-dev"),
		kfake.DefaultNumPartitions(b.cfg.Partitions),
		kfake.DataDir(b.cfg.DataDir),
		kfake.WithLogger(slogLogger{b.cfg.Logger}),
		kfake.ListenFn(func(_, _ string) (net.Listener, error) {
			if used {
				return nil, errors.New("broker: one listener only")
			}
			used = true
			return advertisedListener{Listener: ln, addr: b.addr}, nil
		}),
	}
	if b.cfg.AutoCreateTopics {
		opts = append(opts, kfake.AllowAutoTopicCreation())
	}
	c, err := kfake.NewCluster(opts...)
	if err != nil {
		ln.Close()
		return fmt.Errorf("broker: start on %s: %w", b.addr, err)
	}
	b.mu.Lock()
	b.cluster = c
	b.mu.Unlock()
	return nil
}

// Stop closes the listener and every client connection, as a broker going
// down would, after saving the log: every acknowledged record survives
// (records sent with acks=0 and not yet handled do not). Clients see
// connection refused until Restart.
func (b *Broker) Stop() {
	b.mu.Lock()
	c := b.cluster
	b.cluster = nil
	b.mu.Unlock()
	if c != nil {
		c.Close()
	}
}

// Restart starts a stopped broker again on the same address with the data
// it had when stopped. It fails if something else took the port meanwhile.
func (b *Broker) Restart() error {
	b.mu.Lock()
	running, closed := b.cluster != nil, b.closed
	b.mu.Unlock()
	switch {
	case closed:
		return errors.New("broker: restart after Close")
	case running:
		return nil
	}
	ln, err := net.Listen("tcp", b.addr)
	if err != nil {
		return fmt.Errorf("broker: listen again on %s: %w", b.addr, err)
	}
	return b.startOn(ln)
}

// Close stops the broker for good and removes a temporary data directory.
func (b *Broker) Close() error {
	b.Stop()
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	return b.removeTemp()
}

func (b *Broker) removeTemp() error {
	if !b.tempDir {
		return nil
	}
	b.tempDir = false
	if err := os.RemoveAll(b.cfg.DataDir); err != nil {
		return fmt.Errorf("broker: remove %s: %w", b.cfg.DataDir, err)
	}
	return nil
}

// Cluster is the running kfake cluster, for tests that inject faults
// (Cluster().Fault, ControlKey). It is nil while the broker is stopped.
func (b *Broker) Cluster() *kfake.Cluster {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.cluster
}

// running returns the cluster or an error saying why there is none.
// kfake's admin calls block forever on a closed cluster, so every helper
// checks first.
func (b *Broker) running() (*kfake.Cluster, error) {
	if c := b.Cluster(); c != nil {
		return c, nil
	}
	return nil, fmt.Errorf("broker %s is stopped", b.addr)
}
