package sparktext

import (
	"strings"
	"time"
	"unsafe"
)

// zone is a parsed java.time.ZoneId: a fixed offset or a tz region.
type zone struct {
	off int            // fixed offset in seconds, when loc is nil
	loc *time.Location // region rules, or nil
}

// shortIDs is java.time.ZoneId.SHORT_IDS, which Spark passes to ZoneId.of.
func shortID(id string) (string, bool) {
	switch id {
	case "ACT":
		return "Australia/Darwin", true
	case "AET":
		return "Australia/Sydney", true
	case "AGT":
		return "America/Argentina/Buenos_Aires", true
	case "ART":
		return "Africa/Cairo", true
	case "AST":
		return "America/Anchorage", true
	case "BET":
		return "America/Sao_Paulo", true
	case "BST":
		return "Asia/Dhaka", true
	case "CAT":
		return "Africa/Harare", true
	case "CNT":
		return "America/St_Johns", true
	case "CST":
		return "America/Chicago", true
	case "CTT":
		return "Asia/Shanghai", true
	case "EAT":
		return "Africa/Addis_Ababa", true
	case "ECT":
		return "Europe/Paris", true
	case "IET":
		return "America/Indiana/Indianapolis", true
	case "IST":
		return "Asia/Kolkata", true
	case "JST":
		return "Asia/Tokyo", true
	case "MIT":
		return "Pacific/Apia", true
	case "NET":
		return "Asia/Yerevan", true
	case "NST":
		return "Pacific/Auckland", true
	case "PLT":
		return "Asia/Karachi", true
	case "PNT":
		return "America/Phoenix", true
	case "PRT":
		return "America/Puerto_Rico", true
	case "PST":
		return "America/Los_Angeles", true
	case "SST":
		return "Pacific/Guadalcanal", true
	case "VST":
		return "Asia/Ho_Chi_Minh", true
	case "EST":
		return "-05:00", true
	case "MST":
		return "-07:00", true
	case "HST":
		return "-10:00", true
	}
	return "", false
}

// parseZoneID is Spark's DateTimeUtils.getZoneId on the trimmed text: the
// pre-3.0 forms "+h:mm" and "+hh:m" are widened, then
// ZoneId.of(id, SHORT_IDS). Region ids are loaded with time.LoadLocation
// (the slow path; it reads the system tz database).
func parseZoneID(s []byte) (zone, bool) {
	s = trimJava(s)
	var buf [64]byte
	if len(s) > len(buf)-2 {
		return zone{}, false
	}
	b := append(buf[:0], s...)
	// (\+|\-)(\d):  ->  $10$2:   (first match)
	for k := 0; k+2 < len(b); k++ {
		if (b[k] == '+' || b[k] == '-') && isDigit(b[k+1]) && b[k+2] == ':' {
			b = append(b[:k+2], b[k+1:]...)
			b[k+1] = '0'
			break
		}
	}
	// (\+|\-)(\d\d):(\d)$  ->  $1$2:0$3
	if n := len(b); n >= 5 && (b[n-5] == '+' || b[n-5] == '-') && isDigit(b[n-4]) && isDigit(b[n-3]) && b[n-2] == ':' && isDigit(b[n-1]) {
		last := b[n-1]
		b = append(b[:n-1], '0', last)
	}
	id := unsafe.String(unsafe.SliceData(b), len(b))
	if long, ok := shortID(id); ok {
		id = long
	}
	return zoneOf(id)
}

// zoneOf is java.time.ZoneId.of(id).
func zoneOf(id string) (zone, bool) {
	switch {
	case len(id) <= 1 || id[0] == '+' || id[0] == '-':
		off, ok := zoneOffsetOf(id)
		return zone{off: off}, ok
	case len(id) >= 3 && (id[:3] == "UTC" || id[:3] == "GMT"):
		return zoneWithPrefix(id, 3)
	case len(id) >= 2 && id[:2] == "UT":
		return zoneWithPrefix(id, 2)
	}
	return zoneRegion(id)
}

