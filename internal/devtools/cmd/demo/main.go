// Command demo runs the invoices app end to end on a `streamc dev` broker
// (`make demo`); see package internal/devtools/demo.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/streamc/streamc/internal/devtools/demo"
)

func main() {
	cfg := demo.Config{App: "invoices", Stdout: os.Stdout, Logger: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))}
	flag.StringVar(&cfg.Bin, "bin", "bin", "`dir`ectory holding streamc and the app program")
	flag.StringVar(&cfg.Spec, "spec", "pipelines.yaml", "the pipelines spec whose topics to create")
	flag.StringVar(&cfg.Input, "input", "schemas/fixtures/invoices.jsonl", "invoices to produce, one per line")
	flag.StringVar(&cfg.ExpectedNotifications, "expected-notifications", "schemas/fixtures/expected-notifications.jsonl", "Spark's notifications to compare with (empty: no check)")
	flag.StringVar(&cfg.ExpectedFlattened, "expected-flattened", "schemas/fixtures/expected-flattened.jsonl", "Spark's flattened rows to compare with (empty: no check)")
	flag.StringVar(&cfg.Output, "output", "demo-output", "`dir`ectory the app runs in, kept for inspection (cleared at the start of each run)")
	flag.IntVar(&cfg.Show, "show", 3, "records of each output to print")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := demo.Run(ctx, cfg)
	if ctx.Err() != nil {
		err = fmt.Errorf("demo: interrupted; everything it started is stopped (%v)", err)
	}
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
