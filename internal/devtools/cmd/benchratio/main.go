// Command benchratio reads `go test -bench` output and prints each
// benchmark's results as ratios to its baseline from the same run.
//
// A benchmark family is a Benchmark function whose sub-benchmarks are named
// "baseline=NAME" (one or more) and anything else (the candidates). For each
// candidate and baseline it prints the speed-up (baseline ns/op over candidate
// ns/op) and the allocations of both, so the comparison never depends on how
// fast this machine happens to be today.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

type result struct {
	nsPerOp, mbPerS, allocs, bytes float64
}

// median keeps, of repeated runs (-count N), the one with the median ns/op:
// on a shared machine single runs swing widely.
func median(rs []result) result {
	sort.Slice(rs, func(i, j int) bool { return rs[i].nsPerOp < rs[j].nsPerOp })
	return rs[len(rs)/2]
}

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchratio:", err)
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer) error {
	families := map[string]map[string][]result{}
	var order []string
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		name := fields[0]
		if i := strings.LastIndex(name, "-"); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i] // the GOMAXPROCS suffix
			}
		}
		slash := strings.LastIndex(name, "/")
		if slash < 0 {
			continue
		}
		family, sub := name[:slash], name[slash+1:]
		var r result
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				continue
			}
			switch fields[i+1] {
			case "ns/op":
				r.nsPerOp = v
			case "MB/s":
				r.mbPerS = v
			case "allocs/op":
				r.allocs = v
			case "B/op":
				r.bytes = v
			}
		}
		if families[family] == nil {
			families[family] = map[string][]result{}
			order = append(order, family)
		}
		families[family][sub] = append(families[family][sub], r)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	for _, fam := range order {
		subs := families[fam]
		var baselines, candidates []string
		for s := range subs {
			if strings.HasPrefix(s, "baseline=") {
				baselines = append(baselines, s)
			} else {
				candidates = append(candidates, s)
			}
		}
		if len(baselines) == 0 {
			continue
		}
		sort.Strings(baselines)
		sort.Strings(candidates)
		for _, c := range candidates {
			for _, b := range baselines {
				cr, br := median(subs[c]), median(subs[b])
				if cr.nsPerOp == 0 {
					continue
				}
				fmt.Fprintf(out, "%-40s %-12s vs %-28s %6.2fx faster  allocs/op %g vs %g  B/op %g vs %g\n",
					fam, c, strings.TrimPrefix(b, "baseline="), br.nsPerOp/cr.nsPerOp, cr.allocs, br.allocs, cr.bytes, br.bytes)
			}
		}
	}
	return nil
}
