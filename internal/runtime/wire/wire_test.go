package wire

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParse(t *testing.T) {
	guid := GUID{0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}
	tests := []struct {
		name string
		in   []byte
		want Frame
		err  error
		msg  string
	}{
		{"id", []byte{0, 0, 0, 0, 7, 2, 'h', 'i'}, Frame{Magic: 0, ID: 7, Body: []byte{2, 'h', 'i'}}, nil, ""},
		{"max id", []byte{0, 0xff, 0xff, 0xff, 0xff, 1}, Frame{ID: 0xffffffff, Body: []byte{1}}, nil, ""},
		{"header only", []byte{0, 0, 0, 0, 1}, Frame{ID: 1, Body: []byte{}}, nil, ""},
		{"guid", append(AppendGUIDHeader(nil, guid), 'x'), Frame{Magic: 1, GUID: guid, Body: []byte("x")}, nil, ""},
		{"guid header only", AppendGUIDHeader(nil, guid), Frame{Magic: 1, GUID: guid, Body: []byte{}}, nil, ""},
		{"empty", nil, Frame{}, ErrEmpty, ""},
		{"empty non-nil", []byte{}, Frame{}, ErrEmpty, ""},
		{"bad magic", []byte{7, 0, 0, 0, 1}, Frame{}, ErrBadMagic, "wire: unknown magic byte 0x07; Confluent framing starts with 0x00 (or 0x01 for a schema GUID)"},
		{"json", []byte(`{"a":1}`), Frame{}, ErrBadMagic, ""},
		{"magic only", []byte{0}, Frame{}, ErrShortHeader, "wire: 1-byte message is shorter than the 5-byte Confluent header"},
		{"3-byte", []byte{0, 0, 0}, Frame{}, ErrShortHeader, "wire: 3-byte message is shorter than the 5-byte Confluent header"},
		{"4-byte", []byte{0, 0, 0, 1}, Frame{}, ErrShortHeader, ""},
		{"short guid", []byte{1, 2, 3}, Frame{}, ErrShortHeader, "wire: 3-byte message is shorter than the 17-byte Confluent GUID header"},
		{"16-byte guid", AppendGUIDHeader(nil, guid)[:16], Frame{}, ErrShortHeader, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if tt.err != nil {
				var e *Error
				if !errors.Is(err, tt.err) || !errors.As(err, &e) {
					t.Fatalf("err = %v; want %v", err, tt.err)
				}
				if tt.msg != "" && err.Error() != tt.msg {
					t.Errorf("message %q; want %q", err.Error(), tt.msg)
				}
				for _, other := range []error{ErrEmpty, ErrBadMagic, ErrShortHeader} {
					if other != tt.err && errors.Is(err, other) {
						t.Errorf("err %v also matches %v", err, other)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("Parse (-want +got):\n%s", d)
			}
		})
	}
}

func TestSchemaRefFromHeader(t *testing.T) {
	guid, err := ParseGUID("8b5f1f4e-0a2d-4c6b-9e1f-3a7c5d9e2b10")
	if err != nil {
		t.Fatal(err)
	}
	f, err := SchemaRefFromHeader(AppendGUIDHeader(nil, guid))
	if err != nil || f.Magic != MagicGUID || f.GUID != guid || f.Body != nil || !f.HasGUID() {
		t.Fatalf("GUID header: %+v, %v", f, err)
	}
	f, err = SchemaRefFromHeader(AppendHeader(nil, 42))
	if err != nil || f.Magic != MagicID || f.ID != 42 || f.Body != nil || f.HasGUID() {
		t.Fatalf("id header: %+v, %v", f, err)
	}
	// Protobuf's message indexes may follow; Avro ignores them as Confluent does.
	f, err = SchemaRefFromHeader(append(AppendGUIDHeader(nil, guid), 0))
	if err != nil || f.GUID != guid || f.Body != nil {
		t.Fatalf("GUID header with indexes: %+v, %v", f, err)
	}
	for _, tt := range []struct {
		in  []byte
		err error
		msg string
	}{
		{nil, ErrEmpty, ""},
		{[]byte{1, 2, 3}, ErrShortHeader, "wire: 3-byte schema id header is shorter than the 17-byte Confluent GUID header"},
		{[]byte{0, 1}, ErrShortHeader, ""},
		{[]byte{2}, ErrBadMagic, ""},
	} {
		_, err := SchemaRefFromHeader(tt.in)
		if !errors.Is(err, tt.err) || tt.msg != "" && err.Error() != tt.msg {
			t.Errorf("SchemaRefFromHeader(% x) = %v; want %v %q", tt.in, err, tt.err, tt.msg)
		}
	}
}

func TestGUID(t *testing.T) {
	const s = "00112233-4455-6677-8899-aabbccddeeff"
	g, err := ParseGUID(strings.ToUpper(s))
	if err != nil {
		t.Fatal(err)
	}
	want := GUID{0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}
	if g != want || g.String() != s {
		t.Fatalf("ParseGUID = %x, String %s", g, g.String())
	}
	if got := hex.EncodeToString(AppendGUIDHeader([]byte{9}, g)); got != "0901"+strings.ReplaceAll(s, "-", "") {
		t.Fatalf("AppendGUIDHeader = %s", got)
	}
	for _, bad := range []string{"", "00112233445566778899aabbccddeeff", "00112233-4455-6677-8899-aabbccddeef", "00112233-4455-6677-8899_aabbccddeeff", "0011223g-4455-6677-8899-aabbccddeeff", "00112233-4455-6677-8899-aabbccddeef-", "{0112233-4455-6677-8899-aabbccddeef}"} {
		if _, err := ParseGUID(bad); !errors.Is(err, ErrBadGUID) {
			t.Errorf("ParseGUID(%q) = %v; want ErrBadGUID", bad, err)
		}
	}
}

func TestAppendHeader(t *testing.T) {
	got := AppendHeader([]byte("x"), 0x01020304)
	if !bytes.Equal(got, []byte{'x', 0, 1, 2, 3, 4}) {
		t.Fatalf("AppendHeader = % x", got)
	}
	dst := make([]byte, 0, 32)
	if n := testing.AllocsPerRun(100, func() { AppendGUIDHeader(AppendHeader(dst, 1), GUID{}) }); n != 0 {
		t.Errorf("Append functions allocate %v times", n)
	}
}

// TestConfluentVectors checks the framed records written by Confluent's own
// JavaScript serializer. The malformed ones are malformed inside the Avro
// body or the registry (unknown id), so their framing must still parse.
func TestConfluentVectors(t *testing.T) {
	f, err := os.Open("../../testutil/avrovectors/testdata/confluent.jsonl")
	if err != nil {
		t.Fatalf("the Confluent vectors are missing: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var v struct {
			Name     string  `json:"name"`
			Category string  `json:"category"`
			SchemaID uint32  `json:"schema_id"`
			Hex      string  `json:"hex"`
			Error    *string `json:"error"`
		}
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		n++
		b, err := hex.DecodeString(v.Hex)
		if err != nil {
			t.Fatalf("%s: %v", v.Name, err)
		}
		fr, err := Parse(b)
		if err != nil {
			t.Errorf("%s: %v", v.Name, err)
			continue
		}
		if fr.Magic != MagicID || fr.ID != v.SchemaID || !bytes.Equal(fr.Body, b[5:]) {
			t.Errorf("%s: got magic %d id %d body %d bytes; want id %d", v.Name, fr.Magic, fr.ID, len(fr.Body), v.SchemaID)
		}
		if v.Name == "malformed_header_only_no_body" && len(fr.Body) != 0 {
			t.Errorf("%s: body %x; want empty", v.Name, fr.Body)
		}
		if got := append(AppendHeader(nil, fr.ID), fr.Body...); !bytes.Equal(got, b) {
			t.Errorf("%s: re-framing gives % x", v.Name, got)
		}

		// Framing-level damage derived from the same record.
		damaged := map[string]struct {
			in  []byte
			err error
		}{
			"bad magic":   {append([]byte{7}, b[1:]...), ErrBadMagic},
			"3-byte":      {b[:3], ErrShortHeader},
			"magic only":  {b[:1], ErrShortHeader},
			"empty":       {b[:0], ErrEmpty},
			"guid, short": {append([]byte{1}, b[1:min(len(b), 16)]...), ErrShortHeader},
		}
		for name, d := range damaged {
			if _, err := Parse(d.in); !errors.Is(err, d.err) {
				t.Errorf("%s, %s: %v; want %v", v.Name, name, err, d.err)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no vectors read")
	}
}
