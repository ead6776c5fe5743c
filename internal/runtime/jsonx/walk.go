package jsonx

import (
	"math"
	"strconv"
	"unsafe"

	"github.com/streamc/streamc/internal/runtime/sparktext"
)

// number describes a number token scanned by scanNumber.
type number struct {
	start, end int
	neg        bool
	float      bool    // has a fraction or an exponent, or is non-numeric
	special    bool    // NaN, Infinity, +INF, ... (Spark's allowNonNumericNumbers)
	digits     int     // integer-part digits
	mag        uint64  // magnitude of the digits (integer and fraction) when there are at most 19
	frac       int     // fraction digits
	exp        bool    // has an exponent
	val        float64 // value of a special token
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// viewString returns b as a string without copying, for parsers that do not
// keep their argument (strconv.ParseFloat copies it into its errors).
func viewString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// scanNumber scans the number token at d.pos with Jackson's grammar and
// limits and consumes it. The caller has checked that it starts with '-',
// a digit, or (when not Strict) 'N', 'I' or '+'. A top-level (root) number
// must be followed by white space or the end, as in Jackson.
func (d *Decoder) scanNumber(root bool) (n number, ok bool) {
	b := d.buf
	i := d.pos
	n.start = i
	switch b[i] {
	case 'N':
		return d.special(n, "NaN", math.NaN())
	case 'I':
		return d.special(n, "Infinity", math.Inf(1))
	case '+':
		if i+2 < len(b) && b[i+1] == 'I' {
			if b[i+2] == 'N' {
				return d.special(n, "+INF", math.Inf(1))
			}
			if b[i+2] == 'n' {
				return d.special(n, "+Infinity", math.Inf(1))
			}
		}
		d.fail(i, "a number cannot start with '+'")
		return n, false
	case '-':
		n.neg = true
		i++
	}
	if i >= len(b) {
		d.fail(i, "unexpected end of input in number")
		return n, false
	}
	ds := i
	switch c := b[i]; {
	case c == '0':
		i++
		if i < len(b) && isDigit(b[i]) {
			d.fail(i, "leading zeros are not allowed")
			return n, false
		}
	case c >= '1' && c <= '9':
		var m uint64
		for ; i < len(b) && isDigit(b[i]); i++ {
			if i-ds < 19 {
				m = m*10 + uint64(b[i]-'0')
			}
		}
		n.mag = m
	default:
		if c == 'I' && !d.Strict && i+1 < len(b) {
			if b[i+1] == 'N' {
				return d.special(n, "-INF", math.Inf(-1))
			}
			if b[i+1] == 'n' {
				return d.special(n, "-Infinity", math.Inf(-1))
			}
		}
		d.fail(i, "expected a digit after '-'")
		return n, false
	}
	n.digits = i - ds
	if n.digits > maxNumLen {
		d.fail(n.start, "number longer than 1000 digits")
		return n, false
	}
	total := n.digits
	if i < len(b) && b[i] == '.' {
		i++
		fs := i
		m := n.mag
		for ; i < len(b) && isDigit(b[i]); i++ {
			if total+i-fs < 19 {
				m = m*10 + uint64(b[i]-'0')
			}
		}
		if i == fs {
			d.fail(i, "decimal point not followed by a digit")
			return n, false
		}
		n.mag, n.frac = m, i-fs
		total += i - fs
		n.float = true
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		es := i
		for i < len(b) && isDigit(b[i]) {
			i++
		}
		if i == es {
			d.fail(i, "exponent not followed by a digit")
			return n, false
		}
		total += i - es
		n.float, n.exp = true, true
	}
	if n.float && total > maxNumLen {
		d.fail(n.start, "number longer than 1000 digits")
		return n, false
	}
	if root && i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
		default:
			d.fail(i, "expected space after top-level number")
			return n, false
		}
	}
	n.end = i
	d.pos = i
	return n, true
}

func (d *Decoder) special(n number, lit string, v float64) (number, bool) {
	if d.Strict {
		d.fail(d.pos, "non-numeric number "+lit+" (Strict)")
		return n, false
	}
	if !d.literal(lit) {
		return n, false
	}
	n.end, n.float, n.special, n.val = d.pos, true, true, v
	return n, true
}

// exactFloat is Clinger's fast path: a float token without exponent and with
// at most 15 digits is mag / 10^frac, one correctly rounded division of two
// exact doubles, the same double a correctly rounding parser gives.
func (n *number) exactFloat() (float64, bool) {
	if n.exp || n.digits+n.frac > 15 {
		return 0, false
	}
	f := float64(n.mag) / pow10Exact[n.frac]
	if n.neg {
		f = -f
	}
	return f, true
}

var pow10Exact = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// int64Value returns the value of an integer token and whether it fits.
func (n *number) int64Value() (int64, bool) {
	switch {
	case n.digits > 19:
		return 0, false
	case n.neg:
		if n.mag > 1<<63 {
			return 0, false
		}
		return -int64(n.mag), true
	case n.mag > math.MaxInt64:
		return 0, false
	}
	return int64(n.mag), true
}

