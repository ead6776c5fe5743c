package avrobin

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"
)

func TestLongVectors(t *testing.T) {
	tests := []struct {
		in   []byte
		want int64
	}{
		{[]byte{0x00}, 0},
		{[]byte{0x01}, -1},
		{[]byte{0x02}, 1},
		{[]byte{0x7f}, -64},
		{[]byte{0x80, 0x01}, 64},
		{[]byte{0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, math.MaxInt64},
		{[]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, math.MinInt64},
		// Non-minimal encodings are valid varints.
		{[]byte{0x82, 0x00}, 1},
	}
	for _, tt := range tests {
		r := NewReader(tt.in)
		if got := r.Long(); got != tt.want || r.Done() != nil {
			t.Errorf("Long(% x) = %d, %v; want %d", tt.in, got, r.Done(), tt.want)
		}
		if got := AppendLong(nil, tt.want); len(tt.in) == len(got) && string(got) != string(tt.in) {
			t.Errorf("AppendLong(%d) = % x; want % x", tt.want, got, tt.in)
		}
	}
}

func TestIntVectors(t *testing.T) {
	tests := []struct {
		in   []byte
		want int32
	}{
		{[]byte{0x00}, 0},
		{[]byte{0x03}, -2},
		{[]byte{0xfe, 0xff, 0xff, 0xff, 0x0f}, math.MaxInt32},
		{[]byte{0xff, 0xff, 0xff, 0xff, 0x0f}, math.MinInt32},
	}
	for _, tt := range tests {
		r := NewReader(tt.in)
		if got := r.Int(); got != tt.want || r.Done() != nil {
			t.Errorf("Int(% x) = %d, %v; want %d", tt.in, got, r.Done(), tt.want)
		}
		if got := AppendInt(nil, tt.want); string(got) != string(tt.in) {
			t.Errorf("AppendInt(%d) = % x; want % x", tt.want, got, tt.in)
		}
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		read func(r *Reader)
		want error
		msg  string
	}{
		{"empty bool", nil, func(r *Reader) { r.Bool() }, ErrTruncated, "avro: at byte 0: truncated: boolean needs 1 bytes but 0 left"},
		{"bad bool", []byte{2}, func(r *Reader) { r.Bool() }, ErrBadBool, "avro: at byte 0: bad boolean byte 0x02; want 0x00 or 0x01"},
		{"int too long", []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, func(r *Reader) { r.Int() }, ErrVarintTooLong, ""},
		{"int overflow", []byte{0xff, 0xff, 0xff, 0xff, 0x1f}, func(r *Reader) { r.Int() }, ErrIntOverflow, ""},
		{"int truncated", []byte{0x80}, func(r *Reader) { r.Int() }, ErrTruncated, ""},
		{"long tenth byte", []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02}, func(r *Reader) { r.Long() }, ErrVarintTooLong, ""},
		{"long 11 bytes", []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x81, 0x00}, func(r *Reader) { r.Long() }, ErrVarintTooLong, ""},
		{"float truncated", []byte{1, 2, 3}, func(r *Reader) { r.Float() }, ErrTruncated, ""},
		{"double truncated", []byte{1, 2, 3, 4, 5, 6, 7}, func(r *Reader) { r.Double() }, ErrTruncated, ""},
		{"string truncated", []byte{0x00, 0x0a, 'a', 'b', 'c'}, func(r *Reader) { r.Int(); _ = r.String() }, ErrTruncated, "avro: at byte 1: truncated: string length 5 but 3 bytes left"},
		{"negative length", []byte{0x01}, func(r *Reader) { r.Bytes() }, ErrNegativeLength, ""},
		{"huge length", AppendLong(nil, math.MaxInt64), func(r *Reader) { r.BytesCopy() }, ErrTruncated, ""},
		{"fixed negative", []byte{1}, func(r *Reader) { r.Fixed(-1) }, ErrNegativeLength, ""},
		{"block size after bad size varint", []byte{0x03, 0x80}, func(r *Reader) { r.BlockCount(1) }, ErrTruncated, ""},
		{"fixed truncated", []byte{1}, func(r *Reader) { r.Fixed(2) }, ErrTruncated, ""},
		{"enum index", []byte{0x06}, func(r *Reader) { r.Enum(3) }, ErrEnumIndex, "avro: at byte 0: enum index 3 out of range [0,3)"},
		{"enum negative", []byte{0x01}, func(r *Reader) { r.Enum(3) }, ErrEnumIndex, ""},
		{"union index", []byte{0x04}, func(r *Reader) { r.Union(2) }, ErrUnionIndex, ""},
		{"block truncated", []byte{0x14}, func(r *Reader) { r.BlockCount(1) }, ErrTruncated, ""},
		{"block size negative", []byte{0x03, 0x01}, func(r *Reader) { r.BlockCount(1) }, ErrNegativeLength, ""},
		{"block size truncated", []byte{0x03, 0x08, 0}, func(r *Reader) { r.BlockCount(1) }, ErrTruncated, ""},
		{"block min int64", AppendLong(nil, math.MinInt64), func(r *Reader) { r.BlockCount(1) }, ErrTooManyItems, ""},
		{"zero-size budget", AppendLong(nil, MaxZeroSizeItems+1), func(r *Reader) { r.BlockCount(0) }, ErrTooManyItems, ""},
		{"trailing", []byte{0, 1, 2, 3}, func(r *Reader) { r.Long() }, ErrTrailing, "avro: at byte 1: 3 trailing bytes after the datum"},
		{"bad scale", []byte{0}, func(r *Reader) { r.DecimalFixed(1, -1, new(apd.Decimal)) }, ErrBadScale, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(tt.in)
			tt.read(r)
			err := r.Done()
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v; want %v", err, tt.want)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err %T is not *Error", err)
			}
			if tt.msg != "" && err.Error() != tt.msg {
				t.Errorf("message %q; want %q", err.Error(), tt.msg)
			}
			if !strings.HasPrefix(err.Error(), "avro: at byte ") {
				t.Errorf("message %q lacks the offset", err.Error())
			}
			// Sticky: later reads give zero values and keep the first error.
			if r.Long() != 0 || r.Bool() || r.Double() != 0 || r.String() != "" || r.Bytes() != nil || r.Fixed(0) != nil || r.BlockCount(0) != 0 {
				t.Error("read after error returned a non-zero value")
			}
			if r.Err() != err {
				t.Errorf("Err() = %v; want the first error %v", r.Err(), err)
			}
		})
	}
}

