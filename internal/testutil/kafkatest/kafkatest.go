// Package kafkatest runs an in-process Kafka broker (franz-go's kfake) on
// 127.0.0.1 for the runtime's tests, with helpers to create topics, produce,
// read back, add partitions, delete records and stop/restart the broker
// with its data. It is for tests only; generated programs never import it.
package kafkatest

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// Cluster is a one-broker kfake cluster that keeps its data in a temporary
// directory, so Stop and Start simulate a broker outage without data loss.
type Cluster struct {
	t    testing.TB
	dir  string
	port int
	// Addr is the broker's host:port as clients see it: the proxy's with
	// BehindProxy.
	Addr string
	// BrokerAddr is where the broker listens (Addr without a proxy).
	BrokerAddr string
	// Proxy is the proxy in front of the broker, nil without BehindProxy.
	Proxy *Proxy

	mu sync.Mutex
	c  *kfake.Cluster
	cl *kgo.Client
	// With a proxy: the remote addresses of the connections the broker
	// accepted, and the local ones of this package's own clients, which
	// bypass the proxy.
	accepted []string
	own      map[string]bool
}

// Option configures New.
type Option func(*Cluster)

// BehindProxy puts a Proxy in front of the broker: the broker advertises
// the proxy's address in its metadata, so a client given Addr sends every
// request through the proxy, while the cluster's own helpers (Produce,
// ReadAll, ...) connect to the broker directly and are not affected by the
// proxy's faults.
func BehindProxy() Option {
	return func(k *Cluster) {
		p, err := newProxy()
		if err != nil {
			k.t.Fatalf("kafkatest: proxy: %v", err)
		}
		k.Proxy = p
		k.Addr = p.Addr()
		k.own = map[string]bool{}
	}
}

// New starts a cluster; it is stopped when the test ends.
func New(t testing.TB, opts ...Option) *Cluster {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	addr := "127.0.0.1:" + strconv.Itoa(port)
	k := &Cluster{t: t, dir: t.TempDir(), port: port, Addr: addr, BrokerAddr: addr}
	for _, o := range opts {
		o(k)
	}
	if k.Proxy != nil {
		k.Proxy.start(k.BrokerAddr)
	}
	k.Start()
	t.Cleanup(func() {
		if k.Proxy != nil {
			k.Proxy.Close()
		}
		k.mu.Lock()
		defer k.mu.Unlock()
		if k.cl != nil {
			k.cl.Close()
		}
		if k.c != nil {
			k.c.Close()
		}
	})
	return k
}

// listen is kfake's listener: the broker's port, advertising the proxy's
// address when there is one.
func (k *Cluster) listen(network string) (net.Listener, error) {
	ln, err := net.Listen(network, k.BrokerAddr)
	if err != nil || k.Proxy == nil {
		return ln, err
	}
	adv, err := net.ResolveTCPAddr("tcp", k.Addr)
	if err != nil {
		ln.Close()
		return nil, err
	}
	return &advertisingListener{Listener: ln, addr: adv, k: k}, nil
}

// advertisingListener reports the proxy's address as its own, which is
// what kfake puts in metadata, and records who connected.
type advertisingListener struct {
	net.Listener
	addr net.Addr
	k    *Cluster
}

func (l *advertisingListener) Addr() net.Addr { return l.addr }

func (l *advertisingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err == nil {
		l.k.mu.Lock()
		l.k.accepted = append(l.k.accepted, c.RemoteAddr().String())
		l.k.mu.Unlock()
	}
	return c, err
}

// DirectConnections lists the connections the broker accepted that came
// neither through the proxy nor from the cluster's own helpers: clients
// that bypassed the proxy. It is empty without BehindProxy.
func (k *Cluster) DirectConnections() []string {
	k.mu.Lock()
	accepted := append([]string(nil), k.accepted...)
	own := make(map[string]bool, len(k.own))
	for a := range k.own {
		own[a] = true
	}
	k.mu.Unlock()
	var out []string
	for _, a := range accepted {
		if !own[a] && !k.Proxy.fromProxy(a) {
			out = append(out, a)
		}
	}
	return out
}

// clientOpts are the options of the package's own clients: straight to the
// broker, past any proxy.
func (k *Cluster) clientOpts() []kgo.Opt {
	opts := []kgo.Opt{kgo.SeedBrokers(k.BrokerAddr)}
	if k.Proxy != nil {
		d := &net.Dialer{Timeout: 10 * time.Second}
		opts = append(opts, kgo.Dialer(func(ctx context.Context, network, host string) (net.Conn, error) {
			if host == k.Addr {
				host = k.BrokerAddr
			}
			c, err := d.DialContext(ctx, network, host)
			if err == nil {
				k.mu.Lock()
				k.own[c.LocalAddr().String()] = true
				k.mu.Unlock()
			}
			return c, err
		}))
	}
	return opts
}

