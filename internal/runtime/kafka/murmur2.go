package kafka

// Murmur2 is Kafka's org.apache.kafka.common.utils.Utils.murmur2: MurmurHash2
// with seed 0x9747b28c over little-endian 4-byte words. The Java client's
// default partitioner hashes record keys with it, so Go producers must too
// for the same key to land on the same partition.
func Murmur2(data []byte) int32 {
	const (
		seed uint32 = 0x9747b28c
		m    uint32 = 0x5bd1e995
		r           = 24
	)
	n := len(data)
	h := seed ^ uint32(n)
	for i := 0; i+4 <= n; i += 4 {
		k := uint32(data[i]) | uint32(data[i+1])<<8 | uint32(data[i+2])<<16 | uint32(data[i+3])<<24
		k *= m
		k ^= k >> r
		k *= m
		h *= m
		h ^= k
	}
	tail := n &^ 3
	switch n & 3 {
	case 3:
		h ^= uint32(data[tail+2]) << 16
		fallthrough
	case 2:
		h ^= uint32(data[tail+1]) << 8
		fallthrough
	case 1:
		h ^= uint32(data[tail])
		h *= m
	}
	h ^= h >> 13
	h *= m
	h ^= h >> 15
	return int32(h)
}

// KeyPartition is the partition the Java client's default partitioner
// (BuiltInPartitioner.partitionForKey) picks for a non-null key:
// toPositive(murmur2(key)) % numPartitions. toPositive masks the sign bit
// rather than taking the absolute value, which matters for MinInt32.
func KeyPartition(key []byte, numPartitions int) int {
	if numPartitions <= 0 {
		return 0
	}
	return int(uint32(Murmur2(key))&0x7fffffff) % numPartitions
}
