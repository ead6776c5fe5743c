package engine_test

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/checkpoint"
	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink/filesink"
	"github.com/streamc/streamc/internal/testutil/kafkatest"
)

// slowUpper is upper with a pause every few rows, so batches last long
// enough for kills to land inside them.
type slowUpper struct {
	upper
	slow bool
}

func (s *slowUpper) Process(row *kafka.Row, emit engine.Emit) error {
	if s.slow {
		time.Sleep(2 * time.Millisecond)
	}
	return s.upper.Process(row, emit)
}

// crashQueries are the child's app: Kafka -> upper-case -> Kafka, and the
// same into files.
func crashQueries(broker, files string) []engine.Query {
	toKafka := crashQuery(broker)
	toFiles := crashQuery(broker)
	toFiles.Name, toFiles.Checkpoint = "files", "files"
	toFiles.Sink = engine.FileSink(files, filesink.Options{Format: "json"})
	return []engine.Query{toKafka, toFiles}
}

func crashQuery(broker string) engine.Query {
	maxOffsets := "1000"
	if os.Getenv("STREAMC_CRASH_SLOW") != "" {
		maxOffsets = "120"
	}
	return engine.Query{
		Name:       "crash",
		Source:     sourceOf(map[string]string{"subscribe": "in", "startingOffsets": "earliest", "maxOffsetsPerTrigger": maxOffsets, "kafka.bootstrap.servers": broker}),
		Checkpoint: "crash",
		Sink:       kafkaSinkOf(map[string]string{"topic": "out", "kafka.bootstrap.servers": broker}),
		NewProcessor: func() engine.Processor {
			return &slowUpper{slow: os.Getenv("STREAMC_CRASH_SLOW") != ""}
		},
	}
}

// crashChild is the child process of TestCrash, started through TestMain
// when STREAMC_CRASH_BROKER is set: it runs the pipeline until killed.
func crashChild(broker string) int {
	args := strings.Fields(os.Getenv("STREAMC_CRASH_ARGS"))
	return engine.Exec(context.Background(), engine.Env{Args: args, Getenv: os.Getenv, Stdout: os.Stdout, Stderr: os.Stderr}, "crash", crashQueries(broker, os.Getenv("STREAMC_CRASH_FILES"))...)
}

// TestMain runs the tests, or the child process of the crash or stop tests.
func TestMain(m *testing.M) {
	if broker := os.Getenv("STREAMC_CRASH_BROKER"); broker != "" {
		os.Exit(crashChild(broker))
	}
	if broker := os.Getenv("STREAMC_STOP_BROKER"); broker != "" {
		os.Exit(stopChild(broker))
	}
	os.Exit(m.Run())
}

// TestCrash kills a child process running a real pipeline with SIGKILL at
// random moments, restarting it each time, then lets it drain: the Kafka
// sink must hold every record at least once.
func TestCrash(t *testing.T) {
	kills := 20
	if testing.Short() {
		kills = 5
	}
	k := kafkatest.New(t)
	k.CreateTopic("in", 3)
	k.CreateTopic("out", 3)
	const n = 12000
	root := t.TempDir()
	files := filepath.Join(root, "output")
	start := func(args string, slow bool) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "STREAMC_CRASH_BROKER="+k.Addr, "STREAMC_CRASH_FILES="+files, "STREAMC_CRASH_ARGS="+args+" --checkpoint-root "+root+" --log-level error")
		if slow {
			// Batches take long enough for most kills to land inside one.
			cmd.Env = append(cmd.Env, "STREAMC_CRASH_SLOW=1")
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	produced := 0
	uncommitted, killed := 0, 0
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range kills {
		// Input keeps arriving between crashes.
		produce(k, "in", 3, n/kills, "r"+strconv.Itoa(i)+"-")
		produced += n / kills
		cmd := start("--trigger processing-time", true)
		time.Sleep(time.Duration(100+rng.IntN(1000)) * time.Millisecond)
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		killed++
		for _, q := range []string{"crash", "files"} {
			if crashState(t, filepath.Join(root, q)) {
				uncommitted++
			}
		}
	}
	cmd := start("--trigger available-now", false)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("final run: %v", err)
	}
	seen := map[string]int{}
	for _, r := range k.ReadAll("out") {
		seen[string(r.Value)]++
	}
	dups := 0
	for i := range kills {
		for _, v := range upperAll(names("r"+strconv.Itoa(i)+"-", 0, n/kills)) {
			if seen[v] == 0 {
				t.Fatalf("%s lost", v)
			}
			dups += seen[v] - 1
		}
	}
	lines := map[string]int{}
	if err := filesink.ReadLines(files, func(line []byte) error {
		lines[string(line)]++
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for i := range kills {
		for _, v := range upperAll(names("r"+strconv.Itoa(i)+"-", 0, n/kills)) {
			if lines[v] != 1 {
				t.Fatalf("file sink holds %s %d times, want exactly once", v, lines[v])
			}
		}
	}
	if len(lines) != produced {
		t.Fatalf("file sink holds %d distinct rows, want %d", len(lines), produced)
	}
	b, _, c := readCheckpoint(t, filepath.Join(root, "crash"))
	t.Logf("crash test: %d SIGKILLs of a 2-query app (%d query checkpoints left between offsets/N and commits/N); %d records: Kafka sink has all (%d duplicates), file sink has each exactly once; %d batches", killed, uncommitted, produced, dups, c+1)
	if b != c {
		t.Errorf("final run ended with batch %d planned and %d committed", b, c)
	}
}

// crashState reports whether the checkpoint has a planned but uncommitted
// batch (the child died between offsets/N and commits/N).
func crashState(t *testing.T, dir string) bool {
	d, err := checkpoint.Open(dir, checkpoint.Options{Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	b, _, ok, err := d.LatestOffsets()
	if err != nil || !ok {
		return false
	}
	c, ok, err := d.LatestCommit()
	if err != nil {
		t.Fatal(err)
	}
	return !ok || c < b
}
