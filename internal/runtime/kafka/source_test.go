package kafka_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func newSource(t *testing.T, k *kafkatest.Cluster, opts map[string]string) *kafka.Source {
	t.Helper()
	o := map[string]string{"kafka.bootstrap.servers": k.Addr, "kafka.metadata.max.age.ms": "100"}
	for key, v := range opts {
		o[key] = v
	}
	cfg, _, err := kafka.ParseSourceConfig(o)
	if err != nil {
		t.Fatal(err)
	}
	s := kafka.NewSource(cfg, "g-"+t.Name(), quiet)
	t.Cleanup(s.Close)
	return s
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return c
}

// readAll reads [start, end) and returns copies of the rows.
func readAll(t *testing.T, s *kafka.Source, tp kafka.TopicPartition, start, end int64) ([]kafka.Row, kafka.ReadStats, error) {
	t.Helper()
	r := s.NewReader(tp)
	defer r.Close()
	var rows []kafka.Row
	st, err := r.ReadRange(ctx(t), start, end, func(c *kafka.Chunk) error {
		for _, row := range c.Rows {
			row.Key = clone(row.Key)
			row.Value = clone(row.Value)
			rows = append(rows, row)
		}
		return nil
	})
	return rows, st, err
}

func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte{}, b...)
}

func TestReadRange(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("t", 3)
	for p := range int32(3) {
		k.ProduceN("t", p, 3000, fmt.Sprintf("p%d-", p))
	}
	ts := time.UnixMilli(1700000000123)
	k.Produce(
		&kgo.Record{Topic: "t", Partition: 0, Value: []byte("nullkey"), Timestamp: ts, Headers: []kgo.RecordHeader{{Key: "h1", Value: []byte("v1")}, {Key: "h2"}}},
		&kgo.Record{Topic: "t", Partition: 0, Key: []byte("k"), Value: nil, Timestamp: ts},
		&kgo.Record{Topic: "t", Partition: 0, Key: []byte{}, Value: []byte{}, Timestamp: ts},
	)
	s := newSource(t, k, map[string]string{"subscribe": "t", "includeHeaders": "true"})
	parts, err := s.Partitions(ctx(t))
	if err != nil || len(parts) != 3 {
		t.Fatalf("partitions %v %v", parts, err)
	}
	latest, err := s.LatestOffsets(ctx(t), parts)
	if err != nil {
		t.Fatal(err)
	}
	if latest["t"][0] != 3003 || latest["t"][2] != 3000 {
		t.Fatalf("latest %v", latest)
	}
	for p := range int32(3) {
		rows, st, err := readAll(t, s, kafka.TopicPartition{Topic: "t", Partition: p}, 0, 3000)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3000 || st.Rows != 3000 {
			t.Fatalf("p%d: %d rows", p, len(rows))
		}
		for i, r := range rows {
			if r.Offset != int64(i) || string(r.Value) != fmt.Sprintf("p%d-%d", p, i) || string(r.Key) != "k"+strconv.Itoa(i) || r.Topic != "t" || r.Partition != p || r.Headers != nil {
				t.Fatalf("p%d row %d: %+v", p, i, r)
			}
		}
	}
	rows, _, err := readAll(t, s, kafka.TopicPartition{Topic: "t", Partition: 1}, 1234, 1240)
	if err != nil || len(rows) != 6 || rows[0].Offset != 1234 || rows[5].Offset != 1239 {
		t.Fatalf("sub-range: %d rows, %v", len(rows), err)
	}
	rows, _, err = readAll(t, s, kafka.TopicPartition{Topic: "t", Partition: 0}, 3000, 3003)
	if err != nil || len(rows) != 3 {
		t.Fatalf("tail: %d rows, %v", len(rows), err)
	}
	if r := rows[0]; r.Key != nil || string(r.Value) != "nullkey" || r.Timestamp != ts.UnixMilli() || r.TimestampType != kafka.CreateTime ||
		len(r.Headers) != 2 || r.Headers[0].Key != "h1" || string(r.Headers[0].Value) != "v1" || r.Headers[1].Key != "h2" || len(r.Headers[1].Value) != 0 {
		t.Errorf("null key row: %+v", r)
	}
	if r := rows[1]; string(r.Key) != "k" || r.Value != nil {
		t.Errorf("null value row: %+v", r)
	}
	if r := rows[2]; r.Key == nil || len(r.Key) != 0 || r.Value == nil || len(r.Value) != 0 {
		t.Errorf("empty (not null) key and value: %+v", r)
	}
	// A processing error stops the read and is returned as is.
	boom := errors.New("boom")
	r := s.NewReader(kafka.TopicPartition{Topic: "t", Partition: 2})
	defer r.Close()
	if _, err := r.ReadRange(ctx(t), 0, 3000, func(*kafka.Chunk) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("got %v, want boom", err)
	}
	// The reader is reusable after a failed read.
	if st, err := r.ReadRange(ctx(t), 0, 3000, func(*kafka.Chunk) error { return nil }); err != nil || st.Rows != 3000 {
		t.Errorf("reuse: %v %v", st, err)
	}
}

