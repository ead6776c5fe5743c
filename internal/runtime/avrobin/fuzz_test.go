package avrobin

import (
	"bytes"
	"errors"
	"math"
	"testing"
	"unsafe"

	"github.com/cockroachdb/apd/v3"
)

// FuzzReader drives a Reader over data with a sequence of reads chosen by
// ops. It checks that nothing panics, that errors stick, that aliasing reads
// return subslices of the input and that every value read re-encodes to
// something that reads back the same.
func FuzzReader(f *testing.F) {
	var seed []byte
	seed = AppendBool(seed, true)
	seed = AppendInt(seed, -123456)
	seed = AppendLong(seed, math.MinInt64)
	seed = AppendFloat(seed, 1.5)
	seed = AppendDouble(seed, math.Inf(-1))
	seed = AppendString(seed, "hello")
	seed = AppendBytes(seed, []byte{1, 2, 3})
	seed = AppendLong(seed, -2)
	seed = AppendLong(seed, 2)
	seed = AppendInt(seed, 1)
	seed = AppendInt(seed, 2)
	seed = AppendLong(seed, 0)
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 10, 1, 1, 10}, seed)
	f.Add([]byte{13, 14, 2, 3}, seed)
	f.Add([]byte{12, 11, 11}, AppendLong(nil, MaxZeroSizeItems))
	f.Add([]byte{2}, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02})
	f.Add([]byte{5}, []byte{0x0a, 'a'})

	f.Fuzz(func(t *testing.T, ops, data []byte) {
		r := NewReader(data)
		var firstErr error
		var d apd.Decimal
		zeroItems := 0
		for i, o := range ops {
			before := r.Offset()
			arg := 0
			if i+1 < len(ops) {
				arg = int(ops[i+1])
			}
			var value any
			switch o % 20 {
			case 0:
				value = r.Bool()
			case 1:
				value = r.Int()
			case 2:
				value = r.Long()
			case 3:
				value = r.Float()
			case 4:
				value = r.Double()
			case 5:
				s := r.StringView()
				value = s
				if s != "" && unsafe.StringData(s) != &data[r.Offset()-len(s)] {
					t.Fatalf("StringView does not alias the input")
				}
			case 6:
				value = r.String()
			case 7:
				b := r.Bytes()
				value = b
				if len(b) > 0 && &b[0] != &data[r.Offset()-len(b)] {
					t.Fatalf("Bytes does not alias the input")
				}
			case 8:
				value = r.BytesCopy()
			case 9:
				b := r.Fixed(arg % 17)
				value = b
				if len(b) > 0 && &b[0] != &data[r.Offset()-len(b)] {
					t.Fatalf("Fixed does not alias the input")
				}
			case 10:
				value = r.Enum(arg % 8)
			case 11:
				value = r.Union(arg % 8)
			case 12:
				k := arg % 4
				n := r.BlockCount(k)
				value = n
				if n < 0 {
					t.Fatalf("BlockCount = %d", n)
				}
				if k > 0 && n*k > r.Remaining() {
					t.Fatalf("BlockCount(%d) = %d with %d bytes left", k, n, r.Remaining())
				}
				if k == 0 {
					zeroItems += n
					if zeroItems > MaxZeroSizeItems {
						t.Fatalf("%d zero-size items passed the budget", zeroItems)
					}
				}
			case 13:
				r.Decimal(int32(arg%40), &d)
				value = d.String()
			case 14:
				r.DecimalFixed(arg%33, int32(arg%7), &d)
				value = d.String()
			case 15:
				r.SkipBytes()
			case 16:
				r.SkipString()
			case 17:
				r.SkipFixed(arg % 17)
			case 18:
				r.SkipInt()
			default:
				r.SkipLong()
			}
			after := r.Offset()
			if after < before || after > len(data) || r.Remaining() != len(data)-after && r.Err() == nil {
				t.Fatalf("offset %d -> %d of %d, remaining %d", before, after, len(data), r.Remaining())
			}
			if firstErr != nil {
				if r.Err() != firstErr {
					t.Fatalf("error changed from %v to %v", firstErr, r.Err())
				}
				if after != before {
					t.Fatalf("read after an error moved the offset %d -> %d", before, after)
				}
				if !isZero(value) {
					t.Fatalf("read after an error returned %#v", value)
				}
				continue
			}
			if err := r.Err(); err != nil {
				firstErr = err
				var e *Error
				if !errors.As(err, &e) || e.Offset < 0 || e.Offset > len(data) {
					t.Fatalf("error %v is not an *Error within the input", err)
				}
				continue
			}
			checkReencode(t, o%20, value, data[before:after])
		}
		if err := r.Done(); err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Done: %T %v", err, err)
			}
			if firstErr != nil && err != firstErr {
				t.Fatalf("Done returned %v, not the first error %v", err, firstErr)
			}
		} else if r.Remaining() != 0 {
			t.Fatal("Done ignored trailing bytes")
		}
	})
}

func isZero(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case bool:
		return !v
	case int32:
		return v == 0
	case int64:
		return v == 0
	case int:
		return v == 0
	case float32:
		return v == 0
	case float64:
		return v == 0
	case string:
		return v == "" || v == "0"
	case []byte:
		return v == nil
	}
	return false
}