// Start (re)starts the broker on its port with its data.
func (k *Cluster) Start() {
	k.t.Helper()
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.c != nil {
		return
	}
	var err error
	for range 50 {
		k.c, err = kfake.NewCluster(
			kfake.NumBrokers(1),
			kfake.Ports(k.port),
			kfake.DataDir(k.dir),
			kfake.ListenFn(func(network, _ string) (net.Listener, error) {
				return k.listen(network)
			}),
		)
		if err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond) // the old listener may linger briefly
	}
	if err != nil {
		k.t.Fatalf("kafkatest: start broker: %v", err)
	}
}

// Stop shuts the broker down, keeping its data for Start.
func (k *Cluster) Stop() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.c != nil {
		k.c.Close()
		k.c = nil
	}
}

// Client returns a franz-go client for setting up and checking data; records
// go to the partition they name.
func (k *Cluster) Client() *kgo.Client {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.cl == nil {
		cl, err := kgo.NewClient(append(k.clientOpts(),
			kgo.RecordPartitioner(kgo.ManualPartitioner()),
			kgo.ProducerLinger(0),
			kgo.RetryTimeout(30*time.Second),
		)...)
		if err != nil {
			k.t.Fatal(err)
		}
		k.cl = cl
	}
	return k.cl
}

func (k *Cluster) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), 30*time.Second)
}

// CreateTopic creates a topic with n partitions.
func (k *Cluster) CreateTopic(topic string, n int32) {
	k.t.Helper()
	req := kmsg.NewPtrCreateTopicsRequest()
	rt := kmsg.NewCreateTopicsRequestTopic()
	rt.Topic, rt.NumPartitions, rt.ReplicationFactor = topic, n, 1
	req.Topics = append(req.Topics, rt)
	ctx, cancel := k.ctx()
	defer cancel()
	resp, err := req.RequestWith(ctx, k.Client())
	if err == nil {
		err = kerr.ErrorForCode(resp.Topics[0].ErrorCode)
	}
	if err != nil {
		k.t.Fatalf("kafkatest: create topic %s: %v", topic, err)
	}
}

// AddPartitions grows topic to total partitions.
func (k *Cluster) AddPartitions(topic string, total int32) {
	k.t.Helper()
	req := kmsg.NewPtrCreatePartitionsRequest()
	rt := kmsg.NewCreatePartitionsRequestTopic()
	rt.Topic, rt.Count = topic, total
	req.Topics = append(req.Topics, rt)
	ctx, cancel := k.ctx()
	defer cancel()
	resp, err := req.RequestWith(ctx, k.Client())
	if err == nil {
		err = kerr.ErrorForCode(resp.Topics[0].ErrorCode)
	}
	if err != nil {
		k.t.Fatalf("kafkatest: add partitions to %s: %v", topic, err)
	}
	// The client's metadata would lag; a new client sees the partitions.
	k.mu.Lock()
	k.cl.Close()
	k.cl = nil
	k.mu.Unlock()
}

// DeleteRecords deletes the records of a partition below offset (as
// retention would), moving its log start offset.
func (k *Cluster) DeleteRecords(topic string, partition int32, before int64) {
	k.t.Helper()
	req := kmsg.NewPtrDeleteRecordsRequest()
	rt := kmsg.NewDeleteRecordsRequestTopic()
	rt.Topic = topic
	rp := kmsg.NewDeleteRecordsRequestTopicPartition()
	rp.Partition, rp.Offset = partition, before
	rt.Partitions = append(rt.Partitions, rp)
	req.Topics = append(req.Topics, rt)
	req.TimeoutMillis = 10000
	ctx, cancel := k.ctx()
	defer cancel()
	resp, err := req.RequestWith(ctx, k.Client())
	if err == nil {
		err = kerr.ErrorForCode(resp.Topics[0].Partitions[0].ErrorCode)
	}
	if err != nil {
		k.t.Fatalf("kafkatest: delete records of %s-%d: %v", topic, partition, err)
	}
}

// DeleteTopic deletes a topic.
func (k *Cluster) DeleteTopic(topic string) {
	k.t.Helper()
	req := kmsg.NewPtrDeleteTopicsRequest()
	rt := kmsg.NewDeleteTopicsRequestTopic()
	rt.Topic = kmsg.StringPtr(topic)
	req.Topics = append(req.Topics, rt)
	req.TopicNames = []string{topic}
	ctx, cancel := k.ctx()
	defer cancel()
	resp, err := req.RequestWith(ctx, k.Client())
	if err == nil {
		err = kerr.ErrorForCode(resp.Topics[0].ErrorCode)
	}
	if err != nil {
		k.t.Fatalf("kafkatest: delete topic %s: %v", topic, err)
	}
}

