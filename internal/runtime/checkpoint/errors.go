package checkpoint

import "errors"

var (
	// ErrLocked is returned by Open when another query (in this process or
	// another) holds the checkpoint directory.
	ErrLocked = errors.New("checkpoint is locked by another query")
	// ErrClosed is returned by methods called after Close.
	ErrClosed = errors.New("checkpoint directory is closed")
	// ErrCorrupt matches every *CorruptError with errors.Is.
	ErrCorrupt = errors.New("corrupt checkpoint file")
)

// CorruptError reports a checkpoint file that exists but cannot be used.
type CorruptError struct {
	Path string // the file
	Err  error  // what is wrong with it
}

func (e *CorruptError) Error() string {
	return "checkpoint: corrupt file " + e.Path + ": " + e.Err.Error()
}

func (e *CorruptError) Unwrap() error { return e.Err }

// Is lets callers test errors.Is(err, ErrCorrupt).
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }
