// Package consolesink prints each batch for debugging, as Spark's console
// sink does: a banner with the batch id, then the batch as Dataset.show
// prints it (numRows rows, default 20, cells cut to 20 characters unless
// truncate=false, "only showing top N rows" when there are more). The
// runtime knows no schema, so generated code gives the column names (New)
// and each row's cells as text (sink.Message.Cells, built with Row): the
// cast to string that show() applies (ToPrettyString). Messages without
// cells print as a "value" column (and a "key" column when a row has a
// key). Nothing is durable: a replayed batch prints again.
package consolesink

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/streamc/streamc/internal/runtime/sink"
)

// Sink is a console sink.
type Sink struct {
	out      io.Writer
	columns  []string
	numRows  int
	truncate int // show()'s: 20, or 0 for truncate=false

	mu      sync.Mutex
	batches map[int64]*batchRows
}

type batchRows struct {
	tasks []*taskRows
}

type taskRows struct {
	task  sink.Task
	rows  [][]string
	total int64
}

// New returns a console sink writing to out (os.Stdout when nil) with
// options o (see ParseOptions). columns are the column names of the rows'
// cells.
func New(o Options, out io.Writer, columns ...string) *Sink {
	if out == nil {
		out = os.Stdout
	}
	s := &Sink{out: out, columns: columns, numRows: max(o.NumRows, 0), batches: map[int64]*batchRows{}}
	if o.Truncate {
		s.truncate = 20
	}
	return s
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

// Commit prints the batch, its rows in partition order.
func (s *Sink) Commit(_ context.Context, batch int64) error {
	s.mu.Lock()
	b := s.batches[batch]
	delete(s.batches, batch)
	s.mu.Unlock()
	var rows [][]string
	var total int64
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
				}
			}
		}
	}
	columns := s.columns
	if columns == nil {
		columns, rows = keyValue(rows)
	}
	var out strings.Builder
	out.WriteString("-------------------------------------------\n")
	fmt.Fprintf(&out, "Batch: %d\n", batch)
	out.WriteString("-------------------------------------------\n")
	out.WriteString(Show(columns, rows, total > int64(s.numRows), s.numRows, s.truncate))
	out.WriteString("\n") // show() println()s its text, which ends in a newline
	if _, err := io.WriteString(s.out, out.String()); err != nil {
		return fmt.Errorf("console sink: batch %d: %w", batch, err)
	}
	return nil
}

// keyValue turns rows of messages without cells ([value, key?]) into the
// "value" (and "key") columns.
func keyValue(rows [][]string) ([]string, [][]string) {
	hasKey := false
	for _, r := range rows {
		hasKey = hasKey || len(r) > 1
	}
	if !hasKey {
		return []string{"value"}, rows
	}
	out := make([][]string, len(rows))
	for i, r := range rows {
		key := "NULL"
		if len(r) > 1 {
			key = r[1]
		}
		out[i] = []string{key, r[0]}
	}
	return []string{"key", "value"}, out
}

// Close does nothing.
func (s *Sink) Close() error { return nil }

type writer struct {
	s *Sink
	t *taskRows
}

func (w *writer) Write(_ context.Context, msg *sink.Message) error {
	w.t.total++
	if len(w.t.rows) >= w.s.numRows {
		return nil
	}
	var r []string
	if msg.Cells != nil {
		r = make([]string, len(msg.Cells))
		for i, c := range msg.Cells {
			r[i] = string(c)
		}
	} else {
		r = []string{text(msg.Value)}
		if msg.Key != nil {
			r = append(r, text(msg.Key))
		}
	}
	w.t.rows = append(w.t.rows, r)
	return nil
}

func text(b []byte) string {
	if b == nil {
		return "NULL"
	}
	return string(b)
}

func (w *writer) Close(context.Context) error { return nil }

// Abort forgets the task's rows: the batch will not be committed as is.
func (w *writer) Abort() {
	w.t.rows, w.t.total = nil, 0
}
