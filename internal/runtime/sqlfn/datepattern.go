package sqlfn

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/streamc/streamc/internal/runtime/sparktext"
)

// DefaultTimestampPattern is the pattern of from_unixtime and
// unix_timestamp without one.
const DefaultTimestampPattern = "yyyy-MM-dd HH:mm:ss"

// DatePattern is a compiled datetime pattern of Spark 3 (java.time's
// DateTimeFormatter pattern letters after Spark's DateTimeFormatterHelper:
// 'y' read as 'u' unless the pattern has an era 'G', case-insensitive
// parsing, STRICT resolving, Locale.US text). It is immutable.
//
// Supported letters: G y u Y M L d D Q q E e F w W a h K k H m s S V z O X x
// Z, 'quoted text', ” and [optional sections]. Rejected as Spark 3 does:
// 'u' in the user's pattern, A c n N p, five-letter text styles (MMMMM...)
// and 11 or more 'y'; for parsing also Y W w E e F q Q (see ParseError).
// Known differences: zone names ('z') are Go's abbreviations of the tz
// database (Java's come from CLDR: they agree for UTC and most US/European
// zones), 'zzzz' prints the abbreviation too, and parsing 'z' accepts only
// UTC, GMT, UT, Z and region ids; text that only Spark's legacy parser
// would read gives NULL here where Spark 3.5 raises
// INCONSISTENT_BEHAVIOR_CROSS_VERSION.
type DatePattern struct {
	src      string
	elems    []pelem
	parseErr error
}

type pkind uint8

const (
	pLit pkind = iota
	pField
	pOptStart
	pOptEnd
)

type pelem struct {
	kind   pkind
	lit    string
	letter byte
	count  int
	// numeric parsing: width range, sign style and the width of the
	// fixed-width numeric fields that directly follow (adjacent parsing).
	min, max   int
	sign       signStyle
	subsequent int
}

type signStyle uint8

const (
	signNotNegative signStyle = iota
	signNormal
	signExceedsPad
)

// String returns the pattern as given.
func (p *DatePattern) String() string { return p.src }

// ParseError is nil when Spark can parse text with p (to_timestamp,
// to_date, unix_timestamp), else the error Spark reports; the emitter checks
// it at generate time for constant patterns.
func (p *DatePattern) ParseError() error { return p.parseErr }

// CompileDatePattern compiles a Spark datetime pattern, failing as Spark
// does for patterns it rejects (for formatting; see ParseError for
// parsing).
func CompileDatePattern(pattern string) (*DatePattern, error) {
	p := &DatePattern{src: pattern}
	era := false
	parts := strings.Split(pattern+" ", "'")
	for i := 0; i < len(parts); i += 2 {
		part := parts[i]
		if strings.Contains(part, "G") {
			era = true
		}
		if strings.Contains(part, "u") {
			return nil, errors.New("Pattern letter 'u'(Day number of week) is not supported since Spark 3.0. Please use 'e' or 'E'(day-of-week) instead.")
		}
		for k := 0; k < len(part); k++ {
			switch c := part[k]; c {
			case 'A', 'c', 'n', 'N', 'p':
				return nil, errors.New("Illegal pattern character: " + string(c))
			case 'Y', 'W', 'w', 'E', 'e', 'F', 'q', 'Q':
				if p.parseErr == nil {
					p.parseErr = errors.New("Illegal pattern character: " + string(c))
				}
			}
		}
		for _, style := range []string{"GGGGG", "MMMMM", "LLLLL", "EEEEE", "eeeee", "QQQQQ", "qqqqq", "yyyyyyyyyyy", "YYYYYYYYYYY"} {
			if strings.Contains(part, style) {
				return nil, errors.New("Too many pattern letters: " + style[:1])
			}
		}
	}
	if err := p.parse(pattern, era); err != nil {
		return nil, err
	}
	p.adjacent()
	return p, nil
}