// Produce writes records synchronously (each to its Partition).
func (k *Cluster) Produce(recs ...*kgo.Record) {
	k.t.Helper()
	ctx, cancel := k.ctx()
	defer cancel()
	if err := k.Client().ProduceSync(ctx, recs...).FirstErr(); err != nil {
		k.t.Fatalf("kafkatest: produce: %v", err)
	}
}

// ProduceN writes n records to topic-partition with values "<prefix><i>"
// and keys "k<i>", in batches.
func (k *Cluster) ProduceN(topic string, partition int32, n int, prefix string) {
	k.t.Helper()
	recs := make([]*kgo.Record, 0, 1000)
	for i := range n {
		recs = append(recs, &kgo.Record{Topic: topic, Partition: partition, Key: []byte("k" + strconv.Itoa(i)), Value: []byte(prefix + strconv.Itoa(i))})
		if len(recs) == cap(recs) {
			k.Produce(recs...)
			recs = recs[:0]
		}
	}
	if len(recs) > 0 {
		k.Produce(recs...)
	}
}

// Offsets returns the high-water marks of topic's partitions.
func (k *Cluster) Offsets(topic string) map[int32]int64 {
	k.t.Helper()
	out, err := k.listOffsets(topic, -1)
	if err != nil {
		k.t.Fatalf("kafkatest: list offsets of %s: %v", topic, err)
	}
	return out
}

func (k *Cluster) listOffsets(topic string, ts int64) (map[int32]int64, error) {
	mreq := kmsg.NewPtrMetadataRequest()
	mt := kmsg.NewMetadataRequestTopic()
	mt.Topic = kmsg.StringPtr(topic)
	mreq.Topics = append(mreq.Topics, mt)
	ctx, cancel := k.ctx()
	defer cancel()
	mresp, err := mreq.RequestWith(ctx, k.Client())
	if err != nil {
		return nil, err
	}
	if len(mresp.Topics) != 1 {
		return nil, fmt.Errorf("no metadata for %s", topic)
	}
	if err := kerr.ErrorForCode(mresp.Topics[0].ErrorCode); err != nil {
		return nil, err
	}
	req := kmsg.NewPtrListOffsetsRequest()
	rt := kmsg.NewListOffsetsRequestTopic()
	rt.Topic = topic
	for _, p := range mresp.Topics[0].Partitions {
		rp := kmsg.NewListOffsetsRequestTopicPartition()
		rp.Partition, rp.Timestamp = p.Partition, ts
		rt.Partitions = append(rt.Partitions, rp)
	}
	req.Topics = append(req.Topics, rt)
	resp, err := req.RequestWith(ctx, k.Client())
	if err != nil {
		return nil, err
	}
	out := map[int32]int64{}
	for _, t := range resp.Topics {
		for _, p := range t.Partitions {
			if err := kerr.ErrorForCode(p.ErrorCode); err != nil {
				return nil, err
			}
			out[p.Partition] = p.Offset
		}
	}
	return out, nil
}

// ReadAll returns every record of topic up to the current high-water marks.
func (k *Cluster) ReadAll(topic string) []*kgo.Record {
	k.t.Helper()
	ends := k.Offsets(topic)
	total := int64(0)
	starts, err := k.listOffsets(topic, -2)
	if err != nil {
		k.t.Fatal(err)
	}
	offs := map[int32]kgo.Offset{}
	for p, e := range ends {
		total += e - starts[p]
		offs[p] = kgo.NewOffset().At(starts[p])
	}
	cl, err := kgo.NewClient(append(k.clientOpts(), kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{topic: offs}))...)
	if err != nil {
		k.t.Fatal(err)
	}
	defer cl.Close()
	var out []*kgo.Record
	deadline := time.Now().Add(60 * time.Second)
	done := func() bool {
		for p, e := range ends {
			if e > starts[p] {
				return false
			}
		}
		return true
	}
	for !done() {
		if time.Now().After(deadline) {
			k.t.Fatalf("kafkatest: read %s: timed out with %d records", topic, len(out))
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		fs := cl.PollFetches(ctx)
		cancel()
		fs.EachRecord(func(r *kgo.Record) {
			if r.Offset < ends[r.Partition] {
				out = append(out, r)
				starts[r.Partition] = r.Offset + 1
			}
		})
	}
	return out
}

// Record is franz-go's record, so tests need not import franz-go.
type Record = kgo.Record
