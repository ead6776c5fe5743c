package csvx

import "unicode/utf8"

// The tokenizer reproduces univocity-parsers 2.9.1's CsvParser.parseLine
// (single-character-delimiter path) with the settings Spark 3.5's
// CSVOptions.asParserSettings uses: unescaped quotes STOP_AT_DELIMITER,
// escapes processed only inside quotes, line separator "\n", empty lines
// skipped, no comments. Its quirks are kept on purpose (`"a""b"` reads as
// `"a""b"`, `"abc` as `abc`); see tokenizer_test.go. It works on bytes:
// every special character is ASCII except possibly the delimiter, which is
// matched as one symbol. A delimiter of several characters is matched the
// same way, which differs from univocity only for odd partial matches.

const (
	symDelim = 256     // the delimiter, as one symbol
	symRune  = 1 << 20 // + offset: part of a multi-byte character
	newLine  = '\n'    // univocity's normalized newline
	bom      = "\xEF\xBB\xBF"
	// maxColumns is Spark's default maxColumns.
	maxColumns = 20480
)

// span is one token: arena[start:end], found at byte offset off.
type span struct{ start, end, off int }

// tokenizer holds the state of one parseLine call. Java's char fields map
// to ints so that the delimiter can be a symbol of its own.
type tokenizer struct {
	buf                []byte
	i                  int  // next byte to read
	atEOF              bool // the last symbol has been read (univocity: length == -1)
	sep                []byte
	quote, esc, escEsc int
	il, it             bool
	nullValue          []byte
	emptyValue         []byte

	ch, prev  int // CsvParser.ch and .prev
	chOff     int // offset of ch
	rch, rOff int // the reader's current symbol and its offset
	unescaped bool
	trim      bool // ParserOutput.trim
	app       []byte
	fieldOff  int
	recStart  int // where the current record began

	arena  []byte
	toks   []span
	errMsg string
	errOff int
}

func (t *tokenizer) reset(line []byte, o *Options) {
	t.buf, t.i, t.atEOF = line, 0, false
	t.sep = append(t.sep[:0], o.Sep...)
	if len(t.sep) == 0 {
		t.sep = append(t.sep, ',')
	}
	t.quote, t.esc, t.escEsc = int(o.Quote), int(o.Escape), o.escapeEscape()
	t.il, t.it = o.IgnoreLeadingWhiteSpace, o.IgnoreTrailingWhiteSpace
	t.nullValue = append(t.nullValue[:0], o.NullValue...)
	t.emptyValue = append(t.emptyValue[:0], o.EmptyValue...)
	t.ch, t.prev, t.chOff, t.rch, t.rOff = 0, 0, 0, 0, 0
	t.unescaped, t.trim = false, false
	t.app = t.app[:0]
	t.arena = t.arena[:0]
	t.toks = t.toks[:0]
	t.errMsg, t.errOff = "", 0
	if len(line) >= 3 && string(line[:3]) == bom {
		t.i = 3 // the reader drops a byte order mark
	}
}

// symAt returns the symbol at k and its width in bytes. Symbols are what
// univocity sees as chars: the delimiter, ASCII bytes, and each UTF-16
// unit of a multi-byte character (symRune+offset; a 4-byte character is
// two surrogates, two bytes each here). Bytes of invalid UTF-8 are one
// symbol each.
func (t *tokenizer) symAt(k int) (int, int) {
	b := t.buf[k]
	if b == t.sep[0] && len(t.buf)-k >= len(t.sep) && string(t.buf[k:k+len(t.sep)]) == string(t.sep) {
		return symDelim, len(t.sep)
	}
	if b < utf8.RuneSelf {
		return int(b), 1
	}
	if b >= 0xC0 {
		if r, n := utf8.DecodeRune(t.buf[k:]); r != utf8.RuneError || n > 1 {
			if n == 4 {
				n = 2 // high surrogate
			}
			return symRune + k, n
		}
	} else if k >= 2 && t.buf[k-2] >= 0xF0 {
		if r, n := utf8.DecodeRune(t.buf[k-2:]); n == 4 && r != utf8.RuneError {
			return symRune + k, 2 // low surrogate
		}
	}
	return int(b), 1
}

// read is the reader's nextChar; false is its EOFException.
func (t *tokenizer) read() (int, bool) {
	if t.atEOF || t.i >= len(t.buf) {
		t.atEOF = true
		return 0, false
	}
	c, w := t.symAt(t.i)
	t.rch, t.rOff = c, t.i
	t.i += w
	if t.i >= len(t.buf) {
		t.atEOF = true
	}
	return c, true
}

