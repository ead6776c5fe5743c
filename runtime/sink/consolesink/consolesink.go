// Package consolesink prints each batch for debugging, as Spark's console
// sink does: a banner with the batch id, then the first numRows rows as a
// table (show()'s layout), with cells cut to 20 characters unless
// truncate=false. A row is its encoded Value (one column, "value"); rows with
// a key get a "key" column too. Nothing is durable: a replayed batch prints
// again.
package consolesink

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/streamc/streamc/runtime/sink"
)

// Sink is a console sink.
type Sink struct {
	out      io.Writer
	numRows  int
	truncate bool

	mu      sync.Mutex
	batches map[int64]*batchRows
}

type batchRows struct {
	tasks []*taskRows
}

type taskRows struct {
	task  sink.Task
	rows  []row
	total int64
}

type row struct {
	key, value []byte
}

// New returns a console sink writing to out (os.Stdout when nil) with
// Spark's options numRows (default 20) and truncate (default true).
func New(opts map[string]string, out io.Writer) (*Sink, error) {
	if out == nil {
		out = os.Stdout
	}
	s := &Sink{out: out, numRows: 20, truncate: true, batches: map[int64]*batchRows{}}
	if v, ok := opts["numRows"]; ok {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("console sink: numRows: %q is not a positive integer", v)
		}
		s.numRows = n
	}
	if v, ok := opts["truncate"]; ok {
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return nil, fmt.Errorf("console sink: truncate: %q is not true or false", v)
		}
		s.truncate = b
	}
	return s, nil
}

// Description names the sink in progress reports.
func (s *Sink) Description() string { return "ConsoleSink" }

// Open starts a task's share of a batch.
func (s *Sink) Open(_ context.Context, batch int64, task sink.Task) (sink.PartitionWriter, error) {
	t := &taskRows{task: task}
	s.mu.Lock()
	b := s.batches[batch]
	if b == nil {
		b = &batchRows{}
		s.batches[batch] = b
	}
	b.tasks = append(b.tasks, t)
	s.mu.Unlock()
	return &writer{s: s, t: t}, nil
}

// Commit prints the batch.
func (s *Sink) Commit(_ context.Context, batch int64) error {
	s.mu.Lock()
	b := s.batches[batch]
	delete(s.batches, batch)
	s.mu.Unlock()
	var rows []row
	var total int64
	hasKey := false
	if b != nil {
		sort.Slice(b.tasks, func(i, j int) bool {
			ti, tj := b.tasks[i].task, b.tasks[j].task
			if ti.Topic != tj.Topic {
				return ti.Topic < tj.Topic
			}
			return ti.Partition < tj.Partition
		})
		for _, t := range b.tasks {
			total += t.total
			for _, r := range t.rows {
				if len(rows) < s.numRows {
					rows = append(rows, r)
					hasKey = hasKey || r.key != nil
				}
			}
		}
	}
	var out strings.Builder
	out.WriteString("-------------------------------------------\n")
	fmt.Fprintf(&out, "Batch: %d\n", batch)
	out.WriteString("-------------------------------------------\n")
	header := []string{"value"}
	if hasKey {
		header = []string{"key", "value"}
	}
	cells := [][]string{header}
	for _, r := range rows {
		v := s.cell(r.value)
		if hasKey {
			cells = append(cells, []string{s.cell(r.key), v})
		} else {
			cells = append(cells, []string{v})
		}
	}
	s.table(&out, cells)
	if total > int64(len(rows)) {
		fmt.Fprintf(&out, "only showing top %d rows\n", len(rows))
	}
	out.WriteString("\n")
	_, err := io.WriteString(s.out, out.String())
	if err != nil {
		return fmt.Errorf("console sink: %w", err)
	}
	return nil
}

func (s *Sink) cell(b []byte) string {
	if b == nil {
		return "null"
	}
	str := strings.ToValidUTF8(string(b), "\uFFFD")
	if s.truncate && utf8.RuneCountInString(str) > 20 {
		r := []rune(str)
		str = string(r[:17]) + "..."
	}
	return str
}

// table renders cells as Dataset.show does: columns at least 3 wide, right
// aligned when truncating, left aligned otherwise.
func (s *Sink) table(out *strings.Builder, cells [][]string) {
	widths := make([]int, len(cells[0]))
	for _, r := range cells {
		for i, c := range r {
			widths[i] = max(widths[i], 3, utf8.RuneCountInString(c))
		}
	}
	sep := "+"
	for _, w := range widths {
		sep += strings.Repeat("-", w) + "+"
	}
	out.WriteString(sep + "\n")
	for n, r := range cells {
		out.WriteString("|")
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if s.truncate {
				out.WriteString(pad + c)
			} else {
				out.WriteString(c + pad)
			}
			out.WriteString("|")
		}
		out.WriteString("\n")
		if n == 0 {
			out.WriteString(sep + "\n")
		}
	}
	out.WriteString(sep + "\n")
}

// Close does nothing.
func (s *Sink) Close() error { return nil }

type writer struct {
	s *Sink
	t *taskRows
}

func (w *writer) Write(_ context.Context, msg *sink.Message) error {
	w.t.total++
	if len(w.t.rows) < w.s.numRows {
		w.t.rows = append(w.t.rows, row{key: clone(msg.Key), value: clone(msg.Value)})
	}
	return nil
}

func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte{}, b...)
}

func (w *writer) Close(context.Context) error { return nil }

// Abort forgets the task's rows: the batch will not be committed as is.
func (w *writer) Abort() {
	w.t.rows, w.t.total = nil, 0
}
