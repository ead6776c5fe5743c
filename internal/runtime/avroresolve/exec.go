package avroresolve

import (
	"errors"

	"github.com/streamc/streamc/internal/runtime/avrobin"
	"github.com/streamc/streamc/internal/runtime/avroschema"
)

// machine runs a program over one datum. Errors stick in the reader; every
// loop checks it, so a failure ends the run quickly.
type machine struct {
	r     avrobin.Reader
	src   []byte
	limit int // the longest dst may grow to
	// verbatim: copies keep the writer's block framing as it is, since the
	// output is the input (the identity program).
	verbatim bool
	// sized: skip met an array or map block framed with a byte size.
	sized bool
}

func (m *machine) reset(src []byte, dstLen int) {
	m.r.Reset(src)
	m.src = src
	m.limit = dstLen + 16*len(src) + MaxGrowth
}

func (m *machine) tooLarge(dst []byte) bool {
	if len(dst) > m.limit {
		m.r.Fail(ErrOutputTooLarge)
		return true
	}
	return false
}

func (m *machine) run(dst []byte, o *op, depth int) []byte {
	r := &m.r
	switch o.kind {
	case opCopy:
		dst = m.copyValues(dst, depth, o.skip)
	case opIntLong:
		v := r.Int()
		dst = avrobin.AppendLong(dst, int64(v))
	case opIntFloat:
		v := r.Int()
		dst = avrobin.AppendFloat(dst, float32(v))
	case opIntDouble:
		v := r.Int()
		dst = avrobin.AppendDouble(dst, float64(v))
	case opLongFloat:
		v := r.Long()
		dst = avrobin.AppendFloat(dst, float32(v))
	case opLongDouble:
		v := r.Long()
		dst = avrobin.AppendDouble(dst, float64(v))
	case opFloatDouble:
		v := r.Float()
		dst = avrobin.AppendDouble(dst, float64(v))
	case opEnum:
		i := r.Enum(len(o.enumMap))
		if r.Err() != nil {
			break
		}
		if j := o.enumMap[i]; j >= 0 {
			dst = avrobin.AppendInt(dst, j)
		} else {
			r.Fail(o.enumErrs[i])
		}
	case opArray, opMap:
		for n := r.BlockCount(o.minItem); n > 0; n = r.BlockCount(o.minItem) {
			dst = avrobin.AppendLong(dst, int64(n))
			for i := 0; i < n; i++ {
				if o.kind == opMap {
					start := r.Offset()
					r.SkipString()
					if r.Err() != nil {
						return dst
					}
					dst = append(dst, m.src[start:r.Offset()]...)
				}
				dst = m.run(dst, o.elem, depth)
				if r.Err() != nil || m.tooLarge(dst) {
					return dst
				}
			}
		}
		dst = avrobin.AppendLong(dst, 0)
	case opRecord:
		if depth >= avroschema.MaxDepth {
			r.Fail(avroschema.ErrTooDeep)
			break
		}
		for i := range o.steps {
			s := &o.steps[i]
			switch s.kind {
			case stepSkip:
				for _, k := range s.skips {
					m.skip(k, depth+1)
				}
			case stepCopy:
				dst = m.copyValues(dst, depth+1, s.skips...)
			case stepOp:
				dst = m.run(dst, s.op, depth+1)
			case stepDefault:
				dst = append(dst, s.def...)
				m.tooLarge(dst)
			}
			if r.Err() != nil {
				break
			}
		}
	case opReorder:
		dst = m.reorder(dst, o, depth)
	case opUnion, opUnionToOne:
		i := r.Union(len(o.branches))
		if r.Err() != nil {
			break
		}
		b := &o.branches[i]
		if b.err != nil {
			r.Fail(b.err)
			break
		}
		dst = append(dst, b.index...)
		dst = m.run(dst, b.op, depth)
	case opToUnion:
		dst = append(dst, o.index...)
		dst = m.run(dst, o.elem, depth)
	case opFail:
		r.Fail(o.err)
	}
	return dst
}

// reorder handles a record whose fields the reader wants in another order:
// one pass finds where each writer field starts, then each reader field is
// transcoded from its writer field's bytes (or is its default).
func (m *machine) reorder(dst []byte, o *op, depth int) []byte {
	r := &m.r
	if depth >= avroschema.MaxDepth {
		r.Fail(avroschema.ErrTooDeep)
		return dst
	}
	var buf [32]int
	offs := buf[:0]
	if len(o.fields)+1 > len(buf) {
		offs = make([]int, 0, len(o.fields)+1)
	}
	for _, f := range o.fields {
		offs = append(offs, r.Offset())
		m.skip(f, depth+1)
	}
	offs = append(offs, r.Offset())
	if r.Err() != nil {
		return dst
	}
	for i := range o.order {
		f := &o.order[i]
		if f.writer < 0 {
			dst = append(dst, f.def...)
			if m.tooLarge(dst) {
				return dst
			}
			continue
		}
		// The field's bytes were checked by the pass above; the reader is
		// pointed at them and read again with the field's op. Swapping the
		// reader in place, not making another machine, keeps this free of
		// allocation. The view runs to the end of the datum, not of the
		// field: a block's byte size is checked against the bytes left, as
		// in the pass above, and may reach past the field (a reader that
		// decodes the items, as Avro's do, reads on after it).
		saved, savedSrc := m.r, m.src
		m.src = savedSrc[offs[f.writer]:]
		m.r.Reset(m.src)
		dst = m.run(dst, f.op, depth+1)
		err := m.r.Err()
		m.r, m.src = saved, savedSrc
		if err != nil {
			// Report it once, at this record, not at an offset into the field.
			var ae *avrobin.Error
			if errors.As(err, &ae) {
				err = ae.Err
			}
			r.Fail(err)
			return dst
		}
	}
	return dst
}

