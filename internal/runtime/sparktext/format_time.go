package sparktext

import "time"

// AppendTimestamp appends micros (since the epoch) the way Spark's JSON and
// CSV writers do by default: yyyy-MM-dd'T'HH:mm:ss.SSSXXX in loc (nil is
// UTC). Sub-millisecond digits are dropped (floor, also before 1970); a zero
// offset prints "Z", others "+05:30" (seconds of historic offsets dropped,
// as XXX does); years beyond 9999 print "+10000", before year 0 "-0001".
func AppendTimestamp(dst []byte, micros int64, loc *time.Location) []byte {
	ms := floorDiv(micros, 1000)
	sec := floorDiv(ms, 1000)
	off := offsetAt(sec, loc)
	dst = appendLocal(dst, sec+int64(off), int(ms-sec*1000))
	return appendOffsetXXX(dst, off)
}

// AppendTimestampNTZ appends yyyy-MM-dd'T'HH:mm:ss.SSS of a timestamp
// without time zone.
func AppendTimestampNTZ(dst []byte, micros int64) []byte {
	ms := floorDiv(micros, 1000)
	sec := floorDiv(ms, 1000)
	return appendLocal(dst, sec, int(ms-sec*1000))
}

// AppendDate appends yyyy-MM-dd of days since 1970-01-01.
func AppendDate(dst []byte, days int32) []byte {
	y, m, d := CivilFromDays(int64(days))
	return appendYMD(dst, y, m, d)
}

// offsetAt is the UTC offset in seconds of loc at the instant sec.
func offsetAt(sec int64, loc *time.Location) int {
	if loc == nil || loc == time.UTC {
		return 0
	}
	_, off := time.Unix(sec, 0).In(loc).Zone()
	return off
}

func appendLocal(dst []byte, local int64, millis int) []byte {
	days := floorDiv(local, 86400)
	sod := int(local - days*86400)
	y, m, d := CivilFromDays(days)
	dst = appendYMD(dst, y, m, d)
	dst = append(dst, 'T')
	dst = append2(dst, sod/3600)
	dst = append(dst, ':')
	dst = append2(dst, sod/60%60)
	dst = append(dst, ':')
	dst = append2(dst, sod%60)
	dst = append(dst, '.')
	return append(dst, byte('0'+millis/100), byte('0'+millis/10%10), byte('0'+millis%10))
}

// appendYMD writes uuuu-MM-dd as java.time does (SignStyle.EXCEEDS_PAD).
func appendYMD(dst []byte, y int64, m, d int) []byte {
	switch {
	case y > 9999:
		dst = append(dst, '+')
		dst = appendInt64(dst, y)
	case y < 0:
		dst = append(dst, '-')
		dst = appendPad4(dst, -y)
	default:
		dst = appendPad4(dst, y)
	}
	dst = append(dst, '-')
	dst = append2(dst, m)
	dst = append(dst, '-')
	return append2(dst, d)
}

func appendPad4(dst []byte, v int64) []byte {
	for p := int64(1000); p > 1 && v < p; p /= 10 {
		dst = append(dst, '0')
	}
	return appendInt64(dst, v)
}

func append2(dst []byte, v int) []byte {
	return append(dst, byte('0'+v/10), byte('0'+v%10))
}

// appendOffsetXXX writes an offset as pattern XXX does: "Z" when hours and
// minutes are zero, else ±HH:MM (seconds ignored).
func appendOffsetXXX(dst []byte, off int) []byte {
	abs := off
	if abs < 0 {
		abs = -abs
	}
	h, m := abs/3600%100, abs/60%60
	if h == 0 && m == 0 {
		return append(dst, 'Z')
	}
	if off < 0 {
		dst = append(dst, '-')
	} else {
		dst = append(dst, '+')
	}
	dst = append2(dst, h)
	dst = append(dst, ':')
	return append2(dst, m)
}