func TestPartitionsAndStartingOffsets(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("inv-a", 3)
	k.CreateTopic("inv-b", 2)
	k.CreateTopic("other", 1)
	for p := range int32(3) {
		k.ProduceN("inv-a", p, 10+int(p), "x")
	}
	k.DeleteRecords("inv-a", 2, 5)

	pat := newSource(t, k, map[string]string{"subscribePattern": "inv-.*"})
	parts, err := pat.Partitions(ctx(t))
	if err != nil || len(parts) != 5 || parts[4] != (kafka.TopicPartition{Topic: "inv-b", Partition: 1}) {
		t.Fatalf("pattern partitions %v %v", parts, err)
	}
	as := newSource(t, k, map[string]string{"assign": `{"inv-a":[2,0],"inv-b":[7]}`})
	parts, err = as.Partitions(ctx(t))
	if err != nil || len(parts) != 2 || parts[0].Partition != 0 || parts[1].Partition != 2 {
		t.Fatalf("assign partitions %v %v", parts, err)
	}
	missing := newSource(t, k, map[string]string{"subscribe": "nope"})
	if parts, err := missing.Partitions(ctx(t)); err != nil || len(parts) != 0 {
		t.Fatalf("missing topic: %v %v", parts, err)
	}

	cases := map[string]kafka.Offsets{
		"earliest":                        {"inv-a": {0: 0, 1: 0, 2: 5}},
		"latest":                          {"inv-a": {0: 10, 1: 11, 2: 12}},
		`{"inv-a":{"0":-2,"1":-1,"2":7}}`: {"inv-a": {0: 0, 1: 11, 2: 7}},
	}
	for so, want := range cases {
		s := newSource(t, k, map[string]string{"subscribe": "inv-a", "startingOffsets": so})
		parts, _ := s.Partitions(ctx(t))
		got, err := s.StartingOffsets(ctx(t), parts)
		if err != nil || !got.Equal(want) {
			t.Errorf("startingOffsets %s = %v, %v; want %v", so, got, err, want)
		}
	}
	s := newSource(t, k, map[string]string{"subscribe": "inv-a", "startingOffsets": `{"inv-a":{"0":-2}}`})
	parts, _ = s.Partitions(ctx(t))
	if _, err := s.StartingOffsets(ctx(t), parts); err == nil {
		t.Error("JSON startingOffsets missing partitions: no error")
	}
}

