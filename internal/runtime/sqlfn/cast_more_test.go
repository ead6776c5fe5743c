package sqlfn

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"github.com/cockroachdb/apd/v3"
)

// NumberConverter.toBinary, which Cast.castToBinary calls: the value's
// bytes, big-endian, as wide as its type.
func TestCastIntegralToBinary(t *testing.T) {
	for _, c := range []struct {
		v     int64
		width int
		want  []byte
	}{
		{123, 4, []byte{0, 0, 0, 123}},
		{123, 8, []byte{0, 0, 0, 0, 0, 0, 0, 123}},
		{-1, 2, []byte{0xff, 0xff}},
		{-128, 1, []byte{0x80}},
		{0x0102030405060708, 8, []byte{1, 2, 3, 4, 5, 6, 7, 8}},
	} {
		if got := CastIntegralToBinary(c.v, c.width); !bytes.Equal(got, c.want) {
			t.Errorf("CastIntegralToBinary(%d, %d) = %v, want %v", c.v, c.width, got, c.want)
		}
	}
}

// Cast.decimalToTimestamp: (d * 1e6).longValue, truncating toward zero
// and keeping the low 64 bits.
func TestCastDecimalToTimestamp(t *testing.T) {
	for _, c := range []struct {
		d    string
		want int64
	}{
		{"1.5", 1500000},
		{"-1.5", -1500000},
		{"-1.0000005", -1000000},
		{"0.0000019", 1},
		{"123456789012.123456", 123456789012123456},
		// 2^64 / 1e6 seconds wraps to 0; one microsecond more is 1.
		{"18446744073709.551617", 1},
	} {
		d, _, err := apd.NewFromString(c.d)
		if err != nil {
			t.Fatal(err)
		}
		if got := CastDecimalToTimestamp(d); got != c.want {
			t.Errorf("CastDecimalToTimestamp(%s) = %d, want %d", c.d, got, c.want)
		}
	}
}

// Spark's doubleToTimestampAnsi: NaN and infinities are CAST_INVALID_INPUT,
// a product beyond a long CAST_OVERFLOW (DoubleExactNumeric.toLong).
func TestCastDoubleToTimestampANSI(t *testing.T) {
	if us, err := CastDoubleToTimestampANSI(1.5); err != nil || us != 1500000 {
		t.Errorf("1.5: %d, %v", us, err)
	}
	for _, c := range []struct {
		d    float64
		code string
	}{{math.NaN(), "CAST_INVALID_INPUT"}, {math.Inf(-1), "CAST_INVALID_INPUT"}, {1e20, "CAST_OVERFLOW"}} {
		_, err := CastDoubleToTimestampANSI(c.d)
		var e *Error
		if !errors.As(err, &e) || e.Class != c.code {
			t.Errorf("%v: error %v, want %s", c.d, err, c.code)
		}
	}
}

// The examples of Spark's docs for octet_length, timestamp_micros and
// unix_millis (which truncates toward the past).
func TestOctetLengthMicrosMillis(t *testing.T) {
	if n := OctetLength("Spark SQL"); n != 9 {
		t.Errorf("octet_length('Spark SQL') = %d", n)
	}
	if n := OctetLength("é"); n != 2 {
		t.Errorf("octet_length('é') = %d", n)
	}
	if us := TimestampMicros(1230219000123123); CastTimestampToString(us, nil) != "2008-12-25 15:30:00.123123" {
		t.Errorf("timestamp_micros(1230219000123123) = %s", CastTimestampToString(us, nil))
	}
	if ms := UnixMillis(1123000); ms != 1123 {
		t.Errorf("unix_millis(1970-01-01 00:00:01.123) = %d", ms)
	}
	if ms := UnixMillis(-1); ms != -1 {
		t.Errorf("unix_millis(-1us) = %d", ms)
	}
}

// xxhash64 hashes each type as HashExpression does: booleans as ints,
// floats by their int bits (-0.0 as 0.0), decimals by their unscaled
// long up to precision 18; Spark's doc example covers strings and ints.
func TestXXH64Types(t *testing.T) {
	const seed = 42
	if XXH64Bool(true, seed) != XXH64Int(1, seed) || XXH64Bool(false, seed) != XXH64Int(0, seed) {
		t.Error("boolean")
	}
	if XXH64Float(1.5, seed) != XXH64Int(int32(math.Float32bits(1.5)), seed) || XXH64Float(float32(math.Copysign(0, -1)), seed) != XXH64Int(0, seed) {
		t.Error("float")
	}
	d, _, _ := apd.NewFromString("-12.34")
	if XXH64Decimal(d, 10, seed) != XXH64Long(-1234, seed) {
		t.Error("decimal(10,2)")
	}
	x := XXH64String("Spark", seed)
	x = XXH64Int(123, x)
	if x = XXH64Int(2, x); x != 5602566077635097486 {
		t.Errorf("xxhash64('Spark', array(123), 2) = %d", x)
	}
}
