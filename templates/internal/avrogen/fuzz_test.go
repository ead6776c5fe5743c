package avrogen_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/streamc/streamc/generated/gps"
	"github.com/streamc/streamc/internal/runtime/avrobin"
)

// FuzzGpsReadingDecodeAvro: no input makes the generated decoder panic or
// allocate beyond its input, a borrowing decode agrees with a copying one,
// and whatever it accepts it writes back in a form that reads the same
// (not always the same bytes: a varint may come padded).
func FuzzGpsReadingDecodeAvro(f *testing.F) {
	good, _ := (&gps.GpsReading{Timestamp: 1715239773186, DeviceId: "truck-042", Latitude: 52.52, Longitude: 13.4, Altitude: 34.5, Speed: 13.89}).AppendAvro(nil)
	f.Add(good)
	f.Add(good[:10])
	f.Add([]byte{})
	f.Add([]byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01})
	f.Add([]byte{0x02, 0xfe, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, data []byte) {
		var x, v gps.GpsReading
		err := x.DecodeAvro(data)
		var rd avrobin.Reader
		rd.SetBorrow(true)
		errView := v.DecodeAvroWith(&rd, data)
		if (err == nil) != (errView == nil) {
			t.Fatalf("copying decode: %v, borrowing decode: %v", err, errView)
		}
		if err != nil {
			return
		}
		if d := cmp.Diff(x, v, cmpopts.EquateNaNs()); d != "" {
			t.Fatalf("borrowing decode differs:\n%s", d)
		}
		out, err := x.AppendAvro(nil)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		var y gps.GpsReading
		if err := y.DecodeAvro(out); err != nil {
			t.Fatalf("re-decode %x: %v", out, err)
		}
		if d := cmp.Diff(x, y, cmpopts.EquateNaNs()); d != "" || len(out) > len(data) {
			t.Fatalf("re-encoded %x as %x:\n%s", data, out, d)
		}
	})
}
