package avroresolve

import "github.com/streamc/streamc/internal/runtime/avroschema"

type skipKind uint8

const (
	skipNone   skipKind = iota // null, fixed(0), record of such
	skipBool                   // checks the byte is 0 or 1
	skipInt                    // checks the varint fits 32 bits
	skipLong                   //
	skipFloat                  // 4 bytes
	skipDouble                 // 8 bytes
	skipFixed                  // n bytes: fixed, and runs of fixed-size values
	skipBytes                  // bytes and string
	skipEnum                   // checks the index
	skipArray                  //
	skipMap                    //
	skipRecord                 //
	skipUnion                  // checks the index
)

// skipper checks and passes over one writer value. Checking matters: a copied
// value must be as valid as a transcoded one.
type skipper struct {
	kind    skipKind
	n       int        // bytes of skipFloat, skipDouble, skipFixed; skipEnum symbols
	elem    *skipper   // skipArray items, skipMap values
	minItem int        // skipArray, skipMap: fewest bytes one item takes
	parts   []*skipper // skipRecord fields (merged), skipUnion branches
}

// skipper returns the skipper of a writer node, built once per node; a
// record's is memoized before its fields, so recursion ends.
func (c *compiler) skipper(n *avroschema.Node) *skipper {
	if s := c.skips[n]; s != nil {
		return s
	}
	s := &skipper{}
	c.skips[n] = s
	switch n.Kind {
	case avroschema.Null:
		s.kind = skipNone
	case avroschema.Boolean:
		s.kind = skipBool
	case avroschema.Int:
		s.kind = skipInt
	case avroschema.Long:
		s.kind = skipLong
	case avroschema.Float:
		s.kind, s.n = skipFloat, 4
	case avroschema.Double:
		s.kind, s.n = skipDouble, 8
	case avroschema.Fixed:
		s.kind, s.n = skipFixed, n.Size
		if n.Size == 0 {
			s.kind = skipNone
		}
	case avroschema.Bytes, avroschema.String:
		s.kind = skipBytes
	case avroschema.Enum:
		s.kind, s.n = skipEnum, len(n.Symbols)
	case avroschema.Array:
		s.kind, s.minItem = skipArray, n.Items.MinSize()
		s.elem = c.skipper(n.Items)
	case avroschema.Map:
		s.kind, s.minItem = skipMap, 1+n.Values.MinSize()
		s.elem = c.skipper(n.Values)
	case avroschema.Union:
		s.kind = skipUnion
		s.parts = make([]*skipper, len(n.Branches))
		for i, b := range n.Branches {
			s.parts[i] = c.skipper(b)
		}
	case avroschema.Record:
		s.kind = skipRecord // set before the fields, which may lead back here
		var parts []*skipper
		for _, f := range n.Fields {
			parts = mergeSkips(parts, []*skipper{c.skipper(f.Type)})
		}
		s.parts = parts
		if len(parts) == 0 {
			s.kind = skipNone // nothing in it can lead back here
		}
	}
	return s
}

// mergeSkips appends b to a, dropping values that take no bytes and joining
// neighbouring fixed-size values into one.
func mergeSkips(a, b []*skipper) []*skipper {
	for _, s := range b {
		if s.kind == skipNone {
			continue
		}
		if n := len(a); n > 0 && fixedSize(s.kind) && fixedSize(a[n-1].kind) {
			a[n-1] = &skipper{kind: skipFixed, n: a[n-1].n + s.n}
			continue
		}
		a = append(a, s)
	}
	return a
}

func fixedSize(k skipKind) bool { return k == skipFloat || k == skipDouble || k == skipFixed }
