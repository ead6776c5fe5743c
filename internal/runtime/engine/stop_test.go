package engine_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink/filesink"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

// stopChild is the child process of the stop tests, started through
// TestMain when STREAMC_STOP_BROKER is set: a generated program's main
// (signals included) running one slow query into files.
func stopChild(broker string) int {
	delay, _ := time.ParseDuration(os.Getenv("STREAMC_STOP_DELAY"))
	failOn := os.Getenv("STREAMC_STOP_FAILON")
	q := engine.Query{
		Name:       "slow",
		Source:     sourceOf(map[string]string{"subscribe": "in", "startingOffsets": "earliest", "kafka.bootstrap.servers": broker}),
		Checkpoint: "slow",
		Sink:       engine.FileSink(os.Getenv("STREAMC_STOP_FILES"), filesink.Options{Format: "json"}),
		NewProcessor: func() engine.Processor {
			u := &upper{failOn: failOn}
			return engine.ProcessorFunc(func(row *kafka.Row, emit engine.Emit) error {
				time.Sleep(delay)
				return u.Process(row, emit)
			})
		},
	}
	ctx, stop := engine.SignalContext(context.Background())
	defer stop()
	args := strings.Fields(os.Getenv("STREAMC_STOP_ARGS"))
	return engine.Exec(ctx, engine.Env{Args: args, Getenv: os.Getenv, Stdout: os.Stdout, Stderr: os.Stderr}, "stopper", q)
}

// stopRun is one run of the stop child.
type stopRun struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
}

func startStopChild(t *testing.T, k *kafkatest.Cluster, root, args string, env ...string) *stopRun {
	t.Helper()
	r := &stopRun{cmd: exec.Command(os.Args[0], "-test.run=^$")}
	r.cmd.Env = append(os.Environ(), "STREAMC_STOP_BROKER="+k.Addr, "STREAMC_STOP_FILES="+filepath.Join(root, "output"),
		"STREAMC_STOP_ARGS="+args+" --checkpoint-root "+root)
	r.cmd.Env = append(r.cmd.Env, env...)
	r.cmd.Stderr = &r.stderr
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if r.cmd.ProcessState == nil {
			_ = r.cmd.Process.Kill()
			_ = r.cmd.Wait()
		}
	})
	return r
}

// wait waits for the child to exit and returns its status.
func (r *stopRun) wait(t *testing.T) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- r.cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		return r.cmd.ProcessState.ExitCode()
	case <-time.After(60 * time.Second):
		t.Fatalf("the child did not exit; stderr:\n%s", r.stderr.String())
		return -1
	}
}

// logLines returns the child's JSON log lines.
func (r *stopRun) logLines() []map[string]any {
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(r.stderr.Bytes()))
	for sc.Scan() {
		var m map[string]any
		if json.Unmarshal(sc.Bytes(), &m) == nil {
			out = append(out, m)
		}
	}
	return out
}

// waitPlanned waits until batch 0 of the child's query is planned
// (offsets/0 written): it is running.
func waitPlanned(t *testing.T, root string, r *stopRun) {
	t.Helper()
	waitFor(t, 30*time.Second, "batch 0 to start", func() bool {
		_, err := os.Stat(filepath.Join(root, "slow", "offsets", "0"))
		return err == nil
	})
	// The batch is reading its records by now; let it get some way in.
	time.Sleep(100 * time.Millisecond)
	if r.cmd.ProcessState != nil {
		t.Fatalf("the child exited early:\n%s", r.stderr.String())
	}
}

// A SIGTERM whose grace period runs out during a batch abandons the batch:
// a clean stop (exit 0) that says which batch the next start replays, and
// the next start does replay it.
func TestStopAfterGracePeriod(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	produce(k, "in", 3, 600, "v")
	root := t.TempDir()
	// 200 rows a partition at 10ms each: the batch takes about 2s.
	r := startStopChild(t, k, root, "--trigger processing-time --grace-period=200ms", "STREAMC_STOP_DELAY=10ms")
	waitPlanned(t, root, r)
	if err := r.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := r.wait(t); code != engine.ExitOK {
		t.Fatalf("exit %d after a stop, want 0; stderr:\n%s", code, r.stderr.String())
	}
	var abandoned map[string]any
	for _, l := range r.logLines() {
		if l["level"] == "ERROR" {
			t.Errorf("a stop logged an error: %v", l)
		}
		if strings.Contains(fmt.Sprint(l["msg"]), "replayed on the next start") {
			abandoned = l
		}
	}
	if abandoned == nil {
		t.Fatalf("no line says which batch is replayed; stderr:\n%s", r.stderr.String())
	}
	if abandoned["level"] != "INFO" || abandoned["query"] != "slow" || abandoned["batchId"] != 0.0 {
		t.Errorf("abandoned batch line %v, want INFO, query slow, batchId 0", abandoned)
	}

	// The next start replays batch 0 and the output holds every row once.
	r = startStopChild(t, k, root, "--trigger available-now")
	if code := r.wait(t); code != engine.ExitOK {
		t.Fatalf("restart: exit %d; stderr:\n%s", code, r.stderr.String())
	}
	replayed := false
	for _, l := range r.logLines() {
		if strings.HasPrefix(fmt.Sprint(l["msg"]), "replaying uncommitted batch") && l["batchId"] == 0.0 {
			replayed = true
		}
	}
	if !replayed {
		t.Errorf("the restart did not replay batch 0; stderr:\n%s", r.stderr.String())
	}
	var lines []string
	if err := filesink.ReadLines(filepath.Join(root, "output"), func(l []byte) error {
		lines = append(lines, string(l))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !equalSets(lines, upperAll(names("v", 0, 600))) {
		t.Errorf("output has %d rows, want the 600 once each", len(lines))
	}
}

// A query that really fails while a stop waits for it still fails the
// process.
func TestFailureDuringStop(t *testing.T) {
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	produce(k, "in", 3, 600, "v")
	root := t.TempDir()
	// v300 is partition 0's 101st record: about 1s into the batch, well
	// within the grace period.
	r := startStopChild(t, k, root, "--trigger processing-time --grace-period=30s", "STREAMC_STOP_DELAY=10ms", "STREAMC_STOP_FAILON=v300")
	waitPlanned(t, root, r)
	if err := r.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := r.wait(t); code != engine.ExitFailed {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, r.stderr.String())
	}
	if !strings.Contains(r.stderr.String(), `stopper: query "slow" failed`) || !strings.Contains(r.stderr.String(), `cannot process value \"v300\"`) {
		t.Errorf("stderr does not name the failure:\n%s", r.stderr.String())
	}
}