// checkReencode writes v again and checks it reads back equal and, for
// canonical encodings, byte for byte.
func checkReencode(t *testing.T, op byte, v any, raw []byte) {
	var enc []byte
	switch op {
	case 0:
		enc = AppendBool(nil, v.(bool))
	case 1:
		enc = AppendInt(nil, v.(int32))
		if r := NewReader(enc); r.Int() != v.(int32) || r.Done() != nil {
			t.Fatalf("int %d does not round trip", v)
		}
	case 2:
		enc = AppendLong(nil, v.(int64))
		if r := NewReader(enc); r.Long() != v.(int64) || r.Done() != nil {
			t.Fatalf("long %d does not round trip", v)
		}
	case 3:
		enc = AppendFloat(nil, v.(float32))
	case 4:
		enc = AppendDouble(nil, v.(float64))
	case 5, 6:
		enc = AppendString(nil, v.(string))
		if r := NewReader(enc); r.String() != v.(string) || r.Done() != nil {
			t.Fatalf("string %q does not round trip", v)
		}
	case 7, 8:
		enc = AppendBytes(nil, v.([]byte))
		if r := NewReader(enc); !bytes.Equal(r.Bytes(), v.([]byte)) || r.Done() != nil {
			t.Fatalf("bytes %x do not round trip", v)
		}
	case 9:
		enc = AppendFixed(nil, v.([]byte))
	default:
		return
	}
	switch op {
	case 0, 3, 4, 9:
		if !bytes.Equal(enc, raw) {
			t.Fatalf("op %d: read % x, wrote % x", op, raw, enc)
		}
	default:
		// Varints may be non-minimal on the wire; ours never are longer.
		if len(enc) > len(raw) {
			t.Fatalf("op %d: read % x, wrote longer % x", op, raw, enc)
		}
	}
}

// FuzzDecimal checks decimal decoding against math/big and the encoders
// against Java's BigInteger.toByteArray, for any bytes and any decimal text.
func FuzzDecimal(f *testing.F) {
	f.Add([]byte{}, uint8(0), "0")
	f.Add([]byte{0xff, 0x80}, uint8(2), "-1.28")
	f.Add([]byte{0x80, 0, 0, 0, 0, 0, 0, 0}, uint8(0), "-9223372036854775808")
	f.Add([]byte{0, 0x80, 0, 0, 0, 0, 0, 0, 0}, uint8(0), "1.5E+3")
	f.Add([]byte{0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, uint8(38), "0.99999999999999999999999999999999999999")
	f.Add([]byte{1}, uint8(5), "1.234567")
	f.Add([]byte{1}, uint8(5), "NaN")
	f.Add([]byte{1}, uint8(5), "1E+10001")
	f.Fuzz(func(t *testing.T, b []byte, scaleByte uint8, text string) {
		scale := int32(scaleByte % 64)
		want := fromTwos(b)

		var d apd.Decimal
		r := NewReader(b)
		r.DecimalFixed(len(b), scale, &d)
		if err := r.Done(); err != nil {
			t.Fatalf("DecimalFixed(% x): %v", b, err)
		}
		if got := d.Coeff.MathBigInt(); d.Negative {
			got.Neg(got)
			if got.Cmp(want) != 0 || d.Exponent != -scale {
				t.Fatalf("DecimalFixed(% x) = %s; want %s", b, d.String(), want)
			}
		} else if got.Cmp(want) != 0 || d.Exponent != -scale {
			t.Fatalf("DecimalFixed(% x) = %s; want %s", b, d.String(), want)
		}

		enc, err := AppendDecimal(nil, &d, scale)
		if err != nil {
			t.Fatalf("AppendDecimal(%s): %v", d.String(), err)
		}
		if w := AppendBytes(nil, javaBytes(want)); !bytes.Equal(enc, w) {
			t.Fatalf("AppendDecimal(%s) = % x; want % x", d.String(), enc, w)
		}
		fixed, err := AppendDecimalFixed(nil, &d, scale, len(b))
		if err != nil && !(len(b) == 0 && want.Sign() == 0) {
			t.Fatalf("AppendDecimalFixed(%s, %d): %v", d.String(), len(b), err)
		}
		if fromTwos(fixed).Cmp(want) != 0 || len(fixed) != len(b) {
			t.Fatalf("AppendDecimalFixed(%s, %d) = % x", d.String(), len(b), fixed)
		}

		// Any decimal text: writing fails exactly when the value needs
		// rounding at scale (or is not finite, or absurdly large).
		td, _, perr := apd.NewFromString(text)
		if perr != nil {
			return
		}
		enc, err = AppendDecimal(nil, td, scale)
		var red apd.Decimal
		red.Reduce(td)
		shift := int64(td.Exponent) + int64(scale)
		wantErr := td.Form != apd.Finite || td.Coeff.Sign() < 0 ||
			!td.IsZero() && (int64(red.Exponent)+int64(scale) < 0 || shift > maxDecimalShift)
		if (err != nil) != wantErr {
			t.Fatalf("AppendDecimal(%s, %d) error %v; want error %v", td.String(), scale, err, wantErr)
		}
		if err != nil {
			if !errors.Is(err, ErrDecimalRange) {
				t.Fatalf("AppendDecimal(%s) error %v is not ErrDecimalRange", td.String(), err)
			}
			return
		}
		r.Reset(enc)
		r.Decimal(scale, &d)
		if err := r.Done(); err != nil || d.Cmp(td) != 0 {
			t.Fatalf("AppendDecimal(%s, %d) reads back as %s, %v", td.String(), scale, d.String(), err)
		}
	})
}
