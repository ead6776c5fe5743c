package avroschema

import (
	"crypto/sha256"
	"strconv"
	"strings"
)

// canonical renders the Parsing Canonical Form: primitives as bare names,
// full names without namespaces, only type, name, fields, symbols, items,
// values and size, in that order, no whitespace, and a named type written
// out at its first occurrence and referred to by full name after that.
func canonical(root *Node) string {
	var b strings.Builder
	writeCanonical(&b, root, map[*Node]bool{})
	return b.String()
}

func writeCanonical(b *strings.Builder, n *Node, seen map[*Node]bool) {
	if n.Kind.Named() {
		if seen[n] {
			writeJSONString(b, n.FullName)
			return
		}
		seen[n] = true
	}
	switch n.Kind {
	case Record:
		b.WriteString(`{"name":`)
		writeJSONString(b, n.FullName)
		b.WriteString(`,"type":"record","fields":[`)
		for i, f := range n.Fields {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`{"name":`)
			writeJSONString(b, f.Name)
			b.WriteString(`,"type":`)
			writeCanonical(b, f.Type, seen)
			b.WriteByte('}')
		}
		b.WriteString("]}")
	case Enum:
		b.WriteString(`{"name":`)
		writeJSONString(b, n.FullName)
		b.WriteString(`,"type":"enum","symbols":[`)
		for i, s := range n.Symbols {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, s)
		}
		b.WriteString("]}")
	case Fixed:
		b.WriteString(`{"name":`)
		writeJSONString(b, n.FullName)
		b.WriteString(`,"type":"fixed","size":`)
		b.WriteString(strconv.Itoa(n.Size))
		b.WriteByte('}')
	case Array:
		b.WriteString(`{"type":"array","items":`)
		writeCanonical(b, n.Items, seen)
		b.WriteByte('}')
	case Map:
		b.WriteString(`{"type":"map","values":`)
		writeCanonical(b, n.Values, seen)
		b.WriteByte('}')
	case Union:
		b.WriteByte('[')
		for i, br := range n.Branches {
			if i > 0 {
				b.WriteByte(',')
			}
			writeCanonical(b, br, seen)
		}
		b.WriteByte(']')
	default:
		b.WriteByte('"')
		b.WriteString(n.Kind.String())
		b.WriteByte('"')
	}
}

// Fingerprint64 returns the CRC-64-AVRO (Rabin) fingerprint of the canonical
// form, the 64-bit fingerprint the specification defines.
func (s *Schema) Fingerprint64() uint64 { return Rabin64([]byte(s.canonical)) }

// FingerprintSHA256 returns the SHA-256 of the canonical form.
func (s *Schema) FingerprintSHA256() [32]byte { return sha256.Sum256([]byte(s.canonical)) }

const rabinEmpty = 0xc15d213aa4d7a795

// rabinTable is computed once and never written after.
var rabinTable = func() (t [256]uint64) {
	for i := range t {
		fp := uint64(i)
		for j := 0; j < 8; j++ {
			fp = (fp >> 1) ^ (rabinEmpty & -(fp & 1))
		}
		t[i] = fp
	}
	return t
}()

// Rabin64 returns the CRC-64-AVRO fingerprint of b, as the specification's
// reference code computes it.
func Rabin64(b []byte) uint64 {
	fp := uint64(rabinEmpty)
	for _, c := range b {
		fp = (fp >> 8) ^ rabinTable[byte(fp)^c]
	}
	return fp
}
