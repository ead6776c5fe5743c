package csvx

import (
	"bytes"
	"math"
	"strconv"

	"github.com/cockroachdb/apd/v3"

	"github.com/streamc/streamc/internal/runtime/sparktext"
)

// Decoder reads the fields of one record in schema order with Spark's
// conversions (UnivocityParser.makeConverter). Errors are sticky: the typed
// readers return ok=false (SQL NULL) for a missing, null or unparsable
// token and Finish reports what went wrong.
type Decoder struct {
	tk       tokenizer
	o        *Options
	next     int // fields consumed
	mismatch *MismatchError
	scratch  []byte
}

// Reset starts decoding line (one record, no line separator) with o.
func (d *Decoder) Reset(line []byte, o *Options) {
	d.o, d.next, d.mismatch = o, 0, nil
	d.tk.reset(line, o)
	if !d.tk.parseLine() {
		d.tk.toks = d.tk.toks[:0] // Spark gets no tokens at all
	}
}

// token returns the next token; ok=false for a missing one or NullValue.
func (d *Decoder) token() (tok []byte, field int, ok bool) {
	field = d.next
	d.next++
	if field >= len(d.tk.toks) {
		return nil, field, false
	}
	s := d.tk.toks[field]
	tok = d.tk.arena[s.start:s.end]
	if string(tok) == d.o.NullValue {
		return nil, field, false
	}
	return tok, field, true
}

// fail records a type mismatch (the first one wins) and yields NULL. The
// reason quotes the token, cut to maxQuoted bytes, as Spark's
// NumberFormatException ("For input string") shows it.
func (d *Decoder) fail(field int, reason string) {
	if d.mismatch == nil {
		s := d.tk.toks[field]
		tok := d.tk.arena[s.start:s.end]
		quoted := strconv.Quote(string(tok[:min(len(tok), maxQuoted)]))
		if len(tok) > maxQuoted {
			quoted += "..."
		}
		d.mismatch = &MismatchError{Offset: s.off, Field: field, Reason: quoted + " is " + reason}
	}
}

// maxQuoted bounds the token an error message quotes.
const maxQuoted = 64

// Skip consumes a token without parsing it.
func (d *Decoder) Skip() { d.next++ }

// String returns the token as a string (one allocation). Invalid UTF-8 is
// replaced as the JVM's decoder replaces it.
func (d *Decoder) String() (string, bool) {
	tok, _, ok := d.token()
	if !ok {
		return "", false
	}
	d.scratch = sparktext.AppendJavaUTF8(d.scratch[:0], tok)
	return string(d.scratch), true
}

// Binary returns the UTF-8 bytes of the token (a new slice).
func (d *Decoder) Binary() ([]byte, bool) {
	tok, _, ok := d.token()
	if !ok {
		return nil, false
	}
	return sparktext.AppendJavaUTF8(nil, tok), true
}

// Bool is Scala's String.toBoolean: "true" or "false" in any case.
func (d *Decoder) Bool() (bool, bool) {
	tok, f, ok := d.token()
	if !ok {
		return false, false
	}
	switch {
	case bytes.EqualFold(tok, []byte("true")):
		return true, true
	case bytes.EqualFold(tok, []byte("false")):
		return false, true
	}
	d.fail(f, "not a boolean")
	return false, false
}

// Int8 is Byte.parseByte.
func (d *Decoder) Int8() (int8, bool) {
	tok, f, ok := d.token()
	if !ok {
		return 0, false
	}
	v, ok := sparktext.ParseJavaByte(tok)
	if !ok {
		d.fail(f, "not a tinyint")
	}
	return v, ok
}

// Int16 is Short.parseShort.
func (d *Decoder) Int16() (int16, bool) {
	tok, f, ok := d.token()
	if !ok {
		return 0, false
	}
	v, ok := sparktext.ParseJavaShort(tok)
	if !ok {
		d.fail(f, "not a smallint")
	}
	return v, ok
}

// Int32 is Integer.parseInt.
func (d *Decoder) Int32() (int32, bool) {
	tok, f, ok := d.token()
	if !ok {
		return 0, false
	}
	v, ok := sparktext.ParseJavaInt(tok)
	if !ok {
		d.fail(f, "not an int")
	}
	return v, ok
}

// Int64 is Long.parseLong.
func (d *Decoder) Int64() (int64, bool) {
	tok, f, ok := d.token()
	if !ok {
		return 0, false
	}
	v, ok := sparktext.ParseJavaLong(tok)
	if !ok {
		d.fail(f, "not a bigint")
	}
	return v, ok
}

