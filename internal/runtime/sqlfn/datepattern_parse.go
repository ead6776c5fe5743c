package sqlfn

import (
	"math"
	"strings"
	"time"

	"github.com/streamc/streamc/internal/runtime/sparktext"
)

// parsed holds the fields read from the text (-1 when absent).
type parsed struct {
	year, yoe, era, month, day, doy    int64
	hour, clockHour, hourAmPm, clock12 int64
	ampm, minute, second, nanos        int64
	offset                             int64 // seconds, or noOffset
	loc                                *time.Location
}

// noOffset marks an absent offset or year (both can be negative).
const noOffset = math.MinInt64

// Parse reads s with the pattern as to_timestamp(s, fmt) does: the whole
// text must match (letters case-insensitively); missing date fields
// default to 1970-01-01 and missing time fields to 0; a zone or offset in
// the text wins over loc. ok is false when the text does not match, a
// field is out of range, or p cannot parse (ParseError).
func (p *DatePattern) Parse(s string, loc *time.Location) (int64, bool) {
	if p.parseErr != nil {
		return 0, false
	}
	v := parsed{noOffset, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, noOffset, nil}
	end, ok := p.parseElems(s, 0, 0, len(p.elems), &v)
	if !ok || end != len(s) {
		return 0, false
	}
	return v.resolve(loc)
}

// parseElems parses elems[from:to] at s[pos:], returning the new position.
func (p *DatePattern) parseElems(s string, pos, from, to int, v *parsed) (int, bool) {
	for i := from; i < to; i++ {
		e := &p.elems[i]
		switch e.kind {
		case pLit:
			if len(s)-pos < len(e.lit) || !strings.EqualFold(s[pos:pos+len(e.lit)], e.lit) {
				return pos, false
			}
			pos += len(e.lit)
		case pOptStart:
			end := p.optEnd(i)
			save := *v
			if np, ok := p.parseElems(s, pos, i+1, end, v); ok {
				pos = np
			} else {
				*v = save
			}
			i = end
		case pOptEnd:
		case pField:
			np, ok := parseField(s, pos, e, v)
			if !ok {
				return pos, false
			}
			pos = np
		}
	}
	return pos, true
}

