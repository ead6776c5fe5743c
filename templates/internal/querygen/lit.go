package querygen

import (
	"math"
	"strconv"

	. "github.com/dave/jennifer/jen"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/templates/internal/genutil"
)

// lit compiles a constant. Numbers, dates and timestamps become
// package-level variables, never Go constants: the compiler would fold
// constant arithmetic exactly (15.35*0.2 = 3.07) where the JVM rounds at
// every step (3.0700000000000003), and integer constants that overflow
// would not compile.
func (c *compiler) lit(e *ir.Lit) val {
	t := e.Type
	if e.Value == nil {
		return val{t: t, x: c.zero(t), ok: False()}
	}
	var x *Statement
	switch v := e.Value.(type) {
	case bool:
		x = Lit(v)
	case string:
		if t.Kind == ir.Decimal {
			x = Parens(Op("*").Add(c.global("dec", genutil.RT(queryrt, "Decimal").Call(Lit(v)))))
		} else {
			x = Lit(v)
		}
	case int64:
		x = c.global("lit", c.goType(t).Call(Lit(v)))
	case int32: // dates
		x = c.global("lit", c.goType(t).Call(Lit(int64(v))))
	case float64:
		x = c.global("lit", floatLit(v, 64))
	case float32:
		x = c.global("lit", floatLit(float64(v), 32))
	case []byte:
		x = c.global("lit", Index().Byte().Call(Lit(string(v))))
	default:
		c.unsupported("literal %T of type %s", e.Value, t.SimpleString())
	}
	return val{t: t, x: x}
}

// floatLit is the Go source of f with the shortest digits that read back
// as f at the given size.
func floatLit(f float64, bits int) *Statement {
	switch {
	case math.IsNaN(f):
		return floatConv(Qual("math", "NaN").Call(), bits)
	case math.IsInf(f, 1):
		return floatConv(Qual("math", "Inf").Call(Lit(1)), bits)
	case math.IsInf(f, -1):
		return floatConv(Qual("math", "Inf").Call(Lit(-1)), bits)
	case f == 0 && math.Signbit(f):
		return floatConv(Qual("math", "Copysign").Call(Lit(0), Lit(-1)), bits)
	}
	s := strconv.FormatFloat(f, 'g', -1, bits)
	if !containsAny(s, ".eEn") {
		s += ".0"
	}
	if bits == 32 {
		return Float32().Call(Op(s))
	}
	return Float64().Call(Op(s))
}

func floatConv(x *Statement, bits int) *Statement {
	if bits == 32 {
		return Float32().Call(x)
	}
	return x
}

func containsAny(s, chars string) bool {
	for i := range len(s) {
		for j := range len(chars) {
			if s[i] == chars[j] {
				return true
			}
		}
	}
	return false
}
