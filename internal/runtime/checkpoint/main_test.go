package checkpoint

import (
	"errors"
	"fmt"
	"io"
	"os"
	"testing"
)

// childEnv makes the test binary act as a second process for the lock tests:
// "hold:<dir>" locks dir, says so on stdout and waits to be killed;
// "try:<dir>" tries to lock dir and prints the error.
const childEnv = "STREAMC_CHECKPOINT_TEST_CHILD"

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(runChild(mode))
	}
	os.Exit(m.Run())
}

func runChild(mode string) int {
	switch {
	case len(mode) > 5 && mode[:5] == "hold:":
		d, err := Open(mode[5:], Options{})
		if err != nil {
			fmt.Println("error:", err)
			return 2
		}
		fmt.Println("locked")
		io.Copy(io.Discard, os.Stdin) // until the parent closes stdin or kills us
		d.Close()
		return 0
	case len(mode) > 4 && mode[:4] == "try:":
		d, err := Open(mode[4:], Options{})
		if err == nil {
			d.Close()
			fmt.Println("opened")
			return 1
		}
		fmt.Println(err)
		if errors.Is(err, ErrLocked) {
			return 0
		}
		return 1
	}
	fmt.Println("unknown child mode", mode)
	return 2
}