func (p *DatePattern) optEnd(i int) int {
	depth := 0
	for j := i; j < len(p.elems); j++ {
		switch p.elems[j].kind {
		case pOptStart:
			depth++
		case pOptEnd:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(p.elems)
}

// set stores a field, failing on a conflicting earlier value.
func set(dst *int64, val int64) bool {
	if *dst >= 0 && *dst != val {
		return false
	}
	*dst = val
	return true
}

func parseField(s string, pos int, e *pelem, v *parsed) (int, bool) {
	if e.isNumeric() {
		val, np, ok := parseNumber(s, pos, e)
		if !ok {
			return pos, false
		}
		switch e.letter {
		case 'u':
			if e.count == 2 {
				val += 2000
			}
			if v.year != noOffset && v.year != val {
				return pos, false
			}
			v.year = val
		case 'y':
			if e.count == 2 {
				val += 2000
			}
			ok = set(&v.yoe, val)
		case 'M', 'L':
			ok = set(&v.month, val)
		case 'd':
			ok = set(&v.day, val)
		case 'D':
			ok = set(&v.doy, val)
		case 'H':
			ok = set(&v.hour, val)
		case 'k':
			ok = set(&v.clockHour, val)
		case 'K':
			ok = set(&v.hourAmPm, val)
		case 'h':
			ok = set(&v.clock12, val)
		case 'm':
			ok = set(&v.minute, val)
		case 's':
			ok = set(&v.second, val)
		default:
			return pos, false // week and quarter fields cannot be parsed
		}
		return np, ok
	}
	switch e.letter {
	case 'S':
		// Spark parses a run of n 'S' as 1 to n fraction digits.
		j := pos
		for j < len(s) && j-pos < e.count && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == pos {
			return pos, false
		}
		var n int64
		for k := pos; k < pos+9; k++ {
			n *= 10
			if k < j {
				n += int64(s[k] - '0')
			}
		}
		return j, set(&v.nanos, n)
	case 'M', 'L':
		for m := 1; m <= 12; m++ {
			name := monthName(m)
			if e.count == 3 {
				name = name[:3]
			}
			if hasPrefixFold(s[pos:], name) {
				return pos + len(name), set(&v.month, int64(m))
			}
		}
	case 'a':
		switch {
		case hasPrefixFold(s[pos:], "AM"):
			return pos + 2, set(&v.ampm, 0)
		case hasPrefixFold(s[pos:], "PM"):
			return pos + 2, set(&v.ampm, 1)
		}
	case 'G':
		names := [2]string{"BC", "AD"}
		if e.count == 4 {
			names = [2]string{"Before Christ", "Anno Domini"}
		}
		for k, name := range names {
			if hasPrefixFold(s[pos:], name) {
				return pos + len(name), set(&v.era, int64(k))
			}
		}
	case 'X', 'x', 'Z', 'O':
		return parseOffset(s, pos, e, v)
	case 'V', 'z':
		return parseZoneID(s, pos, v)
	}
	return pos, false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// parseNumber is NumberPrinterParser.parse in strict mode, with adjacent
// value parsing.
func parseNumber(s string, pos int, e *pelem) (int64, int, bool) {
	i := pos
	neg, plus := false, false
	if e.sign != signNotNegative && i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg, plus = s[i] == '-', s[i] == '+'
		if e.sign == signNormal && plus {
			return 0, pos, false // NORMAL never accepts '+' in strict mode
		}
		i++
	}
	start := i
	maxW := e.max + e.subsequent
	for i < len(s) && i-start < maxW && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	total := i - start
	if e.subsequent > 0 {
		total = max(e.min, total-e.subsequent)
	}
	if total < e.min || total > e.max || start+total > len(s) {
		return 0, pos, false
	}
	digits := s[start : start+total]
	for k := 0; k < len(digits); k++ {
		if digits[k] < '0' || digits[k] > '9' {
			return 0, pos, false
		}
	}
	if e.sign == signExceedsPad {
		if plus && total <= e.min || !plus && !neg && total > e.min {
			return 0, pos, false
		}
	}
	var v int64
	for k := 0; k < len(digits); k++ {
		if v > (math.MaxInt64-9)/10 {
			return 0, pos, false
		}
		v = v*10 + int64(digits[k]-'0')
	}
	if neg {
		if v == 0 && e.sign != signNormal {
			return 0, pos, false // "-0" is rejected in strict mode
		}
		v = -v
	}
	return v, start + total, true
}

// parseOffset reads the offset forms of X, x, Z and O.
func parseOffset(s string, pos int, e *pelem, v *parsed) (int, bool) {
	rest := s[pos:]
	n := e.count
	gmt := e.letter == 'O' || e.letter == 'Z' && n == 4
	if gmt {
		if !hasPrefixFold(rest, "GMT") {
			return pos, false
		}
		pos += 3
		rest = s[pos:]
		if rest == "" || rest[0] != '+' && rest[0] != '-' {
			return pos, set(&v.offset, 0)
		}
	}
	if !gmt && (e.letter == 'X' || e.letter == 'Z' && n == 5) && hasPrefixFold(rest, "Z") {
		return pos + 1, set(&v.offset, 0)
	}
	if rest == "" || rest[0] != '+' && rest[0] != '-' {
		return pos, false
	}
	sign := int64(1)
	if rest[0] == '-' {
		sign = -1
	}
	i := 1
	two := func() (int64, bool) {
		if i+2 > len(rest) || rest[i] < '0' || rest[i] > '9' || rest[i+1] < '0' || rest[i+1] > '9' {
			return 0, false
		}
		d := int64(rest[i]-'0')*10 + int64(rest[i+1]-'0')
		i += 2
		return d, true
	}
	// hour: one or two digits for O, two otherwise
	var h int64
	if e.letter == 'O' && n == 1 {
		if i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			h = int64(rest[i] - '0')
			i++
			if i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
				h = h*10 + int64(rest[i]-'0')
				i++
			}
		} else {
			return pos, false
		}
	} else {
		var ok bool
		if h, ok = two(); !ok {
			return pos, false
		}
	}
	colon := e.letter == 'O' || n == 3 || n == 5 || e.letter == 'Z' && n == 4
	minutesOptional := n == 1 && (e.letter == 'X' || e.letter == 'x') || e.letter == 'O' && n == 1
	secondsAllowed := n >= 4 && e.letter != 'Z' || e.letter == 'Z' && n == 5
	var m, sec int64
	readPart := func(optional bool) (int64, bool, bool) {
		save := i
		if colon {
			if i >= len(rest) || rest[i] != ':' {
				return 0, false, optional
			}
			i++
		}
		d, ok := two()
		if !ok {
			i = save
			return 0, false, optional
		}
		return d, true, true
	}
	var got, ok bool
	if m, got, ok = readPart(minutesOptional); !ok {
		return pos, false
	}
	if got && secondsAllowed {
		if sec, _, ok = readPart(true); !ok {
			return pos, false
		}
	}
	if h > 18 || m > 59 || sec > 59 {
		return pos, false
	}
	return pos + i, set(&v.offset, sign*(h*3600+m*60+sec))
}

