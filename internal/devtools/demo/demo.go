// Package demo runs the invoices app end to end the way a user would, for
// `make demo`: `streamc dev` as the broker (on free ports, with the spec's
// topics), the fixture invoices produced keyless with `streamc dev
// produce`, the app program run once with --trigger available-now in a
// working directory that is kept afterwards (Config.Output), then a few of
// its outputs, a check against Spark's output for the same invoices, a
// one-line summary, and how to look at the files and checkpoints it left.
package demo

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Config says where the programs and data are. Paths are relative to the
// working directory (the repository root under make).
type Config struct {
	// Bin holds the executables streamc and App.
	Bin string
	// App is the app program's name (invoices).
	App string
	// Spec is the pipelines.yaml whose topics dev creates.
	Spec string
	// Input has one invoice per line.
	Input string
	// ExpectedNotifications and ExpectedFlattened, when set, are Spark's
	// outputs to compare with (expected-notifications.jsonl,
	// expected-flattened.jsonl).
	ExpectedNotifications string
	ExpectedFlattened     string
	// Output is the app's working directory: its file sink output and
	// checkpoints stay there for inspection. It is cleared at the start of
	// each run; a non-empty directory the demo did not make is refused.
	Output string
	// Show is how many records of each output to print.
	Show   int
	Stdout io.Writer
	Logger *slog.Logger
}

// Run runs the demo; it stops every process it started before returning,
// also when ctx is cancelled. What the app wrote stays in cfg.Output.
func Run(ctx context.Context, cfg Config) error {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Stdout == nil {
		cfg.Stdout = io.Discard
	}
	out := cfg.Stdout
	began := time.Now()
	// The app runs in a directory of its own, so its path must not be
	// relative to this one.
	bin, err := filepath.Abs(cfg.Bin)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	streamc := filepath.Join(bin, "streamc")
	app := filepath.Join(bin, cfg.App)
	for _, p := range []string{streamc, app, cfg.Spec, cfg.Input} {
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("demo: %w (run `make build` first)", err)
		}
	}
	if cfg.Output == "" {
		return errors.New("demo: no output directory")
	}
	work := filepath.Clean(cfg.Output)
	if err := prepareOutput(work); err != nil {
		return err
	}

	dev, addr, err := startDev(ctx, streamc, cfg.Spec, cfg.Logger)
	if err != nil {
		return err
	}
	defer dev.stop()
	fmt.Fprintf(out, "broker      streamc dev on %s (topics from %s)\n", addr, cfg.Spec)

	msg, err := runOnce(ctx, "", streamc, "dev", "produce", "--bootstrap-servers", addr, "--topic", "invoices", cfg.Input)
	if err != nil {
		return fmt.Errorf("demo: produce: %w", err)
	}
	fmt.Fprintf(out, "produced    %s (from %s, keyless)\n", strings.TrimSpace(msg.stdout), cfg.Input)

	args := []string{"--trigger", "available-now", "--bootstrap-servers", addr}
	fmt.Fprintf(out, "running     %s %s  (in %s)\n", app, strings.Join(args, " "), work)
	start := time.Now()
	res, err := runOnce(ctx, work, app, args...)
	if err != nil {
		return fmt.Errorf("demo: %s: %w", cfg.App, err)
	}
	took := time.Since(start)
	totals, err := progressTotals(strings.NewReader(res.stderr))
	if err != nil {
		return fmt.Errorf("demo: reading %s's progress lines: %w", cfg.App, err)
	}

	notes, err := readTopic(ctx, addr, "notifications")
	if err != nil {
		return fmt.Errorf("demo: reading notifications: %w", err)
	}
	fmt.Fprintf(out, "\ntopic notifications (%d records; first %d):\n", len(notes), min(cfg.Show, len(notes)))
	for _, n := range notes[:min(cfg.Show, len(notes))] {
		fmt.Fprintf(out, "  partition %d  key %-10s  %s\n", n.partition, keyText(n.key), n.value)
	}
	sinkDir := filepath.Join(work, "output")
	rows, err := committedRows(sinkDir)
	if err != nil {
		return fmt.Errorf("demo: reading the file sink's output: %w", err)
	}
	fmt.Fprintf(out, "\nfile sink %s/ (%d committed rows; first %d):\n", sinkDir, len(rows), min(cfg.Show, len(rows)))
	for _, r := range rows[:min(cfg.Show, len(rows))] {
		fmt.Fprintf(out, "  %s\n", r)
	}

	if cfg.ExpectedNotifications != "" || cfg.ExpectedFlattened != "" {
		if err := compare(cfg, notes, rows); err != nil {
			return err
		}
		fmt.Fprintf(out, "\nboth outputs equal Spark 3.5's for these invoices, byte for byte\n")
	}
	fmt.Fprintf(out, "\nsummary     %s; %s ran in %.2fs, demo %.2fs\n", totals, cfg.App, took.Seconds(), time.Since(began).Seconds())
	layout, err := findOutputs(work)
	if err != nil {
		return err
	}
	printInspect(out, work, filepath.Join(cfg.Bin, "streamc"), layout)
	return nil
}

// startDev starts `streamc dev` on free ports and waits for it to say it
// is ready; it returns the broker's address.
func startDev(ctx context.Context, streamc, spec string, log *slog.Logger) (*child, string, error) {
	c, stdout, err := start(ctx, "", streamc, "dev", "-f", spec, "--kafka-addr", "127.0.0.1:0", "--registry-addr", "127.0.0.1:0")
	if err != nil {
		return nil, "", fmt.Errorf("demo: streamc dev: %w", err)
	}
	type ready struct {
		addr string
		err  error
	}
	done := make(chan ready, 1)
	go func() {
		addr, err := readyAddr(stdout)
		done <- ready{addr, err}
		_, _ = io.Copy(io.Discard, stdout) // dev prints nothing more; keep its pipe drained
	}()
	timeout := time.NewTimer(30 * time.Second)
	defer timeout.Stop()
	select {
	case r := <-done:
		if r.err == nil {
			log.Debug("streamc dev ready", "kafka", r.addr)
			return c, r.addr, nil
		}
		err = r.err
	case <-timeout.C:
		err = errors.New("not ready after 30s")
	case <-ctx.Done():
		err = context.Cause(ctx)
	}
	c.stop()
	return nil, "", fmt.Errorf("demo: streamc dev: %w\n%s", err, c.stderr.String())
}

// readyAddr reads `streamc dev`'s start-up lines ("kafka ADDR", ...,
// "ready") and returns the broker's address.
func readyAddr(r io.Reader) (string, error) {
	sc := bufio.NewScanner(r)
	addr := ""
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if a, ok := strings.CutPrefix(line, "kafka "); ok {
			addr = strings.TrimSpace(a)
		}
		if line == "ready" {
			if addr == "" {
				return "", errors.New(`ready without a "kafka ADDR" line`)
			}
			return addr, nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", errors.New("exited before it was ready")
}

func keyText(k []byte) string {
	if k == nil {
		return "null"
	}
	return string(k)
}
