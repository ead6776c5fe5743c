package demo

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/segmentio/kafka-go"

	"github.com/streamc/streamc/internal/runtime/sink/filesink"
)

// totals are the rows each query read and wrote, from its progress lines,
// in the order the queries first reported.
type totals struct {
	names    []string
	in, outN map[string]int64
}

func (t totals) String() string {
	if len(t.names) == 0 {
		return "no progress reported"
	}
	parts := make([]string, len(t.names))
	for i, n := range t.names {
		parts[i] = fmt.Sprintf("%s %d in -> %d out", n, t.in[n], t.outN[n])
	}
	return strings.Join(parts, ", ")
}

// progressTotals sums the engine's per-batch progress lines (JSON on
// stderr, one per batch and query).
func progressTotals(r io.Reader) (totals, error) {
	t := totals{in: map[string]int64{}, outN: map[string]int64{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var p struct {
			Msg          string `json:"msg"`
			Name         string `json:"name"`
			NumInputRows int64  `json:"numInputRows"`
			Sink         struct {
				NumOutputRows int64 `json:"numOutputRows"`
			} `json:"sink"`
		}
		if json.Unmarshal(sc.Bytes(), &p) != nil || p.Msg != "query progress" {
			continue
		}
		if _, seen := t.in[p.Name]; !seen {
			t.names = append(t.names, p.Name)
		}
		t.in[p.Name] += p.NumInputRows
		t.outN[p.Name] += p.Sink.NumOutputRows
	}
	return t, sc.Err()
}

// record is a Kafka record read back.
type record struct {
	partition int
	key       []byte
	value     []byte
}

// readTopic reads every record of topic up to its end offsets now, in
// partition and offset order.
func readTopic(ctx context.Context, addr, topic string) ([]record, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	conn, err := kafka.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	parts, err := conn.ReadPartitions(topic)
	conn.Close()
	if err != nil {
		return nil, err
	}
	sort.Slice(parts, func(i, j int) bool { return parts[i].ID < parts[j].ID })
	var out []record
	for _, p := range parts {
		lc, err := kafka.DialLeader(ctx, "tcp", addr, topic, p.ID)
		if err != nil {
			return nil, err
		}
		first, last, err := lc.ReadOffsets()
		lc.Close()
		if err != nil {
			return nil, err
		}
		if first >= last {
			continue
		}
		r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{addr}, Topic: topic, Partition: p.ID, MaxWait: 100 * time.Millisecond})
		if err := r.SetOffset(first); err != nil {
			r.Close()
			return nil, err
		}
		for {
			m, err := r.ReadMessage(ctx)
			if err != nil {
				r.Close()
				return nil, fmt.Errorf("partition %d: %w", p.ID, err)
			}
			out = append(out, record{partition: p.ID, key: m.Key, value: m.Value})
			if m.Offset+1 >= last {
				break
			}
		}
		r.Close()
	}
	return out, nil
}

// committedRows reads a file sink's committed rows (only batches in its
// manifest log).
func committedRows(dir string) ([]string, error) {
	var rows []string
	err := filesink.ReadLines(dir, func(l []byte) error {
		rows = append(rows, string(l))
		return nil
	})
	return rows, err
}

// compare checks both outputs against Spark's: the notifications as a
// multiset of (partition, key, value), the rows as sorted lines.
func compare(cfg Config, notes []record, rows []string) error {
	if cfg.ExpectedNotifications != "" {
		lines, err := fileLines(cfg.ExpectedNotifications)
		if err != nil {
			return err
		}
		var want, got []string
		for _, l := range lines {
			var e struct {
				Key       *string `json:"key"`
				Value     string  `json:"value"`
				Partition int     `json:"partition"`
			}
			if err := json.Unmarshal([]byte(l), &e); err != nil {
				return fmt.Errorf("demo: %s: %w", cfg.ExpectedNotifications, err)
			}
			key := "null"
			if e.Key != nil {
				key = fmt.Sprintf("%q", *e.Key)
			}
			want = append(want, fmt.Sprintf("partition %d key %s value %q", e.Partition, key, e.Value))
		}
		for _, n := range notes {
			key := "null"
			if n.key != nil {
				key = fmt.Sprintf("%q", n.key)
			}
			got = append(got, fmt.Sprintf("partition %d key %s value %q", n.partition, key, n.value))
		}
		if err := sameSorted("notifications", got, want, cfg.ExpectedNotifications); err != nil {
			return err
		}
	}
	if cfg.ExpectedFlattened != "" {
		want, err := fileLines(cfg.ExpectedFlattened)
		if err != nil {
			return err
		}
		if err := sameSorted("flattened rows", slices.Clone(rows), want, cfg.ExpectedFlattened); err != nil {
			return err
		}
	}
	return nil
}

func sameSorted(what string, got, want []string, source string) error {
	sort.Strings(got)
	sort.Strings(want)
	if slices.Equal(got, want) {
		return nil
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	g, w := "(none)", "(none)"
	if i < len(got) {
		g = got[i]
	}
	if i < len(want) {
		w = want[i]
	}
	return fmt.Errorf("demo: %s differ from %s (%d vs %d); first difference in sorted order:\n got: %s\nwant: %s", what, source, len(got), len(want), g, w)
}

func fileLines(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	var out []string
	for _, l := range bytes.Split(data, []byte("\n")) {
		if len(l) > 0 {
			out = append(out, string(l))
		}
	}
	return out, nil
}
