package avrobin

import (
	"encoding/binary"
	"math"
)

// AppendBool appends a boolean as one byte, 0 or 1.
func AppendBool(dst []byte, v bool) []byte {
	if v {
		return append(dst, 1)
	}
	return append(dst, 0)
}

// AppendInt appends an int as a zig-zag varint. The encoding equals that of
// the same value as a long.
func AppendInt(dst []byte, v int32) []byte {
	return AppendLong(dst, int64(v))
}

// AppendLong appends a long as a zig-zag varint.
func AppendLong(dst []byte, v int64) []byte {
	u := uint64(v<<1) ^ uint64(v>>63)
	for u >= 0x80 {
		dst = append(dst, byte(u)|0x80)
		u >>= 7
	}
	return append(dst, byte(u))
}

// AppendFloat appends a float as 4 bytes little-endian.
func AppendFloat(dst []byte, v float32) []byte {
	return binary.LittleEndian.AppendUint32(dst, math.Float32bits(v))
}

// AppendDouble appends a double as 8 bytes little-endian.
func AppendDouble(dst []byte, v float64) []byte {
	return binary.LittleEndian.AppendUint64(dst, math.Float64bits(v))
}

// AppendBytes appends the length of v and v.
func AppendBytes(dst []byte, v []byte) []byte {
	dst = AppendLong(dst, int64(len(v)))
	return append(dst, v...)
}

// AppendString appends the length of v and v.
func AppendString(dst []byte, v string) []byte {
	dst = AppendLong(dst, int64(len(v)))
	return append(dst, v...)
}

// AppendFixed appends v as is; the caller checks it has the fixed's size.
func AppendFixed(dst []byte, v []byte) []byte {
	return append(dst, v...)
}
