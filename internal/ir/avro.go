package ir

import "math/big"

// DecimalFixedSize is the fewest bytes of a two's-complement fixed that hold
// every unscaled value of the precision (Spark's minBytesForPrecision).
func DecimalFixedSize(precision int) int {
	size := 1
	for {
		// The largest positive value of size bytes is 2^(8*size-1)-1; it
		// holds the precision when it has more than precision digits.
		if MaxFixedPrecision(size) >= int64(precision) {
			return size
		}
		size++
	}
}

// MaxFixedPrecision is the number of decimal digits a fixed(size) holds, as
// Avro's Java implementation computes it: floor(log10(2^(8*size-1) - 1)).
func MaxFixedPrecision(size int) int64 {
	if size <= 0 {
		return 0
	}
	if size > 64 {
		return 1 << 30 // beyond any precision Spark accepts
	}
	v := new(big.Int).Lsh(big.NewInt(1), uint(8*size-1))
	v.Sub(v, big.NewInt(1))
	return int64(len(v.String()) - 1)
}
