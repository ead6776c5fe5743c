package sqlfn

import (
	"math"
	"time"

	"github.com/streamc/streamc/internal/runtime/sparktext"
)

// Dates are int32 days since 1970-01-01 and timestamps int64 microseconds
// since the epoch; functions that need a wall clock take the session time
// zone (nil is UTC). The calendar is the proleptic Gregorian one java.time
// uses.

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// offsetAt is loc's UTC offset in seconds at the instant sec.
func offsetAt(sec int64, loc *time.Location) int {
	if loc == nil || loc == time.UTC {
		return 0
	}
	_, off := time.Unix(sec, 0).In(loc).Zone()
	return off
}

// localToUTC converts a wall time (seconds since 1970-01-01T00:00 local) in
// loc to seconds since the epoch as ZonedDateTime.of does: in a gap the
// wall time moves forward by the length of the gap, in an overlap the
// earlier offset wins. Transitions are assumed more than a day apart.
func localToUTC(local int64, loc *time.Location) int64 {
	if loc == nil || loc == time.UTC {
		return local
	}
	early := offsetAt(local-86400, loc)
	late := offsetAt(local+86400, loc)
	if early == late {
		return local - int64(early)
	}
	okEarly := offsetAt(local-int64(early), loc) == early
	okLate := offsetAt(local-int64(late), loc) == late
	switch {
	case okEarly:
		return local - int64(early)
	case okLate:
		return local - int64(late)
	}
	return local - int64(early) // gap: shifted forward by its length
}

// localParts splits a timestamp into local days and microseconds of day.
func localParts(us int64, loc *time.Location) (days, usOfDay int64) {
	sec := floorDiv(us, 1e6)
	local := us + int64(offsetAt(sec, loc))*1e6
	days = floorDiv(local, 86400e6)
	return days, local - days*86400e6
}

// Year is year(date).
func Year(days int32) int32 { y, _, _ := sparktext.CivilFromDays(int64(days)); return int32(y) }

// Month is month(date).
func Month(days int32) int32 { _, m, _ := sparktext.CivilFromDays(int64(days)); return int32(m) }

// DayOfMonth is day(date)/dayofmonth(date).
func DayOfMonth(days int32) int32 { _, _, d := sparktext.CivilFromDays(int64(days)); return int32(d) }

// Quarter is quarter(date).
func Quarter(days int32) int32 { return (Month(days)-1)/3 + 1 }

// DayOfYear is dayofyear(date).
func DayOfYear(days int32) int32 {
	y, _, _ := sparktext.CivilFromDays(int64(days))
	return int32(int64(days)-sparktext.DaysFromCivil(y, 1, 1)) + 1
}

// DayOfWeek is dayofweek(date): 1 = Sunday ... 7 = Saturday.
func DayOfWeek(days int32) int32 { return int32(floorMod(int64(days)+4, 7)) + 1 }

// WeekDay is weekday(date): 0 = Monday ... 6 = Sunday.
func WeekDay(days int32) int32 { return int32(floorMod(int64(days)+3, 7)) }

// WeekOfYear is weekofyear(date): the ISO-8601 week number.
func WeekOfYear(days int32) int32 {
	_, w := isoWeek(int64(days))
	return int32(w)
}

