package endtoend_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/streamc/streamc/gen/endtoend/internal/driver"
	"github.com/streamc/streamc/gen/internal/txtar"
)

// recorder is a reporter that keeps Errorf's messages.
type recorder struct {
	*testing.T
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

const generatingSpec = `-- pipelines.yaml --
version: "1"
schemas:
  reading: {ddl: "Meter STRING"}
apps:
  meter:
    queries:
      q:
        readStream:
          format: kafka
          options: {subscribe: in}
          value: {format: json, schema: reading}
        transform:
          - selectExpr: ["value.Meter AS value"]
        writeStream:
          format: kafka
          options: {topic: out, checkpointLocation: chk}
`

// Neither a rejection case whose spec now generates nor a query that
// wrote nothing may be recorded, in update mode or not: either would leave
// a case that compares nothing. The case file must stay as it was.
func TestUpdateRefusesEmptyExpectations(t *testing.T) {
	for _, update := range []bool{false, true} {
		t.Run(fmt.Sprint("update=", update), func(t *testing.T) {
			dir := t.TempDir()

			stale := []byte("A rejection that no longer is.\n" + generatingSpec + "-- stderr --\n")
			p := filepath.Join(dir, "stale.txtar")
			writeBytes(t, p, stale)
			r := &recorder{T: t}
			if c := generateCase(r, "stale", p, update); c != nil {
				t.Errorf("a stale rejection was set up to run")
			}
			expectRefused(t, r, p, stale)

			quiet := []byte("A query that writes nothing.\n" + generatingSpec + "-- input --\nvalue: {}\n")
			p = filepath.Join(dir, "quiet.txtar")
			writeBytes(t, p, quiet)
			r = &recorder{T: t}
			c := &caseRun{name: "quiet", path: p, ar: txtar.Parse(quiet)}
			checkOutputs(r, c, map[string]driver.Output{"q": {Sink: "kafka"}}, update)
			expectRefused(t, r, p, quiet)
		})
	}
}

// An empty output section is an error even when the query wrote nothing.
func TestEmptySectionFails(t *testing.T) {
	data := []byte("An empty expectation.\n" + generatingSpec + "-- input --\nvalue: {}\n-- output:q --\n")
	r := &recorder{T: t}
	c := &caseRun{name: "empty", path: "empty.txtar", ar: txtar.Parse(data)}
	checkOutputs(r, c, map[string]driver.Output{"q": {Sink: "console", Text: "x\n"}}, false)
	if len(r.errs) == 0 {
		t.Error("no error for an empty output section")
	}
}

func expectRefused(t *testing.T, r *recorder, p string, before []byte) {
	t.Helper()
	if len(r.errs) == 0 {
		t.Errorf("%s: no error reported", filepath.Base(p))
	}
	after, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(after, before) {
		t.Errorf("%s was rewritten:\n%s", filepath.Base(p), after)
	}
}

func writeBytes(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
