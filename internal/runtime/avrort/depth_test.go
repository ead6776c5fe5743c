package avrort

import (
	"errors"
	"testing"

	"github.com/streamc/streamc/internal/runtime/avrobin"
	"github.com/streamc/streamc/internal/runtime/avroschema"
)

// Generated decoders and the transcoder must refuse the same datums.
func TestMaxDepthIsTheTranscoders(t *testing.T) {
	if MaxDepth != avroschema.MaxDepth || ErrTooDeep.Error() != avroschema.ErrTooDeep.Error() {
		t.Fatalf("MaxDepth %d (%v), avroschema.MaxDepth %d (%v)", MaxDepth, ErrTooDeep, avroschema.MaxDepth, avroschema.ErrTooDeep)
	}
	var rd avrobin.Reader
	rd.Reset([]byte{0})
	TooDeep(&rd)
	if !errors.Is(rd.Err(), ErrTooDeep) {
		t.Fatalf("got %v", rd.Err())
	}
}
