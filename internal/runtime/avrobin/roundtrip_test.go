package avrobin

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hamba/avro/v2"
)

// op is one primitive written with an Append function and read back.
type op struct {
	kind  string
	value any
}

func appendOp(dst []byte, o op) []byte {
	switch v := o.value.(type) {
	case bool:
		return AppendBool(dst, v)
	case int32:
		return AppendInt(dst, v)
	case int64:
		return AppendLong(dst, v)
	case float32:
		return AppendFloat(dst, v)
	case float64:
		return AppendDouble(dst, v)
	case string:
		return AppendString(dst, v)
	case []byte:
		if o.kind == "fixed" {
			return AppendFixed(dst, v)
		}
		return AppendBytes(dst, v)
	}
	panic("unknown op " + o.kind)
}

func readOp(r *Reader, o op) any {
	switch o.kind {
	case "bool":
		return r.Bool()
	case "int":
		return r.Int()
	case "long":
		return r.Long()
	case "float":
		return r.Float()
	case "double":
		return r.Double()
	case "string":
		return r.String()
	case "stringview":
		return r.StringView()
	case "bytes":
		return r.BytesCopy()
	case "bytesview":
		return r.Bytes()
	case "fixed":
		return r.Fixed(len(o.value.([]byte)))
	}
	panic("unknown op " + o.kind)
}

// floatBits compares floats by their bits so NaN, -0 and +0 are told apart.
var floatBits = cmp.Options{
	cmp.Comparer(func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }),
	cmp.Comparer(func(a, b float32) bool { return math.Float32bits(a) == math.Float32bits(b) }),
}

func edgeOps() []op {
	return []op{
		{"bool", true}, {"bool", false},
		{"int", int32(0)}, {"int", int32(-1)}, {"int", int32(1)}, {"int", int32(63)}, {"int", int32(-64)}, {"int", int32(64)},
		{"int", int32(math.MaxInt32)}, {"int", int32(math.MinInt32)},
		{"long", int64(0)}, {"long", int64(math.MaxInt64)}, {"long", int64(math.MinInt64)},
		{"long", int64(math.MaxInt32) + 1}, {"long", int64(math.MinInt32) - 1},
		{"float", float32(0)}, {"float", float32(math.Copysign(0, -1))}, {"float", float32(math.NaN())},
		{"float", float32(math.Inf(1))}, {"float", float32(math.Inf(-1))}, {"float", float32(math.MaxFloat32)},
		{"float", float32(math.SmallestNonzeroFloat32)},
		{"double", 0.0}, {"double", math.Copysign(0, -1)}, {"double", math.NaN()}, {"double", math.Inf(1)},
		{"double", math.Inf(-1)}, {"double", math.MaxFloat64}, {"double", math.SmallestNonzeroFloat64}, {"double", 15.35 * 0.2},
		{"string", ""}, {"string", "héllo, wörld"}, {"string", "\x00\xff"}, {"stringview", "view"},
		{"bytes", []byte{}}, {"bytes", []byte{0, 1, 2, 255}}, {"bytesview", []byte("aliased")},
		{"fixed", []byte{}}, {"fixed", []byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}},
	}
}

func TestRoundTripEdges(t *testing.T) {
	ops := edgeOps()
	var buf []byte
	for _, o := range ops {
		buf = appendOp(buf, o)
	}
	r := NewReader(buf)
	var got, want []any
	for _, o := range ops {
		got = append(got, readOp(r, o))
		want = append(want, o.value)
	}
	if err := r.Done(); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(want, got, floatBits); d != "" {
		t.Errorf("round trip (-want +got):\n%s", d)
	}
}

