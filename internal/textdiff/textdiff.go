// Package textdiff prints line-based unified diffs, for `streamc diff` and
// golden-test failures.
package textdiff

import (
	"fmt"
	"strings"
)

// context is how many unchanged lines surround each change, as diff -u.
const context = 3

// maxCells bounds the LCS table; larger inputs get a whole-file diff, which
// is still correct, only less precise.
const maxCells = 16 << 20

// Unified returns a unified diff from a (named aName) to b, or "" if equal.
func Unified(aName, bName string, a, b []byte) string {
	if string(a) == string(b) {
		return ""
	}
	al, bl := splitLines(string(a)), splitLines(string(b))
	ops := diffLines(al, bl)
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", aName, bName)
	for _, h := range hunks(ops) {
		writeHunk(&out, h, ops)
	}
	return out.String()
}

type opKind byte

const (
	same opKind = ' '
	del  opKind = '-'
	ins  opKind = '+'
)

type op struct {
	kind opKind
	line string
	ai   int // line index in a before this op
	bi   int // line index in b before this op
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// diffLines computes an edit script with a longest-common-subsequence table.
func diffLines(a, b []string) []op {
	n, m := len(a), len(b)
	if n*m > maxCells {
		var ops []op
		for i, l := range a {
			ops = append(ops, op{del, l, i, 0})
		}
		for j, l := range b {
			ops = append(ops, op{ins, l, n, j})
		}
		return ops
	}
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var ops []op
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			ops = append(ops, op{same, a[i], i, j})
			i++
			j++
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			// Deletions first, as diff -u prints them.
			ops = append(ops, op{del, a[i], i, j})
			i++
		default:
			ops = append(ops, op{ins, b[j], i, j})
			j++
		}
	}
	return ops
}

// hunks groups changed ops with their context: [start, end) op ranges.
func hunks(ops []op) [][2]int {
	var out [][2]int
	for i := 0; i < len(ops); {
		if ops[i].kind == same {
			i++
			continue
		}
		start := max(0, i-context)
		end := i
		for end < len(ops) {
			if ops[end].kind != same {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == same {
				run++
			}
			if run == len(ops) || run-end > 2*context {
				end = min(len(ops), end+context)
				break
			}
			end = run
		}
		out = append(out, [2]int{start, end})
		i = end
	}
	return out
}

func writeHunk(out *strings.Builder, h [2]int, ops []op) {
	var aLen, bLen int
	for _, o := range ops[h[0]:h[1]] {
		if o.kind != ins {
			aLen++
		}
		if o.kind != del {
			bLen++
		}
	}
	first := ops[h[0]]
	fmt.Fprintf(out, "@@ -%s +%s @@\n", rangeText(first.ai, aLen), rangeText(first.bi, bLen))
	for _, o := range ops[h[0]:h[1]] {
		out.WriteByte(byte(o.kind))
		out.WriteString(o.line)
		if !strings.HasSuffix(o.line, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

func rangeText(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}
