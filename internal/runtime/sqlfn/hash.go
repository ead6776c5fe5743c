package sqlfn

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"io"
	"math"
	"math/big"
	"math/bits"

	"github.com/cockroachdb/apd/v3"
)

// MD5 is md5(b): 32 lower-case hex digits (a string argument is cast to
// its UTF-8 bytes first, as in Spark).
func MD5(b []byte) string {
	sum := md5.Sum(b)
	return hex.EncodeToString(sum[:])
}

// SHA1 is sha1(b)/sha(b): 40 lower-case hex digits.
func SHA1(b []byte) string {
	sum := sha1.Sum(b)
	return hex.EncodeToString(sum[:])
}

// SHA2 is sha2(b, bits): bits 224, 256 (or 0, meaning 256), 384 or 512;
// any other length is NULL (ok=false).
func SHA2(b []byte, bitLen int32) (string, bool) {
	switch bitLen {
	case 224:
		s := sha256.Sum224(b)
		return hex.EncodeToString(s[:]), true
	case 0, 256:
		s := sha256.Sum256(b)
		return hex.EncodeToString(s[:]), true
	case 384:
		s := sha512.Sum384(b)
		return hex.EncodeToString(s[:]), true
	case 512:
		s := sha512.Sum512(b)
		return hex.EncodeToString(s[:]), true
	}
	return "", false
}

// CRC32 is crc32(b): the IEEE CRC as a non-negative BIGINT.
func CRC32(b []byte) int64 { return int64(crc32.ChecksumIEEE(b)) }

// HashSeed is the seed of hash(...) (Murmur3Hash) and xxhash64(...).
const HashSeed = 42

// hash(a, b, ...) is Spark's Murmur3Hash: h starts at HashSeed and each
// argument in turn is hashed with the previous result as its seed; a NULL
// argument (or NULL element/field) leaves h unchanged. Per type:
// BOOLEAN Murmur3Int(1 or 0); TINYINT, SMALLINT, INT, DATE Murmur3Int;
// BIGINT, TIMESTAMP Murmur3Long; FLOAT Murmur3Float; DOUBLE Murmur3Double;
// DECIMAL Murmur3Decimal; STRING, BINARY Murmur3Bytes over the bytes;
// ARRAY each element in order; MAP each key then its value, in order;
// STRUCT each field in order. The result is h as an INT.

// Murmur3Int is Murmur3_x86_32.hashInt(v, seed).
func Murmur3Int(v, seed int32) int32 {
	h := mixH1(uint32(seed), mixK1(uint32(v)))
	return int32(fmix32(h, 4))
}

// Murmur3Long is Murmur3_x86_32.hashLong(v, seed).
func Murmur3Long(v int64, seed int32) int32 {
	h := mixH1(uint32(seed), mixK1(uint32(v)))
	h = mixH1(h, mixK1(uint32(uint64(v)>>32)))
	return int32(fmix32(h, 8))
}

// Murmur3Bool hashes a BOOLEAN.
func Murmur3Bool(v bool, seed int32) int32 {
	if v {
		return Murmur3Int(1, seed)
	}
	return Murmur3Int(0, seed)
}

// Murmur3Float hashes a FLOAT: -0.0 as 0.0, NaN canonical.
func Murmur3Float(f float32, seed int32) int32 {
	if f == 0 {
		return Murmur3Int(0, seed)
	}
	if f != f {
		return Murmur3Int(0x7fc00000, seed)
	}
	return Murmur3Int(int32(math.Float32bits(f)), seed)
}

// Murmur3Double hashes a DOUBLE: -0.0 as 0.0, NaN canonical.
func Murmur3Double(d float64, seed int32) int32 {
	if d == 0 {
		return Murmur3Long(0, seed)
	}
	if d != d {
		return Murmur3Long(0x7ff8000000000000, seed)
	}
	return Murmur3Long(int64(math.Float64bits(d)), seed)
}

// Murmur3Decimal hashes a DECIMAL(precision, _): by its unscaled long when
// precision <= 18, else by the bytes of BigInteger.toByteArray.
func Murmur3Decimal(d *apd.Decimal, precision int, seed int32) int32 {
	var u big.Int
	u.SetString(d.Coeff.String(), 10)
	if d.Negative {
		u.Neg(&u)
	}
	if precision <= 18 {
		return Murmur3Long(u.Int64(), seed)
	}
	return Murmur3Bytes(javaBigIntBytes(&u), seed)
}

