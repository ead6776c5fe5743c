package engine_test

import (
	"strings"
	"testing"
	"time"

	"github.com/streamc/streamc/internal/runtime/engine"
	"github.com/streamc/streamc/internal/runtime/sink/consolesink"
)

// Asked-for help is the program's output (stdout, exit 0); after a usage
// error it is a diagnostic (stderr, exit 2).
func TestExecHelp(t *testing.T) {
	q := engine.Query{Name: "a", Checkpoint: "a", Sink: engine.ConsoleSink(consolesink.DefaultOptions()), NewProcessor: upperProcessor("")}
	for _, args := range [][]string{{"--help"}, {"-h"}, {"-help"}} {
		code, out, errOut := execApp(t, ctxT(t, time.Minute), nil, args, q)
		if code != engine.ExitOK || errOut != "" || !strings.HasPrefix(out, "Usage: app [flags]\n") || !strings.Contains(out, "--bootstrap-servers brokers  (STREAMC_BOOTSTRAP_SERVERS)") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 0 and the usage on stdout only", args, code, out, errOut)
		}
	}
	code, out, errOut := execApp(t, ctxT(t, time.Minute), nil, []string{"--nope"}, q)
	if code != engine.ExitUsage || out != "" || !strings.HasPrefix(errOut, "flag provided but not defined: -nope\nUsage: app [flags]\n") {
		t.Errorf("--nope: exit %d, stdout %q, stderr %q; want exit 2 and the error and usage on stderr", code, out, errOut)
	}
}
