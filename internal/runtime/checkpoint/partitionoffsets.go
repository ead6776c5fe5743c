package checkpoint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
)

// PartitionOffsets maps topic -> partition -> offset. In offsets/N and
// sources/0/0 an offset is the next offset to read (exclusive end).
type PartitionOffsets map[string]map[int32]int64

// Clone returns a deep copy.
func (p PartitionOffsets) Clone() PartitionOffsets {
	if p == nil {
		return nil
	}
	out := make(PartitionOffsets, len(p))
	for t, parts := range p {
		out[t] = maps.Clone(parts)
	}
	return out
}

// Merge returns a copy of p with every partition of other set to other's
// offset: how instances that each own some partitions combine their progress.
func (p PartitionOffsets) Merge(other PartitionOffsets) PartitionOffsets {
	out := p.Clone()
	if out == nil {
		out = PartitionOffsets{}
	}
	for t, parts := range other {
		if out[t] == nil {
			out[t] = make(map[int32]int64, len(parts))
		}
		maps.Copy(out[t], parts)
	}
	return out
}

// Filter returns the partitions for which keep is true: the share of one
// instance that owns only those partitions.
func (p PartitionOffsets) Filter(keep func(topic string, partition int32) bool) PartitionOffsets {
	out := PartitionOffsets{}
	for t, parts := range p {
		for part, off := range parts {
			if keep(t, part) {
				if out[t] == nil {
					out[t] = map[int32]int64{}
				}
				out[t][part] = off
			}
		}
	}
	return out
}

// appendPartitionOffsets writes p as Spark's JsonUtils.partitionOffsets does,
// in the same key order (see scalaHashOrder). A topic with no partitions,
// which Spark never writes, is kept as {} so that it round-trips.
func appendPartitionOffsets(b *bytes.Buffer, p PartitionOffsets) {
	topics := slices.Sorted(maps.Keys(p)) // Spark inserts sorted (topic, partition) pairs
	th := make([]int32, len(topics))
	for i, t := range topics {
		th[i] = javaStringHash(t)
	}
	b.WriteByte('{')
	for n, ti := range scalaHashOrder(th) {
		if n > 0 {
			b.WriteByte(',')
		}
		t := topics[ti]
		appendJSONString(b, t)
		b.WriteString(":{")
		parts := slices.Sorted(maps.Keys(p[t]))
		for m, pi := range scalaHashOrder(parts) {
			if m > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('"')
			b.WriteString(strconv.FormatInt(int64(parts[pi]), 10))
			b.WriteString(`":`)
			b.WriteString(strconv.FormatInt(p[t][parts[pi]], 10))
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
}

// parsePartitionOffsets reads what appendPartitionOffsets writes, in any key
// order. Partition keys must be canonical non-negative int32 decimals, so
// that no two keys name the same partition.
func parsePartitionOffsets(data []byte) (PartitionOffsets, error) {
	var raw map[string]map[string]int64
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	if raw == nil {
		return nil, errors.New("not a JSON object")
	}
	out := make(PartitionOffsets, len(raw))
	for _, t := range slices.Sorted(maps.Keys(raw)) {
		parts := raw[t]
		if parts == nil {
			return nil, fmt.Errorf("topic %q: not a JSON object", t)
		}
		m := make(map[int32]int64, len(parts))
		for _, ps := range slices.Sorted(maps.Keys(parts)) {
			n, err := strconv.ParseInt(ps, 10, 32)
			if err != nil || n < 0 || strconv.FormatInt(n, 10) != ps {
				return nil, fmt.Errorf("topic %q: bad partition %q", t, ps)
			}
			m[int32(n)] = parts[ps]
		}
		out[t] = m
	}
	return out, nil
}