// MustCompileDatePattern is CompileDatePattern for patterns known to be
// valid (the defaults, or constants checked at generate time); it panics
// otherwise.
func MustCompileDatePattern(pattern string) *DatePattern {
	p, err := CompileDatePattern(pattern)
	if err != nil {
		panic("sqlfn: " + err.Error())
	}
	return p
}

func isPatternLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// parse is DateTimeFormatterBuilder.appendPattern.
func (p *DatePattern) parse(pat string, era bool) error {
	depth := 0
	for i := 0; i < len(pat); {
		c := pat[i]
		switch {
		case isPatternLetter(c):
			j := i
			for j < len(pat) && pat[j] == c {
				j++
			}
			n := j - i
			i = j
			if c == 'y' && !era {
				c = 'u'
			}
			e, err := field(c, n)
			if err != nil {
				return err
			}
			p.elems = append(p.elems, e)
		case c == '\'':
			j := i + 1
			var lit strings.Builder
			for {
				if j >= len(pat) {
					return errors.New("Pattern ends with an incomplete string literal: " + pat)
				}
				if pat[j] == '\'' {
					if j+1 < len(pat) && pat[j+1] == '\'' {
						lit.WriteByte('\'')
						j += 2
						continue
					}
					break
				}
				lit.WriteByte(pat[j])
				j++
			}
			if j == i+1 {
				lit.WriteByte('\'') // '' is a quote
			}
			p.addLit(lit.String())
			i = j + 1
		case c == '[':
			depth++
			p.elems = append(p.elems, pelem{kind: pOptStart})
			i++
		case c == ']':
			if depth == 0 {
				return errors.New("Pattern invalid as it contains ] without previous [")
			}
			depth--
			p.elems = append(p.elems, pelem{kind: pOptEnd})
			i++
		case c == '{' || c == '}' || c == '#':
			return errors.New("Pattern includes reserved character: '" + string(c) + "'")
		default:
			p.addLit(string(c))
			i++
		}
	}
	for ; depth > 0; depth-- {
		p.elems = append(p.elems, pelem{kind: pOptEnd})
	}
	return nil
}

func (p *DatePattern) addLit(s string) {
	if n := len(p.elems); n > 0 && p.elems[n-1].kind == pLit {
		p.elems[n-1].lit += s
		return
	}
	p.elems = append(p.elems, pelem{kind: pLit, lit: s})
}

func tooMany(c byte) error { return errors.New("Too many pattern letters: " + string(c)) }

// field validates a letter run as appendPattern does and sets its numeric
// parse widths.
func field(c byte, n int) (pelem, error) {
	e := pelem{kind: pField, letter: c, count: n}
	num := func(maxCount int) error {
		switch {
		case n > maxCount:
			return tooMany(c)
		case n == 1:
			e.min, e.max, e.sign = 1, 19, signNormal
		default:
			e.min, e.max, e.sign = n, n, signNotNegative
		}
		return nil
	}
	var err error
	switch c {
	case 'u', 'y', 'Y':
		switch {
		case n == 2:
			e.min, e.max, e.sign = 2, 2, signNotNegative
		case n < 4:
			e.min, e.max, e.sign = n, 19, signNormal
		default:
			e.min, e.max, e.sign = n, 19, signExceedsPad
		}
	case 'M', 'L', 'Q', 'q':
		if n > 5 {
			return e, tooMany(c)
		}
		if n <= 2 {
			err = num(2)
		}
	case 'd', 'H', 'h', 'K', 'k', 'm', 's':
		err = num(2)
	case 'D':
		switch n {
		case 1:
			e.min, e.max, e.sign = 1, 19, signNormal
		case 2:
			e.min, e.max, e.sign = 2, 3, signNotNegative
		case 3:
			e.min, e.max, e.sign = 3, 3, signNotNegative
		default:
			return e, tooMany(c)
		}
	case 'w', 'W', 'F':
		max := 2
		if c != 'w' {
			max = 1
		}
		err = num(max)
	case 'e', 'c':
		if n > 5 {
			return e, tooMany(c)
		}
		if n <= 2 {
			err = num(2)
		}
	case 'S':
		if n > 9 {
			return e, tooMany(c)
		}
		e.min, e.max = n, n
	case 'G', 'E':
		if n > 5 {
			return e, tooMany(c)
		}
	case 'a':
		if n > 1 {
			return e, tooMany(c)
		}
	case 'V':
		if n != 2 {
			return e, errors.New("Pattern letter count must be 2: V")
		}
	case 'z':
		if n > 4 {
			return e, tooMany(c)
		}
	case 'O':
		if n != 1 && n != 4 {
			return e, errors.New("Pattern letter count must be 1 or 4: O")
		}
	case 'X', 'x', 'Z':
		if n > 5 {
			return e, tooMany(c)
		}
	case 'B', 'g', 'v':
		return e, errors.New("pattern letter '" + string(c) + "' is not supported by streamc")
	default:
		return e, errors.New("Unknown pattern letter: " + string(c))
	}
	return e, err
}