// copyValues checks the writer values skips describe and appends them as they
// are, except that a value holding an array or map block framed with a byte
// size is written again with every block framed by its count alone: the
// size is what a skipping reader jumps by, the items are what a decoding
// one reads, and once copied into another datum a size that disagrees with
// the items (or now reaches past the output's end) would be read
// differently from the writer's value.
func (m *machine) copyValues(dst []byte, depth int, skips ...*skipper) []byte {
	start, saved := m.r.Offset(), m.r
	m.sized = false
	for _, k := range skips {
		m.skip(k, depth)
	}
	if m.r.Err() != nil {
		return dst
	}
	if !m.sized || m.verbatim {
		return append(dst, m.src[start:m.r.Offset()]...)
	}
	// Read the checked values again, re-framing; the reader then resumes
	// from the check's state, whose item budget counted them once.
	after := m.r
	m.r = saved
	for _, k := range skips {
		dst = m.reframe(dst, k, depth)
	}
	m.r = after
	return dst
}

// reframe appends the writer value s describes, already checked by skip,
// with its array and map blocks framed by their counts alone.
func (m *machine) reframe(dst []byte, s *skipper, depth int) []byte {
	r := &m.r
	switch s.kind {
	case skipArray, skipMap:
		for n := r.BlockCount(s.minItem); n > 0; n = r.BlockCount(s.minItem) {
			dst = avrobin.AppendLong(dst, int64(n))
			for i := 0; i < n; i++ {
				if s.kind == skipMap {
					start := r.Offset()
					r.SkipString()
					if r.Err() != nil {
						return dst
					}
					dst = append(dst, m.src[start:r.Offset()]...)
				}
				dst = m.reframe(dst, s.elem, depth)
				if r.Err() != nil {
					return dst
				}
			}
		}
		return avrobin.AppendLong(dst, 0)
	case skipRecord:
		if depth >= avroschema.MaxDepth {
			r.Fail(avroschema.ErrTooDeep)
			return dst
		}
		for _, p := range s.parts {
			if dst = m.reframe(dst, p, depth+1); r.Err() != nil {
				return dst
			}
		}
		return dst
	case skipUnion:
		start := r.Offset()
		i := r.Union(len(s.parts))
		if r.Err() != nil {
			return dst
		}
		dst = append(dst, m.src[start:r.Offset()]...)
		return m.reframe(dst, s.parts[i], depth)
	}
	start := r.Offset()
	m.skip(s, depth)
	if r.Err() == nil {
		dst = append(dst, m.src[start:r.Offset()]...)
	}
	return dst
}

// blockCount is r.BlockCount, noting a block framed with a byte size: a
// negative count, whose zigzag encoding sets the low bit of its first byte.
func (m *machine) blockCount(minItem int) int {
	if off := m.r.Offset(); off < len(m.src) && m.src[off]&1 != 0 {
		m.sized = true
	}
	return m.r.BlockCount(minItem)
}

func (m *machine) skip(s *skipper, depth int) {
	r := &m.r
	switch s.kind {
	case skipNone:
	case skipBool:
		r.SkipBool()
	case skipInt:
		r.SkipInt()
	case skipLong:
		r.SkipLong()
	case skipFloat:
		r.SkipFloat()
	case skipDouble:
		r.SkipDouble()
	case skipFixed:
		r.SkipFixed(s.n)
	case skipBytes:
		r.SkipBytes()
	case skipEnum:
		r.Enum(s.n)
	case skipArray, skipMap:
		for n := m.blockCount(s.minItem); n > 0; n = m.blockCount(s.minItem) {
			for i := 0; i < n; i++ {
				if s.kind == skipMap {
					r.SkipString()
				}
				m.skip(s.elem, depth)
				if r.Err() != nil {
					return
				}
			}
		}
	case skipRecord:
		if depth >= avroschema.MaxDepth {
			r.Fail(avroschema.ErrTooDeep)
			return
		}
		for _, p := range s.parts {
			m.skip(p, depth+1)
			if r.Err() != nil {
				return
			}
		}
	case skipUnion:
		i := r.Union(len(s.parts))
		if r.Err() == nil {
			m.skip(s.parts[i], depth)
		}
	}
}
