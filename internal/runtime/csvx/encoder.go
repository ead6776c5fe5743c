package csvx

import (
	"strconv"

	"github.com/cockroachdb/apd/v3"

	"github.com/streamc/streamc/internal/runtime/sparktext"
)

// Encoder writes one record. Call the typed writers in field order, then
// Bytes. It reproduces univocity-parsers 2.9.1's CsvWriter as Spark's
// CSVOptions.asWriterSettings configures it, quirks included (the first
// field is quoted when it starts with '#', the default comment character;
// a blank value trimmed away is written as EmptyValue).
type Encoder struct {
	Buf []byte // the record so far

	o      *Options
	start  int    // len(Buf) at Reset
	n      int    // fields written
	val    []byte // the value being written (univocity's appender)
	ws     int    // its trailing whitespace count (dropped when copied out)
	tmp    []byte
	escEsc int
}

// Reset starts a new record appended to dst.
func (e *Encoder) Reset(dst []byte, o *Options) {
	e.Buf, e.o, e.n, e.start = dst, o, 0, len(dst)
	e.escEsc = o.escapeEscape()
}

// Bytes returns the record, without a line separator.
func (e *Encoder) Bytes() []byte { return e.Buf }

// EmptyRecord reports that the record is empty text (for instance a single
// NULL field). Spark writes no line for it (univocity's skipEmptyLines) and
// to_csv returns NULL instead of "".
func (e *Encoder) EmptyRecord() bool { return len(e.Buf) == e.start }

// Null writes SQL NULL (NullValue, unquoted unless QuoteAll).
func (e *Encoder) Null() { e.field(nil, true) }

// String writes s.
func (e *Encoder) String(s string) {
	e.tmp = append(e.tmp[:0], s...)
	e.field(e.tmp, false)
}

// Bool writes true or false.
func (e *Encoder) Bool(b bool) {
	e.tmp = strconv.AppendBool(e.tmp[:0], b)
	e.field(e.tmp, false)
}

// Int64 writes v in decimal (any integer type).
func (e *Encoder) Int64(v int64) {
	e.tmp = strconv.AppendInt(e.tmp[:0], v, 10)
	e.field(e.tmp, false)
}

// Float64 writes Java's Double.toString(f).
func (e *Encoder) Float64(f float64) {
	e.tmp = sparktext.AppendDouble(e.tmp[:0], f)
	e.field(e.tmp, false)
}

// Float32 writes Java's Float.toString(f).
func (e *Encoder) Float32(f float32) {
	e.tmp = sparktext.AppendFloat(e.tmp[:0], f)
	e.field(e.tmp, false)
}

// Decimal writes BigDecimal.toString of d.
func (e *Encoder) Decimal(d *apd.Decimal) {
	e.tmp = sparktext.AppendDecimal(e.tmp[:0], d)
	e.field(e.tmp, false)
}

// Binary writes the bytes as text. (Spark 3.5 writes the JVM array's
// identity string, "[B@1b2c3d", which no reader can use; the bytes are the
// useful choice.)
func (e *Encoder) Binary(b []byte) {
	e.tmp = append(e.tmp[:0], b...)
	e.field(e.tmp, false)
}

// Date writes yyyy-MM-dd.
func (e *Encoder) Date(days int32) {
	e.tmp = sparktext.AppendDate(e.tmp[:0], days)
	e.field(e.tmp, false)
}

// Timestamp writes yyyy-MM-dd'T'HH:mm:ss.SSSXXX in Options.Loc.
func (e *Encoder) Timestamp(micros int64) {
	e.tmp = sparktext.AppendTimestamp(e.tmp[:0], micros, e.o.Loc)
	e.field(e.tmp, false)
}

// TimestampNTZ writes yyyy-MM-dd'T'HH:mm:ss.SSS.
func (e *Encoder) TimestampNTZ(micros int64) {
	e.tmp = sparktext.AppendTimestampNTZ(e.tmp[:0], micros)
	e.field(e.tmp, false)
}