// next is `ch = input.nextChar()`: ch is left alone when input ends.
func (t *tokenizer) next() bool {
	c, ok := t.read()
	if ok {
		t.ch, t.chOff = c, t.rOff
	}
	return ok
}

func (t *tokenizer) appendSym(dst []byte, c int) []byte {
	switch {
	case c == symDelim:
		return append(dst, t.sep...)
	case c >= symRune:
		k := c - symRune
		_, w := t.symAt(k)
		return append(dst, t.buf[k:k+w]...)
	}
	return append(dst, byte(c))
}

// parseLine tokenizes the first record of buf (AbstractParser.parseLine).
// It reports false when univocity would throw (errMsg says why).
func (t *tokenizer) parseLine() bool {
	if t.i >= len(t.buf) {
		return true // an empty line yields no tokens (parseLine returns null)
	}
	for {
		t.recStart = t.i // markRecordStart
		if t.atEOF {
			t.recStart = len(t.buf)
		}
		if !t.next() {
			return t.handleEOF()
		}
		t.fieldOff = t.chOff
		ok, eof := t.record()
		if !ok {
			return false
		}
		if eof {
			return t.handleEOF()
		}
		if len(t.toks) > 0 {
			return true
		}
		// An empty record: skipEmptyLines moves on to the next one.
	}
}

func (t *tokenizer) fail(msg string) (bool, bool) {
	if t.errMsg == "" {
		t.errMsg, t.errOff = msg, t.chOff
	}
	return false, false
}

// emit appends one token.
func (t *tokenizer) emit(v []byte) bool {
	if len(t.toks) >= maxColumns {
		t.fail("too many columns (maxColumns is 20480)")
		return false
	}
	start := len(t.arena)
	t.arena = append(t.arena, v...)
	t.toks = append(t.toks, span{start, len(t.arena), t.fieldOff})
	return true
}

func (t *tokenizer) emptyParsed() bool { return t.emit(t.nullValue) }

// valueParsed takes the appender's content (ParserOutput.valueParsed): with
// trim, trailing whitespace goes; nothing left means emptyValue (the
// appender CsvParserSettings creates returns emptyValue when empty).
func (t *tokenizer) valueParsed() bool {
	v := t.app
	if t.trim {
		for len(v) > 0 && v[len(v)-1] <= ' ' {
			v = v[:len(v)-1]
		}
	}
	t.app = t.app[:0]
	if len(v) == 0 {
		return t.emit(t.emptyValue)
	}
	return t.emit(v)
}

// record is CsvParser.parseSingleDelimiterRecord. eof reports that input
// ended (an EOFException), ok=false a parse error.
func (t *tokenizer) record() (ok, eof bool) {
	if t.ch <= ' ' && t.il {
		if !t.skipWhitespace() {
			return true, true
		}
	}
	for t.ch != newLine {
		if t.ch <= ' ' && t.il {
			if !t.skipWhitespace() {
				return true, true
			}
		}
		t.fieldOff = t.chOff
		if t.ch == symDelim || t.ch == newLine {
			if !t.emptyParsed() {
				return false, false
			}
		} else {
			t.unescaped, t.prev = false, 0
			if t.ch == t.quote {
				if v, fast := t.quotedFast(); fast {
					if len(v) == 0 {
						v = t.emptyValue
					}
					if !t.emit(v) {
						return false, false
					}
					if !t.next() {
						return true, false // EOF right after the value ends the record
					}
					if t.ch == symDelim {
						t.fieldOff = t.chOff + len(t.sep)
						if !t.next() {
							return t.emptyParsed(), false
						}
						if t.ch == newLine && !t.emptyParsed() {
							return false, false
						}
					}
					continue
				}
				t.trim = false
				ok, eof := t.quotedValue()
				if !ok || eof {
					return ok, eof
				}
				if !t.valueParsed() {
					return false, false
				}
			} else {
				v, fast, ok := t.stringFast()
				if !ok {
					return false, false
				}
				if fast {
					if !t.emit(v) {
						return false, false
					}
					t.ch, t.chOff = t.rch, t.rOff
				} else {
					t.trim = t.it
					c, ok := t.appendUntil(t.ch, symDelim, newLine, -1)
					if !ok {
						return true, true
					}
					t.ch = c
					if !t.valueParsed() {
						return false, false
					}
				}
			}
		}
		if t.ch != newLine {
			if !t.next() {
				return true, true
			}
			t.fieldOff = t.chOff
			if t.ch == newLine && !t.emptyParsed() {
				return false, false
			}
		}
	}
	return true, false
}