// javaBigIntBytes is BigInteger.toByteArray: minimal two's complement,
// big-endian.
func javaBigIntBytes(u *big.Int) []byte {
	if u.Sign() >= 0 {
		b := u.Bytes()
		if len(b) == 0 || b[0]&0x80 != 0 {
			b = append([]byte{0}, b...)
		}
		return b
	}
	// -u - 1, complemented.
	var t big.Int
	t.Neg(u)
	t.Sub(&t, big.NewInt(1))
	b := t.Bytes()
	for i := range b {
		b[i] = ^b[i]
	}
	if len(b) == 0 || b[0]&0x80 == 0 {
		b = append([]byte{0xff}, b...)
	}
	return b
}

// Murmur3Bytes is Murmur3_x86_32.hashUnsafeBytes (Spark's variant: whole
// little-endian words, then each remaining byte mixed alone, sign-extended).
func Murmur3Bytes(b []byte, seed int32) int32 {
	h := uint32(seed)
	n := len(b) - len(b)%4
	for i := 0; i < n; i += 4 {
		h = mixH1(h, mixK1(binary.LittleEndian.Uint32(b[i:])))
	}
	for i := n; i < len(b); i++ {
		h = mixH1(h, mixK1(uint32(int32(int8(b[i])))))
	}
	return int32(fmix32(h, uint32(len(b))))
}

// Murmur3String is Murmur3Bytes over a STRING's UTF-8 bytes.
func Murmur3String(s string, seed int32) int32 { return Murmur3Bytes(bytesOf(s), seed) }

func mixK1(k uint32) uint32 {
	k *= 0xcc9e2d51
	k = bits.RotateLeft32(k, 15)
	return k * 0x1b873593
}

func mixH1(h, k uint32) uint32 {
	h ^= k
	h = bits.RotateLeft32(h, 13)
	return h*5 + 0xe6546b64
}

func fmix32(h, length uint32) uint32 {
	h ^= length
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}

// xxhash64(a, b, ...) chains like hash(...) with int64 seeds and
// XXH64Int/Long/Bytes (XXH64 of the value's little-endian bytes); FLOAT,
// DOUBLE, BOOLEAN and DECIMAL map to them as in hash(...).

const (
	prime64x1 uint64 = 0x9E3779B185EBCA87
	prime64x2 uint64 = 0xC2B2AE3D27D4EB4F
	prime64x3 uint64 = 0x165667B19E3779F9
	prime64x4 uint64 = 0x85EBCA77C2B2AE63
	prime64x5 uint64 = 0x27D4EB2F165667C5
)

// XXH64Int is XXH64.hashInt(v, seed).
func XXH64Int(v int32, seed int64) int64 {
	h := uint64(seed) + prime64x5 + 4
	h ^= uint64(uint32(v)) * prime64x1
	h = bits.RotateLeft64(h, 23)*prime64x2 + prime64x3
	return int64(xxFmix(h))
}

// XXH64Long is XXH64.hashLong(v, seed).
func XXH64Long(v int64, seed int64) int64 {
	h := uint64(seed) + prime64x5 + 8
	h ^= bits.RotateLeft64(uint64(v)*prime64x2, 31) * prime64x1
	h = bits.RotateLeft64(h, 27)*prime64x1 + prime64x4
	return int64(xxFmix(h))
}

// XXH64Double hashes a DOUBLE for xxhash64 (-0.0 as 0.0).
func XXH64Double(d float64, seed int64) int64 {
	if d == 0 {
		return XXH64Long(0, seed)
	}
	if d != d {
		return XXH64Long(0x7ff8000000000000, seed)
	}
	return XXH64Long(int64(math.Float64bits(d)), seed)
}