func isoWeek(days int64) (year int64, week int) {
	wd := floorMod(days+3, 7) // 0 = Monday
	thursday := days - wd + 3
	y, _, _ := sparktext.CivilFromDays(thursday)
	return y, int((thursday-sparktext.DaysFromCivil(y, 1, 1))/7) + 1
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// Hour is hour(ts) in loc.
func Hour(us int64, loc *time.Location) int32 {
	_, t := localParts(us, loc)
	return int32(t / 3600e6)
}

// Minute is minute(ts) in loc.
func Minute(us int64, loc *time.Location) int32 {
	_, t := localParts(us, loc)
	return int32(t / 60e6 % 60)
}

// Second is second(ts) in loc.
func Second(us int64, loc *time.Location) int32 {
	_, t := localParts(us, loc)
	return int32(t / 1e6 % 60)
}

// DateAdd is date_add(date, n) (wrapping like Spark's int addition).
func DateAdd(days, n int32) int32 { return days + n }

// DateSub is date_sub(date, n).
func DateSub(days, n int32) int32 { return days - n }

// DateDiff is datediff(end, start): end - start in days.
func DateDiff(end, start int32) int32 { return end - start }

// AddMonths is add_months(date, n): LocalDate.plusMonths, which keeps the
// day of month unless the target month is shorter (then its last day).
func AddMonths(days, n int32) int32 {
	y, m, d := sparktext.CivilFromDays(int64(days))
	total := y*12 + int64(m-1) + int64(n)
	ny := floorDiv(total, 12)
	nm := int(total-ny*12) + 1
	d = min(d, sparktext.MonthLength(ny, nm))
	return int32(sparktext.DaysFromCivil(ny, nm, d))
}

// LastDay is last_day(date).
func LastDay(days int32) int32 {
	y, m, _ := sparktext.CivilFromDays(int64(days))
	return int32(sparktext.DaysFromCivil(y, m, sparktext.MonthLength(y, m)))
}

// makeDate is make_date(y, m, d): ok=false for an invalid date (non-ANSI).
// Unexported until the catalogue lists make_date.
func makeDate(y, m, d int32) (int32, bool) {
	if m < 1 || m > 12 || d < 1 || int(d) > sparktext.MonthLength(int64(y), int(m)) || y < -999999999 || y > 999999999 {
		return 0, false
	}
	return int32(sparktext.DaysFromCivil(int64(y), int(m), int(d))), true
}

// CurrentDate is current_date(): the batch timestamp's day in loc.
func CurrentDate(batchUs int64, loc *time.Location) int32 { return CastTimestampToDate(batchUs, loc) }

// TimestampMillis is timestamp_millis(ms); overflow is an error in every
// mode (Math.multiplyExact).
func TimestampMillis(ms int64) (int64, error) {
	if ms > math.MaxInt64/1000 || ms < math.MinInt64/1000 {
		return 0, errOverflow("long overflow", "")
	}
	return ms * 1000, nil
}

// TimestampMicros is timestamp_micros(us).
func TimestampMicros(us int64) int64 { return us }

// TimestampSeconds is timestamp_seconds(sec) for an integral sec.
func TimestampSeconds(sec int64) (int64, error) {
	if sec > math.MaxInt64/1_000_000 || sec < math.MinInt64/1_000_000 {
		return 0, errOverflow("long overflow", "")
	}
	return sec * 1e6, nil
}

// TimestampSecondsDouble is timestamp_seconds(d) for a DOUBLE/FLOAT: NULL
// (ok=false) for NaN and infinities, an overflow error out of range.
func TimestampSecondsDouble(d float64) (us int64, ok bool, err error) {
	if math.IsNaN(d) || math.IsInf(d, 0) {
		return 0, false, nil
	}
	v := float64(d * 1e6)
	if math.Floor(v) > math.MaxInt64 || math.Ceil(v) < math.MinInt64 {
		return 0, false, errOverflow("Casting "+CastDoubleToString(v)+" to long causes overflow", "")
	}
	return d2l(v), true, nil
}

// UnixSeconds is unix_seconds(ts) and unix_timestamp(ts): floor seconds.
func UnixSeconds(us int64) int64 { return floorDiv(us, 1e6) }

// UnixMillis is unix_millis(ts).
func UnixMillis(us int64) int64 { return floorDiv(us, 1000) }

// UnixDateSeconds is unix_timestamp(date): midnight in loc, in seconds.
func UnixDateSeconds(days int32, loc *time.Location) int64 {
	return localToUTC(int64(days)*86400, loc)
}

// FromUnixTime is from_unixtime(sec, fmt): sec formatted in loc
// (from_unixtime(sec) uses "yyyy-MM-dd HH:mm:ss", DefaultTimestampPattern).
func FromUnixTime(sec int64, p *DatePattern, loc *time.Location) string {
	return p.Format(sec*1e6, loc) // Spark multiplies without an overflow check
}

// DateFormat is date_format(ts, fmt).
func DateFormat(us int64, p *DatePattern, loc *time.Location) string { return p.Format(us, loc) }

// UnixTimestampString is unix_timestamp(s, fmt)/to_unix_timestamp: the
// seconds of s parsed with p in loc; NULL when it does not parse.
func UnixTimestampString(s string, p *DatePattern, loc *time.Location) (int64, bool) {
	us, ok := p.Parse(s, loc)
	return floorDiv(us, 1e6), ok
}

// ToTimestamp is to_timestamp(s, fmt). to_timestamp(s) is
// CastStringToTimestamp.
func ToTimestamp(s string, p *DatePattern, loc *time.Location) (int64, bool) {
	return p.Parse(s, loc)
}

// ToDate is to_date(s, fmt): the timestamp parsed with p, as a date in loc.
// to_date(s) is CastStringToDate.
func ToDate(s string, p *DatePattern, loc *time.Location) (int32, bool) {
	us, ok := p.Parse(s, loc)
	if !ok {
		return 0, false
	}
	return CastTimestampToDate(us, loc), true
}

// ToTimestampANSI is to_timestamp(s, fmt) (also unix_timestamp, to_date)
// under ANSI: text that does not parse is CANNOT_PARSE_TIMESTAMP.
func ToTimestampANSI(s string, p *DatePattern, loc *time.Location) (int64, error) {
	us, ok := p.Parse(s, loc)
	if !ok {
		return 0, &Error{"CANNOT_PARSE_TIMESTAMP", "Text '" + s + "' could not be parsed. " +
			"Use `try_to_timestamp` to tolerate invalid input string and return NULL instead. " + ansiHint}
	}
	return us, nil
}

// TruncDate is trunc(date, fmt): fmt (case-insensitive) is "YEAR", "YYYY",
// "YY", "QUARTER", "MONTH", "MM", "MON" or "WEEK"; another fmt gives NULL.
func TruncDate(days int32, fmt string) (int32, bool) {
	y, m, _ := sparktext.CivilFromDays(int64(days))
	switch upperASCII(fmt) {
	case "YEAR", "YYYY", "YY":
		return int32(sparktext.DaysFromCivil(y, 1, 1)), true
	case "QUARTER":
		return int32(sparktext.DaysFromCivil(y, (m-1)/3*3+1, 1)), true
	case "MONTH", "MM", "MON":
		return int32(sparktext.DaysFromCivil(y, m, 1)), true
	case "WEEK":
		return days - WeekDay(days), true
	}
	return 0, false
}

// DateTrunc is date_trunc(fmt, ts) in loc: fmt is one of "YEAR", "YYYY",
// "YY", "QUARTER", "MONTH", "MM", "MON", "WEEK", "DAY", "DD", "HOUR",
// "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND"; another fmt is NULL.
func DateTrunc(fmt string, us int64, loc *time.Location) (int64, bool) {
	days, t := localParts(us, loc)
	var unit int64
	switch upperASCII(fmt) {
	case "MICROSECOND":
		return us, true
	case "MILLISECOND":
		unit = 1e3
	case "SECOND":
		unit = 1e6
	case "MINUTE":
		unit = 60e6
	case "HOUR":
		unit = 3600e6
	case "DAY", "DD":
		return localToUTC(days*86400, loc) * 1e6, true
	default:
		d, ok := TruncDate(int32(days), fmt)
		if !ok {
			return 0, false
		}
		return localToUTC(int64(d)*86400, loc) * 1e6, true
	}
	// Below a day Spark truncates the wall time in the zone.
	return us - floorMod(t, unit), true
}

func upperASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'a' && b[j] <= 'z' {
					b[j] -= 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
