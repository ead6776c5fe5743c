package consolesink_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/streamc/streamc/runtime/sink"
	"github.com/streamc/streamc/runtime/sink/consolesink"
)

func TestBatchTable(t *testing.T) {
	var out strings.Builder
	s, err := consolesink.New(map[string]string{"numRows": "3"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// Tasks open out of order; rows print in partition order.
	w1, _ := s.Open(ctx, 4, sink.Task{Topic: "t", Partition: 1})
	w0, _ := s.Open(ctx, 4, sink.Task{Topic: "t", Partition: 0})
	w1.Write(ctx, &sink.Message{Value: []byte(`{"a":"this value is longer than twenty"}`)})
	w0.Write(ctx, &sink.Message{Value: []byte(`{"a":1}`)})
	w0.Write(ctx, &sink.Message{Value: nil})
	for i := range 5 {
		w1.Write(ctx, &sink.Message{Value: []byte(strconv.Itoa(i))})
	}
	w0.Close(ctx)
	w1.Close(ctx)
	if err := s.Commit(ctx, 4); err != nil {
		t.Fatal(err)
	}
	want := `-------------------------------------------
Batch: 4
-------------------------------------------
+--------------------+
|               value|
+--------------------+
|             {"a":1}|
|                null|
|{"a":"this value ...|
+--------------------+
only showing top 3 rows

`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}

	out.Reset()
	s, _ = consolesink.New(map[string]string{"truncate": "false"}, &out)
	w, _ := s.Open(ctx, 0, sink.Task{Topic: "t"})
	w.Write(ctx, &sink.Message{Key: []byte("k1"), Value: []byte("v")})
	w.Close(ctx)
	s.Commit(ctx, 0)
	want = `-------------------------------------------
Batch: 0
-------------------------------------------
+---+-----+
|key|value|
+---+-----+
|k1 |v    |
+---+-----+

`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
	if _, err := consolesink.New(map[string]string{"numRows": "0"}, &out); err == nil {
		t.Error("numRows=0 accepted")
	}
}