// field is CsvWriter.processRow for one value.
func (e *Encoder) field(v []byte, null bool) {
	o := e.o
	if e.n > 0 {
		e.Buf = append(e.Buf, o.Sep...)
	}
	col := e.n
	e.n++
	// AbstractWriter.getStringValue
	elem, using := v, false
	switch {
	case null:
		elem, using = []byte(o.NullValue), true
	case len(v) == 0:
		elem, using = []byte(o.EmptyValue), true
	case o.IgnoreLeadingWhiteSpace && skipSpace(v) == len(v):
		elem, using = []byte(o.EmptyValue), true
	}
	e.val, e.ws = e.val[:0], 0
	quoted := e.appendValue(col, o.QuoteAll, elem, using) // quoteNulls is true
	if len(e.val)-e.ws == 0 && !using {
		e.appendValue(col, quoted, []byte(o.EmptyValue), using)
	}
	out := e.val[:len(e.val)-e.ws]
	if quoted {
		e.Buf = append(e.Buf, o.Quote)
		e.Buf = append(e.Buf, out...)
		e.Buf = append(e.Buf, o.Quote)
	} else {
		e.Buf = append(e.Buf, out...)
	}
}

func skipSpace(s []byte) int {
	i := 0
	for i < len(s) && s[i] <= ' ' {
		i++
	}
	return i
}

func (e *Encoder) delimAt(s []byte, i int) bool {
	sep := e.o.Sep
	return len(s)-i >= len(sep) && string(s[i:i+len(sep)]) == sep
}

// trigger reports the characters that force quoting besides the
// delimiter: CR, LF and, with EscapeQuotes, the quote.
func (e *Encoder) trigger(c byte) bool {
	return c == '\r' || c == '\n' || (e.o.EscapeQuotes && c == e.o.Quote)
}

// updateWhitespace counts the trailing whitespace of the value.
func (e *Encoder) updateWhitespace() {
	e.ws = 0
	for i := len(e.val) - 1; i >= 0 && e.val[i] <= ' '; i-- {
		e.ws++
	}
}

// appendValue is CsvWriter.append: it writes elem into val and reports
// whether the value must be quoted.
func (e *Encoder) appendValue(col int, quoted bool, elem []byte, using bool) bool {
	o := e.o
	start := 0
	if o.IgnoreLeadingWhiteSpace {
		start = skipSpace(elem)
	}
	if start < len(elem) && (elem[start] == o.Quote || col == 0 && elem[0] == '#') {
		quoted = true
	}
	if quoted {
		if using && len(elem) >= 2 && elem[0] == o.Quote && elem[len(elem)-1] == o.Quote {
			e.val = append(e.val, elem...)
			return false
		}
		e.appendQuoted(start, elem)
		return true
	}
	var ch byte
	i := start
	for ; i < len(elem); i++ {
		ch = elem[i]
		isDelim := e.delimAt(elem, i)
		if ch != o.Quote && ch != o.Escape && !isDelim && !e.trigger(ch) {
			continue
		}
		e.val = append(e.val, elem[start:i]...)
		if ch == o.Quote || ch == o.Escape {
			if e.needsQuotes(i, elem) {
				e.appendQuoted(i, elem)
				return true
			}
			e.val = append(e.val, elem[i:]...)
			if o.IgnoreTrailingWhiteSpace && elem[len(elem)-1] <= ' ' {
				e.updateWhitespace()
			}
			return quoted
		}
		e.appendQuoted(i, elem)
		return true
	}
	e.val = append(e.val, elem[start:i]...)
	if ch <= ' ' && o.IgnoreTrailingWhiteSpace {
		e.updateWhitespace()
	}
	return quoted
}

// needsQuotes is CsvWriter.quoteElement: a delimiter or trigger ahead.
func (e *Encoder) needsQuotes(from int, elem []byte) bool {
	for i := from; i < len(elem); i++ {
		if e.delimAt(elem, i) || e.trigger(elem[i]) {
			return true
		}
	}
	return false
}

// appendQuoted writes elem[start:] escaping quotes (with Escape) and
// escapes (with CharToEscapeQuoteEscaping).
func (e *Encoder) appendQuoted(start int, elem []byte) {
	o := e.o
	var ch byte
	i := start
	for ; i < len(elem); i++ {
		ch = elem[i]
		if ch != o.Quote && ch != '\n' && ch != o.Escape {
			continue
		}
		e.val = append(e.val, elem[start:i]...)
		start = i + 1
		if ch == o.Quote {
			e.val = append(e.val, o.Escape)
		} else if ch == o.Escape && e.escEsc != 0 {
			e.val = append(e.val, byte(e.escEsc))
		}
		e.val = append(e.val, ch)
	}
	e.val = append(e.val, elem[start:i]...)
	if ch <= ' ' && o.IgnoreTrailingWhiteSpace {
		e.updateWhitespace()
	}
}
