package kafka

import (
	"fmt"
	"math"
	"sort"
)

// Offsets maps topic -> partition -> offset. It has the same underlying type
// as checkpoint.PartitionOffsets, so the two convert freely.
type Offsets map[string]map[int32]int64

// TopicPartition names one partition.
type TopicPartition struct {
	Topic     string
	Partition int32
}

func (tp TopicPartition) String() string { return fmt.Sprintf("%s-%d", tp.Topic, tp.Partition) }

// Get returns the offset of tp and whether it is present.
func (o Offsets) Get(tp TopicPartition) (int64, bool) {
	v, ok := o[tp.Topic][tp.Partition]
	return v, ok
}

// Set records the offset of tp.
func (o Offsets) Set(tp TopicPartition, off int64) {
	m := o[tp.Topic]
	if m == nil {
		m = map[int32]int64{}
		o[tp.Topic] = m
	}
	m[tp.Partition] = off
}

// Partitions lists the partitions present, sorted by topic then partition.
func (o Offsets) Partitions() []TopicPartition {
	var out []TopicPartition
	for t, ps := range o {
		for p := range ps {
			out = append(out, TopicPartition{t, p})
		}
	}
	SortPartitions(out)
	return out
}

// Clone returns a deep copy.
func (o Offsets) Clone() Offsets {
	c := make(Offsets, len(o))
	for t, ps := range o {
		m := make(map[int32]int64, len(ps))
		for p, v := range ps {
			m[p] = v
		}
		c[t] = m
	}
	return c
}

// Equal reports whether both hold the same partitions and offsets.
func (o Offsets) Equal(other Offsets) bool {
	if o.Len() != other.Len() {
		return false
	}
	for t, ps := range o {
		for p, v := range ps {
			if w, ok := other[t][p]; !ok || w != v {
				return false
			}
		}
	}
	return true
}

// Len counts partitions.
func (o Offsets) Len() int {
	n := 0
	for _, ps := range o {
		n += len(ps)
	}
	return n
}

// SortPartitions sorts by topic, then partition.
func SortPartitions(tps []TopicPartition) {
	sort.Slice(tps, func(i, j int) bool {
		if tps[i].Topic != tps[j].Topic {
			return tps[i].Topic < tps[j].Topic
		}
		return tps[i].Partition < tps[j].Partition
	})
}

// RateLimit caps the end offsets until so that at most limit offsets are
// read from from, split across partitions in proportion to their backlog,
// exactly as Spark's KafkaMicroBatchStream.rateLimit: a partition's share is
// floor(limit*size/total), or ceil when below 1 so that small partitions are
// not starved, never past its end. Partitions missing from from start at
// fromNew (new partitions: their earliest offsets).
func RateLimit(limit int64, from, fromNew, until Offsets) Offsets {
	begin := func(t string, p int32) (int64, bool) {
		if b, ok := from[t][p]; ok {
			return b, true
		}
		b, ok := fromNew[t][p]
		return b, ok
	}
	sizes := map[TopicPartition]int64{}
	var total float64
	for t, ps := range until {
		for p, end := range ps {
			if b, ok := begin(t, p); ok && end-b > 0 {
				sizes[TopicPartition{t, p}] = end - b
				total += float64(end - b)
			}
		}
	}
	out := until.Clone()
	if total < 1 {
		return out
	}
	for tp, size := range sizes {
		b, _ := begin(tp.Topic, tp.Partition)
		prorate := float64(limit) * (float64(size) / total)
		var n int64
		if prorate < 1 {
			n = int64(math.Ceil(prorate))
		} else {
			n = int64(math.Floor(prorate))
		}
		off := b + n
		if n > math.MaxInt64-b {
			off = math.MaxInt64
		}
		end := until[tp.Topic][tp.Partition]
		out[tp.Topic][tp.Partition] = min(end, off)
	}
	return out
}
