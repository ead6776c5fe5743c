package avrobin

import (
	"encoding/binary"
	"math"
	"strconv"
	"unsafe"
)

// MaxZeroSizeItems bounds the total number of array and map items a datum may
// declare when each item may be encoded in zero bytes (null or empty records).
// Such counts cannot be checked against the bytes left, so without a budget a
// few bytes could make a decoder loop for billions of items.
const MaxZeroSizeItems = 1 << 20

// Reader reads one Avro binary datum from a byte slice. The first error
// sticks: every later read returns a zero value and Err reports the first
// error. The zero value is usable after Reset.
type Reader struct {
	buf   []byte
	off   int
	err   error
	items int64 // zero-size items charged so far against MaxZeroSizeItems
	// borrow makes String return views of the input (see SetBorrow).
	borrow bool
}

// SetBorrow makes String return views of the input, as StringView does,
// instead of copies. A caller that is done with the decoded value before
// the input changes (a query processing one record at a time) saves an
// allocation per string. Reset keeps the setting.
func (r *Reader) SetBorrow(borrow bool) { r.borrow = borrow }

// NewReader returns a Reader over b.
func NewReader(b []byte) *Reader {
	r := &Reader{}
	r.Reset(b)
	return r
}

// Reset makes r read b from its start, clearing the error and the item budget.
func (r *Reader) Reset(b []byte) {
	r.buf = b
	r.off = 0
	r.err = nil
	r.items = 0
}

// Err returns the first error, or nil.
func (r *Reader) Err() error { return r.err }

// Offset returns the number of bytes consumed so far; after an error, the
// offset where the failing value starts.
func (r *Reader) Offset() int { return r.off }

// Remaining returns the number of bytes not read yet (0 after an error).
func (r *Reader) Remaining() int { return len(r.buf) - r.off }

// Done returns Err, or an ErrTrailing error if bytes remain after the datum;
// that error then sticks like any other. A datum never carries its own
// length, so trailing bytes mean the writer used a different schema.
func (r *Reader) Done() error {
	if r.err == nil && r.off < len(r.buf) {
		n := len(r.buf) - r.off
		r.failAt(r.off, detail(ErrTrailing, itoa(n)+" trailing bytes after the datum"))
	}
	return r.err
}

// Fail records err at the current offset unless an error is already set. It
// is for the caller's own checks, such as a logical type out of range.
func (r *Reader) Fail(err error) {
	if err != nil {
		r.failAt(r.off, err)
	}
}

// failAt records the first error. Cutting buf at the offset makes every later
// read take its truncated path, so the fast paths need no error check.
func (r *Reader) failAt(off int, err error) {
	if r.err != nil {
		return
	}
	r.err = &Error{Offset: off, Err: err}
	if off > len(r.buf) {
		off = len(r.buf)
	}
	r.off = off
	r.buf = r.buf[:off]
}

func (r *Reader) truncated(start int, what string, need int) {
	if r.err != nil {
		return
	}
	r.failAt(start, detail(ErrTruncated, "truncated: "+what+" needs "+itoa(need)+" bytes but "+itoa(len(r.buf)-start)+" left"))
}

// Bool reads a boolean: one byte, 0 or 1.
func (r *Reader) Bool() bool {
	if r.off >= len(r.buf) {
		r.truncated(r.off, "boolean", 1)
		return false
	}
	b := r.buf[r.off]
	if b > 1 {
		r.failAt(r.off, detail(ErrBadBool, "bad boolean byte 0x"+hex2(b)+"; want 0x00 or 0x01"))
		return false
	}
	r.off++
	return b == 1
}

// Int reads a zig-zag varint of at most 5 bytes whose value fits 32 bits.
func (r *Reader) Int() int32 {
	if r.off < len(r.buf) && r.buf[r.off] < 0x80 {
		b := uint32(r.buf[r.off])
		r.off++
		return int32(b>>1) ^ -int32(b&1)
	}
	return r.intSlow()
}

func (r *Reader) intSlow() int32 {
	start := r.off
	b := r.buf[start:]
	if len(b) > 5 {
		b = b[:5]
	}
	var v uint64
	for i, c := range b {
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			if v > math.MaxUint32 {
				r.failAt(start, detail(ErrIntOverflow, "int overflow: varint value "+strconv.FormatUint(v, 10)+" does not fit 32 bits"))
				return 0
			}
			r.off = start + i + 1
			u := uint32(v)
			return int32(u>>1) ^ -int32(u&1)
		}
	}
	if len(b) == 5 {
		r.failAt(start, detail(ErrVarintTooLong, "varint too long: an int takes at most 5 bytes"))
		return 0
	}
	r.truncated(start, "int", len(b)+1)
	return 0
}

