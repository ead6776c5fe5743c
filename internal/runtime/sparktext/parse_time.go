package sparktext

import (
	"math"
	"time"
)

// ParseTimestamp is Spark 3.5's DateTimeUtils.stringToTimestamp, what
// from_json, from_csv and CAST use when no timestampFormat is set:
// "[+-]yyyy[-[m]m[-[d]d[( |T)[h]h:[m]m[:[s]s[.ffffff][zone]]]]]" and the
// time-only forms "[T][h]h:[m]m:..." (dated today in the zone, as Spark
// does). Surrounding whitespace and control characters are ignored,
// fraction digits beyond 6 are truncated, and zone is Z, ±hh:mm, a short
// id, UTC/GMT/UT±offset or a region id. Zone-less text is read in loc (nil
// is UTC).
func ParseTimestamp(s []byte, loc *time.Location) (micros int64, ok bool) {
	p, ok := parseTimestampString(s)
	if !ok {
		return 0, false
	}
	z := zone{loc: loc}
	if loc == nil {
		z.loc = time.UTC
	}
	if p.hasZone {
		if z, ok = parseZoneID(p.zone); !ok {
			return 0, false
		}
	}
	if !p.validTime() {
		return 0, false
	}
	var days int64
	if p.justTime {
		days = z.today()
	} else if days, ok = p.days(); !ok {
		return 0, false
	}
	sec := z.toUTC(days*86400 + p.secondOfDay())
	return secondsToMicros(sec, p.seg[6])
}

// ParseTimestampNTZ is stringToTimestampWithoutTimeZone(s, allowTimeZone =
// false), what from_json/from_csv use for TIMESTAMP_NTZ: text with a zone
// or without a date is rejected.
func ParseTimestampNTZ(s []byte) (micros int64, ok bool) {
	p, ok := parseTimestampString(s)
	if !ok || p.hasZone || p.justTime || !p.validTime() {
		return 0, false
	}
	days, ok := p.days()
	if !ok {
		return 0, false
	}
	return secondsToMicros(days*86400+p.secondOfDay(), p.seg[6])
}

// ParseTimestampNTZLenient is stringToTimestampWithoutTimeZone(s, true),
// what CAST(string AS TIMESTAMP_NTZ) uses: a valid zone is ignored.
func ParseTimestampNTZLenient(s []byte) (micros int64, ok bool) {
	p, ok := parseTimestampString(s)
	if !ok || p.justTime || !p.validTime() {
		return 0, false
	}
	if p.hasZone {
		if _, ok := parseZoneID(p.zone); !ok {
			return 0, false
		}
	}
	days, ok := p.days()
	if !ok {
		return 0, false
	}
	return secondsToMicros(days*86400+p.secondOfDay(), p.seg[6])
}

// ParseDate is Spark's DateTimeUtils.stringToDate: "[+-]yyyy[y..]",
// "yyyy-[m]m", "yyyy-[m]m-[d]d" optionally followed by ' ' or 'T' and
// anything; surrounding whitespace and control characters are ignored.
func ParseDate(s []byte) (days int32, ok bool) {
	s = trimAll(s)
	if len(s) == 0 {
		return 0, false
	}
	seg := [3]int64{1, 1, 1}
	sign := int64(1)
	j := 0
	if s[0] == '-' || s[0] == '+' {
		if s[0] == '-' {
			sign = -1
		}
		j++
	}
	i, val, nd := 0, int64(0), 0
	valid := func(i, nd int) bool {
		return (i == 0 && nd >= 4 && nd <= 7) || (i != 0 && nd > 0 && nd <= 2)
	}
	for j < len(s) && i < 3 && s[j] != ' ' && s[j] != 'T' {
		b := s[j]
		if i < 2 && b == '-' {
			if !valid(i, nd) {
				return 0, false
			}
			seg[i], val, nd = val, 0, 0
			i++
		} else {
			if !isDigit(b) {
				return 0, false
			}
			val = val*10 + int64(b-'0')
			nd++
		}
		j++
	}
	if !valid(i, nd) {
		return 0, false
	}
	if i < 2 && j < len(s) {
		return 0, false // "yyyy" and "yyyy-[m]m" must be the whole input
	}
	seg[i] = val
	y := sign * seg[0]
	if seg[1] < 1 || seg[1] > 12 || seg[2] < 1 || seg[2] > int64(MonthLength(y, int(seg[1]))) {
		return 0, false
	}
	d := DaysFromCivil(y, int(seg[1]), int(seg[2]))
	if d < math.MinInt32 || d > math.MaxInt32 {
		return 0, false // Math.toIntExact
	}
	return int32(d), true
}

