package engine

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink"
	"github.com/streamc/streamc/internal/runtime/version"
)

// Exit codes of Main.
const (
	ExitOK     = 0
	ExitFailed = 1 // a query failed (or could not start)
	ExitUsage  = 2 // bad flags
)

// Main is the whole main function of a generated program: it runs the
// queries with settings from the command line and the environment, stops
// them gracefully on SIGINT/SIGTERM, and exits with a status (0: all ended
// or were stopped; 1: a query failed, with the reason on stderr; 2: bad
// flags). A stop whose --grace-period runs out abandons the running batches
// and is still a stop: each query logs which batch its next start replays.
// See Exec for the flags.
func Main(app string, queries ...Query) {
	ctx, stop := SignalContext(context.Background())
	code := Exec(ctx, Env{Args: os.Args[1:], Getenv: os.Getenv, Stdout: os.Stdout, Stderr: os.Stderr}, app, queries...)
	stop()
	os.Exit(code)
}

// SignalContext returns a context cancelled by the first SIGINT or SIGTERM,
// which makes Run stop every query after its current batch. A second signal
// exits the process at once with status 130; the interrupted batches are
// replayed on the next start.
func SignalContext(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			cancel(fmt.Errorf("received %s", sig))
		case <-done:
			return
		}
		select {
		case sig := <-ch:
			fmt.Fprintf(os.Stderr, "received %s again: exiting without waiting for running batches\n", sig)
			os.Exit(130)
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(ch)
		close(done)
		cancel(context.Canceled)
	}
}

// Env is what Exec takes from the process.
type Env struct {
	// Args are the command-line arguments without the program name.
	Args   []string
	Getenv func(string) string
	Stdout io.Writer
	Stderr io.Writer
}

// flagEnv maps each flag to its environment variable.
var flagEnv = [][2]string{
	{"bootstrap-servers", "STREAMC_BOOTSTRAP_SERVERS"},
	{"trigger", "STREAMC_TRIGGER"},
	{"metrics-addr", "STREAMC_METRICS_ADDR"},
	{"log-level", "STREAMC_LOG_LEVEL"},
	{"log-format", "STREAMC_LOG_FORMAT"},
	{"query", "STREAMC_QUERY"},
	{"checkpoint-root", "STREAMC_CHECKPOINT_ROOT"},
	{"grace-period", "STREAMC_GRACE_PERIOD"},
	{"registry-url", "STREAMC_REGISTRY_URL"},
	{"cpu-profile", "STREAMC_CPU_PROFILE"},
	{"mem-profile", "STREAMC_MEM_PROFILE"},
	{"retry-timeout", "STREAMC_RETRY_TIMEOUT"},
}