func randomOp(rng *rand.Rand) op {
	randBytes := func() []byte {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	// Skew integers towards every varint length.
	randInt := func() int64 { return int64(rng.Uint64()) >> rng.IntN(64) }
	switch rng.IntN(10) {
	case 0:
		return op{"bool", rng.IntN(2) == 1}
	case 1:
		return op{"int", int32(randInt())}
	case 2:
		return op{"long", randInt()}
	case 3:
		return op{"float", math.Float32frombits(rng.Uint32())}
	case 4:
		return op{"double", math.Float64frombits(rng.Uint64())}
	case 5:
		return op{"string", string(randBytes())}
	case 6:
		return op{"stringview", string(randBytes())}
	case 7:
		return op{"bytes", randBytes()}
	case 8:
		return op{"bytesview", randBytes()}
	default:
		return op{"fixed", randBytes()}
	}
}

// sameValues is a fast equality for the property test (cmp.Diff is slow
// under the race detector); cmp explains a mismatch.
func sameValues(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		switch x := a[i].(type) {
		case float32:
			y, ok := b[i].(float32)
			if !ok || math.Float32bits(x) != math.Float32bits(y) {
				return false
			}
		case float64:
			y, ok := b[i].(float64)
			if !ok || math.Float64bits(x) != math.Float64bits(y) {
				return false
			}
		case []byte:
			y, ok := b[i].([]byte)
			if !ok || string(x) != string(y) {
				return false
			}
		default:
			if a[i] != b[i] {
				return false
			}
		}
	}
	return true
}

func TestRoundTripProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	var r Reader
	for range 2000 {
		ops := make([]op, 1+rng.IntN(30))
		var buf []byte
		for i := range ops {
			ops[i] = randomOp(rng)
			buf = appendOp(buf, ops[i])
		}
		r.Reset(buf)
		var got, want []any
		for _, o := range ops {
			got = append(got, readOp(&r, o))
			want = append(want, o.value)
		}
		if err := r.Done(); err != nil {
			t.Fatal(err)
		}
		// Fixed(0) over an empty input is nil; the aliasing reads promise no more.
		if !sameValues(want, got) {
			t.Fatalf("round trip (-want +got):\n%s", cmp.Diff(want, got, floatBits, cmpopts.EquateEmpty()))
		}
		// Every proper prefix fails cleanly with ErrTruncated or leaves fewer values.
		cut := rng.IntN(len(buf) + 1)
		r.Reset(buf[:cut])
		for _, o := range ops {
			readOp(&r, o)
		}
		if cut < len(buf) && r.Err() == nil {
			t.Fatalf("reading %d of %d bytes gave no error", cut, len(buf))
		}
	}
}

// TestAgainstHamba checks that the encodings match an independent Avro
// implementation, both ways.
func TestAgainstHamba(t *testing.T) {
	schemas := map[string]avro.Schema{}
	for _, s := range []string{"boolean", "int", "long", "float", "double", "string", "bytes"} {
		schemas[s] = avro.MustParse(`"` + s + `"`)
	}
	schemaOf := map[string]string{"bool": "boolean", "stringview": "string", "bytesview": "bytes"}
	rng := rand.New(rand.NewPCG(3, 4))
	ops := edgeOps()
	for range 5000 {
		ops = append(ops, randomOp(rng))
	}
	for _, o := range ops {
		if o.kind == "fixed" {
			continue
		}
		name := o.kind
		if s, ok := schemaOf[name]; ok {
			name = s
		}
		want, err := avro.Marshal(schemas[name], o.value)
		if err != nil {
			t.Fatalf("hamba Marshal(%s, %v): %v", name, o.value, err)
		}
		if got := appendOp(nil, o); string(got) != string(want) {
			t.Fatalf("%s %v: we write % x, hamba % x", o.kind, o.value, got, want)
		}
	}

	// Arrays and maps as hamba writes them (blocks of BlockLength items).
	longs := make([]int64, 250)
	for i := range longs {
		longs[i] = int64(rng.Uint64()) >> rng.IntN(64)
	}
	buf, err := avro.Marshal(avro.MustParse(`{"type":"array","items":"long"}`), longs)
	if err != nil {
		t.Fatal(err)
	}
	r := NewReader(buf)
	var got []int64
	for n := r.BlockCount(1); n > 0; n = r.BlockCount(1) {
		for range n {
			got = append(got, r.Long())
		}
	}
	if err := r.Done(); err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(longs, got); d != "" {
		t.Errorf("array (-hamba +ours):\n%s", d)
	}
	mine := AppendLong(nil, int64(len(longs)))
	for _, v := range longs {
		mine = AppendLong(mine, v)
	}
	mine = AppendLong(mine, 0)
	var back []int64
	if err := avro.Unmarshal(avro.MustParse(`{"type":"array","items":"long"}`), mine, &back); err != nil || !cmp.Equal(back, longs) {
		t.Errorf("hamba reading our array: %v", err)
	}

	m := map[string]float64{"a": 1.5, "b": math.Inf(-1), "": 0}
	mine = AppendLong(nil, int64(len(m)))
	for k, v := range m {
		mine = AppendString(mine, k)
		mine = AppendDouble(mine, v)
	}
	mine = AppendLong(mine, 0)
	var backMap map[string]float64
	if err := avro.Unmarshal(avro.MustParse(`{"type":"map","values":"double"}`), mine, &backMap); err != nil || !cmp.Equal(backMap, m) {
		t.Errorf("hamba reading our map: %v %v", backMap, err)
	}
}

