package check

import (
	"encoding/hex"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/streamc/streamc/internal/compiler/expr"
	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/runtime/sparktext"
	"github.com/streamc/streamc/internal/runtime/sqlfn"
)

// literal types a constant as Spark's parser does. Its SQL text is what
// Spark's pretty names print: numbers by their value's toString, strings
// without quotes.
func (s *scope) literal(l *expr.Literal) val {
	at, end := l.Pos(), l.End()
	lit := func(k schema.Kind, v any, sql string) val {
		return val{e: &Lit{Typed: Typed{Type: prim(k), Nullable: v == nil}, Value: v}, sql: sql, at: at, end: end}
	}
	bad := func(format string, args ...any) val {
		s.errorf(at, format, args...)
		return val{at: at, end: end}
	}
	switch l.Kind {
	case expr.LitNull:
		return lit(schema.Null, nil, "NULL")
	case expr.LitBool:
		return lit(schema.Boolean, l.Text == "true", l.Text)
	case expr.LitInt:
		n, err := strconv.ParseInt(l.Text, 10, 64)
		switch {
		case err == nil && n >= math.MinInt32 && n <= math.MaxInt32:
			return lit(schema.Int, n, strconv.FormatInt(n, 10))
		case err == nil:
			return lit(schema.Long, n, strconv.FormatInt(n, 10))
		}
		// Beyond bigint, Spark reads an integer as a decimal.
		return s.decimalLiteral(l)
	case expr.LitLong, expr.LitShort, expr.LitByte:
		bits, kind, what := 64, schema.Long, "bigint"
		if l.Kind == expr.LitShort {
			bits, kind, what = 16, schema.Short, "smallint"
		} else if l.Kind == expr.LitByte {
			bits, kind, what = 8, schema.Byte, "tinyint"
		}
		n, err := strconv.ParseInt(l.Text, 10, bits)
		if err != nil {
			return bad("literal %s is out of the %s range", l.Text, what)
		}
		return lit(kind, n, strconv.FormatInt(n, 10))
	case expr.LitDecimal:
		return s.decimalLiteral(l)
	case expr.LitDouble:
		f, err := strconv.ParseFloat(l.Text, 64)
		if err != nil || math.IsInf(f, 0) {
			return bad("literal %s is out of the double range", l.Text)
		}
		return lit(schema.Double, f, string(sparktext.AppendDouble(nil, f)))
	case expr.LitFloat:
		f, err := strconv.ParseFloat(l.Text, 32)
		if err != nil || math.IsInf(f, 0) {
			return bad("literal %s is out of the float range", l.Text)
		}
		return lit(schema.Float, float32(f), string(sparktext.AppendFloat(nil, float32(f))))
	case expr.LitString:
		return lit(schema.String, l.Text, l.Text)
	case expr.LitDate:
		d, ok := sparktext.ParseDate([]byte(l.Text))
		if !ok {
			return bad("invalid DATE literal %q", l.Text)
		}
		return lit(schema.Date, d, "DATE '"+sqlfn.CastDateToString(d)+"'")
	case expr.LitTimestamp:
		loc := s.location()
		us, ok := sparktext.ParseTimestamp([]byte(l.Text), loc)
		if !ok {
			return bad("invalid TIMESTAMP literal %q", l.Text)
		}
		return lit(schema.Timestamp, us, "TIMESTAMP '"+sqlfn.CastTimestampToString(us, loc)+"'")
	case expr.LitTimestampNTZ:
		us, ok := sparktext.ParseTimestampNTZ([]byte(l.Text))
		if !ok {
			return bad("invalid TIMESTAMP_NTZ literal %q", l.Text)
		}
		return lit(schema.TimestampNTZ, us, "TIMESTAMP_NTZ '"+string(sparktext.AppendTimestampNTZ(nil, us))+"'")
	case expr.LitBinary:
		text := l.Text
		if len(text)%2 == 1 {
			text = "0" + text
		}
		b, err := hex.DecodeString(text)
		if err != nil {
			return bad("invalid binary literal X'%s'", l.Text)
		}
		return lit(schema.Binary, b, "X'"+strings.ToUpper(l.Text)+"'")
	}
	return bad("unsupported literal")
}

// decimalLiteral types 1.25 as decimal(3,2), as Java's BigDecimal gives
// precision and scale (precision at least the scale).
func (s *scope) decimalLiteral(l *expr.Literal) val {
	at, end := l.Pos(), l.End()
	text := l.Text
	neg := strings.HasPrefix(text, "-")
	text = strings.TrimLeft(text, "+-")
	if strings.ContainsAny(text, "eE") {
		r, ok := new(big.Rat).SetString(text)
		if !ok {
			s.errorf(at, "invalid decimal literal %s", l.Text)
			return val{at: at, end: end}
		}
		text = r.FloatString(decimalDigits(r))
	}
	intPart, frac, _ := strings.Cut(text, ".")
	intPart = strings.TrimLeft(intPart, "0")
	digits := strings.TrimLeft(intPart+frac, "0")
	p, sc := max(len(digits), 1), len(frac)
	p = max(p, sc)
	if p > 38 {
		s.errorf(at, "decimal literal %s has more than 38 digits", l.Text)
		return val{at: at, end: end}
	}
	if intPart == "" {
		intPart = "0"
	}
	plain := intPart
	if frac != "" {
		plain += "." + frac
	}
	if neg {
		plain = "-" + plain
	}
	return val{e: &Lit{Typed: Typed{Type: decimalType(p, sc), Nullable: false}, Value: plain}, sql: plain, at: at, end: end}
}

// decimalDigits is how many fraction digits represent r exactly (r has a
// power-of-ten denominator here, from an exponent).
func decimalDigits(r *big.Rat) int {
	d := new(big.Int).Set(r.Denom())
	n := 0
	ten := big.NewInt(10)
	for d.Cmp(big.NewInt(1)) > 0 && n < 64 {
		d.Quo(d, ten)
		n++
	}
	return n
}

// location is the session time zone, UTC when it does not load.
func (s *scope) location() *time.Location {
	if loc, err := time.LoadLocation(s.q.TimeZone); err == nil {
		return loc
	}
	return time.UTC
}
