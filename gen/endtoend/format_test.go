package endtoend_test

import (
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/streamc/streamc/gen/endtoend/internal/driver"
	"github.com/streamc/streamc/gen/internal/txtar"
	"github.com/streamc/streamc/internal/runtime/sink"
)

// setOutputs replaces every output: and failure: section with out's,
// which go last in name order.
func setOutputs(ar *txtar.Archive, out map[string]string) {
	var kept []txtar.File
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "output:") && !strings.HasPrefix(f.Name, "failure:") {
			kept = append(kept, f)
		}
	}
	var names []string
	for n := range out {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		kept = append(kept, txtar.File{Name: n, Data: []byte(out[n])})
	}
	ar.Files = kept
}

// Records are written one field a line, records separated by blank lines
// (README.md):
//
//	topic: in
//	partition: 0
//	key: k1
//	value: {"a":1}
//	header source: web
//
// A field's text follows ": " to the end of the line; FIELD.q takes a Go
// quoted string and FIELD.hex hex digits instead. An absent key or value is
// null; "value:" with nothing after it is empty. Lines starting with # are
// comments.

// parseRecords reads records; input fills in the topic ("in"), and
// offsets counted per partition.
func parseRecords(data []byte, input bool) ([]driver.Record, error) {
	var out []driver.Record
	var cur *driver.Record
	offsets := map[string]int64{}
	setOffset := map[*driver.Record]bool{}
	finish := func() {
		if cur == nil {
			return
		}
		if input {
			if cur.Topic == "" {
				cur.Topic = "in"
			}
			k := fmt.Sprintf("%s-%d", cur.Topic, cur.Partition)
			if !setOffset[cur] {
				cur.Offset = offsets[k]
			}
			offsets[k] = cur.Offset + 1
		}
		out = append(out, *cur)
		cur = nil
	}
	for i, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" {
			finish()
			continue
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		if cur == nil {
			cur = &driver.Record{Partition: -1}
			if input {
				cur.Partition = 0
			}
		}
		field, text, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("line %d: want FIELD: TEXT", i+1)
		}
		text = strings.TrimPrefix(text, " ")
		var header string
		if h, ok := strings.CutPrefix(field, "header "); ok {
			field = "header"
			header = h
			if enc := strings.LastIndexByte(h, '.'); enc >= 0 && (h[enc:] == ".q" || h[enc:] == ".hex") {
				header, field = h[:enc], "header"+h[enc:]
			}
		}
		name, enc, _ := strings.Cut(field, ".")
		val := []byte(text)
		switch enc {
		case "":
		case "q":
			s, err := strconv.Unquote(text)
			if err != nil {
				return nil, fmt.Errorf("line %d: %s.q: %v", i+1, name, err)
			}
			val = []byte(s)
		case "hex":
			b, err := hex.DecodeString(strings.ReplaceAll(text, " ", ""))
			if err != nil {
				return nil, fmt.Errorf("line %d: %s.hex: %v", i+1, name, err)
			}
			val = b
		default:
			return nil, fmt.Errorf("line %d: unknown encoding %q", i+1, enc)
		}
		if val == nil {
			val = []byte{} // "value:" is empty, not null
		}
		var err error
		switch name {
		case "key":
			cur.Key = val
		case "value":
			cur.Value = val
		case "header":
			cur.Headers = append(cur.Headers, sink.Header{Key: header, Value: val})
		case "topic":
			cur.Topic = string(val)
		case "partition":
			var n int64
			n, err = strconv.ParseInt(string(val), 10, 32)
			cur.Partition = int32(n)
		case "offset":
			cur.Offset, err = strconv.ParseInt(string(val), 10, 64)
			setOffset[cur] = true
		case "timestamp":
			cur.Timestamp, err = strconv.ParseInt(string(val), 10, 64)
		default:
			return nil, fmt.Errorf("line %d: unknown field %q", i+1, name)
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %s: %v", i+1, name, err)
		}
	}
	finish()
	return out, nil
}

// formatRecords writes a Kafka sink's rows: topic, the partition when the
// row chose one (else the partitioner, murmur2 of the key, does), key and
// value when not null, then headers.
func formatRecords(recs []driver.Record) string {
	var b strings.Builder
	for i, r := range recs {
		if i > 0 {
			b.WriteString("\n")
		}
		if r.Topic != "" {
			formatField(&b, "topic", []byte(r.Topic))
		}
		if r.Partition >= 0 {
			fmt.Fprintf(&b, "partition: %d\n", r.Partition)
		}
		if r.Key != nil {
			formatField(&b, "key", r.Key)
		}
		if r.Value != nil {
			formatField(&b, "value", r.Value)
		}
		for _, h := range r.Headers {
			formatField(&b, "header "+h.Key, h.Value)
		}
	}
	return b.String()
}

func formatField(b *strings.Builder, name string, v []byte) {
	switch {
	case !utf8.Valid(v):
		fmt.Fprintf(b, "%s.hex: %x\n", name, v)
	case plain(string(v)):
		if len(v) == 0 {
			fmt.Fprintf(b, "%s:\n", name)
		} else {
			fmt.Fprintf(b, "%s: %s\n", name, v)
		}
	default:
		fmt.Fprintf(b, "%s.q: %s\n", name, strconv.Quote(string(v)))
	}
}

// plain reports whether s reads back unchanged as plain text.
func plain(s string) bool {
	if strings.HasPrefix(s, " ") {
		return false
	}
	for _, r := range s {
		if !unicode.IsPrint(r) && r != ' ' {
			return false
		}
	}
	return !strings.HasSuffix(s, " ")
}

// The record format must read back what it writes, or update mode would
// record expectations the comparison then reads differently.
func TestRecordFormatRoundTrip(t *testing.T) {
	recs := []driver.Record{
		{Topic: "out", Partition: -1, Key: []byte("k"), Value: []byte(`{"a":1}`)},
		{Topic: "out", Partition: 2, Value: []byte{}},
		{Topic: "t", Partition: -1, Key: []byte{0xff, 0}, Value: []byte(" x\ty "), Headers: []sink.Header{{Key: "h", Value: []byte("v")}, {Key: "b", Value: []byte{0x80}}}},
		{Topic: "t", Partition: -1, Value: []byte("# not a comment")},
	}
	text := formatRecords(recs)
	got, err := parseRecords([]byte(text), false)
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if d := cmp.Diff(recs, got); d != "" {
		t.Errorf("round trip (-want +got):\n%s\n%s", d, text)
	}
}