// isNumeric reports whether e parses as a NumberPrinterParser.
func (e *pelem) isNumeric() bool {
	if e.kind != pField {
		return false
	}
	switch e.letter {
	case 'u', 'y', 'Y', 'd', 'H', 'h', 'K', 'k', 'm', 's', 'D', 'w', 'W', 'F':
		return true
	case 'M', 'L', 'Q', 'q', 'e', 'c':
		return e.count <= 2
	}
	return false
}

func (e *pelem) isFixed() bool { return e.min == e.max && e.sign == signNotNegative }

// adjacent applies java.time's adjacent value parsing: fixed-width numeric
// fields that directly follow a numeric field add their widths to its
// subsequent width (so "yyyyMMdd" reads 20200102).
func (p *DatePattern) adjacent() {
	active := -1
	for i := range p.elems {
		e := &p.elems[i]
		if !e.isNumeric() {
			active = -1
			continue
		}
		if active >= 0 && e.isFixed() {
			p.elems[active].subsequent += e.max
			continue
		}
		active = i
	}
}

// Format formats the instant us in loc (nil is UTC) as date_format,
// from_unixtime and the CSV/JSON writers with a timestampFormat do.
func (p *DatePattern) Format(us int64, loc *time.Location) string {
	var b [64]byte
	return string(p.AppendFormat(b[:0], us, loc))
}

// FormatDate formats a date (at midnight UTC, no zone) as the
// dateFormat-driven writers do.
func (p *DatePattern) FormatDate(days int32) string {
	var b [64]byte
	return string(p.AppendFormat(b[:0], int64(days)*86400e6, nil))
}

// fields of an instant in a zone.
type dtFields struct {
	year        int64
	month, day  int
	doy         int
	dow         int // 1 = Monday ... 7 = Sunday
	days        int64
	hour, min   int
	sec         int
	micro       int
	offset      int
	zoneName    string
	zoneID      string
	fixedOffset bool
}

func splitInstant(us int64, loc *time.Location) dtFields {
	var f dtFields
	sec := floorDiv(us, 1e6)
	f.micro = int(us - sec*1e6)
	if loc == nil {
		loc = time.UTC
	}
	t := time.Unix(sec, 0).In(loc)
	f.zoneName, f.offset = t.Zone()
	f.zoneID = loc.String()
	local := sec + int64(f.offset)
	f.days = floorDiv(local, 86400)
	sod := int(local - f.days*86400)
	f.hour, f.min, f.sec = sod/3600, sod/60%60, sod%60
	f.year, f.month, f.day = sparktext.CivilFromDays(f.days)
	f.doy = int(f.days-sparktext.DaysFromCivil(f.year, 1, 1)) + 1
	f.dow = int(floorMod(f.days+3, 7)) + 1
	return f
}

