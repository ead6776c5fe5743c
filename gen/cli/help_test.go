package cli

import (
	"strings"
	"testing"
)

// Asked-for help is output (stdout, exit 0); a usage error is a diagnostic
// (stderr, exit 2) that says where the help is.
func TestHelpAndUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"-h"}, {"help"}, {"generate", "--help"}, {"files", "-h"}, {"help", "dev"}} {
		code, out, errOut := run(t, args...)
		if code != 0 || errOut != "" || !strings.Contains(out, "Usage:\n  streamc") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 0 and help on stdout only", args, code, out, errOut)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"generate", "--nope"}, "unknown flag: --nope\nRun 'streamc generate --help' for usage.\n"},
		{[]string{"bogus"}, "unknown command \"bogus\" for \"streamc\"\nRun 'streamc --help' for usage.\n"},
		{[]string{"version", "extra"}, "unknown command \"extra\" for \"streamc version\"\nRun 'streamc version --help' for usage.\n"},
	} {
		code, out, errOut := run(t, tc.args...)
		if code != 2 || out != "" || errOut != tc.want {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and stderr %q", tc.args, code, out, errOut, tc.want)
		}
	}
}
