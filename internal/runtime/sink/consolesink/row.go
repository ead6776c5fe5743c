package consolesink

// Row collects one output row's cells for sink.Message.Cells: generated
// code appends a column's text to Buf, then calls End, for each column.
// Its memory is reused from row to row.
type Row struct {
	Buf   []byte
	ends  []int
	cells [][]byte
}

// Reset starts a new row.
func (r *Row) Reset() {
	r.Buf, r.ends = r.Buf[:0], r.ends[:0]
}

// End ends the current cell.
func (r *Row) End() { r.ends = append(r.ends, len(r.Buf)) }

// Cells returns the row's cells, valid until the next Reset.
func (r *Row) Cells() [][]byte {
	r.cells = r.cells[:0]
	start := 0
	for _, e := range r.ends {
		r.cells = append(r.cells, r.Buf[start:e:e])
		start = e
	}
	return r.cells
}

const hexDigits = "0123456789ABCDEF"

// AppendBinary appends b as show() prints binary: "[01 A2 FF]", uppercase
// hex bytes separated by spaces (ToPrettyString's hex format).
func AppendBinary(dst, b []byte) []byte {
	dst = append(dst, '[')
	for i, c := range b {
		if i > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, hexDigits[c>>4], hexDigits[c&15])
	}
	return append(dst, ']')
}
