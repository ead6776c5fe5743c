package avroresolve

import (
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/streamc/streamc/internal/runtime/avrobin"
	"github.com/streamc/streamc/internal/runtime/avroschema"
)

// sizedBlock is an array or map block written as Avro allows: a negative
// count, then the block's byte size, then the items.
func sizedBlock(dst []byte, count, size int64, items []byte) []byte {
	dst = avrobin.AppendLong(dst, -count)
	dst = avrobin.AppendLong(dst, size)
	return append(dst, items...)
}

// transcodeValid transcodes a datum the writer schema reads and checks the
// output reads with the reader schema as the value want (in
// avroschema.DecodeValue's %v form).
func transcodeValid(t *testing.T, writer, reader string, datum []byte, want string) []byte {
	t.Helper()
	w, r := parse(t, writer), parse(t, reader)
	if _, err := avroschema.DecodeValue(w, datum); err != nil {
		t.Fatalf("the writer schema rejects %x: %v", datum, err)
	}
	p, err := Compile(w, r)
	if err != nil {
		t.Fatal(err)
	}
	out, err := p.Transcode(nil, datum)
	if err != nil {
		t.Fatalf("transcode %x: %v", datum, err)
	}
	got, err := avroschema.DecodeValue(r, out)
	if err != nil {
		t.Fatalf("output %x of %x does not decode with the reader schema: %v", out, datum, err)
	}
	if s := fmt.Sprint(got); want != "" && s != want {
		t.Errorf("output reads as %s, want %s", s, want)
	}
	return out
}

// The datum FuzzTranscode found: a map block with a negative count whose
// byte size reaches past the field, in a record whose fields the reader
// reorders. The writer schema reads it, so the transcoder must too.
func TestTranscodeFuzzNegativeBlockCount(t *testing.T) {
	data, err := hex.DecodeString("3002000230303030012030303030023030303000040106303030")
	if err != nil {
		t.Fatal(err)
	}
	fp := fuzzPairs[2]
	transcodeValid(t, fp.writer, fp.reader, data, "")
}

// A block's byte size is what a skipping reader trusts; one that decodes
// the items reads past it. The transcoder decodes: a block whose size does
// not match its items (the writer schema still reads it) transcodes to
// what its items say, whether the field is transcoded, reordered or copied,
// and the copy never carries a size its output contradicts.
func TestTranscodeBlockSizes(t *testing.T) {
	const longs = `{"type":"array","items":"long"}`
	items := []byte{2, 4} // 1, 2
	cases := []struct {
		name, writer, reader string
		datum                []byte
		want                 string
		out                  string // the output in hex, when it is to be checked
	}{
		{"exact size, copied",
			`{"type":"record","name":"R","fields":[{"name":"a","type":` + longs + `},{"name":"c","type":"long"}]}`,
			`{"type":"record","name":"R","fields":[{"name":"a","type":` + longs + `}]}`,
			append(sizedBlock(nil, 2, 2, items), 0, 0x80, 0x01), "[{a [1 2]}]", "04020400"},
		{"size past the field, copied",
			`{"type":"record","name":"R","fields":[{"name":"a","type":` + longs + `},{"name":"c","type":"long"}]}`,
			`{"type":"record","name":"R","fields":[{"name":"a","type":` + longs + `}]}`,
			append(sizedBlock(nil, 2, 4, items), 0, 0x80, 0x01), "[{a [1 2]}]", "04020400"},
		{"size short of the items, copied",
			`{"type":"record","name":"R","fields":[{"name":"a","type":` + longs + `},{"name":"c","type":"long"}]}`,
			`{"type":"record","name":"R","fields":[{"name":"a","type":` + longs + `}]}`,
			append(sizedBlock(nil, 2, 0, items), 0, 0x80, 0x01), "[{a [1 2]}]", "04020400"},
		{"size past the field, reordered",
			`{"type":"record","name":"R","fields":[{"name":"a","type":` + longs + `},{"name":"b","type":"string"}]}`,
			`{"type":"record","name":"R","fields":[{"name":"b","type":"string"},{"name":"a","type":` + longs + `}]}`,
			append(sizedBlock(nil, 2, 4, items), 0, 4, 'x', 'y'), "[{b xy} {a [1 2]}]", "047879" + "04020400"},
		{"size past the field, promoted",
			`{"type":"record","name":"R","fields":[{"name":"a","type":` + longs + `},{"name":"b","type":"string"}]}`,
			`{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":"double"}}]}`,
			append(sizedBlock(nil, 2, 4, items), 0, 4, 'x', 'y'), "[{a [1 2]}]", ""},
		{"map size past the field, copied inside a reordered record",
			`{"type":"record","name":"R","fields":[{"name":"m","type":{"type":"map","values":"long"}},{"name":"b","type":"string"},{"name":"c","type":"int"}]}`,
			`{"type":"record","name":"R","fields":[{"name":"b","type":"string"},{"name":"m","type":{"type":"map","values":"long"}}]}`,
			append(sizedBlock(nil, 1, 5, []byte{2, 'k', 6}), 0, 2, 'z', 0), "[{b z} {m [{k 3}]}]", "027a" + "02026b0600"},
		{"nested blocks, copied",
			`{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":` + longs + `}},{"name":"c","type":"long"}]}`,
			`{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":` + longs + `}}]}`,
			append(sizedBlock(nil, 1, 9, append(sizedBlock(nil, 2, 7, items), 0)), 0, 0x80, 0x80, 0x80, 0x80, 0x01), "[{a [[1 2]]}]", "02" + "04020400" + "00"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := transcodeValid(t, c.writer, c.reader, c.datum, c.want)
			if c.out != "" && hex.EncodeToString(out) != c.out {
				t.Errorf("output %x, want %s", out, c.out)
			}
		})
	}
}

// The identity program hands the datum on as it is, block sizes and all:
// its output is its input, so they cannot disagree.
func TestTranscodeIdentityKeepsBlockSizes(t *testing.T) {
	const writer = `{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":"long"}}]}`
	datum := append(sizedBlock(nil, 2, 2, []byte{2, 4}), 0)
	p, err := Compile(parse(t, writer), parse(t, writer))
	if err != nil || !p.Identity() {
		t.Fatalf("identity: %v, %v", p, err)
	}
	out, err := p.Transcode(nil, datum)
	if err != nil || hex.EncodeToString(out) != hex.EncodeToString(datum) {
		t.Errorf("identity: %x, %v; want %x", out, err, datum)
	}
}
