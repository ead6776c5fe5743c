package wire

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

// FuzzParse checks that Parse never panics, returns one of its sentinel
// errors exactly when the framing is bad, returns a Body that is the tail of
// the input, and that re-framing the parts gives the input back.
func FuzzParse(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 1, 2, 3})
	f.Add([]byte{0, 0, 0})
	f.Add([]byte{1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 'x'})
	f.Add([]byte{7})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		fr, err := Parse(b)
		ref, herr := SchemaRefFromHeader(b)
		if (err == nil) != (herr == nil) {
			t.Fatalf("Parse error %v but header error %v", err, herr)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *Error", err)
			}
			switch {
			case len(b) == 0:
				if !errors.Is(err, ErrEmpty) {
					t.Fatalf("empty input: %v", err)
				}
			case b[0] > 1:
				if !errors.Is(err, ErrBadMagic) {
					t.Fatalf("magic %#x: %v", b[0], err)
				}
			default:
				if !errors.Is(err, ErrShortHeader) {
					t.Fatalf("%d bytes: %v", len(b), err)
				}
			}
			return
		}
		if ref.Body != nil || ref.Magic != fr.Magic || ref.ID != fr.ID || ref.GUID != fr.GUID {
			t.Fatalf("header reference %+v differs from frame %+v", ref, fr)
		}
		if len(fr.Body) > 0 && &fr.Body[0] != &b[len(b)-len(fr.Body)] {
			t.Fatal("Body does not alias the input's tail")
		}
		var again []byte
		if fr.Magic == MagicID {
			if fr.ID != binary.BigEndian.Uint32(b[1:5]) {
				t.Fatalf("id %d from % x", fr.ID, b[:5])
			}
			again = AppendHeader(nil, fr.ID)
		} else {
			again = AppendGUIDHeader(nil, fr.GUID)
			g, err := ParseGUID(fr.GUID.String())
			if err != nil || g != fr.GUID {
				t.Fatalf("GUID %s does not round trip: %v", fr.GUID, err)
			}
		}
		again = append(again, fr.Body...)
		if !bytes.Equal(again, b) {
			t.Fatalf("re-framed % x; input % x", again, b)
		}
	})
}

// FuzzParseGUID checks that ParseGUID never panics and that what it accepts
// prints back as the same text, up to case.
func FuzzParseGUID(f *testing.F) {
	f.Add("00112233-4455-6677-8899-aabbccddeeff")
	f.Add("00112233-4455-6677-8899-AABBCCDDEEFF")
	f.Add("not a guid")
	f.Fuzz(func(t *testing.T, s string) {
		g, err := ParseGUID(s)
		if err != nil {
			if !errors.Is(err, ErrBadGUID) {
				t.Fatalf("error %v is not ErrBadGUID", err)
			}
			return
		}
		if !bytes.EqualFold([]byte(g.String()), []byte(s)) {
			t.Fatalf("ParseGUID(%q) prints as %s", s, g)
		}
	})
}
