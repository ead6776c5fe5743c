// Package cli is the streamc command: cobra commands built in constructors, so
// tests run them in-process through Do.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	godebug "runtime/debug"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/streamc/streamc/gen"
	"github.com/streamc/streamc/internal/runtime/version"
)

// exitError carries an exit code without printing anything more (diff's
// "there are changes" is exit 1 but not a failure message).
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// usageError is a command line that cmd cannot take (an unknown flag or
// command, wrong arguments): exit 2, with a pointer to cmd's help.
type usageError struct {
	err error
	cmd *cobra.Command
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

// Do runs streamc with args and returns the process exit code.
func Do(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var debug bool
	root := newRootCmd()
	root.PersistentFlags().BoolVar(&debug, "debug", false, "print the stack trace of an internal error instead of writing it to a file")
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	defer func() {
		// A bug anywhere in a command is a message, not a Go crash.
		if r := recover(); r != nil {
			code = reportInternal(stderr, &gen.InternalError{At: "running streamc " + strings.Join(args, " "), Value: r, Stack: godebug.Stack()}, debug)
		}
	}()
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return 0
	}
	var ie *gen.InternalError
	if errors.As(err, &ie) {
		return reportInternal(stderr, ie, debug)
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	var ue *usageError
	if errors.As(err, &ue) {
		cmd = ue.cmd
	} else if strings.HasPrefix(err.Error(), "unknown command ") {
		// cobra's own check of the root's arguments, a plain error.
		ue = &usageError{err: err, cmd: cmd}
	}
	if ue != nil {
		fmt.Fprintf(stderr, "%v\nRun '%s --help' for usage.\n", err, cmd.CommandPath())
		return 2
	}
	fmt.Fprintln(stderr, err)
	return 1
}

// reportInternal prints an internal error and where its stack is: on
// stderr under --debug, else in a file to attach to the bug report.
func reportInternal(stderr io.Writer, ie *gen.InternalError, debug bool) int {
	fmt.Fprintln(stderr, ie)
	if debug {
		fmt.Fprintf(stderr, "%s", ie.Stack)
		return 1
	}
	f, err := os.CreateTemp("", "streamc-bug-*.txt")
	if err == nil {
		_, err = fmt.Fprintf(f, "%v\n\n%s", ie, ie.Stack)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "(the stack trace could not be saved: %v; run again with --debug to print it)\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "The stack trace is in %s (or run again with --debug to print it).\n", f.Name())
	return 1
}

// usageErrors makes the flag and argument errors of c and its subcommands
// usage errors.
func usageErrors(c *cobra.Command) {
	c.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return &usageError{err: err, cmd: cmd} })
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if check := c.Args; check != nil {
			c.Args = func(cmd *cobra.Command, args []string) error {
				if err := check(cmd, args); err != nil {
					return &usageError{err: err, cmd: cmd}
				}
				return nil
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(c)
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "streamc",
		Short:         "Compile Spark-style Kafka streaming pipelines into small static Go programs",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(
		newGenerateCmd(),
		newDiffCmd(),
		newCheckCmd(),
		newVersionCmd(),
		newDevCmd(),
		newFilesCmd(),
	)
	usageErrors(root)
	return root
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the streamc version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "streamc %s (generated code version %d)\n", version.String, version.GenVersion)
			return err
		},
	}
}
