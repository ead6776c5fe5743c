// Package testval fills generated records with random values and turns them
// into generic trees, for round-trip and differential tests of generated
// codecs. It uses reflection, so it is for tests only: generated code and the
// runtime never import it.
package testval

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"time"

	"github.com/cockroachdb/apd/v3"
)

// Options shape the random values.
type Options struct {
	// NoNulls makes every nullable value valid.
	NoNulls bool
	// NoSpecialFloats leaves out NaN, infinities and -0.
	NoSpecialFloats bool
	// MillisOnly rounds timestamps to milliseconds (what Spark's default JSON
	// and CSV timestamp text keeps).
	MillisOnly bool
	// NoEmptyStrings avoids "", which CSV reads back as null by default.
	NoEmptyStrings bool
	// ASCII limits strings to printable ASCII.
	ASCII bool
	// MaxLen bounds slices and strings (default 4 and 12).
	MaxSlice, MaxString int
	// Decimal gives the precision and scale of a decimal field, by its Go
	// field path ("Items.Price"); default decimal(10,2).
	Decimal func(path string) (precision, scale int)
}

var (
	decimalType = reflect.TypeOf(apd.Decimal{})
	// Spark's range: 0001-01-01 to 9999-12-31.
	minSecond, maxSecond = int64(-62135596800), int64(253402300799)
	minDay, maxDay       = int64(-719162), int64(2932896)
)

// Fill sets every field of the struct ptr points to.
func Fill(ptr any, r *rand.Rand, o Options) {
	if o.MaxSlice == 0 {
		o.MaxSlice = 4
	}
	if o.MaxString == 0 {
		o.MaxString = 12
	}
	fill(reflect.ValueOf(ptr).Elem(), r, &o, "", 0)
}

func fill(v reflect.Value, r *rand.Rand, o *Options, path string, depth int) {
	t := v.Type()
	if isNull(t) {
		valid := o.NoNulls || r.IntN(4) != 0
		v.FieldByName("Valid").SetBool(valid)
		if valid {
			fill(v.FieldByName("V"), r, o, path, depth)
		}
		return
	}
	if t == decimalType {
		p, s := 10, 2
		if o.Decimal != nil {
			p, s = o.Decimal(path)
		}
		v.Set(reflect.ValueOf(randDecimal(r, p, s)))
		return
	}
	switch t.Kind() {
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 1)
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		bits := t.Bits()
		switch {
		case strings.HasSuffix(t.Name(), "Timestamp") || strings.HasSuffix(t.Name(), "TimestampNTZ"):
			us := (r.Int64N(maxSecond-minSecond)+minSecond)*1_000_000 + r.Int64N(1_000_000)
			if o.MillisOnly {
				us -= us % 1000
			}
			v.SetInt(us)
		case t.Name() == "Date":
			v.SetInt(r.Int64N(maxDay-minDay+1) + minDay)
		default:
			v.SetInt(randInt(r, bits))
		}
	case reflect.Float32:
		v.SetFloat(float64(randFloat32(r, o)))
	case reflect.Float64:
		v.SetFloat(randFloat64(r, o))
	case reflect.String:
		v.SetString(randString(r, o))
	case reflect.Slice:
		n := r.IntN(o.MaxSlice + 1)
		if depth > 3 {
			n = 0
		}
		s := reflect.MakeSlice(t, n, n)
		for i := 0; i < n; i++ {
			fill(s.Index(i), r, o, path, depth+1)
		}
		if t.Elem().Kind() == reflect.Uint8 {
			b := make([]byte, n*3)
			for i := range b {
				b[i] = byte(r.IntN(256))
			}
			s = reflect.ValueOf(b).Convert(t)
		}
		v.Set(s)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if !t.Field(i).IsExported() {
				continue
			}
			p := t.Field(i).Name
			if path != "" && !isEntry(t) {
				p = path + "." + p
			} else if isEntry(t) {
				p = path
			}
			fill(v.Field(i), r, o, p, depth+1)
		}
	}
}

// isNull reports whether t is sqltypes.Null[T].
func isNull(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && strings.HasPrefix(t.Name(), "Null[") && t.NumField() == 2 &&
		t.Field(0).Name == "V" && t.Field(1).Name == "Valid"
}

func isEntry(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && strings.HasPrefix(t.Name(), "Entry[")
}

func randInt(r *rand.Rand, bits int) int64 {
	switch r.IntN(5) {
	case 0:
		return 0
	case 1:
		return -1 << (bits - 1) // minimum
	case 2:
		return 1<<(bits-1) - 1 // maximum
	}
	return int64(r.Uint64()) >> (64 - bits)
}

func randFloat64(r *rand.Rand, o *Options) float64 {
	if !o.NoSpecialFloats {
		switch r.IntN(12) {
		case 0:
			return math.NaN()
		case 1:
			return math.Inf(1 - 2*r.IntN(2))
		case 2:
			return math.Copysign(0, -1)
		}
	}
	switch r.IntN(4) {
	case 0:
		return float64(r.IntN(100000)) / 100 // prices
	case 1:
		return math.Float64frombits(r.Uint64()&^(0x7ff<<52) | uint64(r.IntN(0x7fe)+1)<<52)
	}
	return (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(40)-20))
}

func randFloat32(r *rand.Rand, o *Options) float32 {
	f := randFloat64(r, o)
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return float32(f)
	}
	f32 := float32(f)
	if math.IsInf(float64(f32), 0) {
		return math.MaxFloat32
	}
	return f32
}

var specials = []string{`"`, `\`, "\n", "\t", "\x00", "\x1f", "<", "&", ">", "é", "日本", "😀", "\u2028", " ", ",", "'", "/"}

func randString(r *rand.Rand, o *Options) string {
	n := r.IntN(o.MaxString + 1)
	if n == 0 && o.NoEmptyStrings {
		n = 1
	}
	var b strings.Builder
	for b.Len() < n {
		if !o.ASCII && r.IntN(4) == 0 {
			b.WriteString(specials[r.IntN(len(specials))])
			continue
		}
		b.WriteByte(byte('!' + r.IntN(94)))
	}
	return b.String()
}

func randDecimal(r *rand.Rand, precision, scale int) apd.Decimal {
	digits := r.IntN(precision) + 1
	var coeff apd.BigInt
	ten := apd.NewBigInt(10)
	for i := 0; i < digits; i++ {
		coeff.Mul(&coeff, ten)
		coeff.Add(&coeff, apd.NewBigInt(int64(r.IntN(10))))
	}
	d := apd.Decimal{Exponent: int32(-scale)}
	d.Coeff.Set(&coeff)
	d.Negative = r.IntN(2) == 1 && coeff.Sign() != 0
	return d
}

// Now returns a fixed time, so tests that print times are stable.
func Now() time.Time { return time.Date(2020, 7, 25, 14, 55, 0, 137_000_000, time.UTC) }
