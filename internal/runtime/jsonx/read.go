package jsonx

import (
	"bytes"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"
	"github.com/streamc/streamc/internal/runtime/sparktext"
)

// String reads a string column. A JSON string gives its text (escapes
// decoded; at most one allocation). Any other value gives Spark's text for it,
// the compact JSON Jackson's copyCurrentStructure writes: {"a":[1,2.5]} stays
// so, 1.50 becomes 1.5, 1e3 becomes 1000.0, true becomes true.
func (d *Decoder) String() (string, bool) {
	c := d.peek()
	if c == '"' {
		start := d.pos + 1
		end, flags := d.scanString(start, '"')
		if end < 0 {
			return "", false
		}
		d.pos = end + 1
		if flags == 0 {
			if d.Borrow {
				return viewString(d.buf[start:end]), true
			}
			return string(d.buf[start:end]), true
		}
		return decodeString(d.buf[start:end], flags), true
	}
	return d.stringOther(c)
}

func (d *Decoder) stringOther(c byte) (string, bool) {
	switch {
	case c == '\'' && !d.Strict:
		start := d.pos + 1
		end, flags := d.scanString(start, c)
		if end < 0 {
			return "", false
		}
		d.pos = end + 1
		return decodeString(d.buf[start:end], flags), true
	case c == 'n':
		d.null()
		return "", false
	case c == 0 && d.atEOF():
		d.eof()
		return "", false
	}
	start := d.pos
	var tmp [512]byte
	o := out{b: tmp[:0]}
	o, ok := d.walk(o, true)
	if !ok {
		return "", false
	}
	if !o.full() {
		return string(o.b), true
	}
	d.pos = start
	exact, _ := d.walk(out{b: make([]byte, 0, o.n)}, true)
	return ownedString(exact.b), true
}

// decodeString decodes a validated string body that needs work.
func decodeString(raw []byte, flags int) string {
	if flags == strNonASCII && utf8.Valid(raw) {
		return string(raw)
	}
	var tmp [256]byte
	o := out{b: tmp[:0]}
	o = decodeValue(o, raw)
	if !o.full() {
		return string(o.b)
	}
	exact := decodeValue(out{b: make([]byte, 0, o.n)}, raw)
	return ownedString(exact.b)
}

// text reads a string token whose quote is c (the caller checked it) and
// returns its decoded text, in tmp when it fits. ok is false after a syntax
// error.
func (d *Decoder) text(c byte, tmp []byte) (s []byte, ok bool) {
	start := d.pos + 1
	end, flags := d.scanString(start, c)
	if end < 0 {
		return nil, false
	}
	d.pos = end + 1
	raw := d.buf[start:end]
	if flags == 0 || flags == strNonASCII && utf8.Valid(raw) {
		return raw, true
	}
	o := decodeValue(out{b: tmp[:0]}, raw)
	if o.full() {
		return decodeValue(out{b: make([]byte, 0, o.n)}, raw).b, true
	}
	return o.b, true
}

func (d *Decoder) isQuote(c byte) bool { return c == '"' || c == '\'' && !d.Strict }

// Bool reads a boolean column: only true and false.
func (d *Decoder) Bool() (bool, bool) {
	switch c := d.peek(); c {
	case 't':
		return true, d.literal("true")
	case 'f':
		return false, d.literal("false")
	default:
		d.other(c, "boolean")
	}
	return false, false
}

// integer reads an integer token: only JSON integers (1.0 and "1" are
// mismatches) within int64; out is false for NULL and mismatches.
func (d *Decoder) integer(want string) (v int64, start int, ok bool) {
	c := d.peek()
	if c != '-' && (c < '0' || c > '9') {
		d.other(c, want)
		return 0, 0, false
	}
	start = d.pos
	n, ok := d.scanNumber(d.depth == 0)
	switch {
	case !ok:
		return 0, 0, false
	case n.float:
		d.mismatch(start, want, "non-integer number")
		return 0, 0, false
	}
	if v, ok = n.int64Value(); !ok {
		d.mismatch(start, want, "integer out of range")
	}
	return v, start, ok
}

func (d *Decoder) intIn(want string, lo, hi int64) (int64, bool) {
	v, start, ok := d.integer(want)
	if ok && (v < lo || v > hi) {
		d.mismatch(start, want, "integer out of range")
		return 0, false
	}
	return v, ok
}