func (d *Decoder) isNumberStart(c byte) bool {
	return c == '-' || c >= '0' && c <= '9' || !d.Strict && (c == 'N' || c == 'I' || c == '+')
}

// walk consumes the next value, validating it as Jackson's tokenizer would.
// With o != nil it also writes the value as Jackson's copyCurrentStructure
// into a UTF8JsonGenerator does: compact, strings re-escaped, integers as
// written (but -0 as 0), floats as Java's Double.toString of their double
// value, non-finite numbers as quoted strings. It returns false after a
// syntax error.
func (d *Decoder) walk(o out, emit bool) (out, bool) {
	var stack [(maxDepth + 63) / 64]uint64 // bit set: that level is an object
	n := 0
	for {
		c := d.peek()
		switch {
		case c == '{' || c == '[':
			if d.depth+n >= maxDepth {
				d.fail(d.pos, "nesting deeper than 1000")
				return o, false
			}
			d.pos++
			if emit {
				o = o.addByte(c)
			}
			closer := byte(']')
			if c == '{' {
				stack[n>>6] |= 1 << (n & 63)
				closer = '}'
			} else {
				stack[n>>6] &^= 1 << (n & 63)
			}
			n++
			if c2 := d.peek(); c2 != closer {
				if c == '{' {
					var ok bool
					if o, ok = d.walkKey(o, emit, c2); !ok {
						return o, false
					}
				}
				continue
			}
			d.pos++
			if emit {
				o = o.addByte(closer)
			}
			n--
		case c == '"' || c == '\'' && !d.Strict:
			start := d.pos + 1
			end, flags := d.scanString(start, c)
			if end < 0 {
				return o, false
			}
			d.pos = end + 1
			if emit {
				if flags == 0 && c == '"' {
					o = o.add(d.buf[start-1 : end+1])
				} else {
					o = genString(o, d.buf[start:end])
				}
			}
		case c == 't':
			if !d.literal("true") {
				return o, false
			}
			if emit {
				o = o.addString("true")
			}
		case c == 'f':
			if !d.literal("false") {
				return o, false
			}
			if emit {
				o = o.addString("false")
			}
		case c == 'n':
			if !d.literal("null") {
				return o, false
			}
			if emit {
				o = o.addString("null")
			}
		case d.isNumberStart(c):
			num, ok := d.scanNumber(d.depth+n == 0)
			if !ok {
				return o, false
			}
			if emit {
				o = d.genNumber(o, &num)
			}
		default:
			d.unexpected(c, "a value")
			return o, false
		}
		// After a value: close finished containers, or move to the next value.
		for {
			if n == 0 {
				return o, true
			}
			top := n - 1
			obj := stack[top>>6]>>(top&63)&1 != 0
			c = d.peek()
			if c == ',' {
				d.pos++
				if emit {
					o = o.addByte(',')
				}
				if obj {
					var ok bool
					if o, ok = d.walkKey(o, emit, d.peek()); !ok {
						return o, false
					}
				}
				break
			}
			if obj && c == '}' || !obj && c == ']' {
				d.pos++
				if emit {
					o = o.addByte(c)
				}
				n--
				continue
			}
			if obj {
				d.unexpected(c, "',' or '}' in object")
			} else {
				d.unexpected(c, "',' or ']' in array")
			}
			return o, false
		}
	}
}

// walkKey consumes a field name starting with c and its colon.
func (d *Decoder) walkKey(o out, emit bool, c byte) (out, bool) {
	if c != '"' && (c != '\'' || d.Strict) {
		d.unexpected(c, "field name")
		return o, false
	}
	start := d.pos + 1
	end, _ := d.scanString(start, c)
	if end < 0 {
		return o, false
	}
	d.pos = end + 1
	if c = d.peek(); c != ':' {
		d.unexpected(c, "':' after field name")
		return o, false
	}
	d.pos++
	if emit {
		o = genString(o, d.buf[start:end])
		o = o.addByte(':')
	}
	return o, true
}

// genNumber writes a number token as Jackson's generator copies it.
func (d *Decoder) genNumber(o out, n *number) out {
	var v float64
	switch {
	case n.special:
		v = n.val
	case !n.float:
		if n.neg && n.mag == 0 && n.digits == 1 {
			o = o.addByte('0') // -0 is the int 0
		} else {
			o = o.add(d.buf[n.start:n.end])
		}
		return o
	default:
		v, _ = strconv.ParseFloat(viewString(d.buf[n.start:n.end]), 64)
	}
	var tmp [40]byte
	if math.IsNaN(v) || math.IsInf(v, 0) {
		o = o.addByte('"')
		o = o.add(sparktext.AppendDouble(tmp[:0], v))
		return o.addByte('"')
	}
	return o.add(sparktext.AppendDouble(tmp[:0], v))
}
