package avroresolve

import (
	"strings"
	"testing"
)

func benchTranscode(b *testing.B, writer, reader, datum string) {
	w, r := parse(b, writer), parse(b, reader)
	p, err := Compile(w, r)
	if err != nil {
		b.Fatal(err)
	}
	data := encode(b, w, datum)
	dst := make([]byte, 0, 256)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if dst, err = p.Transcode(dst[:0], data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTranscode is the common case: a GPS reading read with a reader
// schema that added a field with a default.
func BenchmarkTranscode(b *testing.B) { benchTranscode(b, gpsV1, gpsV2, gpsDatum) }

// BenchmarkTranscodeIdentity is the baseline: same schema, check and copy.
func BenchmarkTranscodeIdentity(b *testing.B) { benchTranscode(b, gpsV1, gpsV1, gpsDatum) }

// BenchmarkTranscodePromote promotes one field and so must decode it.
func BenchmarkTranscodePromote(b *testing.B) {
	benchTranscode(b, gpsV1, strings.Replace(gpsV2, `{"name":"timestamp","type":"long"}`, `{"name":"timestamp","type":"double"}`, 1), gpsDatum)
}

// BenchmarkTranscodeReorder reads the fields in another order.
func BenchmarkTranscodeReorder(b *testing.B) {
	reordered := `{"type":"record","name":"GpsReading","namespace":"com.example","fields":[
		{"name":"deviceId","type":"string"},
		{"name":"timestamp","type":"long"},
		{"name":"speed","type":"double"},
		{"name":"latitude","type":"double"},
		{"name":"longitude","type":"double"},
		{"name":"altitude","type":"double"}]}`
	benchTranscode(b, gpsV1, reordered, gpsDatum)
}