// special maps the NanValue/PositiveInf/NegativeInf options, which Spark
// checks before parsing.
func (d *Decoder) special(tok []byte) (float64, bool) {
	switch string(tok) {
	case d.o.NanValue:
		return sparktext.JavaNaN(), true
	case d.o.NegativeInf:
		return math.Inf(-1), true
	case d.o.PositiveInf:
		return math.Inf(1), true
	}
	return 0, false
}

// Float64 is Double.parseDouble after the NaN/Inf options.
func (d *Decoder) Float64() (float64, bool) {
	tok, f, ok := d.token()
	if !ok {
		return 0, false
	}
	if v, ok := d.special(tok); ok {
		return v, true
	}
	v, ok := sparktext.ParseJavaDouble(tok)
	if !ok {
		d.fail(f, "not a double")
	}
	return v, ok
}

// Float32 is Float.parseFloat after the NaN/Inf options.
func (d *Decoder) Float32() (float32, bool) {
	tok, f, ok := d.token()
	if !ok {
		return 0, false
	}
	if v, ok := d.special(tok); ok {
		return float32(v), true
	}
	v, ok := sparktext.ParseJavaFloat(tok)
	if !ok {
		d.fail(f, "not a float")
	}
	return v, ok
}

// Decimal parses into dst as Decimal(precision, scale): commas are
// ignored (Spark's en-US decimal parser), HALF_UP rounding, overflow is a
// mismatch.
func (d *Decoder) Decimal(precision, scale int, dst *apd.Decimal) bool {
	tok, f, ok := d.token()
	if !ok {
		return false
	}
	if !sparktext.ParseDecimalUS(tok, precision, scale, dst) {
		d.fail(f, "not a decimal("+strconv.Itoa(precision)+","+strconv.Itoa(scale)+")")
		return false
	}
	return true
}

// Date is Spark 3.5's CSV date parsing without dateFormat: stringToDate,
// retried with "GMT" removed.
func (d *Decoder) Date() (int32, bool) {
	tok, f, ok := d.token()
	if !ok {
		return 0, false
	}
	v, ok := sparktext.ParseDate(tok)
	if !ok {
		if c := d.withoutGMT(tok); c != nil {
			v, ok = sparktext.ParseDate(c)
		}
	}
	if !ok {
		d.fail(f, "not a date")
	}
	return v, ok
}

// Timestamp is Spark 3.5's CSV timestamp parsing without timestampFormat:
// stringToTimestamp in Options.Loc, retried with "GMT" removed
// (DateTimeUtils.cleanLegacyTimestampStr).
func (d *Decoder) Timestamp() (int64, bool) {
	tok, f, ok := d.token()
	if !ok {
		return 0, false
	}
	v, ok := sparktext.ParseTimestamp(tok, d.o.Loc)
	if !ok {
		if c := d.withoutGMT(tok); c != nil {
			v, ok = sparktext.ParseTimestamp(c, d.o.Loc)
		}
	}
	if !ok {
		d.fail(f, "not a timestamp")
	}
	return v, ok
}

// TimestampNTZ rejects text with a zone, as Spark's CSV reader does.
func (d *Decoder) TimestampNTZ() (int64, bool) {
	tok, f, ok := d.token()
	if !ok {
		return 0, false
	}
	v, ok := sparktext.ParseTimestampNTZ(tok)
	if !ok {
		d.fail(f, "not a timestamp_ntz")
	}
	return v, ok
}

// withoutGMT returns tok with every "GMT" removed, or nil if it has none.
func (d *Decoder) withoutGMT(tok []byte) []byte {
	if !bytes.Contains(tok, []byte("GMT")) {
		return nil
	}
	d.scratch = d.scratch[:0]
	for {
		i := bytes.Index(tok, []byte("GMT"))
		if i < 0 {
			break
		}
		d.scratch = append(d.scratch, tok[:i]...)
		tok = tok[i+3:]
	}
	return append(d.scratch, tok...)
}

// Finish reports, after the last field: a syntax error, else a token count
// that differs from the fields read (the row is still usable: missing
// fields are NULL, extra tokens dropped), else the first type mismatch.
func (d *Decoder) Finish() error {
	if d.tk.errMsg != "" {
		return &SyntaxError{Offset: d.tk.errOff, Reason: d.tk.errMsg}
	}
	if n := len(d.tk.toks); n != d.next {
		off := len(d.tk.buf)
		if d.next < n {
			off = d.tk.toks[d.next].off
		}
		return &MismatchError{Offset: off, Field: -1,
			Reason: strconv.Itoa(n) + " tokens for " + strconv.Itoa(d.next) + " fields"}
	}
	if d.mismatch != nil {
		return d.mismatch
	}
	return nil
}
