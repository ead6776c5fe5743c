package engine_test

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/sink/consolesink"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

// A console query without a checkpoint location gets a temporary one,
// as in Spark, removed when the query stops.
func TestTemporaryCheckpoint(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	produce(k, "in", 3, 30, "v")
	o := opts(t)
	var out bytes.Buffer
	o.Stdout = &out
	q := engine.Query{
		Name: "peek", Source: source(k), Trigger: engine.AvailableNow(),
		Sink:         engine.ConsoleSink(consolesink.DefaultOptions()),
		NewProcessor: upperProcessor(""),
	}
	if err := engine.Run(ctxT(t, time.Minute), o, q); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "V27") {
		t.Errorf("console output lacks V27:\n%s", out.String())
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Errorf("temporary checkpoint left behind: %v", left)
	}
}