// Long reads a zig-zag varint of at most 10 bytes.
func (r *Reader) Long() int64 {
	if r.off < len(r.buf) && r.buf[r.off] < 0x80 {
		b := uint64(r.buf[r.off])
		r.off++
		return int64(b>>1) ^ -int64(b&1)
	}
	return r.longSlow()
}

func (r *Reader) longSlow() int64 {
	start := r.off
	if b := r.buf[start:]; len(b) >= 10 {
		// With 10 bytes at hand no truncation check is needed. Long has
		// already handled a first byte below 0x80.
		_ = b[9]
		v := uint64(b[0]) & 0x7f
		n := 1
		for ; n < 9; n++ {
			c := uint64(b[n])
			v |= (c & 0x7f) << (7 * n)
			if c < 0x80 {
				r.off = start + n + 1
				return int64(v>>1) ^ -int64(v&1)
			}
		}
		if c := b[9]; c <= 1 {
			v |= uint64(c) << 63
			r.off = start + 10
			return int64(v>>1) ^ -int64(v&1)
		}
	}
	// Ranging over a slice of at most 10 bytes needs no bounds checks.
	b := r.buf[start:]
	if len(b) > 10 {
		b = b[:10]
	}
	var v uint64
	for i, c := range b {
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			if i == 9 && c > 1 {
				// Only the top bit of 64 is left for the tenth byte.
				r.failAt(start, detail(ErrVarintTooLong, "varint too long: tenth byte 0x"+hex2(c)+" of a long overflows 64 bits"))
				return 0
			}
			r.off = start + i + 1
			return int64(v>>1) ^ -int64(v&1)
		}
	}
	if len(b) == 10 {
		r.failAt(start, detail(ErrVarintTooLong, "varint too long: a long takes at most 10 bytes"))
		return 0
	}
	r.truncated(start, "long", len(b)+1)
	return 0
}

// Float reads 4 bytes little-endian.
func (r *Reader) Float() float32 {
	if len(r.buf)-r.off < 4 {
		r.truncated(r.off, "float", 4)
		return 0
	}
	v := math.Float32frombits(binary.LittleEndian.Uint32(r.buf[r.off:]))
	r.off += 4
	return v
}

// Double reads 8 bytes little-endian.
func (r *Reader) Double() float64 {
	if len(r.buf)-r.off < 8 {
		r.truncated(r.off, "double", 8)
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(r.buf[r.off:]))
	r.off += 8
	return v
}

// span reads a long length and returns the following bytes, aliasing the
// input. The length is checked against the input before anything else uses
// it, so a hostile length never drives an allocation.
func (r *Reader) span(what string) ([]byte, bool) {
	start := r.off
	n := r.Long()
	if r.err != nil {
		return nil, false
	}
	if n < 0 {
		r.failAt(start, detail(ErrNegativeLength, "negative length: "+what+" length "+i64toa(n)))
		return nil, false
	}
	if rem := len(r.buf) - r.off; n > int64(rem) {
		r.failAt(start, detail(ErrTruncated, "truncated: "+what+" length "+i64toa(n)+" but "+itoa(rem)+" bytes left"))
		return nil, false
	}
	b := r.buf[r.off : r.off+int(n) : r.off+int(n)]
	r.off += int(n)
	return b, true
}

// Bytes reads a long length and that many bytes. The result aliases the
// input (capacity capped at its length, so appending to it copies).
func (r *Reader) Bytes() []byte {
	b, _ := r.span("bytes")
	return b
}

// BytesCopy is Bytes with a fresh copy; an empty value is a non-nil empty
// slice, a failed read nil.
func (r *Reader) BytesCopy() []byte {
	b, ok := r.span("bytes")
	if !ok {
		return nil
	}
	return append([]byte{}, b...)
}

// String reads a string and copies it.
func (r *Reader) String() string {
	if r.borrow {
		return r.StringView()
	}
	b, _ := r.span("string")
	return string(b)
}