// Exec runs the command line of a generated program and returns its exit
// status. Flags (each also read from an environment variable, the flag
// winning; both win over the spec's settings):
//
//	--bootstrap-servers  STREAMC_BOOTSTRAP_SERVERS  Kafka brokers of every source and Kafka sink
//	--trigger            STREAMC_TRIGGER            processing-time=1s | available-now | continuous[=1s]
//	--metrics-addr       STREAMC_METRICS_ADDR       serve Prometheus metrics on /metrics (e.g. :9090)
//	--log-level          STREAMC_LOG_LEVEL          debug | info | warn | error (default info)
//	--log-format         STREAMC_LOG_FORMAT         json | text (default json)
//	--query              STREAMC_QUERY              run only these queries (comma-separated names)
//	--checkpoint-root    STREAMC_CHECKPOINT_ROOT    directory relative checkpoint locations are in
//	--grace-period       STREAMC_GRACE_PERIOD       how long a stop waits for running batches (default: no limit)
//	--registry-url       STREAMC_REGISTRY_URL       Schema Registry of every Avro format (user:password@ for basic auth)
//	--cpu-profile        STREAMC_CPU_PROFILE        write a CPU profile of the run (go tool pprof) to this file
//	--mem-profile        STREAMC_MEM_PROFILE        write a heap profile to this file at exit
//	--retry-timeout      STREAMC_RETRY_TIMEOUT      how long every Kafka call retries transient errors before the query fails (default: the spec's retryTimeout, else 2m)
//	--list                                          print the queries and exit
//	--version                                       print the streamc version and exit
func Exec(ctx context.Context, env Env, app string, queries ...Query) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.Stdout == nil {
		env.Stdout = io.Discard
	}
	if env.Stderr == nil {
		env.Stderr = io.Discard
	}
	fs := flag.NewFlagSet(app, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	var (
		bootstrap   = fs.String("bootstrap-servers", "", "Kafka `brokers` (host:port,...) for every source and Kafka sink, replacing the spec's")
		trigger     = fs.String("trigger", "", "`trigger` of every query: processing-time=1s, available-now, continuous or continuous=1s")
		metricsAddr = fs.String("metrics-addr", "", "serve Prometheus metrics at http://`addr`/metrics")
		logLevel    = fs.String("log-level", "info", "`level`: debug, info, warn or error")
		logFormat   = fs.String("log-format", "json", "`format`: json or text")
		only        = fs.String("query", "", "run only these `queries` (comma-separated)")
		root        = fs.String("checkpoint-root", "", "`dir`ectory that relative checkpoint locations are in")
		grace       = fs.Duration("grace-period", 0, "on stop, abandon batches still running after this `duration` (0: wait)")
		registryURL = fs.String("registry-url", "", "Schema Registry `url` of every Avro format, replacing the spec's (user:password@ for basic auth)")
		cpuProfile  = fs.String("cpu-profile", "", "write a CPU profile (go tool pprof) of the whole run to `file`")
		memProfile  = fs.String("mem-profile", "", "write a heap profile (go tool pprof; -sample_index=alloc_space for all allocations) to `file` at exit")
		retryFor    = fs.Duration("retry-timeout", 0, "how long every Kafka call (source and sink) retries transient errors, such as an unreachable broker, before the query fails, replacing the spec's retryTimeout (default 2m)")
		list        = fs.Bool("list", false, "print the queries and exit")
		showVersion = fs.Bool("version", false, "print the version and exit")
	)
	// Parse only reports errors; the usage text goes to stdout when asked
	// for (--help) and to stderr after a usage error.
	fs.Usage = func() {}
	printUsage := func(w io.Writer) {
		fmt.Fprintf(w, "Usage: %s [flags]\n\nRuns the streaming queries of %s until they end or SIGINT/SIGTERM stops them.\n\nFlags (each may also be given as the environment variable shown):\n", app, app)
		fs.VisitAll(func(f *flag.Flag) {
			name, usage := flag.UnquoteUsage(f)
			line := "  --" + f.Name
			if name != "" {
				line += " " + name
			}
			for _, fe := range flagEnv {
				if fe[0] == f.Name {
					line += "  (" + fe[1] + ")"
				}
			}
			fmt.Fprintf(w, "%s\n    \t%s\n", line, usage)
		})
	}
	for _, fe := range flagEnv {
		if v := env.Getenv(fe[1]); v != "" {
			if err := fs.Set(fe[0], v); err != nil {
				fmt.Fprintf(env.Stderr, "%s: %s=%q: %v\n", app, fe[1], v, err)
				return ExitUsage
			}
		}
	}
	if err := fs.Parse(env.Args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(env.Stdout)
			return ExitOK
		}
		printUsage(env.Stderr)
		return ExitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "%s: unexpected arguments %q\n", app, fs.Args())
		return ExitUsage
	}
	if *showVersion {
		fmt.Fprintf(env.Stdout, "%s (streamc %s)\n", app, version.String)
		return ExitOK
	}
	if *list {
		for _, q := range queries {
			fmt.Fprintf(env.Stdout, "%s\t%s\n", q.Name, q.Checkpoint)
		}
		return ExitOK
	}
	usage := func(format string, a ...any) int {
		fmt.Fprintf(env.Stderr, "%s: %s\n", app, fmt.Sprintf(format, a...))
		return ExitUsage
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return usage("--log-level: %q is not debug, info, warn or error", *logLevel)
	}
	hopts := &slog.HandlerOptions{Level: level}
	var logger *slog.Logger
	switch *logFormat {
	case "json":
		logger = slog.New(slog.NewJSONHandler(env.Stderr, hopts))
	case "text":
		logger = slog.New(slog.NewTextHandler(env.Stderr, hopts))
	default:
		return usage("--log-format: %q is not json or text", *logFormat)
	}
	logger = logger.With("app", app)
	opts := Options{Logger: logger, BootstrapServers: strings.TrimSpace(*bootstrap), CheckpointRoot: *root, Stdout: env.Stdout, GracePeriod: *grace, RegistryURL: strings.TrimSpace(*registryURL)}
	if *trigger != "" {
		t, err := ParseTrigger(*trigger)
		if err != nil {
			return usage("--trigger: %v", err)
		}
		opts.Trigger = &t
	}
	retrySet := false
	fs.Visit(func(f *flag.Flag) { retrySet = retrySet || f.Name == "retry-timeout" })
	if retrySet {
		if *retryFor < 0 {
			return usage("--retry-timeout: %s is negative", *retryFor)
		}
		queries = withRetryTimeout(queries, *retryFor)
	}
	if *only != "" {
		var sel []Query
		var unknown []string
		for _, name := range strings.Split(*only, ",") {
			name = strings.TrimSpace(name)
			i := slices.IndexFunc(queries, func(q Query) bool { return q.Name == name })
			if i < 0 {
				unknown = append(unknown, name)
				continue
			}
			sel = append(sel, queries[i])
		}
		if len(unknown) > 0 {
			var names []string
			for _, q := range queries {
				names = append(names, q.Name)
			}
			return usage("--query: no query named %s (queries: %s)", strings.Join(unknown, ", "), strings.Join(names, ", "))
		}
		queries = sel
	}
	if opts.Trigger != nil {
		// The flag's trigger obeys the generator's rules for the spec's.
		for _, q := range queries {
			if err := q.CheckTrigger(*opts.Trigger); err != nil {
				return usage("query %q: --trigger %s: %v", q.Name, opts.Trigger.kindName(), err)
			}
		}
	}
	if *metricsAddr != "" {
		reg := prometheus.NewRegistry()
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
		m, err := NewMetrics(reg)
		if err != nil {
			fmt.Fprintf(env.Stderr, "%s: metrics: %v\n", app, err)
			return ExitFailed
		}
		opts.Metrics = m
		stopServer, err := serveMetrics(*metricsAddr, reg, logger)
		if err != nil {
			fmt.Fprintf(env.Stderr, "%s: --metrics-addr: %v\n", app, err)
			return ExitFailed
		}
		defer stopServer()
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(env.Stderr, "%s: --cpu-profile: %v\n", app, err)
			return ExitFailed
		}
		defer stop()
	}
	if *memProfile != "" {
		defer writeHeapProfile(*memProfile, env.Stderr, app)
	}
	if err := Run(ctx, opts, queries...); err != nil {
		fmt.Fprintf(env.Stderr, "%s: %v\n", app, err)
		return ExitFailed
	}
	return ExitOK
}

