package avroconf

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/cockroachdb/apd/v3"

	"github.com/streamc/streamc/internal/runtime/avroschema"
	"github.com/streamc/streamc/internal/testutil/avrovectors"
)

// Member and Object are JSON objects in order, rendered or expected: Avro
// maps keep theirs.
type (
	Member = avrovectors.Member
	Object = avrovectors.Object
)

// sqltypesPath is the package of sqltypes.Null and sqltypes.Entry.
const sqltypesPath = "github.com/streamc/streamc/runtime/sqltypes"

// render turns v, a value of a generated Go type holding a datum of the
// reader schema n, into the form the vectors' expected values take: the
// Spark shapes streamc gives Avro types are read back through the Avro
// schema (an enum is a string, a struct of members is the one member set,
// a timestamp is microseconds whatever the Avro unit). The result holds
// nil, bool, json.Number (integers), float32, float64, string, []any and
// Object. v must be addressable (decimals are read in place). Go types that
// are not the ones the generator should have chosen are errors too.
func render(n *avroschema.Node, v reflect.Value) (any, error) {
	if v.Kind() == reflect.Pointer {
		// Only records recur (a union of one record branch is that record).
		if n.Kind != avroschema.Record && n.Kind != avroschema.Union {
			return nil, fmt.Errorf("%s held as %s", n.TypeName(), v.Type())
		}
		if v.IsNil() {
			return nil, fmt.Errorf("%s is a nil pointer", n.TypeName())
		}
		v = v.Elem()
	}
	if isNull(v.Type()) && n.Kind != avroschema.Union && n.Kind != avroschema.Null {
		return nil, fmt.Errorf("%s held as %s, which is nullable", n.TypeName(), v.Type())
	}
	want := func(types ...string) error {
		for _, t := range types {
			if v.Type().String() == t {
				return nil
			}
		}
		return fmt.Errorf("%s held as %s, want %s", n.TypeName(), v.Type(), strings.Join(types, " or "))
	}
	switch n.Kind {
	case avroschema.Null:
		// A "null" field is a NULL that is never set; a null branch shows
		// as the union's wrapper.
		if isNull(v.Type()) {
			if v.FieldByName("Valid").Bool() {
				return nil, fmt.Errorf("null held as a valid %s", v.Type())
			}
			return nil, nil
		}
		return nil, want("struct {}")
	case avroschema.Union:
		return renderUnion(n, v)
	case avroschema.Boolean:
		if err := want("bool"); err != nil {
			return nil, err
		}
		return v.Bool(), nil
	case avroschema.Int:
		switch n.Logical {
		case avroschema.LogicalDate:
			if err := want("sqltypes.Date"); err != nil {
				return nil, err
			}
			return time.Unix(v.Int()*86400, 0).UTC().Format("2006-01-02"), nil
		case avroschema.LogicalTimeMillis:
			if err := want("int32"); err != nil {
				return nil, err
			}
			ms := v.Int()
			return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000), nil
		}
		if err := want("int32"); err != nil {
			return nil, err
		}
		return json.Number(strconv.FormatInt(v.Int(), 10)), nil
	case avroschema.Long:
		return renderLong(n, v, want)
	case avroschema.Float:
		if err := want("float32"); err != nil {
			return nil, err
		}
		return float32(v.Float()), nil
	case avroschema.Double:
		if err := want("float64"); err != nil {
			return nil, err
		}
		return v.Float(), nil
	case avroschema.Bytes, avroschema.Fixed:
		if n.Logical == avroschema.LogicalDecimal {
			if err := want("apd.Decimal"); err != nil {
				return nil, err
			}
			return decimalString(v.Addr().Interface().(*apd.Decimal), n.Scale)
		}
		if err := want("[]uint8"); err != nil {
			return nil, err
		}
		b := v.Bytes()
		if n.Kind == avroschema.Fixed && len(b) != n.Size {
			return nil, fmt.Errorf("%s holds %d bytes", n.TypeName(), len(b))
		}
		return latin1String(b), nil
	case avroschema.String, avroschema.Enum:
		if err := want("string"); err != nil {
			return nil, err
		}
		return v.String(), nil
	case avroschema.Array:
		if v.Kind() != reflect.Slice || v.Type().Elem().Kind() == reflect.Uint8 {
			return nil, fmt.Errorf("array held as %s", v.Type())
		}
		out := make([]any, v.Len())
		for i := range out {
			e, err := render(n.Items, v.Index(i))
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			out[i] = e
		}
		return out, nil
	case avroschema.Map:
		if v.Kind() != reflect.Slice || !isEntry(v.Type().Elem()) {
			return nil, fmt.Errorf("map held as %s", v.Type())
		}
		out := make(Object, v.Len())
		for i := range out {
			e := v.Index(i)
			key := e.FieldByName("Key")
			if key.Kind() != reflect.String {
				return nil, fmt.Errorf("map key held as %s", key.Type())
			}
			val, err := render(n.Values, e.FieldByName("Value"))
			if err != nil {
				return nil, fmt.Errorf("[%q]: %w", key.String(), err)
			}
			out[i] = Member{Key: key.String(), Val: val}
		}
		return out, nil
	case avroschema.Record:
		if v.Kind() != reflect.Struct || v.NumField() != len(n.Fields) {
			return nil, fmt.Errorf("%s (%d fields) held as %s", n.TypeName(), len(n.Fields), v.Type())
		}
		out := make(Object, len(n.Fields))
		for i, f := range n.Fields {
			val, err := render(f.Type, v.Field(i))
			if err != nil {
				return nil, fmt.Errorf(".%s: %w", f.Name, err)
			}
			out[i] = Member{Key: f.Name, Val: val}
		}
		return out, nil
	}
	return nil, fmt.Errorf("no rendering for %s", n.TypeName())
}

