package avrort

import (
	"errors"
	"math"
	"testing"

	"github.com/cockroachdb/apd/v3"

	"github.com/streamc/streamc/internal/runtime/avrobin"
)

func TestMillisToMicros(t *testing.T) {
	var rd avrobin.Reader
	rd.Reset(nil)
	if got := MillisToMicros(&rd, -1715239773186); got != -1715239773186000 || rd.Err() != nil {
		t.Fatalf("got %d, %v", got, rd.Err())
	}
	if MillisToMicros(&rd, math.MaxInt64/1000+1); !errors.Is(rd.Err(), ErrOverflow) {
		t.Fatalf("overflow: %v", rd.Err())
	}
}

func TestMicrosToMillisFloors(t *testing.T) {
	for us, ms := range map[int64]int64{1999: 1, -1: -1, -1000: -1, -1001: -2, 0: 0} {
		if got := MicrosToMillis(us); got != ms {
			t.Errorf("%d us: %d ms, want %d", us, got, ms)
		}
	}
}

func TestCheckPrecision(t *testing.T) {
	for _, tc := range []struct {
		text string
		ok   bool
	}{{"12345.67", true}, {"12345678.90", false}, {"0.00", true}, {"-9999999.99", true}} {
		var rd avrobin.Reader
		rd.Reset(nil)
		d, _, _ := apd.NewFromString(tc.text)
		CheckPrecision(&rd, d, 9)
		if (rd.Err() == nil) != tc.ok {
			t.Errorf("%s in decimal(9,2): %v", tc.text, rd.Err())
		}
	}
}

func TestGrowReusesElements(t *testing.T) {
	s := [][]byte{[]byte("abc")}[:0]
	s = Grow(s)
	if len(s) != 1 || cap(s[0]) != 3 {
		t.Fatalf("the element's memory was not kept: %q", s)
	}
	s = Grow(s)
	if len(s) != 2 || s[1] != nil {
		t.Fatalf("a new element is not zero: %q", s)
	}
}

func TestEncoderErrorsName(t *testing.T) {
	if err := EnumSymbolError("com.x.Color", "PURPLE"); err.Error() != `"PURPLE" is not a symbol of Avro enum com.x.Color` {
		t.Error(err)
	}
	if err := FixedSizeError("X_Hash", 4, 3); err.Error() != "X_Hash: 3 bytes cannot be written as an Avro fixed of 4 bytes" {
		t.Error(err)
	}
}
