package engine_test

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/sink"
)

// --retry-timeout beats STREAMC_RETRY_TIMEOUT, which beats the spec's
// retryTimeout (the generated source and sink options), for the source and
// the sink alike; against a broker that is not there the query fails once
// it has passed, naming the call, the broker and the time spent.
func TestExecRetryTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"spec", nil, nil, "1.2s"},
		{"env", map[string]string{"STREAMC_RETRY_TIMEOUT": "800ms"}, nil, "800ms"},
		{"flag", map[string]string{"STREAMC_RETRY_TIMEOUT": "800ms"}, []string{"--retry-timeout", "500ms"}, "500ms"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var sinkOpts map[string]string
			q := engine.Query{
				Name:       "q",
				Source:     sourceOf(map[string]string{"subscribe": "in", "kafka.bootstrap.servers": addr, "retryTimeout": "1.2s"}),
				Checkpoint: "q",
				Sink: engine.SinkFunc(func(env engine.SinkEnv) (sink.Sink, error) {
					sinkOpts = env.Options(map[string]string{"topic": "out", "kafka.bootstrap.servers": addr, "retryTimeout": "1.2s"})
					return newRecSink(), nil
				}),
				NewProcessor: upperProcessor(""),
			}
			args := append([]string{"--checkpoint-root", t.TempDir(), "--log-level", "error"}, c.args...)
			t0 := time.Now()
			code, _, errOut := execApp(t, ctxT(t, time.Minute), c.env, args, q)
			took := time.Since(t0)
			if code != 1 {
				t.Fatalf("exit %d, want 1: %s", code, errOut)
			}
			want, _ := time.ParseDuration(c.want)
			if took < want || took > want+3*time.Second {
				t.Errorf("exited after %s, want about %s", took, want)
			}
			msg := "gave up retrying kafka metadata for in against broker " + addr + " after "
			if !strings.Contains(errOut, msg) || !strings.Contains(errOut, "(retry timeout "+c.want+")") {
				t.Errorf("stderr lacks %q and (retry timeout %s):\n%s", msg, c.want, errOut)
			}
			if sinkOpts["retryTimeout"] != c.want {
				t.Errorf("the sink got retryTimeout %q, want %s", sinkOpts["retryTimeout"], c.want)
			}
		})
	}
	if code, _, errOut := execApp(t, ctxT(t, time.Minute), nil, []string{"--retry-timeout", "-1s"}, engine.Query{Name: "q"}); code != 2 || !strings.Contains(errOut, "--retry-timeout") {
		t.Errorf("negative --retry-timeout: exit %d: %s", code, errOut)
	}
}
