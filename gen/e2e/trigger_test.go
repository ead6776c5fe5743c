package e2e

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// A file sink cannot run continuously: the generator refuses the spec's
// trigger continuous with a json or csv sink, and the program refuses the
// same trigger given at run time, as a usage error, before it connects to
// anything.
func TestFileSinkRefusesContinuousTrigger(t *testing.T) {
	t.Parallel()
	for _, dir := range []string{"generated/cmd/invoices-flatten", "generated/cmd/invoices"} {
		bin := build(t, dir)
		for _, how := range [][]string{{"--trigger", "continuous"}, {"STREAMC_TRIGGER=continuous=500ms"}} {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			var cmd *exec.Cmd
			if len(how) == 1 {
				cmd = exec.CommandContext(ctx, bin, "--bootstrap-servers", "127.0.0.1:1")
				cmd.Env = append(cmd.Environ(), how[0])
			} else {
				cmd = exec.CommandContext(ctx, bin, append([]string{"--bootstrap-servers", "127.0.0.1:1"}, how...)...)
			}
			cmd.Dir = t.TempDir()
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			cancel()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != 2 {
				t.Fatalf("%s %v: %v, want exit status 2\nstderr:\n%s", dir, how, err, tail(stderr.String(), 4000))
			}
			want := `query "flatten": --trigger continuous: the json sink does not support the continuous trigger (kafka and console do, as in Spark)`
			if !strings.Contains(stderr.String(), want) {
				t.Errorf("%s %v: stderr lacks %q:\n%s", dir, how, want, stderr.String())
			}
		}
	}
}
