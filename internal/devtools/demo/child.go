package demo

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"time"
)

// stopWait bounds how long a child has to stop after SIGINT before it is
// killed.
const stopWait = 10 * time.Second

// child is a process the demo started and must stop.
type child struct {
	cmd    *exec.Cmd
	cancel context.CancelFunc
	stderr *lockedBuffer
	once   sync.Once
}

// lockedBuffer collects a child's stderr while it runs.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// start starts a long-running child in dir; cancelling ctx, or stop,
// interrupts it (SIGINT, as Ctrl-C would) and kills it after stopWait.
func start(ctx context.Context, dir, name string, args ...string) (*child, io.Reader, error) {
	cctx, cancel := context.WithCancel(ctx)
	cmd := exec.CommandContext(cctx, name, args...)
	cmd.Dir = dir
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = stopWait
	c := &child{cmd: cmd, cancel: cancel, stderr: &lockedBuffer{}}
	cmd.Stderr = c.stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, nil, err
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, nil, err
	}
	return c, stdout, nil
}

// stop interrupts the child and waits for it to exit.
func (c *child) stop() {
	c.once.Do(func() {
		c.cancel()
		_ = c.cmd.Wait() // it was told to stop: its status says nothing new
	})
}

// output is what a finished child wrote.
type output struct {
	stdout, stderr string
}

// runOnce runs a child to completion in dir; a non-zero exit is an error
// that carries the end of its stderr.
func runOnce(ctx context.Context, dir, name string, args ...string) (output, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = stopWait
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	out := output{stdout.String(), stderr.String()}
	if err != nil {
		return out, fmt.Errorf("%w\n%s", err, tail(out.stderr, 4000))
	}
	return out, nil
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}
