package avrobin

import (
	"math"
	"math/bits"

	"github.com/cockroachdb/apd/v3"
)

// maxDecimalShift bounds the power of ten AppendDecimal multiplies by to
// bring a value to the schema's scale, so a decimal with an extreme exponent
// fails instead of building a number with billions of digits.
const maxDecimalShift = 10000

// Decimal reads a decimal logical type on bytes: a big-endian two's-complement
// unscaled integer, and sets d to unscaled × 10^-scale. Non-minimal encodings
// (ff80 for -128) are accepted and empty bytes are 0. Values fitting 64 bits
// do not allocate. On error d is set to 0.
func (r *Reader) Decimal(scale int32, d *apd.Decimal) {
	start := r.off
	b, ok := r.span("decimal")
	if !ok {
		d.SetFinite(0, 0)
		return
	}
	r.setDecimal(start, b, scale, d)
}

// DecimalFixed reads a decimal logical type on a fixed of size bytes.
func (r *Reader) DecimalFixed(size int, scale int32, d *apd.Decimal) {
	start := r.off
	b := r.Fixed(size)
	if r.err != nil {
		d.SetFinite(0, 0)
		return
	}
	r.setDecimal(start, b, scale, d)
}

func (r *Reader) setDecimal(start int, b []byte, scale int32, d *apd.Decimal) {
	if scale < 0 {
		r.failAt(start, detail(ErrBadScale, "bad decimal scale "+itoa(int(scale))+"; an Avro scale is at least 0"))
		d.SetFinite(0, 0)
		return
	}
	setUnscaled(d, b)
	d.Exponent = -scale
}

// setUnscaled sets d (finite, exponent 0) to the two's-complement integer b.
func setUnscaled(d *apd.Decimal, b []byte) {
	// Drop redundant sign-extension bytes so non-minimal small values still
	// take the 64-bit path.
	for len(b) > 1 && (b[0] == 0 && b[1] < 0x80 || b[0] == 0xff && b[1] >= 0x80) {
		b = b[1:]
	}
	d.Form = apd.Finite
	d.Exponent = 0
	if len(b) <= 8 {
		var v int64
		if len(b) > 0 {
			v = int64(int8(b[0]))
			for _, c := range b[1:] {
				v = v<<8 | int64(c)
			}
		}
		d.Negative = v < 0
		mag := uint64(v)
		if v < 0 {
			mag = -mag // two's complement negation also covers MinInt64
		}
		d.Coeff.SetUint64(mag)
		return
	}
	if b[0] < 0x80 {
		d.Negative = false
		d.Coeff.SetBytes(b)
		return
	}
	// Magnitude of a negative value: invert and add one. The carry cannot
	// leave the slice because the top bit of the inverted value is 0.
	m := make([]byte, len(b))
	for i, c := range b {
		m[i] = ^c
	}
	for i := len(m) - 1; i >= 0; i-- {
		m[i]++
		if m[i] != 0 {
			break
		}
	}
	d.Negative = true
	d.Coeff.SetBytes(m)
}

// AppendDecimal appends a decimal logical type on bytes: the length and the
// minimal big-endian two's complement of d's unscaled value at scale (zero is
// one 0x00 byte, as Java's BigInteger.toByteArray writes it). As in Avro
// Java's DecimalConversion, a value with fewer fraction digits than scale is
// rescaled exactly; one that would need rounding is an error, as are NaN and
// the infinities. Values fitting 64 bits do not allocate.
func AppendDecimal(dst []byte, d *apd.Decimal, scale int32) ([]byte, error) {
	var scratch [16]byte
	b, err := decimalBytes(scratch[:0], d, scale)
	if err != nil {
		return dst, err
	}
	dst = AppendLong(dst, int64(len(b)))
	return append(dst, b...), nil
}

// AppendDecimalFixed appends a decimal logical type on a fixed of size bytes:
// the two's complement of d's unscaled value at scale, sign-extended to size.
// A value that does not fit is an error.
func AppendDecimalFixed(dst []byte, d *apd.Decimal, scale int32, size int) ([]byte, error) {
	var scratch [16]byte
	b, err := decimalBytes(scratch[:0], d, scale)
	if err != nil {
		return dst, err
	}
	if len(b) > size {
		if size == 0 && len(b) == 1 && b[0] == 0 {
			return dst, nil // zero bytes read back as 0
		}
		return dst, fmtErr(ErrDecimalRange, "decimal "+d.String()+" needs "+itoa(len(b))+" bytes but the fixed has "+itoa(size))
	}
	pad := byte(0)
	if b[0] >= 0x80 {
		pad = 0xff
	}
	for i := len(b); i < size; i++ {
		dst = append(dst, pad)
	}
	return append(dst, b...), nil
}