// skipWhitespace is the reader's skipWhitespace(ch, delimiter, quote).
func (t *tokenizer) skipWhitespace() bool {
	for t.ch <= ' ' && t.ch != symDelim && t.ch != newLine && t.ch != t.quote {
		if !t.next() {
			return false
		}
	}
	return true
}

// appendUntil appends symbols, starting with c, until one of the stops
// (-1 never matches); false when input ends first.
func (t *tokenizer) appendUntil(c, s1, s2, s3 int) (int, bool) {
	for c != s1 && c != s2 && c != s3 {
		t.app = t.appendSym(t.app, c)
		var ok bool
		if c, ok = t.read(); !ok {
			return 0, false
		}
	}
	return c, true
}

// stringFast is the reader's getString fast path for an unquoted value
// that ends at a delimiter or newline before the end of input. ok=false is
// the ArrayIndexOutOfBounds univocity hits when trimming a value that is
// all whitespace at the start of the line.
func (t *tokenizer) stringFast() (v []byte, fast, ok bool) {
	if t.atEOF {
		return nil, false, true
	}
	start := t.chOff
	k := t.i
	c := t.ch
	for c != symDelim {
		if k >= len(t.buf) {
			return nil, false, true
		}
		if c == newLine {
			break
		}
		var w int
		c, w = t.symAt(k)
		k += w
	}
	// The stop symbol is the one ending at k.
	stopW := 1
	if c == symDelim {
		stopW = len(t.sep)
	}
	end := k - stopW
	if t.it {
		for {
			if end-1 < 0 {
				t.errMsg, t.errOff = "index out of bounds trimming a blank value", start
				return nil, false, false
			}
			if t.buf[end-1] > ' ' {
				break
			}
			end--
		}
	}
	if end <= start {
		v = t.nullValue
	} else {
		v = t.buf[start:end]
	}
	t.i = k - stopW
	t.read() // the stop symbol becomes the reader's current one
	return v, true, true
}

// quotedFast is the reader's getQuotedString fast path: a quoted value
// with no escapes and no newline whose closing quote is followed by a
// delimiter or newline.
func (t *tokenizer) quotedFast() ([]byte, bool) {
	if t.atEOF {
		return nil, false
	}
	start := t.i
	k := start
	for {
		if k >= len(t.buf) {
			return nil, false
		}
		c, w := t.symAt(k)
		switch {
		case c == t.quote:
			if prevByte(t.buf, k) == t.esc {
				return nil, false
			}
			if k+w < len(t.buf) {
				if n, _ := t.symAt(k + w); n == symDelim || n == newLine {
					v := t.buf[start:k]
					t.i = k + w
					if t.i >= len(t.buf) {
						t.atEOF = true
					}
					return v, true
				}
			}
			return nil, false
		case c == t.esc:
			if k+w < len(t.buf) {
				if n, _ := t.symAt(k + w); n == t.quote || n == t.escEsc {
					return nil, false
				}
			}
		case c == newLine:
			return nil, false
		}
		k += w
	}
}

func prevByte(b []byte, k int) int {
	if k == 0 {
		return -1
	}
	return int(b[k-1])
}