// renderLong renders a long with its logical type. Spark holds every
// timestamp in microseconds, so millisecond values must come back whole.
func renderLong(n *avroschema.Node, v reflect.Value, want func(...string) error) (any, error) {
	millis := func() (int64, error) {
		us := v.Int()
		if us%1000 != 0 {
			return 0, fmt.Errorf("%s of %d µs is not whole milliseconds", n.TypeName(), us)
		}
		return us / 1000, nil
	}
	switch n.Logical {
	case avroschema.LogicalTimeMicros:
		if err := want("int64"); err != nil {
			return nil, err
		}
		us := v.Int()
		return fmt.Sprintf("%02d:%02d:%02d.%06d", us/3600000000, us/60000000%60, us/1000000%60, us%1000000), nil
	case avroschema.LogicalTimestampMillis:
		if err := want("sqltypes.Timestamp"); err != nil {
			return nil, err
		}
		ms, err := millis()
		if err != nil {
			return nil, err
		}
		return time.UnixMilli(ms).UTC().Format("2006-01-02T15:04:05.000Z"), nil
	case avroschema.LogicalTimestampMicros:
		if err := want("sqltypes.Timestamp"); err != nil {
			return nil, err
		}
		return time.UnixMicro(v.Int()).UTC().Format("2006-01-02T15:04:05.000000Z"), nil
	case avroschema.LogicalLocalTimestampMillis:
		// The vectors keep local timestamps as the raw long.
		if err := want("sqltypes.TimestampNTZ"); err != nil {
			return nil, err
		}
		ms, err := millis()
		if err != nil {
			return nil, err
		}
		return json.Number(strconv.FormatInt(ms, 10)), nil
	case avroschema.LogicalLocalTimestampMicros:
		if err := want("sqltypes.TimestampNTZ"); err != nil {
			return nil, err
		}
		return json.Number(strconv.FormatInt(v.Int(), 10)), nil
	}
	if err := want("int64"); err != nil {
		return nil, err
	}
	return json.Number(strconv.FormatInt(v.Int(), 10)), nil
}

// renderUnion reads back the Spark shape of a union: nullable exactly when
// a branch is null; no other branch is the union's null; one other branch
// is that branch's type; int and long are a long, float and double a
// double; anything else is a struct of members, one per non-null branch,
// of which exactly one is set. The value is rendered unwrapped, as the
// vectors write unions.
func renderUnion(n *avroschema.Node, v reflect.Value) (any, error) {
	var others []*avroschema.Node
	hasNull := false
	for _, b := range n.Branches {
		if b.Kind == avroschema.Null {
			hasNull = true
		} else {
			others = append(others, b)
		}
	}
	if hasNull != isNull(v.Type()) {
		return nil, fmt.Errorf("%s held as %s: nullable exactly when a branch is null", describeUnion(n), v.Type())
	}
	if hasNull {
		if !v.FieldByName("Valid").Bool() {
			return nil, nil
		}
		v = v.FieldByName("V")
	}
	switch len(others) {
	case 0:
		if v.Type().String() != "struct {}" {
			return nil, fmt.Errorf("%s held as %s", describeUnion(n), v.Type())
		}
		return nil, fmt.Errorf("%s holds a value", describeUnion(n))
	case 1:
		return render(others[0], v)
	case 2:
		a, b := others[0].Kind, others[1].Kind
		switch {
		case a == avroschema.Int && b == avroschema.Long || a == avroschema.Long && b == avroschema.Int:
			if v.Type().String() != "int64" {
				return nil, fmt.Errorf("%s held as %s, want int64", describeUnion(n), v.Type())
			}
			return json.Number(strconv.FormatInt(v.Int(), 10)), nil
		case a == avroschema.Float && b == avroschema.Double || a == avroschema.Double && b == avroschema.Float:
			if v.Type().String() != "float64" {
				return nil, fmt.Errorf("%s held as %s, want float64", describeUnion(n), v.Type())
			}
			return v.Float(), nil
		}
	}
	if v.Kind() != reflect.Struct || v.NumField() != len(others) {
		return nil, fmt.Errorf("%s held as %s, want a struct of %d members", describeUnion(n), v.Type(), len(others))
	}
	var out any
	set := -1
	for i, b := range others {
		m := v.Field(i)
		if !isNull(m.Type()) {
			return nil, fmt.Errorf("%s: member%d held as %s, which is not nullable", describeUnion(n), i, m.Type())
		}
		if !m.FieldByName("Valid").Bool() {
			continue
		}
		if set >= 0 {
			return nil, fmt.Errorf("%s: members %d and %d are both set", describeUnion(n), set, i)
		}
		set = i
		val, err := render(b, m.FieldByName("V"))
		if err != nil {
			return nil, fmt.Errorf(".member%d: %w", i, err)
		}
		out = val
	}
	if set < 0 {
		return nil, fmt.Errorf("%s: no member is set", describeUnion(n))
	}
	return out, nil
}