// parseZoneID reads a zone id (VV) or name (z): Z, UTC, GMT, UT (with an
// optional offset) or a tz database region.
func parseZoneID(s string, pos int, v *parsed) (int, bool) {
	j := pos
	for j < len(s) {
		c := s[j]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("~/._+-:", c) >= 0 {
			j++
			continue
		}
		break
	}
	for end := j; end > pos; end-- {
		id := s[pos:end]
		switch {
		case id == "Z" || id == "UTC" || id == "GMT" || id == "UT":
			return end, set(&v.offset, 0)
		case strings.HasPrefix(id, "UTC") || strings.HasPrefix(id, "GMT") || strings.HasPrefix(id, "UT") || id[0] == '+' || id[0] == '-':
			txt := strings.TrimLeft(id, "UTCGM")
			var w parsed
			w.offset = noOffset
			e := pelem{letter: 'X', count: 5}
			if np, ok := parseOffset(txt, 0, &e, &w); ok && np == len(txt) {
				return end, set(&v.offset, w.offset)
			}
		case id[0] >= 'A' && id[0] <= 'Z' || id[0] >= 'a' && id[0] <= 'z':
			if strings.IndexByte(id, '/') > 0 {
				if loc, err := time.LoadLocation(id); err == nil {
					v.loc = loc
					return end, true
				}
			}
		}
	}
	return pos, false
}

// resolve turns the fields into an instant as Spark's toZonedDateTime does.
func (v *parsed) resolve(loc *time.Location) (int64, bool) {
	year := v.year
	if v.yoe >= 0 {
		y := v.yoe
		if v.era == 0 {
			y = 1 - y
		}
		if year != noOffset && year != y {
			return 0, false
		}
		year = y
	}
	if year == noOffset {
		year = 1970
	}
	if year < -999999999 || year > 999999999 {
		return 0, false
	}
	var days int64
	switch {
	case v.doy >= 0 && v.month < 0 && v.day < 0:
		n := int64(365)
		if sparktext.IsLeapYear(year) {
			n = 366
		}
		if v.doy < 1 || v.doy > n {
			return 0, false
		}
		days = sparktext.DaysFromCivil(year, 1, 1) + v.doy - 1
	default:
		m, d := v.month, v.day
		if m == -1 {
			m = 1
		}
		if d == -1 {
			d = 1
		}
		if m < 1 || m > 12 || d < 1 || d > int64(sparktext.MonthLength(year, int(m))) {
			return 0, false
		}
		days = sparktext.DaysFromCivil(year, int(m), int(d))
		if v.doy >= 0 && days-sparktext.DaysFromCivil(year, 1, 1)+1 != v.doy {
			return 0, false
		}
	}
	hour := int64(-1)
	if v.hour >= 0 {
		if v.hour > 23 {
			return 0, false
		}
		hour = v.hour
	}
	if v.clockHour >= 0 {
		if v.clockHour < 1 || v.clockHour > 24 || !set(&hour, v.clockHour%24) {
			return 0, false
		}
	}
	amPmHour := int64(-1)
	if v.hourAmPm >= 0 {
		if v.hourAmPm > 11 {
			return 0, false
		}
		amPmHour = v.hourAmPm
	}
	if v.clock12 >= 0 {
		if v.clock12 < 1 || v.clock12 > 12 || !set(&amPmHour, v.clock12%12) {
			return 0, false
		}
	}
	switch {
	case amPmHour >= 0 && v.ampm >= 0:
		if !set(&hour, v.ampm*12+amPmHour) {
			return 0, false
		}
	case amPmHour >= 0 && hour < 0:
		hour = amPmHour // Spark assumes AM
	case hour >= 0 && v.ampm >= 0:
		if hour/12 != v.ampm {
			return 0, false
		}
	case hour < 0 && v.ampm == 1:
		hour = 12
	}
	if hour < 0 {
		hour = 0
	}
	minute, second, nanos := max(v.minute, 0), max(v.second, 0), max(v.nanos, 0)
	if minute > 59 || second > 59 {
		return 0, false
	}
	local := days*86400 + hour*3600 + minute*60 + second
	var sec int64
	switch {
	case v.offset != noOffset:
		sec = local - v.offset
	case v.loc != nil:
		sec = localToUTC(local, v.loc)
	default:
		sec = localToUTC(local, loc)
	}
	if sec > math.MaxInt64/1_000_000 || sec < math.MinInt64/1_000_000 {
		return 0, false
	}
	return sec*1e6 + nanos/1000, true
}

func monthName(m int) string {
	switch m {
	case 1:
		return "January"
	case 2:
		return "February"
	case 3:
		return "March"
	case 4:
		return "April"
	case 5:
		return "May"
	case 6:
		return "June"
	case 7:
		return "July"
	case 8:
		return "August"
	case 9:
		return "September"
	case 10:
		return "October"
	case 11:
		return "November"
	}
	return "December"
}

func dayName(dow int) string {
	switch dow {
	case 1:
		return "Monday"
	case 2:
		return "Tuesday"
	case 3:
		return "Wednesday"
	case 4:
		return "Thursday"
	case 5:
		return "Friday"
	case 6:
		return "Saturday"
	}
	return "Sunday"
}

func quarterName(q int) string {
	switch q {
	case 1:
		return "1st quarter"
	case 2:
		return "2nd quarter"
	case 3:
		return "3rd quarter"
	}
	return "4th quarter"
}