// XXH64Bytes is XXH64.hashUnsafeBytes (standard XXH64).
func XXH64Bytes(b []byte, seed int64) int64 {
	n := len(b)
	var h uint64
	i := 0
	if n >= 32 {
		v1 := uint64(seed) + prime64x1 + prime64x2
		v2 := uint64(seed) + prime64x2
		v3 := uint64(seed)
		v4 := uint64(seed) - prime64x1
		for ; i+32 <= n; i += 32 {
			v1 = xxRound(v1, binary.LittleEndian.Uint64(b[i:]))
			v2 = xxRound(v2, binary.LittleEndian.Uint64(b[i+8:]))
			v3 = xxRound(v3, binary.LittleEndian.Uint64(b[i+16:]))
			v4 = xxRound(v4, binary.LittleEndian.Uint64(b[i+24:]))
		}
		h = bits.RotateLeft64(v1, 1) + bits.RotateLeft64(v2, 7) + bits.RotateLeft64(v3, 12) + bits.RotateLeft64(v4, 18)
		h = xxMerge(h, v1)
		h = xxMerge(h, v2)
		h = xxMerge(h, v3)
		h = xxMerge(h, v4)
	} else {
		h = uint64(seed) + prime64x5
	}
	h += uint64(n)
	for ; i+8 <= n; i += 8 {
		h ^= xxRound(0, binary.LittleEndian.Uint64(b[i:]))
		h = bits.RotateLeft64(h, 27)*prime64x1 + prime64x4
	}
	if i+4 <= n {
		h ^= uint64(binary.LittleEndian.Uint32(b[i:])) * prime64x1
		h = bits.RotateLeft64(h, 23)*prime64x2 + prime64x3
		i += 4
	}
	for ; i < n; i++ {
		h ^= uint64(b[i]) * prime64x5
		h = bits.RotateLeft64(h, 11) * prime64x1
	}
	return int64(xxFmix(h))
}

// XXH64String is XXH64Bytes over a STRING's UTF-8 bytes.
func XXH64String(s string, seed int64) int64 { return XXH64Bytes(bytesOf(s), seed) }

func xxRound(acc, in uint64) uint64 {
	acc += in * prime64x2
	acc = bits.RotateLeft64(acc, 31)
	return acc * prime64x1
}

func xxMerge(h, v uint64) uint64 {
	h ^= xxRound(0, v)
	return h*prime64x1 + prime64x4
}

func xxFmix(h uint64) uint64 {
	h ^= h >> 33
	h *= prime64x2
	h ^= h >> 29
	h *= prime64x3
	h ^= h >> 32
	return h
}

// UUID is uuid(): a random (version 4) UUID in lower-case text, from 16
// bytes of r (crypto/rand.Reader in production; a seeded source in tests).
func UUID(r io.Reader) (string, error) {
	var b [16]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", err
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte
	hex.Encode(out[0:8], b[0:4])
	out[8] = '-'
	hex.Encode(out[9:13], b[4:6])
	out[13] = '-'
	hex.Encode(out[14:18], b[6:8])
	out[18] = '-'
	hex.Encode(out[19:23], b[8:10])
	out[23] = '-'
	hex.Encode(out[24:], b[10:])
	return string(out[:]), nil
}

// XXH64Bool hashes a BOOLEAN for xxhash64, as the int 1 or 0.
func XXH64Bool(v bool, seed int64) int64 {
	if v {
		return XXH64Int(1, seed)
	}
	return XXH64Int(0, seed)
}

// XXH64Float hashes a FLOAT for xxhash64: its int bits, -0.0 as 0.0, NaN
// canonical.
func XXH64Float(f float32, seed int64) int64 {
	if f == 0 {
		return XXH64Int(0, seed)
	}
	if f != f {
		return XXH64Int(0x7fc00000, seed)
	}
	return XXH64Int(int32(math.Float32bits(f)), seed)
}

// XXH64Decimal hashes a DECIMAL(precision, _) for xxhash64: by its
// unscaled long when precision <= 18, else by the bytes of
// BigInteger.toByteArray (HashExpression's rule, as for hash).
func XXH64Decimal(d *apd.Decimal, precision int, seed int64) int64 {
	var u big.Int
	u.SetString(d.Coeff.String(), 10)
	if d.Negative {
		u.Neg(&u)
	}
	if precision <= 18 {
		return XXH64Long(u.Int64(), seed)
	}
	return XXH64Bytes(javaBigIntBytes(&u), seed)
}