// withRetryTimeout gives every query's Kafka source and sink the retry
// timeout d, over the spec's: the retryTimeout option of the source and,
// as an override, of the sink.
func withRetryTimeout(queries []Query, d time.Duration) []Query {
	v := d.String()
	out := make([]Query, len(queries))
	for i, q := range queries {
		q.Source.RetryTimeout, q.Source.RetryTimeoutSet = d, true
		if mk := q.Sink.New; mk != nil {
			q.Sink.New = func(env SinkEnv) (sink.Sink, error) {
				o := maps.Clone(env.Overrides)
				if o == nil {
					o = map[string]string{}
				}
				o[kafka.RetryTimeoutOption] = v
				env.Overrides = o
				return mk(env)
			}
		}
		out[i] = q
	}
	return out
}

// writeHeapProfile writes the heap profile to path, reporting failure on
// stderr (the run's own outcome stands).
func writeHeapProfile(path string, stderr io.Writer, app string) {
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("heap").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: --mem-profile: %v\n", app, err)
	}
}

// startCPUProfile profiles the process into path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// serveMetrics serves reg on addr until the returned function is called.
func serveMetrics(addr string, reg *prometheus.Registry, log *slog.Logger) (func(), error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok\n") })
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server failed", "error", err.Error())
		}
	}()
	log.Info("serving metrics", "addr", "http://"+ln.Addr().String()+"/metrics")
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}, nil
}