func fmtErr(kind error, msg string) error { return detail(kind, "avro: "+msg) }

// decimalBytes appends to buf the minimal two's complement of d × 10^scale,
// which must be an integer.
func decimalBytes(buf []byte, d *apd.Decimal, scale int32) ([]byte, error) {
	if d.Form != apd.Finite {
		return nil, fmtErr(ErrDecimalRange, "cannot write decimal "+d.String()+" to Avro")
	}
	if scale < 0 {
		return nil, fmtErr(ErrBadScale, "bad decimal scale "+itoa(int(scale))+"; an Avro scale is at least 0")
	}
	switch d.Coeff.Sign() {
	case 0:
		return append(buf, 0), nil
	case -1:
		// apd keeps the sign in Negative; a negative coefficient only comes
		// from a malformed literal (apd accepts ".-1").
		return nil, fmtErr(ErrDecimalRange, "malformed decimal "+d.String()+" has a negative coefficient")
	}
	shift := int64(d.Exponent) + int64(scale)
	if d.Coeff.IsUint64() {
		if mag, ok := shiftUint64(d.Coeff.Uint64(), shift); ok {
			if !d.Negative && mag <= math.MaxInt64 {
				return appendInt64BE(buf, int64(mag)), nil
			}
			if d.Negative && mag <= 1<<63 {
				return appendInt64BE(buf, int64(-mag)), nil
			}
		}
	}
	return bigDecimalBytes(buf, d, scale, shift)
}

// shiftUint64 returns c × 10^shift if it is an exact uint64.
func shiftUint64(c uint64, shift int64) (uint64, bool) {
	for ; shift > 0; shift-- {
		hi, lo := bits.Mul64(c, 10)
		if hi != 0 {
			return 0, false
		}
		c = lo
	}
	for ; shift < 0; shift++ {
		if c%10 != 0 {
			return 0, false
		}
		c /= 10
	}
	return c, true
}

func bigDecimalBytes(buf []byte, d *apd.Decimal, scale int32, shift int64) ([]byte, error) {
	var mag apd.BigInt
	mag.Set(&d.Coeff)
	switch {
	case shift > maxDecimalShift:
		return nil, fmtErr(ErrDecimalRange, "decimal "+d.String()+" is too large for scale "+itoa(int(scale)))
	case shift > 0:
		var p apd.BigInt
		p.Exp(apd.NewBigInt(10), apd.NewBigInt(shift), nil)
		mag.Mul(&mag, &p)
	case shift < 0:
		// More fraction digits than the coefficient has digits cannot divide
		// exactly (the coefficient is not 0 here).
		if -shift > int64(len(mag.String())) {
			return nil, fmtErr(ErrDecimalRange, "decimal "+d.String()+" has more fraction digits than scale "+itoa(int(scale))+" without rounding")
		}
		var p, rem apd.BigInt
		p.Exp(apd.NewBigInt(10), apd.NewBigInt(-shift), nil)
		mag.QuoRem(&mag, &p, &rem)
		if rem.Sign() != 0 {
			return nil, fmtErr(ErrDecimalRange, "decimal "+d.String()+" has more fraction digits than scale "+itoa(int(scale))+" without rounding")
		}
	}
	if !d.Negative {
		b := mag.Bytes()
		if b[0] >= 0x80 {
			buf = append(buf, 0)
		}
		return append(buf, b...), nil
	}
	// -mag in two's complement is the bitwise inverse of mag-1.
	mag.Sub(&mag, apd.NewBigInt(1))
	b := mag.Bytes()
	if len(b) == 0 || b[0] >= 0x80 {
		buf = append(buf, 0xff)
	}
	for _, c := range b {
		buf = append(buf, ^c)
	}
	return buf, nil
}

// appendInt64BE appends the minimal big-endian two's complement of v.
func appendInt64BE(buf []byte, v int64) []byte {
	u := uint64(v)
	if v < 0 {
		u = ^u
	}
	n := (bits.Len64(u) + 8) / 8
	for i := n - 1; i >= 0; i-- {
		buf = append(buf, byte(v>>(8*i)))
	}
	return buf
}