// Int64 reads a bigint column.
func (d *Decoder) Int64() (int64, bool) {
	v, _, ok := d.integer("bigint")
	return v, ok
}

// Int32 reads an int column.
func (d *Decoder) Int32() (int32, bool) {
	v, ok := d.intIn("int", math.MinInt32, math.MaxInt32)
	return int32(v), ok
}

// Int16 reads a smallint column.
func (d *Decoder) Int16() (int16, bool) {
	v, ok := d.intIn("smallint", math.MinInt16, math.MaxInt16)
	return int16(v), ok
}

// Int8 reads a tinyint column. Like Jackson's getByteValue it accepts
// -128..255 and casts, so 255 reads as -1.
func (d *Decoder) Int8() (int8, bool) {
	v, ok := d.intIn("tinyint", math.MinInt8, math.MaxUint8)
	return int8(v), ok
}

// Float64 reads a double column: integers and floats (correctly rounded),
// Spark's non-numeric tokens, and the strings "NaN", "Infinity", "+Infinity",
// "+INF", "-Infinity" and "-INF".
func (d *Decoder) Float64() (float64, bool) {
	c := d.peek()
	if !d.isNumberStart(c) {
		return d.nonFinite(c, "double")
	}
	n, ok := d.scanNumber(d.depth == 0)
	switch {
	case !ok:
		return 0, false
	case n.special:
		return n.val, true
	case !n.float && n.digits <= 15:
		v := int64(n.mag) // exact; an integer -0 is the int 0, so +0.0
		if n.neg {
			v = -v
		}
		return float64(v), true
	}
	if f, ok := n.exactFloat(); ok {
		return f, true
	}
	f, _ := strconv.ParseFloat(viewString(d.buf[n.start:n.end]), 64)
	return f, true
}

// Float32 reads a float column like Float64, rounding as Jackson's
// getFloatValue does (directly for floats and for integers within a long,
// through double for larger integers).
func (d *Decoder) Float32() (float32, bool) {
	c := d.peek()
	if !d.isNumberStart(c) {
		f, ok := d.nonFinite(c, "float")
		return float32(f), ok
	}
	n, ok := d.scanNumber(d.depth == 0)
	switch {
	case !ok:
		return 0, false
	case n.special:
		return float32(n.val), true
	case !n.float:
		if v, ok := n.int64Value(); ok {
			return float32(v), true
		}
		f, _ := strconv.ParseFloat(viewString(d.buf[n.start:n.end]), 64)
		return float32(f), true
	}
	f, _ := strconv.ParseFloat(viewString(d.buf[n.start:n.end]), 32)
	return float32(f), true
}

// nonFinite handles a non-number token for a float or double column.
func (d *Decoder) nonFinite(c byte, want string) (float64, bool) {
	if !d.isQuote(c) {
		d.other(c, want)
		return 0, false
	}
	start := d.pos
	var tmp [16]byte
	s, ok := d.text(c, tmp[:])
	if !ok {
		return 0, false
	}
	switch string(s) {
	case "NaN":
		return math.NaN(), true
	case "Infinity", "+Infinity", "+INF":
		return math.Inf(1), true
	case "-Infinity", "-INF":
		return math.Inf(-1), true
	}
	d.mismatch(start, want, stringDesc(s))
	return 0, false
}

func stringDesc(s []byte) string {
	if len(s) == 0 {
		return "empty string"
	}
	return "string"
}

// Decimal reads a decimal(precision, scale) column into dst: numbers, and
// strings as new BigDecimal(s with ',' removed), rounded HALF_UP to scale; a
// value that needs more than precision digits is a mismatch.
func (d *Decoder) Decimal(precision, scale int, dst *apd.Decimal) bool {
	c := d.peek()
	start := d.pos
	switch {
	case d.isNumberStart(c):
		n, ok := d.scanNumber(d.depth == 0)
		switch {
		case !ok:
			return false
		case n.special:
			d.mismatch(start, "decimal", "non-numeric number")
			return false
		}
		if sparktext.ParseDecimal(d.buf[n.start:n.end], precision, scale, dst) {
			return true
		}
	case d.isQuote(c):
		var tmp [64]byte
		s, ok := d.text(c, tmp[:])
		if !ok {
			return false
		}
		if len(s) == 0 {
			d.mismatch(start, "decimal", "empty string")
			return false
		}
		if sparktext.ParseDecimalUS(s, precision, scale, dst) {
			return true
		}
	default:
		d.other(c, "decimal")
		return false
	}
	d.mismatchReason(start, "value is not a decimal("+strconv.Itoa(precision)+","+strconv.Itoa(scale)+")")
	return false
}