func TestZeroSizeBudgetAcrossBlocks(t *testing.T) {
	var b []byte
	for range 4 {
		b = AppendLong(b, MaxZeroSizeItems/4)
	}
	b = AppendLong(b, 1)
	r := NewReader(b)
	total := 0
	for n := r.BlockCount(0); n > 0; n = r.BlockCount(0) {
		total += n
	}
	if total != MaxZeroSizeItems || !errors.Is(r.Err(), ErrTooManyItems) {
		t.Fatalf("total %d, err %v", total, r.Err())
	}
	r.Reset(b[:len(b)-1])
	if n := r.BlockCount(0); n != MaxZeroSizeItems/4 || r.Err() != nil {
		t.Fatalf("after Reset: n %d err %v", n, r.Err())
	}
}

func TestNegativeBlockCount(t *testing.T) {
	b := AppendLong(nil, -2)
	b = AppendLong(b, 4)
	b = AppendInt(b, 300)
	b = AppendInt(b, -300)
	b = AppendLong(b, 0)
	r := NewReader(b)
	var got []int32
	for n := r.BlockCount(1); n > 0; n = r.BlockCount(1) {
		for range n {
			got = append(got, r.Int())
		}
	}
	if err := r.Done(); err != nil || len(got) != 2 || got[0] != 300 || got[1] != -300 {
		t.Fatalf("got %v, %v", got, err)
	}
}

func TestFail(t *testing.T) {
	r := NewReader([]byte{2, 4})
	r.Long()
	mine := errors.New("date out of range")
	r.Fail(mine)
	r.Fail(errors.New("second"))
	if !errors.Is(r.Err(), mine) || r.Err().Error() != "avro: at byte 1: date out of range" {
		t.Fatalf("Err() = %v", r.Err())
	}
	if r.Remaining() != 0 || r.Offset() != 1 {
		t.Fatalf("Remaining %d Offset %d", r.Remaining(), r.Offset())
	}
}