// quotedValue is CsvParser.parseQuotedValue with STOP_AT_DELIMITER.
func (t *tokenizer) quotedValue() (ok, eof bool) {
	if t.prev != 0 {
		// After an unescaped quote: the rest up to the delimiter, raw.
		t.app = append(t.app, 0)
		copy(t.app[1:], t.app)
		t.app[0] = byte(t.quote)
		if !t.next() {
			return true, true
		}
		t.trim = t.it
		c, ok := t.appendUntil(t.ch, symDelim, newLine, -1)
		if !ok {
			return true, true
		}
		t.ch = c
		return true, false
	}
	if !t.next() {
		return true, true
	}
	for {
		if t.prev == t.quote && (t.ch <= ' ' || t.ch == symDelim || t.ch == newLine) {
			break
		}
		if t.ch != t.quote && t.ch != t.esc {
			if t.prev == t.quote { // unescaped quote
				t.unescaped = true
				t.app = append(t.app, byte(t.quote))
				t.app = t.appendSym(t.app, t.ch)
				t.prev = t.ch
				return t.quotedValue()
			}
			if t.prev == t.esc && t.esc != 0 {
				t.app = append(t.app, byte(t.esc))
			}
			c, ok := t.appendUntil(t.ch, t.quote, t.esc, t.escEsc)
			if !ok {
				return true, true
			}
			t.ch, t.prev = c, c
			if !t.next() {
				return true, true
			}
		} else {
			ok, eof := t.processQuoteEscape()
			if !ok || eof {
				return ok, eof
			}
			t.prev = t.ch
			if !t.next() {
				return true, true
			}
			if t.unescaped && (t.ch == symDelim || t.ch == newLine) {
				return true, false
			}
		}
	}
	// Whitespace after the closing quote is dropped; anything else after
	// it makes the whole value raw text up to the delimiter.
	if t.ch != symDelim && t.ch != newLine && t.ch <= ' ' {
		wsStart := len(t.app)
		t.app = append(t.app, byte(t.quote)) // placeholder, kept only if content follows
		for {
			t.app = append(t.app, byte(t.ch))
			if !t.next() {
				t.app = t.app[:wsStart]
				return true, true
			}
			if t.ch == newLine {
				t.app = t.app[:wsStart]
				return true, false
			}
			if t.ch > ' ' {
				break
			}
		}
		if t.ch != symDelim {
			t.app = t.appendSym(t.app, t.ch)
			t.prev = t.ch
			return t.quotedValue()
		}
		t.app = t.app[:wsStart]
	}
	if t.ch != symDelim && t.ch != newLine {
		return t.fail("unexpected character following quoted value")
	}
	return true, false
}

// processQuoteEscape handles a quote or escape symbol inside quotes.
func (t *tokenizer) processQuoteEscape() (ok, eof bool) {
	switch {
	case t.ch == t.esc && t.prev == t.escEsc && t.escEsc != 0:
		t.app = append(t.app, byte(t.esc))
		t.ch = 0
	case t.prev == t.esc:
		if t.ch == t.quote {
			t.app = append(t.app, byte(t.quote))
			t.ch = 0
		} else {
			t.app = append(t.app, byte(t.prev))
		}
	case t.ch == t.quote && t.prev == t.quote:
		t.app = append(t.app, byte(t.quote))
	case t.prev == t.quote:
		return t.unescapedQuoteInValue()
	}
	return true, false
}

// unescapedQuoteInValue is handleUnescapedQuoteInValue +
// parseValueProcessingEscape: the rest of the value up to the delimiter,
// still processing escapes.
func (t *tokenizer) unescapedQuoteInValue() (ok, eof bool) {
	t.app = append(t.app, byte(t.quote))
	t.prev = t.ch
	for t.ch != symDelim && t.ch != newLine {
		if t.ch != t.quote && t.ch != t.esc {
			if t.prev == t.quote {
				return t.unescapedQuoteInValue()
			}
			t.app = t.appendSym(t.app, t.ch)
		} else if ok, eof := t.processQuoteEscape(); !ok || eof {
			return ok, eof
		}
		t.prev = t.ch
		if !t.next() {
			return true, true
		}
	}
	return true, false
}

// handleEOF is AbstractParser.handleEOF with CsvParser.consumeValueOnEOF.
func (t *tokenizer) handleEOF() bool {
	consume := false
	if t.ch == t.quote {
		if t.prev == t.quote {
			consume = true
		} else if !t.unescaped {
			t.app = append(t.app, byte(t.quote))
		}
	}
	if !consume {
		// '#' is CsvFormat's default comment char, still consulted here
		// though Spark turns comment processing off.
		consume = t.prev != 0 && t.ch != symDelim && t.ch != newLine && t.ch != '#'
	}
	t.ch, t.prev = 0, 0
	// The reader's currentParsedContentLength: all of the record's input
	// has been read by now.
	content := len(t.buf) - t.recStart
	if len(t.toks) != 0 || consume {
		if t.appLen() > 0 || consume {
			return t.valueParsed()
		}
		if content > 0 {
			return t.emptyParsed()
		}
	} else if t.appLen() > 0 || content > 0 {
		if t.appLen() == 0 {
			return t.emptyParsed()
		}
		return t.valueParsed()
	}
	return true
}

// appLen is the appender's length (its whitespace count is only updated
// by valueParsed).
func (t *tokenizer) appLen() int { return len(t.app) }
