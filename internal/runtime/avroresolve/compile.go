package avroresolve

import (
	"fmt"
	"strings"

	"github.com/streamc/streamc/internal/runtime/avrobin"
	"github.com/streamc/streamc/internal/runtime/avroschema"
)

type opKind uint8

const (
	opCopy        opKind = iota // check the writer value and copy its bytes
	opIntLong                   // promotions
	opIntFloat                  //
	opIntDouble                 //
	opLongFloat                 //
	opLongDouble                //
	opFloatDouble               //
	opEnum                      // map the symbol index
	opArray                     // transcode each item
	opMap                       // copy each key, transcode each value
	opRecord                    // steps in writer order (reader order agrees)
	opReorder                   // locate writer fields, then emit in reader order
	opUnion                     // writer union to reader union
	opUnionToOne                // writer union to a reader that is not a union
	opToUnion                   // writer type to one branch of a reader union
	opFail                      // a datum that reaches here cannot be read
)

// op is one node of a compiled program. Programs are trees, except that a
// recursive record pair is compiled once and refers to itself.
type op struct {
	kind opKind

	skip *skipper // opCopy

	elem    *op // opArray items, opMap values, opToUnion branch
	minItem int // opArray, opMap: fewest bytes one writer item takes

	index []byte // opToUnion: the reader branch index, encoded

	enumMap  []int32 // opEnum: writer index -> reader index, -1 if none
	enumErrs []error // opEnum: the error for each writer index without one

	steps []step // opRecord

	fields []*skipper     // opReorder: every writer field
	order  []reorderField // opReorder: every reader field

	branches []branch // opUnion, opUnionToOne: one per writer branch

	err error // opFail
}

type stepKind uint8

const (
	stepSkip    stepKind = iota // skip writer fields
	stepCopy                    // skip writer fields and copy their bytes
	stepOp                      // transcode one writer field
	stepDefault                 // append a reader default
)

type step struct {
	kind  stepKind
	skips []*skipper
	op    *op
	def   []byte
}

type reorderField struct {
	writer int // writer field index, or -1 for a default
	op     *op
	def    []byte
}

type branch struct {
	index []byte // the reader union index, encoded; nil for opUnionToOne
	op    *op    // nil when err is set
	err   error
}

type pair struct{ w, r *avroschema.Node }

// compiler memoizes record pairs, so recursion terminates. A pair is in the
// memo from the start of its compilation; when it fails, every pair memoized
// since is dropped, because it may have assumed the failed pair would work.
// Failures are kept: a pair that fails under that assumption fails anyway.
type compiler struct {
	writer, reader *avroschema.Schema
	memo           map[pair]*op
	log            []pair
	failed         map[pair]error
	skips          map[*avroschema.Node]*skipper
	path           []string
}

func newCompiler(writer, reader *avroschema.Schema) *compiler {
	return &compiler{
		writer: writer, reader: reader,
		memo:   map[pair]*op{},
		failed: map[pair]error{},
		skips:  map[*avroschema.Node]*skipper{},
	}
}

func (c *compiler) push(format string, args ...any) {
	c.path = append(c.path, fmt.Sprintf(format, args...))
}
func (c *compiler) pop() { c.path = c.path[:len(c.path)-1] }

// fail builds an error for the current path.
func (c *compiler) fail(format string, args ...any) error {
	return &IncompatibleError{
		Writer: c.writer, Reader: c.reader,
		Path:   strings.Join(c.path, ": "),
		Reason: fmt.Sprintf(format, args...),
	}
}

func (c *compiler) copyOp(w *avroschema.Node) *op { return &op{kind: opCopy, skip: c.skipper(w)} }

