package filesink

import (
	"slices"
	"testing"
)

// The log parser never panics, and what it accepts re-encodes to a log
// that reads back identically.
func FuzzParseLog(f *testing.F) {
	f.Add([]byte("v1\n{\"path\":\"file:///out/part-00000-t-0.json\",\"size\":16,\"isDir\":false,\"modificationTime\":1,\"blockReplication\":1,\"blockSize\":33554432,\"action\":\"add\"}"))
	f.Add([]byte("v1\n{\"path\":\"file:/a%20b/p.csv\",\"size\":9,\"action\":\"add\"}\n{\"path\":\"/a b/p.csv\",\"action\":\"delete\"}\n"))
	f.Add([]byte("v1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		files, _, err := parseLog(data, 7, false)
		if err != nil {
			return
		}
		enc := encodeLog(files)
		files2, _, err := parseLog(enc, 7, false)
		if err != nil {
			t.Fatalf("own output rejected: %v\n%q", err, enc)
		}
		if !slices.Equal(files, files2) {
			t.Fatalf("round trip differs:\n%+v\n%+v", files, files2)
		}
	})
}
