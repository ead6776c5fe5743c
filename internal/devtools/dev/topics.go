package dev

import (
	"encoding/json"
	"strings"

	"github.com/streamc/streamc/internal/compiler/spec"
)

// Topic is a topic to create, with its partition count.
type Topic struct {
	Name       string
	Partitions int
}

// SpecTopics lists every topic a spec names, in the order it names them:
// the topics section (with its partition counts), then the topics its
// queries read (subscribe, assign), write (topic) and dead-letter to.
// Topics without a count get defaultPartitions; an assign option asks for at
// least as many partitions as the highest it names. subscribePattern names
// no topic and creates nothing.
func SpecTopics(s *spec.Spec, defaultPartitions int) []Topic {
	var out []Topic
	index := map[string]int{}
	add := func(name string, partitions int, explicit bool) {
		name = strings.TrimSpace(name)
		if name == "" {
			return
		}
		i, ok := index[name]
		if !ok {
			index[name] = len(out)
			if !explicit && partitions < defaultPartitions {
				partitions = defaultPartitions
			}
			out = append(out, Topic{Name: name, Partitions: partitions})
			return
		}
		if partitions > out[i].Partitions {
			out[i].Partitions = partitions
		}
	}
	for _, e := range s.Topics {
		if e.Value.Partitions.Set && e.Value.Partitions.Value > 0 {
			add(e.Key, int(e.Value.Partitions.Value), true)
		} else {
			add(e.Key, defaultPartitions, true)
		}
	}
	for _, app := range s.Apps {
		for _, q := range app.Value.Queries {
			rs := q.Value.ReadStream
			if v, ok := rs.Options.Get("subscribe"); ok {
				for _, name := range strings.Split(v.Value, ",") {
					add(name, 0, false)
				}
			}
			if v, ok := rs.Options.Get("assign"); ok {
				for name, n := range assigned(v.Value) {
					add(name, n, false)
				}
			}
			add(rs.DeadLetterTopic.Value, 0, false)
			if v, ok := q.Value.WriteStream.Options.Get("topic"); ok {
				add(v.Value, 0, false)
			}
		}
	}
	return out
}

// assigned reads Spark's assign option, {"topic":[0,1]}, into the partition
// count each topic needs. Invalid JSON names nothing: the spec's own
// validation reports it.
func assigned(v string) map[string]int {
	var m map[string][]int
	if json.Unmarshal([]byte(v), &m) != nil {
		return nil
	}
	out := map[string]int{}
	for t, ps := range m {
		n := 0
		for _, p := range ps {
			n = max(n, p+1)
		}
		out[t] = n
	}
	return out
}
