package avrobin

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cockroachdb/apd/v3"
	"github.com/hamba/avro/v2"
)

// Each benchmark op reads benchN values, so ns/op is per 1024 values; the
// baseline=hamba sub-benchmarks read the same bytes with hamba/avro's Reader.
const benchN = 1024

// benchSink makes String's result escape, as a decoded field's does.
var benchSink string

func benchInput(write func(dst []byte, rng *rand.Rand) []byte) []byte {
	rng := rand.New(rand.NewPCG(1, 1))
	var b []byte
	for range benchN {
		b = write(b, rng)
	}
	return b
}

func BenchmarkReaderLong(b *testing.B) {
	// Mixed magnitudes, so every varint length appears.
	in := benchInput(func(dst []byte, rng *rand.Rand) []byte {
		return AppendLong(dst, int64(rng.Uint64())>>rng.IntN(64))
	})
	b.Run("avrobin", func(b *testing.B) {
		var r Reader
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for b.Loop() {
			r.Reset(in)
			for range benchN {
				r.Long()
			}
			if r.Err() != nil {
				b.Fatal(r.Err())
			}
		}
	})
	b.Run("baseline=hamba", func(b *testing.B) {
		r := avro.NewReader(nil, 0)
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for b.Loop() {
			r.Reset(in)
			for range benchN {
				r.ReadLong()
			}
			if r.Error != nil {
				b.Fatal(r.Error)
			}
		}
	})
}

func BenchmarkReaderDouble(b *testing.B) {
	in := benchInput(func(dst []byte, rng *rand.Rand) []byte { return AppendDouble(dst, rng.NormFloat64()) })
	b.Run("avrobin", func(b *testing.B) {
		var r Reader
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for b.Loop() {
			r.Reset(in)
			for range benchN {
				r.Double()
			}
			if r.Err() != nil {
				b.Fatal(r.Err())
			}
		}
	})
	b.Run("baseline=hamba", func(b *testing.B) {
		r := avro.NewReader(nil, 0)
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for b.Loop() {
			r.Reset(in)
			for range benchN {
				r.ReadDouble()
			}
			if r.Error != nil {
				b.Fatal(r.Error)
			}
		}
	})
}

func BenchmarkReaderString(b *testing.B) {
	words := []string{"INV-2024-00017", "truck-042", "", "Berlin", "a somewhat longer customer name, 40 bytes"}
	in := benchInput(func(dst []byte, rng *rand.Rand) []byte { return AppendString(dst, words[rng.IntN(len(words))]) })
	b.Run("avrobin", func(b *testing.B) {
		var r Reader
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for b.Loop() {
			r.Reset(in)
			for range benchN {
				benchSink = r.String()
			}
			if r.Err() != nil {
				b.Fatal(r.Err())
			}
		}
	})
	b.Run("view", func(b *testing.B) {
		var r Reader
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for b.Loop() {
			r.Reset(in)
			for range benchN {
				r.StringView()
			}
			if r.Err() != nil {
				b.Fatal(r.Err())
			}
		}
	})
	b.Run("baseline=hamba", func(b *testing.B) {
		r := avro.NewReader(nil, 0)
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for b.Loop() {
			r.Reset(in)
			for range benchN {
				r.ReadString()
			}
			if r.Error != nil {
				b.Fatal(r.Error)
			}
		}
	})
}

func BenchmarkReaderDecimal(b *testing.B) {
	bench := func(b *testing.B, in []byte, scale int32) {
		var r Reader
		var d apd.Decimal
		b.SetBytes(int64(len(in)))
		b.ReportAllocs()
		for b.Loop() {
			r.Reset(in)
			for range benchN {
				r.Decimal(scale, &d)
			}
			if r.Err() != nil {
				b.Fatal(r.Err())
			}
		}
	}
	// Money-sized values take the 64-bit path.
	small := benchInput(func(dst []byte, rng *rand.Rand) []byte {
		out, _ := AppendDecimal(dst, apd.New(rng.Int64N(2_000_000_00)-1_000_000_00, -2), 2)
		return out
	})
	b.Run("int64", func(b *testing.B) { bench(b, small, 2) })
	// decimal(38,0) near its maximum goes through BigInt.
	big := benchInput(func(dst []byte, rng *rand.Rand) []byte {
		d, _, _ := apd.NewFromString(nines38)
		d.Negative = rng.IntN(2) == 1
		out, _ := AppendDecimal(dst, d, 0)
		return out
	})
	b.Run("38digits", func(b *testing.B) { bench(b, big, 0) })
}

func BenchmarkAppend(b *testing.B) {
	dst := make([]byte, 0, 64*benchN)
	d := apd.New(-123456789, -2)
	b.Run("long", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			out := dst[:0]
			for i := range benchN {
				out = AppendLong(out, int64(i)*math.MaxInt32)
			}
		}
	})
	b.Run("decimal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			out := dst[:0]
			for range benchN {
				out, _ = AppendDecimal(out, d, 2)
			}
		}
	})
}
