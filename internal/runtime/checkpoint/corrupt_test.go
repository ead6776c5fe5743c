package checkpoint

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Every kind of file, damaged in every way we can think of, gives an error
// naming the file, never a fresh start.
func TestCorruptFiles(t *testing.T) {
	const okOffsets = "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1,\"conf\":{}}\n{\"t\":{\"0\":1}}"
	cases := []struct {
		name, file, content, want string
	}{
		{"offsets empty", "offsets/0", "", "empty file"},
		{"offsets bad version", "offsets/0", "v\n{}\n{}", `line 1: bad version line "v", want "v1"`},
		{"offsets not a version", "offsets/0", "{\"batchWatermarkMs\":0}", `line 1: bad version line "{\"batchWatermarkMs\":0}", want "v1"`},
		{"offsets v0", "offsets/0", "v0\n{}\n{}", `line 1: bad version line "v0", want "v1"`},
		{"offsets newer version", "offsets/0", "v2\n{}\n{}", "line 1: unsupported version v2; this streamc reads v1 (written by a newer version?)"},
		{"offsets version only", "offsets/0", "v1", "missing metadata line (line 2)"},
		{"offsets truncated metadata", "offsets/0", "v1\n{\"batchWatermarkMs\":0,\"batchTi", "line 2: metadata: unexpected end of JSON input"},
		{"offsets metadata not object", "offsets/0", "v1\n[]\n{}", "line 2: metadata: not a JSON object"},
		{"offsets metadata empty", "offsets/0", "v1\n\n{}", "line 2: metadata: empty line, want a JSON object"},
		{"offsets bad timestamp", "offsets/0", "v1\n{\"batchTimestampMs\":\"x\"}\n{}",
			"line 2: metadata: json: cannot unmarshal string into Go struct field offsetSeqMetadata.batchTimestampMs of type int64"},
		{"offsets no source", "offsets/0", "v1\n{}", "missing source offsets line (line 3)"},
		{"offsets two sources", "offsets/0", "v1\n{}\n{}\n{}", "2 source offset lines, want 1 (the query has one Kafka source)"},
		{"offsets void source", "offsets/0", "v1\n{}\n-", `line 3: source 0 has no offset ("-")`},
		{"offsets truncated source", "offsets/0", "v1\n{}\n{\"t\":{\"0\":1", "line 3: offsets: unexpected end of JSON input"},
		{"offsets null", "offsets/0", "v1\n{}\nnull", "line 3: offsets: not a JSON object"},
		{"offsets null topic", "offsets/0", "v1\n{}\n{\"t\":null}", `line 3: offsets: topic "t": not a JSON object`},
		{"offsets bad partition", "offsets/0", "v1\n{}\n{\"t\":{\"01\":1}}", `line 3: offsets: topic "t": bad partition "01"`},
		{"offsets negative partition", "offsets/0", "v1\n{}\n{\"t\":{\"-1\":1}}", `line 3: offsets: topic "t": bad partition "-1"`},
		{"offsets fractional offset", "offsets/0", "v1\n{}\n{\"t\":{\"0\":1.5}}",
			"line 3: offsets: json: cannot unmarshal number 1.5 into Go value of type int64"},
		{"commit empty", "commits/0", "", "empty file"},
		{"commit bad version", "commits/0", "x1\n{}", `line 1: bad version line "x1", want "v1"`},
		{"commit version only", "commits/0", "v1\n", "missing metadata line (line 2)"},
		{"commit bad json", "commits/0", "v1\n{\"nextBatchWatermarkMs\":", "line 2: unexpected end of JSON input"},
		{"commit extra line", "commits/0", "v1\n{}\n{}", "unexpected line 3 (a commit has 2 lines)"},
		{"initial empty", "sources/0/0", "\x00", "empty file"},
		{"initial no newline", "sources/0/0", "\x00v1", "missing version line"},
		{"initial bad version", "sources/0/0", "\x00v9\n{}", "line 1: unsupported version v9; this streamc reads v1 (written by a newer version?)"},
		{"initial no offsets", "sources/0/0", "\x00v1\n", "want one offsets line after the version, found 0"},
		{"initial bad json", "sources/0/0", "\x00v1\n{\"t\":{\"0\":}}", "line 2: offsets: invalid character '}' looking for beginning of value"},
		{"metadata empty", "metadata", "", "empty file"},
		{"metadata bad json", "metadata", "{\"id\":", "unexpected end of JSON input"},
		{"metadata no id", "metadata", "{\"name\":\"x\"}", `missing "id"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "chk")
			d := openAt(t, dir, Options{})
			if tc.file == "commits/0" {
				write(t, dir, "offsets/0", okOffsets)
			}
			d.Close()
			write(t, dir, tc.file, tc.content)
			err := useAll(dir)
			want := "checkpoint: corrupt file " + filepath.Join(dir, tc.file) + ": " + tc.want
			if err == nil || err.Error() != want {
				t.Fatalf("got  %v\nwant %s", err, want)
			}
			if !errors.Is(err, ErrCorrupt) {
				t.Errorf("errors.Is(err, ErrCorrupt) is false")
			}
			var ce *CorruptError
			if !errors.As(err, &ce) || ce.Path != filepath.Join(dir, tc.file) {
				t.Errorf("CorruptError.Path: %+v", ce)
			}
		})
	}
}

// What a readable file from Spark or a human may hold.
func TestTolerated(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "chk")
	openAt(t, dir, Options{}).Close()
	// Spark 2.1 metadata (no conf), CRLF endings, trailing newline, an extra field.
	write(t, dir, "offsets/4", "v1\r\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1480732570644,\"new\":1}\r\n{\"t\":{\"0\":4}}\n")
	write(t, dir, "commits/4", "v1\n{\"nextBatchWatermarkMs\":12}\n")
	write(t, dir, "sources/0/0", "v1\n{\"t\":{\"0\":0}}\n") // NUL byte lost
	write(t, dir, "metadata", "{\"id\":\"fc415a71-f0a2-4c3c-aeaf-f9e258c3f726\"}\n")
	write(t, dir, "offsets/.4.crc", "junk") // Spark's checksum files
	write(t, dir, "offsets/notes.txt", "junk")
	if err := useAll(dir); err != nil {
		t.Fatal(err)
	}
	d := openAt(t, dir, Options{})
	_, seq, _, _ := d.LatestOffsets()
	if seq.BatchTimestampMs != 1480732570644 || seq.Offsets["t"][0] != 4 || seq.Conf == nil {
		t.Errorf("got %+v", seq)
	}
	if d.QueryID() != "fc415a71-f0a2-4c3c-aeaf-f9e258c3f726" {
		t.Errorf("id %s", d.QueryID())
	}
}

// useAll opens dir and reads every kind of file through the API.
func useAll(dir string) error {
	d, err := Open(dir, Options{Logger: quietLogger()})
	if err != nil {
		return err
	}
	defer d.Close()
	if _, _, _, err := d.LatestOffsets(); err != nil {
		return err
	}
	if _, _, err := d.LatestCommit(); err != nil {
		return err
	}
	_, _, err = d.InitialOffsets()
	return err
}

func write(t *testing.T, dir, file, content string) {
	t.Helper()
	p := filepath.Join(dir, file)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
