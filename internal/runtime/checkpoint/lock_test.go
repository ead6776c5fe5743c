package checkpoint

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLockInProcess(t *testing.T) {
	d := openTemp(t, Options{})
	_, err := Open(d.Path(), Options{Logger: quietLogger()})
	want := fmt.Sprintf("checkpoint: %s is in use by another query (pid %d): checkpoint is locked by another query", d.Path(), os.Getpid())
	if !errors.Is(err, ErrLocked) || err.Error() != want {
		t.Fatalf("second Open: %v\nwant %s", err, want)
	}
	d.Close()
	d2, err := Open(d.Path(), Options{Logger: quietLogger()})
	if err != nil {
		t.Fatalf("Open after Close: %v", err)
	}
	d2.Close()
}

// A child process cannot take a checkpoint we hold.
func TestLockRefusedInChild(t *testing.T) {
	d := openTemp(t, Options{})
	out, err := child(d.Path(), "try").CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	want := fmt.Sprintf("checkpoint: %s is in use by another query (pid %d)", d.Path(), os.Getpid())
	if !strings.Contains(string(out), want) {
		t.Errorf("child said %q, want %q", out, want)
	}
}

// We cannot take a checkpoint a child holds; once it is SIGKILLed, we can.
func TestLockReleasedWhenHolderKilled(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "chk")
	cmd := child(dir, "hold")
	stdin, err := cmd.StdinPipe() // kept open: the child waits on it
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "locked\n" {
		t.Fatalf("child: %q %v", line, err)
	}

	_, err = Open(dir, Options{Logger: quietLogger()})
	want := fmt.Sprintf("checkpoint: %s is in use by another query (pid %d): checkpoint is locked by another query", dir, cmd.Process.Pid)
	if !errors.Is(err, ErrLocked) || err.Error() != want {
		t.Fatalf("Open while child holds it: %v\nwant %s", err, want)
	}

	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no Close runs
		t.Fatal(err)
	}
	cmd.Wait()
	deadline := time.Now().Add(5 * time.Second)
	for {
		d, err := Open(dir, Options{Logger: quietLogger()})
		if err == nil {
			d.Close()
			return
		}
		if !errors.Is(err, ErrLocked) || time.Now().After(deadline) {
			t.Fatalf("Open after the holder was killed: %v", err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func child(dir, mode string) *exec.Cmd {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), childEnv+"="+mode+":"+dir)
	return cmd
}