func zoneWithPrefix(id string, n int) (zone, bool) {
	if len(id) == n {
		return zone{}, true
	}
	if id[n] != '+' && id[n] != '-' {
		return zoneRegion(id)
	}
	off, ok := zoneOffsetOf(id[n:])
	return zone{off: off}, ok
}

// zoneRegion loads a region id such as "Europe/Paris" after checking it has
// the form ZoneRegion accepts.
func zoneRegion(id string) (zone, bool) {
	if len(id) < 2 || !isLetter(id[0]) || id == "Local" {
		return zone{}, false
	}
	for i := 1; i < len(id); i++ {
		c := id[i]
		if !isLetter(c) && !isDigit(c) && c != '~' && c != '/' && c != '.' && c != '_' && c != '+' && c != '-' {
			return zone{}, false
		}
	}
	loc, err := time.LoadLocation(strings.Clone(id)) // id may view a stack buffer
	if err != nil {
		return zone{}, false
	}
	return zone{loc: loc}, true
}

// zoneOffsetOf is java.time.ZoneOffset.of: Z, ±h, ±hh, ±hh:mm, ±hhmm,
// ±hh:mm:ss, ±hhmmss, at most ±18:00.
func zoneOffsetOf(id string) (int, bool) {
	if id == "Z" {
		return 0, true
	}
	var h, m, s int
	ok := true
	two := func(p int, colon bool) int {
		if colon && id[p-1] != ':' {
			ok = false
		}
		if !isDigit(id[p]) || !isDigit(id[p+1]) {
			ok = false
			return 0
		}
		return int(id[p]-'0')*10 + int(id[p+1]-'0')
	}
	switch len(id) {
	case 2:
		if !isDigit(id[1]) {
			return 0, false
		}
		h = int(id[1] - '0')
	case 3:
		h = two(1, false)
	case 5:
		h, m = two(1, false), two(3, false)
	case 6:
		h, m = two(1, false), two(4, true)
	case 7:
		h, m, s = two(1, false), two(3, false), two(5, false)
	case 9:
		h, m, s = two(1, false), two(4, true), two(7, true)
	default:
		return 0, false
	}
	if !ok || (id[0] != '+' && id[0] != '-') {
		return 0, false
	}
	if h > 18 || m > 59 || s > 59 || (h == 18 && (m > 0 || s > 0)) {
		return 0, false
	}
	off := h*3600 + m*60 + s
	if id[0] == '-' {
		off = -off
	}
	return off, true
}

// toUTC converts local seconds (wall time in z) to seconds since the epoch
// as ZonedDateTime.of does: in a gap the wall time moves forward by the gap,
// in an overlap the earlier offset wins.
func (z zone) toUTC(local int64) int64 {
	if z.loc == nil {
		return local - int64(z.off)
	}
	if z.loc == time.UTC {
		return local
	}
	// Walk the zone periods around local; offsets are within a day.
	t := time.Unix(local-86400, 0).In(z.loc)
	prevOff, havePrev := 0, false
	for i := 0; i < 16; i++ {
		_, off := t.Zone()
		start, end := t.ZoneBounds()
		inst := local - int64(off)
		if (start.IsZero() || inst >= start.Unix()) && (end.IsZero() || inst < end.Unix()) {
			return inst
		}
		if havePrev && prevOff < off && local >= start.Unix()+int64(prevOff) && local < start.Unix()+int64(off) {
			return local - int64(prevOff) // gap
		}
		if end.IsZero() || end.Unix() > local+86400 {
			break
		}
		t, prevOff, havePrev = end.In(z.loc), off, true
	}
	return local - int64(offsetAt(local, z.loc))
}

// today is LocalDate.now(z) as days since the epoch.
func (z zone) today() int64 {
	now := time.Now().Unix()
	if z.loc == nil {
		return floorDiv(now+int64(z.off), 86400)
	}
	return floorDiv(now+int64(offsetAt(now, z.loc)), 86400)
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// trimJava is String.trim: drop chars <= ' ' at both ends.
func trimJava(s []byte) []byte {
	for len(s) > 0 && s[0] <= ' ' {
		s = s[1:]
	}
	for len(s) > 0 && s[len(s)-1] <= ' ' {
		s = s[:len(s)-1]
	}
	return s
}
