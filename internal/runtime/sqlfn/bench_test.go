package sqlfn

import (
	"testing"
	"time"
)

var (
	sinkS string
	sinkI int32
	sinkB []byte
)

func BenchmarkSubstringASCII(b *testing.B) {
	b.ReportAllocs()
	s := "INV-2023-000123456 Kolkata West Bengal"
	for b.Loop() {
		sinkS = Substring(s, 5, 4)
	}
}

func BenchmarkSubstringUTF8(b *testing.B) {
	b.ReportAllocs()
	s := "héllo wörld 大千世界 encore"
	for b.Loop() {
		sinkS = Substring(s, -8, 4)
	}
}

func BenchmarkCastStringToInt32(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkI, _ = CastStringToInt32(" 123456 ")
	}
}

func BenchmarkDateFormat(b *testing.B) {
	b.ReportAllocs()
	p := MustCompileDatePattern("yyyy-MM-dd HH:mm:ss.SSS")
	buf := make([]byte, 0, 64)
	us := int64(1577836800123456)
	for b.Loop() {
		sinkB = p.AppendFormat(buf[:0], us, nil)
	}
}

func BenchmarkDateFormatZone(b *testing.B) {
	b.ReportAllocs()
	p := MustCompileDatePattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
	loc, _ := time.LoadLocation("Asia/Kolkata")
	buf := make([]byte, 0, 64)
	us := int64(1577836800123456)
	for b.Loop() {
		sinkB = p.AppendFormat(buf[:0], us, loc)
	}
}

func BenchmarkParseTimestamp(b *testing.B) {
	b.ReportAllocs()
	p := MustCompileDatePattern("yyyy-MM-dd HH:mm:ss")
	for b.Loop() {
		us, _ := p.Parse("2020-01-02 03:04:05", nil)
		sinkI = int32(us)
	}
}

func BenchmarkMurmur3String(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkI = Murmur3String("INV-2023-000123456", HashSeed)
	}
}

func BenchmarkUpperASCII(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkS = Upper("Kolkata West Bengal")
	}
}

func BenchmarkRegexpReplace(b *testing.B) {
	b.ReportAllocs()
	re, _ := CompileRegexp(`\d+`)
	for b.Loop() {
		sinkS, _ = RegexpReplace("abc 123 def 456", re, "#", 1)
	}
}

func BenchmarkRoundDouble(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkS = ""
		_ = RoundDouble(3.0700000000000003, 2)
	}
}
