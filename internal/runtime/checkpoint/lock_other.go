//go:build !unix

package checkpoint

import (
	"errors"
	"os"
)

// tryLock is only implemented with flock(2); refusing to run unlocked is
// safer than letting two queries share a checkpoint.
func tryLock(*os.File) (held bool, err error) {
	return false, errors.New("checkpoint locking is not supported on this platform")
}