func (c *compiler) compile(w, r *avroschema.Node) (*op, error) {
	if w.Kind == avroschema.Union {
		return c.writerUnion(w, r)
	}
	if r.Kind == avroschema.Union {
		i, o, err := c.pick(w, r)
		if err != nil {
			return nil, err
		}
		return &op{kind: opToUnion, index: avrobin.AppendLong(nil, int64(i)), elem: o}, nil
	}
	if w.Kind == r.Kind {
		switch w.Kind {
		case avroschema.Record:
			return c.record(w, r)
		case avroschema.Enum:
			return c.enum(w, r)
		case avroschema.Fixed:
			if !namesMatch(w, r) {
				return nil, c.nameError(w, r)
			}
			if w.Size != r.Size {
				return nil, c.fail("fixed %s has size %d but reader fixed %s has size %d", w.FullName, w.Size, r.FullName, r.Size)
			}
			if err := c.decimals(w, r); err != nil {
				return nil, err
			}
		case avroschema.Bytes:
			if err := c.decimals(w, r); err != nil {
				return nil, err
			}
		case avroschema.Array:
			c.push("array items")
			e, err := c.compile(w.Items, r.Items)
			c.pop()
			if err != nil {
				return nil, err
			}
			if e.kind == opCopy {
				break
			}
			return &op{kind: opArray, elem: e, minItem: w.Items.MinSize()}, nil
		case avroschema.Map:
			c.push("map values")
			e, err := c.compile(w.Values, r.Values)
			c.pop()
			if err != nil {
				return nil, err
			}
			if e.kind == opCopy {
				break
			}
			return &op{kind: opMap, elem: e, minItem: 1 + w.Values.MinSize()}, nil
		}
		return c.copyOp(w), nil
	}
	if k, ok := promotion(w.Kind, r.Kind); ok {
		if k == opCopy {
			return c.copyOp(w), nil // string and bytes share an encoding
		}
		return &op{kind: k}, nil
	}
	if isPrimitive(w.Kind) && isPrimitive(r.Kind) && w.Kind != avroschema.Null && r.Kind != avroschema.Null {
		return nil, c.fail("writer type %s cannot be promoted to %s", w.TypeName(), r.TypeName())
	}
	return nil, c.fail("writer type %s does not match reader type %s", w.TypeName(), r.TypeName())
}

func isPrimitive(k avroschema.Kind) bool { return k >= avroschema.Null && k <= avroschema.String }

// promotion returns the op for a promotion the specification allows.
func promotion(w, r avroschema.Kind) (opKind, bool) {
	const (
		i = avroschema.Int
		l = avroschema.Long
		f = avroschema.Float
		d = avroschema.Double
		s = avroschema.String
		b = avroschema.Bytes
	)
	switch {
	case w == i && r == l:
		return opIntLong, true
	case w == i && r == f:
		return opIntFloat, true
	case w == i && r == d:
		return opIntDouble, true
	case w == l && r == f:
		return opLongFloat, true
	case w == l && r == d:
		return opLongDouble, true
	case w == f && r == d:
		return opFloatDouble, true
	case w == s && r == b, w == b && r == s:
		return opCopy, true
	}
	return 0, false
}

// decimals applies the specification's rule that two decimals match only if
// their precisions and scales do; a scale change would silently rescale.
func (c *compiler) decimals(w, r *avroschema.Node) error {
	if w.Logical != avroschema.LogicalDecimal || r.Logical != avroschema.LogicalDecimal {
		return nil
	}
	if w.Precision != r.Precision || w.Scale != r.Scale {
		return c.fail("writer decimal(%d,%d) does not match reader decimal(%d,%d): precision and scale must be equal",
			w.Precision, w.Scale, r.Precision, r.Scale)
	}
	return nil
}

// namesMatch: equal unqualified names, as the specification says, or the
// writer's full name among the reader's aliases.
func namesMatch(w, r *avroschema.Node) bool {
	if w.Name == r.Name || w.FullName == r.FullName {
		return true
	}
	for _, a := range r.Aliases {
		if a == w.FullName {
			return true
		}
	}
	return false
}

func (c *compiler) nameError(w, r *avroschema.Node) error {
	return c.fail("writer %s and reader %s have different names and the reader has no alias %q",
		w.TypeName(), r.TypeName(), w.FullName)
}