func TestBytesAliasing(t *testing.T) {
	buf := AppendBytes(nil, []byte("abc"))
	buf = AppendString(buf, "xyz")
	r := NewReader(buf)
	b := r.Bytes()
	s := r.StringView()
	buf[1], buf[5] = 'A', 'X'
	if string(b) != "Abc" || s != "Xyz" {
		t.Errorf("Bytes/StringView do not alias: %q %q", b, s)
	}
	if cap(b) != len(b) {
		t.Errorf("Bytes capacity %d exceeds its length %d", cap(b), len(b))
	}
	r.Reset(buf)
	c := r.BytesCopy()
	s2 := r.String()
	buf[1], buf[5] = 'a', 'x'
	if string(c) != "Abc" || s2 != "Xyz" {
		t.Errorf("BytesCopy/String alias: %q %q", c, s2)
	}
	r.Reset([]byte{0})
	if c := r.BytesCopy(); c == nil || len(c) != 0 {
		t.Errorf("BytesCopy of empty = %#v; want non-nil empty", c)
	}
}

func TestSkips(t *testing.T) {
	var buf []byte
	buf = AppendBool(buf, true)
	buf = AppendInt(buf, -70000)
	buf = AppendLong(buf, math.MinInt64)
	buf = AppendFloat(buf, 1.5)
	buf = AppendDouble(buf, 2.5)
	buf = AppendBytes(buf, []byte("skip me"))
	buf = AppendString(buf, "and me")
	buf = AppendFixed(buf, []byte{1, 2, 3})
	buf = AppendLong(buf, 42)
	r := NewReader(buf)
	r.SkipBool()
	r.SkipInt()
	r.SkipLong()
	r.SkipFloat()
	r.SkipDouble()
	r.SkipBytes()
	r.SkipString()
	r.SkipFixed(3)
	if v := r.Long(); v != 42 || r.Done() != nil {
		t.Fatalf("after skips: %d, %v", v, r.Done())
	}
}

func TestEnumUnion(t *testing.T) {
	buf := AppendInt(nil, 2)
	buf = AppendLong(buf, 1)
	r := NewReader(buf)
	if e, u := r.Enum(3), r.Union(2); e != 2 || u != 1 || r.Done() != nil {
		t.Fatalf("Enum, Union = %d, %d, %v", e, u, r.Done())
	}
	r.Reset([]byte{0})
	if r.Union(0); r.Err() == nil {
		t.Fatal("Union(0) accepted index 0")
	}
}

func TestZeroReader(t *testing.T) {
	var r Reader
	if r.Long() != 0 || r.Err() == nil {
		t.Fatal("zero Reader read a value")
	}
	r.Reset([]byte{4})
	if r.Long() != 2 || r.Done() != nil {
		t.Fatal("Reset did not clear the error")
	}
}

func TestAppendNoAlloc(t *testing.T) {
	dst := make([]byte, 0, 256)
	b := []byte("bytes")
	allocs := testing.AllocsPerRun(100, func() {
		d := AppendBool(dst[:0], true)
		d = AppendInt(d, math.MinInt32)
		d = AppendLong(d, math.MaxInt64)
		d = AppendFloat(d, 1)
		d = AppendDouble(d, 2)
		d = AppendBytes(d, b)
		d = AppendString(d, "string")
		_ = AppendFixed(d, b)
	})
	if allocs != 0 {
		t.Errorf("Append functions allocate %v times", allocs)
	}
}
