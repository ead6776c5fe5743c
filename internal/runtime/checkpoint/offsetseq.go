package checkpoint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
)

// OffsetSeq is what offsets/N holds for our single Kafka source.
type OffsetSeq struct {
	BatchTimestampMs int64
	// Offsets are the batch's end offsets (exclusive: Spark's "next offset").
	Offsets PartitionOffsets
	// Conf are settings recorded with the batch, as Spark's "conf" (for
	// example the ones a restart must not change).
	Conf map[string]string
}

// encodeOffsetSeq writes an OffsetSeqLog entry: version, metadata, one line
// per source (we have one). Spark ends the file without a newline.
func encodeOffsetSeq(seq OffsetSeq) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "v%d\n", logVersion)
	b.WriteString(`{"batchWatermarkMs":0,"batchTimestampMs":`)
	b.WriteString(strconv.FormatInt(seq.BatchTimestampMs, 10))
	b.WriteString(`,"conf":{`)
	for i, k := range slices.Sorted(maps.Keys(seq.Conf)) {
		if i > 0 {
			b.WriteByte(',')
		}
		appendJSONString(&b, k)
		b.WriteByte(':')
		appendJSONString(&b, seq.Conf[k])
	}
	b.WriteString("}}\n")
	appendPartitionOffsets(&b, seq.Offsets)
	return b.Bytes()
}

// offsetSeqMetadata is Spark's OffsetSeqMetadata; unknown fields (newer
// Spark versions add some) are ignored, and conf is absent before Spark 2.2.
type offsetSeqMetadata struct {
	BatchWatermarkMs int64             `json:"batchWatermarkMs"`
	BatchTimestampMs int64             `json:"batchTimestampMs"`
	Conf             map[string]string `json:"conf"`
}

// parseOffsetSeq reads an offsets/N file. The error says what is wrong; the
// caller names the file.
func parseOffsetSeq(data []byte) (OffsetSeq, error) {
	lines := splitLines(data)
	if len(lines) == 0 {
		return OffsetSeq{}, errors.New("empty file")
	}
	if err := checkVersion(lines[0]); err != nil {
		return OffsetSeq{}, err
	}
	if len(lines) < 2 {
		return OffsetSeq{}, errors.New("missing metadata line (line 2)")
	}
	md, err := parseObject[offsetSeqMetadata](lines[1])
	if err != nil {
		return OffsetSeq{}, fmt.Errorf("line 2: metadata: %w", err)
	}
	switch n := len(lines) - 2; {
	case n == 0:
		return OffsetSeq{}, errors.New("missing source offsets line (line 3)")
	case n > 1:
		return OffsetSeq{}, fmt.Errorf("%d source offset lines, want 1 (the query has one Kafka source)", n)
	}
	if string(lines[2]) == "-" { // Spark's SERIALIZED_VOID_OFFSET
		return OffsetSeq{}, errors.New(`line 3: source 0 has no offset ("-")`)
	}
	offs, err := parsePartitionOffsets(lines[2])
	if err != nil {
		return OffsetSeq{}, fmt.Errorf("line 3: offsets: %w", err)
	}
	if md.Conf == nil {
		md.Conf = map[string]string{}
	}
	return OffsetSeq{BatchTimestampMs: md.BatchTimestampMs, Offsets: offs, Conf: md.Conf}, nil
}

// parseObject decodes one line that must hold a JSON object (not null).
func parseObject[T any](line []byte) (T, error) {
	var v T
	if t := bytes.TrimLeft(line, " \t"); len(t) == 0 || t[0] != '{' {
		if len(t) == 0 {
			return v, errors.New("empty line, want a JSON object")
		}
		if err := json.Unmarshal(line, new(any)); err != nil {
			return v, err
		}
		return v, errors.New("not a JSON object")
	}
	if err := json.Unmarshal(line, &v); err != nil {
		return v, err
	}
	return v, nil
}