func (c *compiler) record(w, r *avroschema.Node) (*op, error) {
	key := pair{w, r}
	if err := c.failed[key]; err != nil {
		return nil, err
	}
	if o := c.memo[key]; o != nil {
		return o, nil // compiled, or being compiled further up
	}
	if !namesMatch(w, r) {
		err := c.nameError(w, r)
		c.failed[key] = err
		return nil, err
	}
	o := &op{kind: opRecord}
	mark := len(c.log)
	c.memo[key] = o
	c.log = append(c.log, key)
	if err := c.fillRecord(o, w, r); err != nil {
		for _, k := range c.log[mark:] {
			delete(c.memo, k)
		}
		c.log = c.log[:mark]
		c.failed[key] = err
		return nil, err
	}
	return o, nil
}

func (c *compiler) fillRecord(o *op, w, r *avroschema.Node) error {
	// Match reader fields to writer fields: names first, then aliases, each
	// writer field used once.
	byName := make(map[string]int, len(w.Fields))
	for i, wf := range w.Fields {
		byName[wf.Name] = i
	}
	match := make([]int, len(r.Fields))
	used := make([]bool, len(w.Fields))
	for j, rf := range r.Fields {
		match[j] = -1
		if i, ok := byName[rf.Name]; ok {
			match[j] = i
			used[i] = true
		}
	}
	for j, rf := range r.Fields {
		for _, a := range rf.Aliases {
			if match[j] >= 0 {
				break
			}
			if i, ok := byName[a]; ok && !used[i] {
				match[j] = i
				used[i] = true
			}
		}
	}

	ops := make([]*op, len(r.Fields))
	defs := make([][]byte, len(r.Fields))
	for j, rf := range r.Fields {
		c.push("field %q", rf.Name)
		if match[j] < 0 {
			if !rf.HasDefault {
				c.pop()
				return c.fail("reader field %q is missing from the writer and has no default", rf.Name)
			}
			def, err := avroschema.AppendDefault(nil, rf.Type, rf.Default)
			if err != nil {
				c.pop()
				return c.fail("reader field %q: invalid default: %v", rf.Name, err)
			}
			defs[j] = def
			c.pop()
			continue
		}
		sub, err := c.compile(w.Fields[match[j]].Type, rf.Type)
		c.pop()
		if err != nil {
			return err
		}
		ops[j] = sub
	}

	monotone := true
	last := -1
	for _, wi := range match {
		if wi < 0 {
			continue
		}
		if wi < last {
			monotone = false
		}
		last = wi
	}
	if !monotone {
		o.kind = opReorder
		o.fields = make([]*skipper, len(w.Fields))
		for i, wf := range w.Fields {
			o.fields[i] = c.skipper(wf.Type)
		}
		o.order = make([]reorderField, len(r.Fields))
		for j := range r.Fields {
			o.order[j] = reorderField{writer: match[j], op: ops[j], def: defs[j]}
		}
		return nil
	}

	var steps []step
	add := func(s step) {
		if n := len(steps); n > 0 {
			prev := &steps[n-1]
			switch {
			case s.kind == stepSkip && prev.kind == stepSkip, s.kind == stepCopy && prev.kind == stepCopy:
				prev.skips = mergeSkips(prev.skips, s.skips)
				return
			case s.kind == stepDefault && prev.kind == stepDefault:
				prev.def = append(prev.def[:len(prev.def):len(prev.def)], s.def...)
				return
			}
		}
		steps = append(steps, s)
	}
	skipTo := func(from, to int) {
		for i := from; i < to; i++ {
			if s := c.skipper(w.Fields[i].Type); s.kind != skipNone {
				add(step{kind: stepSkip, skips: []*skipper{s}})
			}
		}
	}
	next := 0
	for j := range r.Fields {
		wi := match[j]
		if wi < 0 {
			if len(defs[j]) > 0 {
				add(step{kind: stepDefault, def: defs[j]})
			}
			continue
		}
		skipTo(next, wi)
		next = wi + 1
		if ops[j].kind == opCopy {
			if ops[j].skip.kind != skipNone {
				add(step{kind: stepCopy, skips: []*skipper{ops[j].skip}})
			}
			continue
		}
		add(step{kind: stepOp, op: ops[j]})
	}
	skipTo(next, len(w.Fields))

	// A record whose every field copies is itself a copy.
	if len(steps) == 0 || (len(steps) == 1 && steps[0].kind == stepCopy) {
		if len(r.Fields) == len(w.Fields) && allMatchedInOrder(match) {
			o.kind = opCopy
			o.skip = c.skipper(w)
			return nil
		}
	}
	o.steps = steps
	return nil
}

