package checkpoint

import (
	"bytes"
	"errors"
	"fmt"
)

// encodeInitialOffsets writes sources/0/0 as Spark's
// KafkaSourceInitialOffsetWriter does: a NUL byte (SPARK-19517), the version
// line, the offsets JSON.
func encodeInitialOffsets(p PartitionOffsets) []byte {
	var b bytes.Buffer
	b.WriteByte(0)
	fmt.Fprintf(&b, "v%d\n", logVersion)
	appendPartitionOffsets(&b, p)
	return b.Bytes()
}

// parseInitialOffsets reads sources/0/0. The NUL byte is optional, so that a
// file edited by hand (which tends to lose it) still reads.
func parseInitialOffsets(data []byte) (PartitionOffsets, error) {
	data = bytes.TrimPrefix(data, []byte{0})
	if len(data) == 0 {
		return nil, errors.New("empty file")
	}
	first, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok {
		return nil, errors.New("missing version line")
	}
	if err := checkVersion(bytes.TrimSuffix(first, []byte("\r"))); err != nil {
		return nil, err
	}
	lines := splitLines(rest)
	if len(lines) != 1 {
		return nil, fmt.Errorf("want one offsets line after the version, found %d", len(lines))
	}
	p, err := parsePartitionOffsets(lines[0])
	if err != nil {
		return nil, fmt.Errorf("line 2: offsets: %w", err)
	}
	return p, nil
}