// AppendFormat appends the formatted instant to dst; it allocates nothing
// for numeric patterns.
func (p *DatePattern) AppendFormat(dst []byte, us int64, loc *time.Location) []byte {
	f := splitInstant(us, loc)
	for i := range p.elems {
		e := &p.elems[i]
		switch e.kind {
		case pLit:
			dst = append(dst, e.lit...)
		case pField:
			dst = formatField(dst, e, &f)
		}
	}
	return dst
}

func appendPadded(dst []byte, v int64, width int) []byte {
	if v < 0 {
		dst = append(dst, '-')
		v = -v
	}
	var b [20]byte
	s := strconv.AppendInt(b[:0], v, 10)
	for k := len(s); k < width; k++ {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}

// appendYear writes a year as NumberPrinterParser does for the sign style.
func appendYear(dst []byte, v int64, e *pelem) []byte {
	switch {
	case e.count == 2:
		r := v % 100
		if r < 0 {
			r = -r
		}
		return appendPadded(dst, r, 2)
	case e.sign == signExceedsPad && v >= 0:
		var b [20]byte
		if len(strconv.AppendInt(b[:0], v, 10)) > e.count {
			dst = append(dst, '+')
		}
	}
	return appendPadded(dst, v, e.min)
}

func formatField(dst []byte, e *pelem, f *dtFields) []byte {
	n := e.count
	switch e.letter {
	case 'G':
		ad := f.year > 0
		switch {
		case n == 4 && ad:
			return append(dst, "Anno Domini"...)
		case n == 4:
			return append(dst, "Before Christ"...)
		case ad:
			return append(dst, "AD"...)
		}
		return append(dst, "BC"...)
	case 'u':
		return appendYear(dst, f.year, e)
	case 'y':
		yoe := f.year
		if yoe <= 0 {
			yoe = 1 - yoe
		}
		return appendYear(dst, yoe, e)
	case 'Y':
		wy, _ := usWeek(f.days)
		return appendYear(dst, wy, e)
	case 'M', 'L':
		switch n {
		case 1, 2:
			return appendPadded(dst, int64(f.month), n)
		case 3:
			return append(dst, monthName(f.month)[:3]...)
		}
		return append(dst, monthName(f.month)...)
	case 'Q', 'q':
		q := (f.month-1)/3 + 1
		switch n {
		case 1, 2:
			return appendPadded(dst, int64(q), n)
		case 3:
			return append(dst, 'Q', byte('0'+q))
		}
		return append(dst, quarterName(q)...)
	case 'd':
		return appendPadded(dst, int64(f.day), n)
	case 'D':
		return appendPadded(dst, int64(f.doy), n)
	case 'E':
		if n == 4 {
			return append(dst, dayName(f.dow)...)
		}
		return append(dst, dayName(f.dow)[:3]...)
	case 'e', 'c':
		if n <= 2 {
			return appendPadded(dst, int64(f.dow%7+1), n) // Locale.US: Sunday is 1
		}
		if n == 4 {
			return append(dst, dayName(f.dow)...)
		}
		return append(dst, dayName(f.dow)[:3]...)
	case 'F':
		return appendPadded(dst, int64((f.day-1)%7+1), n)
	case 'w':
		_, w := usWeek(f.days)
		return appendPadded(dst, int64(w), n)
	case 'W':
		first := sparktext.DaysFromCivil(f.year, f.month, 1)
		off := int(floorMod(first+4, 7)) // 0 = Sunday
		return appendPadded(dst, int64((f.day+off-1)/7+1), n)
	case 'a':
		if f.hour < 12 {
			return append(dst, "AM"...)
		}
		return append(dst, "PM"...)
	case 'H':
		return appendPadded(dst, int64(f.hour), n)
	case 'k':
		h := f.hour
		if h == 0 {
			h = 24
		}
		return appendPadded(dst, int64(h), n)
	case 'K':
		return appendPadded(dst, int64(f.hour%12), n)
	case 'h':
		h := f.hour % 12
		if h == 0 {
			h = 12
		}
		return appendPadded(dst, int64(h), n)
	case 'm':
		return appendPadded(dst, int64(f.min), n)
	case 's':
		return appendPadded(dst, int64(f.sec), n)
	case 'S':
		v := f.micro
		var b [9]byte
		for k := 5; k >= 0; k-- {
			b[k] = byte('0' + v%10)
			v /= 10
		}
		for k := 6; k < 9; k++ {
			b[k] = '0'
		}
		return append(dst, b[:n]...)
	case 'V':
		return append(dst, f.zoneID...)
	case 'z':
		return append(dst, f.zoneName...)
	case 'O':
		dst = append(dst, "GMT"...)
		if f.offset == 0 {
			return dst
		}
		if n == 1 {
			return appendOffsetGMT(dst, f.offset, 1)
		}
		return appendOffsetGMT(dst, f.offset, 2)
	case 'X', 'x':
		if f.offset == 0 && e.letter == 'X' {
			return append(dst, 'Z')
		}
		switch n {
		case 1:
			return appendOffset(dst, f.offset, 2, false, true)
		case 2:
			return appendOffset(dst, f.offset, 2, false, false)
		case 3:
			return appendOffset(dst, f.offset, 2, true, false)
		case 4:
			return appendOffsetSec(dst, f.offset, false)
		}
		return appendOffsetSec(dst, f.offset, true)
	case 'Z':
		switch n {
		case 4:
			dst = append(dst, "GMT"...)
			if f.offset == 0 {
				return dst
			}
			return appendOffsetGMT(dst, f.offset, 2)
		case 5:
			if f.offset == 0 {
				return append(dst, 'Z')
			}
			return appendOffsetSec(dst, f.offset, true)
		}
		return appendOffset(dst, f.offset, 2, false, false)
	}
	return dst
}

// appendOffset writes ±H[H][[:]MM]; optMinutes drops zero minutes.
func appendOffset(dst []byte, off, hourWidth int, colon, optMinutes bool) []byte {
	if off < 0 {
		dst = append(dst, '-')
		off = -off
	} else {
		dst = append(dst, '+')
	}
	h, m := off/3600, off/60%60
	dst = appendPadded(dst, int64(h), hourWidth)
	if optMinutes && m == 0 {
		return dst
	}
	if colon {
		dst = append(dst, ':')
	}
	return appendPadded(dst, int64(m), 2)
}

// appendOffsetGMT writes the localized offset after "GMT": ±H[H]:MM, with
// :ss when the seconds are not zero; a one-digit hour drops zero minutes.
func appendOffsetGMT(dst []byte, off, hourWidth int) []byte {
	abs := off
	if abs < 0 {
		abs = -abs
	}
	if hourWidth == 1 && abs%3600 == 0 {
		return appendOffset(dst, off, 1, true, true)
	}
	dst = appendOffset(dst, off, hourWidth, true, false)
	if s := abs % 60; s != 0 {
		dst = append(dst, ':')
		dst = appendPadded(dst, int64(s), 2)
	}
	return dst
}

// appendOffsetSec writes ±HHMM[ss] or ±HH:MM[:ss] (seconds when non-zero).
func appendOffsetSec(dst []byte, off int, colon bool) []byte {
	abs := off
	if abs < 0 {
		abs = -abs
	}
	dst = appendOffset(dst, off, 2, colon, false)
	if s := abs % 60; s != 0 {
		if colon {
			dst = append(dst, ':')
		}
		dst = appendPadded(dst, int64(s), 2)
	}
	return dst
}

// usWeek is the week-based year and week of WeekFields.of(Locale.US):
// weeks start on Sunday and week 1 contains January 1.
func usWeek(days int64) (int64, int) {
	y, _, _ := sparktext.CivilFromDays(days)
	week := func(y int64) int64 {
		jan1 := sparktext.DaysFromCivil(y, 1, 1)
		return jan1 - floorMod(jan1+4, 7) // the Sunday starting week 1
	}
	start := week(y + 1)
	if days >= start {
		return y + 1, 1
	}
	start = week(y)
	return y, int((days-start)/7) + 1
}