// StringView reads a string without copying: the result shares the input's
// memory and is valid only while the input is unchanged.
func (r *Reader) StringView() string {
	b, _ := r.span("string")
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// Fixed reads n bytes, aliasing the input.
func (r *Reader) Fixed(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 {
		r.failAt(r.off, detail(ErrNegativeLength, "negative length: fixed size "+itoa(n)))
		return nil
	}
	if len(r.buf)-r.off < n {
		r.truncated(r.off, "fixed", n)
		return nil
	}
	b := r.buf[r.off : r.off+n : r.off+n]
	r.off += n
	return b
}

// Enum reads an enum symbol index, which must be in [0,n).
func (r *Reader) Enum(n int) int {
	start := r.off
	i := r.Int()
	if r.err != nil {
		return 0
	}
	if i < 0 || int64(i) >= int64(n) {
		r.failAt(start, detail(ErrEnumIndex, "enum index "+itoa(int(i))+" out of range [0,"+itoa(n)+")"))
		return 0
	}
	return int(i)
}

// Union reads a union branch index, which must be in [0,n).
func (r *Reader) Union(n int) int {
	start := r.off
	i := r.Long()
	if r.err != nil {
		return 0
	}
	if i < 0 || i >= int64(n) {
		r.failAt(start, detail(ErrUnionIndex, "union index "+i64toa(i)+" out of range [0,"+itoa(n)+")"))
		return 0
	}
	return int(i)
}

// BlockCount reads an array or map block header and returns the number of
// items in the block, or 0 at the end of the blocks or on error. A negative
// count is followed by the block's byte size, which is checked and ignored.
//
// minItemSize is the fewest bytes one item can take. When it is positive the
// count must fit the bytes left; when it is 0 the count is charged against a
// per-datum budget of MaxZeroSizeItems. Either way a caller may preallocate
// the returned count. Callers loop:
//
//	for n := r.BlockCount(k); n > 0; n = r.BlockCount(k) {
//		for i := 0; i < n; i++ { ... }
//	}
func (r *Reader) BlockCount(minItemSize int) int {
	start := r.off
	n := r.Long()
	if n == 0 || r.err != nil {
		return 0
	}
	if n < 0 {
		if n == math.MinInt64 {
			r.failAt(start, detail(ErrTooManyItems, "too many items: block count "+i64toa(n)))
			return 0
		}
		n = -n
		sizeAt := r.off
		size := r.Long()
		if r.err != nil {
			return 0
		}
		if size < 0 {
			r.failAt(sizeAt, detail(ErrNegativeLength, "negative length: block size "+i64toa(size)))
			return 0
		}
		if rem := len(r.buf) - r.off; size > int64(rem) {
			r.failAt(sizeAt, detail(ErrTruncated, "truncated: block size "+i64toa(size)+" but "+itoa(rem)+" bytes left"))
			return 0
		}
	}
	if minItemSize > 0 {
		rem := len(r.buf) - r.off
		if n > int64(rem/minItemSize) {
			r.failAt(start, detail(ErrTruncated, "truncated: block of "+i64toa(n)+" items of at least "+itoa(minItemSize)+" bytes but "+itoa(rem)+" bytes left"))
			return 0
		}
		return int(n)
	}
	if n > MaxZeroSizeItems-r.items {
		r.failAt(start, detail(ErrTooManyItems, "too many items: block of "+i64toa(n)+" items exceeds the budget of "+itoa(MaxZeroSizeItems)+" zero-size items per datum"))
		return 0
	}
	r.items += n
	return int(n)
}

// SkipBool skips a boolean (still checking it is 0 or 1).
func (r *Reader) SkipBool() { r.Bool() }

// SkipInt skips an int.
func (r *Reader) SkipInt() { r.Int() }

// SkipLong skips a long.
func (r *Reader) SkipLong() { r.Long() }

// SkipFloat skips a float.
func (r *Reader) SkipFloat() { r.Float() }

// SkipDouble skips a double.
func (r *Reader) SkipDouble() { r.Double() }

// SkipBytes skips a bytes value.
func (r *Reader) SkipBytes() { r.span("bytes") }

// SkipString skips a string.
func (r *Reader) SkipString() { r.span("string") }

// SkipFixed skips n bytes.
func (r *Reader) SkipFixed(n int) { r.Fixed(n) }

const hexDigits = "0123456789abcdef"

func hex2(b byte) string { return string([]byte{hexDigits[b>>4], hexDigits[b&15]}) }
