package filesink

import (
	"bytes"
	"testing"
)

// The manifest parser never panics, and what it accepts re-encodes to a
// manifest it reads back identically.
func FuzzParseManifest(f *testing.F) {
	f.Add([]byte("v1\n{\"path\":\"part-00000-t-0.json\",\"size\":16,\"rows\":2,\"crc32c\":\"0a1b2c3d\",\"action\":\"add\"}"))
	f.Add([]byte("v1\n{\"path\":\"p.csv\",\"size\":9,\"rows\":1,\"crc32c\":\"00000000\",\"headerBytes\":3,\"lineSep\":\"\\r\\n\",\"action\":\"add\"}\n"))
	f.Add([]byte("v1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		files, err := parseManifest(data, 7)
		if err != nil {
			return
		}
		enc, err := encodeManifest(files)
		if err != nil {
			t.Fatal(err)
		}
		files2, err := parseManifest(enc, 7)
		if err != nil {
			t.Fatalf("own output rejected: %v\n%q", err, enc)
		}
		enc2, _ := encodeManifest(files2)
		if !bytes.Equal(enc, enc2) {
			t.Fatalf("round trip differs:\n%q\n%q", enc, enc2)
		}
	})
}