func TestDataLoss(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("t", 3)
	k.ProduceN("t", 0, 100, "v")
	k.DeleteRecords("t", 0, 40)
	tp := kafka.TopicPartition{Topic: "t", Partition: 0}

	strict := newSource(t, k, map[string]string{"subscribe": "t"})
	_, _, err := readAll(t, strict, tp, 10, 60)
	if !errors.Is(err, kafka.ErrDataLoss) {
		t.Fatalf("failOnDataLoss=true: got %v", err)
	}
	t.Logf("error: %v", err)

	lax := newSource(t, k, map[string]string{"subscribe": "t", "failOnDataLoss": "false"})
	rows, st, err := readAll(t, lax, tp, 10, 60)
	if err != nil || len(rows) != 20 || rows[0].Offset != 40 || st.Skipped != 30 {
		t.Fatalf("failOnDataLoss=false: %d rows (first %v), skipped %d, %v", len(rows), rows, st.Skipped, err)
	}
	rows, _, err = readAll(t, lax, tp, 10, 30) // wholly deleted range
	if err != nil || len(rows) != 0 {
		t.Fatalf("deleted range: %d rows, %v", len(rows), err)
	}
}

func TestTransactionsAndControlRecords(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("t", 3)
	tx, err := kgo.NewClient(kgo.SeedBrokers(k.Addr), kgo.TransactionalID("tx"), kgo.RecordPartitioner(kgo.ManualPartitioner()))
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	produce := func(commit bool, vals ...string) {
		t.Helper()
		if err := tx.BeginTransaction(); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			if err := tx.ProduceSync(ctx(t), &kgo.Record{Topic: "t", Partition: 0, Value: []byte(v)}).FirstErr(); err != nil {
				t.Fatal(err)
			}
		}
		end := kgo.TryAbort
		if commit {
			end = kgo.TryCommit
		}
		if err := tx.EndTransaction(ctx(t), end); err != nil {
			t.Fatal(err)
		}
	}
	produce(true, "a", "b")  // offsets 0,1 + marker 2
	produce(false, "x", "y") // 3,4 aborted + marker 5
	produce(true, "c")       // 6 + marker 7
	tp := kafka.TopicPartition{Topic: "t", Partition: 0}
	for _, iso := range []string{"read_uncommitted", "read_committed"} {
		s := newSource(t, k, map[string]string{"subscribe": "t", "kafka.isolation.level": iso})
		latest, err := s.LatestOffsets(ctx(t), []kafka.TopicPartition{tp})
		if err != nil {
			t.Fatal(err)
		}
		end, _ := latest.Get(tp)
		if end != 8 {
			t.Fatalf("%s: latest %d, want 8", iso, end)
		}
		// The range ends on a commit marker: the read must stop there.
		rows, _, err := readAll(t, s, tp, 0, end)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for _, r := range rows {
			got += string(r.Value)
		}
		want := map[string]string{"read_uncommitted": "abxyc", "read_committed": "abc"}[iso]
		if got != want {
			t.Errorf("%s: read %q, want %q", iso, got, want)
		}
		// A range holding only a marker reads nothing and ends.
		if rows, _, err := readAll(t, s, tp, 7, 8); err != nil || len(rows) != 0 {
			t.Errorf("%s: marker-only range: %d rows, %v", iso, len(rows), err)
		}
	}
}

func TestCommitGroup(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("t", 3)
	s := newSource(t, k, map[string]string{"subscribe": "t"})
	if err := s.CommitGroup(ctx(t), kafka.Offsets{"t": {0: 5, 1: 7, 2: 0}}); err != nil {
		t.Fatal(err)
	}
	req := kmsg.NewPtrOffsetFetchRequest()
	req.Group = s.GroupID()
	resp, err := req.RequestWith(ctx(t), k.Client())
	if err != nil {
		t.Fatal(err)
	}
	got := map[int32]int64{}
	for _, tt := range resp.Topics {
		for _, p := range tt.Partitions {
			got[p.Partition] = p.Offset
		}
	}
	if got[0] != 5 || got[1] != 7 {
		t.Errorf("group offsets %v", got)
	}
}