// Date reads a date column from a string: Spark's date parser, then its
// legacy fallbacks ("GMT" removed; a plain integer as Julian days since the
// epoch, as Spark 1.5 wrote dates).
func (d *Decoder) Date() (int32, bool) {
	c := d.peek()
	if !d.isQuote(c) {
		d.other(c, "date")
		return 0, false
	}
	start := d.pos
	var tmp [64]byte
	s, ok := d.text(c, tmp[:])
	if !ok {
		return 0, false
	}
	if len(s) == 0 {
		d.mismatch(start, "date", "empty string")
		return 0, false
	}
	if v, ok := sparktext.ParseDate(s); ok {
		return v, true
	}
	var clean [64]byte
	if c := removeGMT(clean[:0], s); c != nil {
		if v, ok := sparktext.ParseDate(c); ok {
			return v, true
		}
	}
	if v, ok := sparktext.ParseJavaInt(s); ok {
		return rebaseJulianToGregorianDays(v), true
	}
	d.mismatch(start, "date", "unparsable string")
	return 0, false
}

// Timestamp reads a timestamp column: a string in Spark's formats (read in
// Loc when it has no offset; "GMT" removed as a legacy fallback), or an
// integer as seconds since the epoch (multiplied by 10^6 with Java's
// wrap-around, as Spark does).
func (d *Decoder) Timestamp() (int64, bool) {
	c := d.peek()
	if c == '-' || c >= '0' && c <= '9' {
		v, _, ok := d.integer("timestamp")
		return v * 1000000, ok
	}
	if !d.isQuote(c) {
		d.other(c, "timestamp")
		return 0, false
	}
	start := d.pos
	var tmp [64]byte
	s, ok := d.text(c, tmp[:])
	if !ok {
		return 0, false
	}
	if len(s) == 0 {
		d.mismatch(start, "timestamp", "empty string")
		return 0, false
	}
	loc := d.Loc
	if loc == nil {
		loc = time.UTC
	}
	if v, ok := sparktext.ParseTimestamp(s, loc); ok {
		return v, true
	}
	var clean [64]byte
	if c := removeGMT(clean[:0], s); c != nil {
		if v, ok := sparktext.ParseTimestamp(c, loc); ok {
			return v, true
		}
	}
	d.mismatch(start, "timestamp", "unparsable string")
	return 0, false
}

// TimestampNTZ reads a timestamp_ntz column from a string without a zone.
func (d *Decoder) TimestampNTZ() (int64, bool) {
	c := d.peek()
	if !d.isQuote(c) {
		d.other(c, "timestamp_ntz")
		return 0, false
	}
	start := d.pos
	var tmp [64]byte
	s, ok := d.text(c, tmp[:])
	if !ok {
		return 0, false
	}
	if len(s) == 0 {
		d.mismatch(start, "timestamp_ntz", "empty string")
		return 0, false
	}
	if v, ok := sparktext.ParseTimestampNTZ(s); ok {
		return v, true
	}
	d.mismatch(start, "timestamp_ntz", "unparsable string")
	return 0, false
}

// removeGMT appends s without any "GMT" to dst (Spark's
// cleanLegacyTimestampStr), or returns nil when s has none.
func removeGMT(dst, s []byte) []byte {
	i := bytes.Index(s, []byte("GMT"))
	if i < 0 {
		return nil
	}
	for i >= 0 {
		dst = append(dst, s[:i]...)
		s = s[i+3:]
		i = bytes.Index(s, []byte("GMT"))
	}
	return append(dst, s...)
}

// rebaseJulianToGregorianDays is Spark's RebaseDateTime function of that
// name: days since the epoch in the hybrid Julian calendar to the proleptic
// Gregorian calendar.
func rebaseJulianToGregorianDays(days int32) int32 {
	switches := [...]int32{-719164, -682945, -646420, -609895, -536845, -500320, -463795,
		-390745, -354220, -317695, -244645, -208120, -171595, -141427}
	diffs := [...]int32{2, 1, 0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, 0}
	i := len(switches) - 1
	for i > 0 && days < switches[i] {
		i--
	}
	return days + diffs[i]
}