func allMatchedInOrder(match []int) bool {
	for j, wi := range match {
		if wi != j {
			return false
		}
	}
	return true
}

func (c *compiler) enum(w, r *avroschema.Node) (*op, error) {
	if !namesMatch(w, r) {
		return nil, c.nameError(w, r)
	}
	o := &op{kind: opEnum, enumMap: make([]int32, len(w.Symbols)), enumErrs: make([]error, len(w.Symbols))}
	index := make(map[string]int, len(r.Symbols))
	for j, s := range r.Symbols {
		index[s] = j
	}
	same := true
	for i, s := range w.Symbols {
		j, ok := index[s]
		if !ok {
			j = -1
			if r.HasEnumDefault {
				j = index[r.EnumDefault]
			} else {
				o.enumErrs[i] = c.fail("writer symbol %q is not in reader enum %s, which has no default", s, r.FullName)
			}
		}
		o.enumMap[i] = int32(j)
		if j != i {
			same = false
		}
	}
	if same {
		return c.copyOp(w), nil
	}
	return o, nil
}

// writerUnion resolves each writer branch on its own. A branch that cannot
// be read becomes an error for the data that use it.
func (c *compiler) writerUnion(w, r *avroschema.Node) (*op, error) {
	o := &op{kind: opUnionToOne, branches: make([]branch, len(w.Branches))}
	toUnion := r.Kind == avroschema.Union
	if toUnion {
		o.kind = opUnion
	}
	same := toUnion && len(w.Branches) == len(r.Branches)
	for i, wb := range w.Branches {
		c.push("writer union branch %d (%s)", i, wb.TypeName())
		var (
			ri  int
			bo  *op
			err error
		)
		if toUnion {
			ri, bo, err = c.pick(wb, r)
		} else {
			bo, err = c.compile(wb, r)
		}
		c.pop()
		if err != nil {
			o.branches[i].err = err
			same = false
			continue
		}
		o.branches[i].op = bo
		if toUnion {
			o.branches[i].index = avrobin.AppendLong(nil, int64(ri))
			if ri != i || bo.kind != opCopy {
				same = false
			}
		}
	}
	if same {
		return c.copyOp(w), nil
	}
	return o, nil
}

// pick chooses the reader union branch for a non-union writer type: the
// first branch of the same type (for named types, the exact full name before
// a match by unqualified name or alias) that resolves, else the first branch
// the writer type promotes to.
func (c *compiler) pick(w, ru *avroschema.Node) (int, *op, error) {
	var candidates []int
	if w.Kind.Named() {
		for i, b := range ru.Branches {
			if b.Kind == w.Kind && b.FullName == w.FullName {
				candidates = append(candidates, i)
			}
		}
		for i, b := range ru.Branches {
			if b.Kind == w.Kind && b.FullName != w.FullName && namesMatch(w, b) {
				candidates = append(candidates, i)
			}
		}
	} else {
		for i, b := range ru.Branches {
			if b.Kind == w.Kind {
				candidates = append(candidates, i)
			}
		}
	}
	var firstErr error
	for _, i := range candidates {
		o, err := c.compile(w, ru.Branches[i])
		if err == nil {
			return i, o, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	for i, b := range ru.Branches {
		if _, ok := promotion(w.Kind, b.Kind); ok && b.Kind != w.Kind {
			if o, err := c.compile(w, b); err == nil {
				return i, o, nil
			} else if firstErr == nil {
				firstErr = err
			}
		}
	}
	if firstErr != nil {
		return 0, nil, firstErr
	}
	names := make([]string, len(ru.Branches))
	for i, b := range ru.Branches {
		names[i] = b.TypeName()
	}
	return 0, nil, c.fail("writer type %s matches no branch of reader union [%s]", w.TypeName(), strings.Join(names, ", "))
}
