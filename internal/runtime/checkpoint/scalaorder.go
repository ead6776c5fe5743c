package checkpoint

import (
	"math/bits"
	"unicode/utf16"
)

// scalaHashOrder returns the order in which a Scala 2.12
// scala.collection.mutable.HashMap iterates keys inserted in the given order,
// as indexes into hashes (each key's `##`). Spark's JsonUtils serialises its
// offsets maps in that order, and reproducing it makes our files
// byte-identical to Spark's. It follows scala/collection/mutable/HashTable:
// 16 buckets to start, load factor 0.75, new entries pushed on the front of
// their bucket, a resize re-pushing buckets from the last, the seed fixed at
// creation, and iteration from the last bucket down.
func scalaHashOrder(hashes []int32) []int {
	table := make([][]int, 16) // each bucket front-first
	seed := bits.OnesCount32(uint32(len(table) - 1))
	index := func(h int32, n int) int {
		ones := uint32(n - 1)
		return int((scalaImprove(h, seed) >> (32 - bits.OnesCount32(ones))) & ones)
	}
	threshold := len(table) * 750 / 1000
	for i, h := range hashes {
		b := index(h, len(table))
		table[b] = append([]int{i}, table[b]...)
		if i+1 > threshold {
			grown := make([][]int, 2*len(table))
			for j := len(table) - 1; j >= 0; j-- {
				for _, k := range table[j] {
					nb := index(hashes[k], len(grown))
					grown[nb] = append([]int{k}, grown[nb]...)
				}
			}
			table = grown
			threshold = len(table) * 750 / 1000
		}
	}
	order := make([]int, 0, len(hashes))
	for j := len(table) - 1; j >= 0; j-- {
		order = append(order, table[j]...)
	}
	return order
}

// scalaImprove is HashTable.HashUtils.improve.
func scalaImprove(hcode int32, seed int) uint32 {
	i := uint32(hcode) * 0x9e3775cd
	i = bits.ReverseBytes32(i)
	i *= 0x9e3775cd
	return bits.RotateLeft32(i, -(seed % 32))
}

// javaStringHash is java.lang.String.hashCode, over UTF-16 code units.
func javaStringHash(s string) int32 {
	var h int32
	for _, r := range s {
		if r1, r2 := utf16.EncodeRune(r); r1 != '\uFFFD' || r2 != '\uFFFD' {
			h = 31*h + r1
			h = 31*h + r2
			continue
		}
		h = 31*h + int32(r)
	}
	return h
}