// tsParts holds parseTimestampString's segments: year, month, day, hour,
// minute, second, microsecond, and the zone text.
type tsParts struct {
	seg      [9]int64
	zone     []byte
	hasZone  bool
	justTime bool
}

func (p *tsParts) validTime() bool {
	return p.seg[3] <= 23 && p.seg[4] <= 59 && p.seg[5] <= 59
}

func (p *tsParts) secondOfDay() int64 { return p.seg[3]*3600 + p.seg[4]*60 + p.seg[5] }

// days validates the date as LocalDate.of does.
func (p *tsParts) days() (int64, bool) {
	y, m, d := p.seg[0], p.seg[1], p.seg[2]
	if m < 1 || m > 12 || d < 1 || d > int64(MonthLength(y, int(m))) {
		return 0, false
	}
	return DaysFromCivil(y, int(m), int(d)), true
}

// parseTimestampString follows SparkDateTimeUtils.parseTimestampString of
// Spark 3.5 step by step, so that odd inputs are accepted or rejected
// exactly as Spark does.
func parseTimestampString(s []byte) (p tsParts, ok bool) {
	s = trimAll(s)
	if len(s) == 0 {
		return p, false
	}
	p.seg = [9]int64{1, 1, 1, 0, 0, 0, 0, 0, 0}
	valid := func(seg, nd int) bool {
		return seg == 6 || (seg == 0 && nd >= 4 && nd <= 6) || (seg == 7 && nd <= 2) ||
			(seg != 0 && seg != 6 && seg != 7 && nd > 0 && nd <= 2)
	}
	i, val, nd, fracDigits := 0, int64(0), 0, 0
	yearSign := int64(0)
	j := 0
	if s[0] == '-' || s[0] == '+' {
		yearSign = 1
		if s[0] == '-' {
			yearSign = -1
		}
		j++
	}
	// next stores the current segment and starts segment i+1.
	next := func() bool {
		if !valid(i, nd) {
			return false
		}
		p.seg[i], val, nd = val, 0, 0
		i++
		return true
	}
	for ; j < len(s); j++ {
		b := s[j]
		if isDigit(b) {
			if i == 6 {
				fracDigits++
			}
			if i != 6 || nd < 6 {
				val = val*10 + int64(b-'0')
			}
			nd++
			continue
		}
		switch {
		case j == 0 && b == 'T':
			p.justTime = true
			i += 3
		case i < 2:
			switch {
			case b == '-':
				if !next() {
					return p, false
				}
			case i == 0 && b == ':' && yearSign == 0:
				p.justTime = true
				if !valid(3, nd) {
					return p, false
				}
				p.seg[3], val, nd = val, 0, 0
				i = 4
			default:
				return p, false
			}
		case i == 2:
			if b != ' ' && b != 'T' || !next() {
				return p, false
			}
		case i == 3 || i == 4:
			if b != ':' || !next() {
				return p, false
			}
		case i == 5 || i == 6:
			if b == '.' && i == 5 {
				if !next() {
					return p, false
				}
			} else {
				if !next() {
					return p, false
				}
				p.zone, p.hasZone = s[j:], true
				j = len(s) - 1
			}
			if i == 6 && b != '.' {
				i++
			}
		default:
			if i < len(p.seg) && (b == ':' || b == ' ') {
				if !next() {
					return p, false
				}
			} else {
				return p, false
			}
		}
		if i >= len(p.seg) {
			return p, false // Spark would index out of bounds and return None
		}
	}
	if !valid(i, nd) {
		return p, false
	}
	p.seg[i] = val
	for ; fracDigits < 6; fracDigits++ {
		p.seg[6] *= 10
	}
	if yearSign != 0 {
		p.seg[0] *= yearSign
	}
	return p, true
}

// minSeconds is floorDiv(Long.MinValue, 1e6), special-cased by Spark's
// instantToMicros (SPARK-35679).
const minSeconds = -9223372036855

// secondsToMicros is Spark's instantToMicros, with its overflow checks
// (multiplyExact/addExact failing means no value).
func secondsToMicros(sec, us int64) (int64, bool) {
	if sec == minSeconds {
		a, b := (sec+1)*1e6, us-1e6
		r := a + b
		return r, r <= a
	}
	if sec > math.MaxInt64/1_000_000 || sec < math.MinInt64/1_000_000 {
		return 0, false
	}
	a := sec * 1e6
	r := a + us
	return r, r >= a
}

// trimAll is UTF8String.trimAll: drop bytes that are whitespace or ISO
// control characters (0x00-0x20, 0x7F) at both ends.
func trimAll(s []byte) []byte {
	for len(s) > 0 && (s[0] <= ' ' || s[0] == 0x7f) {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] <= ' ' || s[len(s)-1] == 0x7f) {
		s = s[:len(s)-1]
	}
	return s
}