func describeUnion(n *avroschema.Node) string {
	names := make([]string, len(n.Branches))
	for i, b := range n.Branches {
		names[i] = b.TypeName()
	}
	return "union [" + strings.Join(names, ", ") + "]"
}

// isNull reports whether t is a sqltypes.Null.
func isNull(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() == sqltypesPath && strings.HasPrefix(t.Name(), "Null[")
}

// isEntry reports whether t is a sqltypes.Entry.
func isEntry(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() == sqltypesPath && strings.HasPrefix(t.Name(), "Entry[")
}

// latin1String maps each byte to the code point of the same number, as the
// Avro JSON encoding (and the vectors) write bytes.
func latin1String(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// decimalString renders d with exactly scale fraction digits; a value that
// needs more is an error (the decoder should have kept the schema's scale).
func decimalString(d *apd.Decimal, scale int) (string, error) {
	if d.Form != apd.Finite {
		return "", fmt.Errorf("decimal %s is not finite", d.String())
	}
	coeff := new(big.Int).Set(d.Coeff.MathBigInt())
	switch shift := int(d.Exponent) + scale; {
	case shift > 0:
		coeff.Mul(coeff, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(shift)), nil))
	case shift < 0:
		q, r := new(big.Int).QuoRem(coeff, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-shift)), nil), new(big.Int))
		if r.Sign() != 0 {
			return "", fmt.Errorf("decimal %s has more than %d fraction digits", d.String(), scale)
		}
		coeff = q
	}
	digits := coeff.String()
	if scale > 0 {
		if len(digits) <= scale {
			digits = strings.Repeat("0", scale-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	}
	if d.Negative && coeff.Sign() != 0 {
		digits = "-" + digits
	}
	return digits, nil
}

// compare returns "" when got (rendered) matches want (expected JSON read
// with UseNumber and objects in order), or where they first differ.
func compare(got, want any, at string) string {
	bad := func() string {
		if at == "" {
			at = "."
		}
		return fmt.Sprintf("at %s: got %s, want %s", at, show(got), show(want))
	}
	switch g := got.(type) {
	case nil:
		if want != nil {
			return bad()
		}
	case bool:
		if w, ok := want.(bool); !ok || w != g {
			return bad()
		}
	case json.Number:
		if w, ok := want.(json.Number); !ok || w != g {
			return bad()
		}
	case float32:
		w, ok := avrovectors.Float(want)
		if !ok || !sameFloat(float64(g), float64(float32(w))) {
			return bad()
		}
	case float64:
		w, ok := avrovectors.Float(want)
		if !ok || !sameFloat(g, w) {
			return bad()
		}
	case string:
		if w, ok := want.(string); !ok || w != g {
			return bad()
		}
	case []any:
		w, ok := want.([]any)
		if !ok || len(w) != len(g) {
			return bad()
		}
		for i := range g {
			if msg := compare(g[i], w[i], at+"["+strconv.Itoa(i)+"]"); msg != "" {
				return msg
			}
		}
	case Object:
		w, ok := want.(Object)
		if !ok || len(w) != len(g) {
			return bad()
		}
		for i := range g {
			if g[i].Key != w[i].Key {
				return bad()
			}
			if msg := compare(g[i].Val, w[i].Val, at+"."+g[i].Key); msg != "" {
				return msg
			}
		}
	default:
		return bad()
	}
	return ""
}

// sameFloat is equality that tells -0 from 0 and takes NaN as equal to
// itself.
func sameFloat(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return a == b && math.Signbit(a) == math.Signbit(b)
}

// show prints a rendered or expected value as compact JSON.
func show(v any) string {
	var b strings.Builder
	showTo(&b, v)
	return b.String()
}

func showTo(b *strings.Builder, v any) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case json.Number:
		b.WriteString(string(v))
	case float32:
		b.WriteString(strconv.FormatFloat(float64(v), 'g', -1, 32) + "f")
	case float64:
		b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
	case string:
		b.WriteString(strconv.QuoteToASCII(v))
	case []any:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			showTo(b, e)
		}
		b.WriteByte(']')
	case Object:
		b.WriteByte('{')
		for i, m := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.QuoteToASCII(m.Key) + ":")
			showTo(b, m.Val)
		}
		b.WriteByte('}')
	default:
		fmt.Fprintf(b, "%#v", v)
	}
}
