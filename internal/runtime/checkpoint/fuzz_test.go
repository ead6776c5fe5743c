package checkpoint

import (
	"bytes"
	"testing"
)

// The parsers never panic, and whatever they accept re-encodes to a file
// they read back to the same value (encoding is a fixed point after one
// round).
func FuzzParseOffsetSeq(f *testing.F) {
	f.Add([]byte("v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1,\"conf\":{\"a\":\"b\"}}\n{\"t\":{\"2\":10,\"1\":5,\"0\":7}}"))
	f.Add([]byte("v1\r\n{}\r\n{\"t\":{}}\n"))
	f.Add([]byte("v1\n{}\n-"))
	f.Add([]byte("v2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		seq, err := parseOffsetSeq(data)
		if err != nil {
			return
		}
		enc := encodeOffsetSeq(seq)
		seq2, err := parseOffsetSeq(enc)
		if err != nil {
			t.Fatalf("own output rejected: %v\n%q", err, enc)
		}
		if enc2 := encodeOffsetSeq(seq2); !bytes.Equal(enc, enc2) {
			t.Fatalf("round trip differs:\n%q\n%q", enc, enc2)
		}
	})
}

func FuzzParseCommit(f *testing.F) {
	f.Add([]byte("v1\n{\"nextBatchWatermarkMs\":0}"))
	f.Add([]byte("v1\n"))
	f.Add([]byte("v1\n{}\n{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		parseCommit(data)
		if err := parseCommit(encodeCommit()); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzParseInitialOffsets(f *testing.F) {
	f.Add([]byte("\x00v1\n{\"t\":{\"0\":0}}"))
	f.Add([]byte("v1\n{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := parseInitialOffsets(data)
		if err != nil {
			return
		}
		enc := encodeInitialOffsets(p)
		p2, err := parseInitialOffsets(enc)
		if err != nil {
			t.Fatalf("own output rejected: %v\n%q", err, enc)
		}
		if enc2 := encodeInitialOffsets(p2); !bytes.Equal(enc, enc2) {
			t.Fatalf("round trip differs:\n%q\n%q", enc, enc2)
		}
	})
}
