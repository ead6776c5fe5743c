package sqlfn

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unsafe"

	"github.com/cockroachdb/apd/v3"

	"github.com/streamc/streamc/internal/runtime/sparktext"
)

// Casts follow Spark 3.5's Cast.scala. The plain functions are the default
// (non-ANSI) casts: a string that does not parse, or a value out of range
// for a decimal, gives NULL (ok=false); integral narrowing wraps; double to
// integral saturates as the JVM's d2i/d2l do. The ANSI twins return
// CAST_INVALID_INPUT, CAST_OVERFLOW or NUMERIC_VALUE_OUT_OF_RANGE errors.

// bytesOf views s as bytes for the sparktext parsers, which do not keep or
// modify their input.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// isSpaceOrControl is UTF8String.isWhitespaceOrISOControl on one byte.
func isSpaceOrControl(c byte) bool { return c <= ' ' || c == 0x7f }

// parseIntegral is UTF8String.toLong/toInt: surrounding whitespace and ISO
// control bytes are ignored, then an optional sign and digits; with
// allowDecimal (non-ANSI) a '.' and further digits are accepted and
// dropped. Values outside [lo, hi] fail.
func parseIntegral(s string, lo, hi int64, allowDecimal bool) (int64, bool) {
	i, j := 0, len(s)
	for i < j && isSpaceOrControl(s[i]) {
		i++
	}
	if i == j {
		return 0, false
	}
	for j > i+1 && isSpaceOrControl(s[j-1]) {
		j--
	}
	neg := s[i] == '-'
	if neg || s[i] == '+' {
		if j-i == 1 {
			return 0, false
		}
		i++
	}
	// Accumulate negatively so that the minimum fits (as Spark does).
	var v int64
	stop := lo / 10
	for ; i < j; i++ {
		c := s[i]
		if c == '.' && allowDecimal {
			i++
			break
		}
		if c < '0' || c > '9' {
			return 0, false
		}
		if v < stop {
			return 0, false
		}
		v = v*10 - int64(c-'0')
		if v < lo || v > 0 {
			return 0, false
		}
	}
	for ; i < j; i++ {
		if c := s[i]; c < '0' || c > '9' {
			return 0, false
		}
	}
	if !neg {
		v = -v
		if v < 0 || v > hi {
			return 0, false
		}
	}
	return v, true
}

// CastStringToInt64 is CAST(s AS BIGINT): " 12 " is 12, "1.9" is 1, "1e3"
// and overflow are NULL.
func CastStringToInt64(s string) (int64, bool) {
	return parseIntegral(s, math.MinInt64, math.MaxInt64, true)
}

// CastStringToInt32 is CAST(s AS INT).
func CastStringToInt32(s string) (int32, bool) {
	v, ok := parseIntegral(s, math.MinInt32, math.MaxInt32, true)
	return int32(v), ok
}

// CastStringToInt16 is CAST(s AS SMALLINT).
func CastStringToInt16(s string) (int16, bool) {
	v, ok := parseIntegral(s, math.MinInt32, math.MaxInt32, true)
	return int16(v), ok && v == int64(int16(v))
}

// CastStringToInt8 is CAST(s AS TINYINT).
func CastStringToInt8(s string) (int8, bool) {
	v, ok := parseIntegral(s, math.MinInt32, math.MaxInt32, true)
	return int8(v), ok && v == int64(int8(v))
}

// CastStringToInt64ANSI is CAST(s AS BIGINT) under ANSI: no fraction is
// accepted and anything unparsable is CAST_INVALID_INPUT.
func CastStringToInt64ANSI(s string) (int64, error) {
	v, ok := parseIntegral(s, math.MinInt64, math.MaxInt64, false)
	if !ok {
		return 0, errCastInvalid(s, "BIGINT")
	}
	return v, nil
}

// CastStringToInt32ANSI is CAST(s AS INT) under ANSI.
func CastStringToInt32ANSI(s string) (int32, error) {
	v, ok := parseIntegral(s, math.MinInt32, math.MaxInt32, false)
	if !ok {
		return 0, errCastInvalid(s, "INT")
	}
	return int32(v), nil
}

// CastStringToInt16ANSI is CAST(s AS SMALLINT) under ANSI.
func CastStringToInt16ANSI(s string) (int16, error) {
	v, ok := parseIntegral(s, math.MinInt16, math.MaxInt16, false)
	if !ok {
		return 0, errCastInvalid(s, "SMALLINT")
	}
	return int16(v), nil
}

// CastStringToInt8ANSI is CAST(s AS TINYINT) under ANSI.
func CastStringToInt8ANSI(s string) (int8, error) {
	v, ok := parseIntegral(s, math.MinInt8, math.MaxInt8, false)
	if !ok {
		return 0, errCastInvalid(s, "TINYINT")
	}
	return int8(v), nil
}

// CastStringToDouble is CAST(s AS DOUBLE): Java's Double.parseDouble
// (surrounding chars <= ' ' ignored, "1d", "0x1p3", "NaN", "Infinity"
// accepted), then Spark's special literals, case-insensitive after trim:
// "inf", "+inf", "infinity", "+infinity", "-inf", "-infinity", "nan".
func CastStringToDouble(s string) (float64, bool) {
	if f, ok := sparktext.ParseJavaDouble(bytesOf(s)); ok {
		return f, true
	}
	return specialDouble(s)
}

// CastStringToFloat is CAST(s AS FLOAT).
func CastStringToFloat(s string) (float32, bool) {
	if f, ok := sparktext.ParseJavaFloat(bytesOf(s)); ok {
		return f, true
	}
	f, ok := specialDouble(s)
	return float32(f), ok
}

// CastStringToDoubleANSI is CAST(s AS DOUBLE) under ANSI.
func CastStringToDoubleANSI(s string) (float64, error) {
	f, ok := CastStringToDouble(s)
	if !ok {
		return 0, errCastInvalid(s, "DOUBLE")
	}
	return f, nil
}

// CastStringToFloatANSI is CAST(s AS FLOAT) under ANSI.
func CastStringToFloatANSI(s string) (float32, error) {
	f, ok := CastStringToFloat(s)
	if !ok {
		return 0, errCastInvalid(s, "FLOAT")
	}
	return f, nil
}

// specialDouble is Cast.processFloatingPointSpecialLiterals.
func specialDouble(s string) (float64, bool) {
	t := strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	if len(t) > 9 {
		return 0, false
	}
	switch strings.ToLower(t) {
	case "inf", "+inf", "infinity", "+infinity":
		return math.Inf(1), true
	case "-inf", "-infinity":
		return math.Inf(-1), true
	case "nan":
		return sparktext.JavaNaN(), true
	}
	return 0, false
}

// CastStringToDecimal is CAST(s AS DECIMAL(p, sc)): new BigDecimal(s.trim)
// rounded HALF_UP to sc; NULL when malformed or more than p digits.
func CastStringToDecimal(dst *apd.Decimal, s string, p, sc int) bool {
	return sparktext.ParseDecimal(bytesOf(strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })), p, sc, dst)
}

// CastStringToDecimalANSI is CAST(s AS DECIMAL(p, sc)) under ANSI.
func CastStringToDecimalANSI(dst *apd.Decimal, s string, p, sc int) error {
	if CastStringToDecimal(dst, s, p, sc) {
		return nil
	}
	t := strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	var d apd.Decimal
	if _, _, err := d.SetString(t); err != nil || d.Form != apd.Finite || !javaDecimalSyntax(t) {
		return errCastInvalid(s, "DECIMAL("+strconv.Itoa(p)+","+strconv.Itoa(sc)+")")
	}
	return errDecimalOutOfRange(t, p, sc)
}

// javaDecimalSyntax reports whether t has BigDecimal's syntax (apd also
// accepts "Inf" and "NaN", which BigDecimal does not).
func javaDecimalSyntax(t string) bool {
	for i := 0; i < len(t); i++ {
		c := t[i]
		if !(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
			return false
		}
	}
	return true
}

// CastStringToBool is CAST(s AS BOOLEAN): after trimming whitespace and
// control characters, case-insensitively "t", "true", "y", "yes", "1" are
// true and "f", "false", "n", "no", "0" false; anything else is NULL.
func CastStringToBool(s string) (v, ok bool) {
	i, j := 0, len(s)
	for i < j && isSpaceOrControl(s[i]) {
		i++
	}
	for j > i && isSpaceOrControl(s[j-1]) {
		j--
	}
	t := s[i:j]
	if len(t) > 5 {
		return false, false
	}
	var low [5]byte
	for k := 0; k < len(t); k++ {
		c := t[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[k] = c
	}
	switch string(low[:len(t)]) {
	case "t", "true", "y", "yes", "1":
		return true, true
	case "f", "false", "n", "no", "0":
		return false, true
	}
	return false, false
}

// CastStringToBoolANSI is CAST(s AS BOOLEAN) under ANSI.
func CastStringToBoolANSI(s string) (bool, error) {
	v, ok := CastStringToBool(s)
	if !ok {
		return false, errCastInvalid(s, "BOOLEAN")
	}
	return v, nil
}

// CastStringToDate is CAST(s AS DATE) (DateTimeUtils.stringToDate).
func CastStringToDate(s string) (int32, bool) { return sparktext.ParseDate(bytesOf(s)) }

// CastStringToDateANSI is CAST(s AS DATE) under ANSI.
func CastStringToDateANSI(s string) (int32, error) {
	d, ok := CastStringToDate(s)
	if !ok {
		return 0, errCastInvalid(s, "DATE")
	}
	return d, nil
}

// CastStringToTimestamp is CAST(s AS TIMESTAMP) (stringToTimestamp), text
// without a zone being read in loc.
func CastStringToTimestamp(s string, loc *time.Location) (int64, bool) {
	return sparktext.ParseTimestamp(bytesOf(s), loc)
}

// CastStringToTimestampANSI is CAST(s AS TIMESTAMP) under ANSI.
func CastStringToTimestampANSI(s string, loc *time.Location) (int64, error) {
	t, ok := CastStringToTimestamp(s, loc)
	if !ok {
		return 0, errCastInvalid(s, "TIMESTAMP")
	}
	return t, nil
}

// CastDoubleToString is CAST(d AS STRING): Double.toString.
func CastDoubleToString(d float64) string {
	var b [32]byte
	return string(sparktext.AppendDouble(b[:0], d))
}

// CastFloatToString is CAST(f AS STRING): Float.toString.
func CastFloatToString(f float32) string {
	var b [32]byte
	return string(sparktext.AppendFloat(b[:0], f))
}

// CastDecimalToString is CAST(d AS STRING): BigDecimal.toString (which
// uses scientific notation below 1E-6, e.g. "1.0E-7").
func CastDecimalToString(d *apd.Decimal) string {
	var b [48]byte
	return string(sparktext.AppendDecimal(b[:0], d))
}

// CastDecimalToStringANSI is CAST(d AS STRING) under ANSI: plain notation.
func CastDecimalToStringANSI(d *apd.Decimal) string {
	var b [48]byte
	return string(sparktext.AppendDecimalPlain(b[:0], d))
}

// CastBoolToString is CAST(b AS STRING).
func CastBoolToString(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// CastBinaryToString is CAST(b AS STRING): the bytes as they are (Spark
// does not validate UTF-8).
func CastBinaryToString(b []byte) string { return string(b) }

// CastStringToBinary is CAST(s AS BINARY): the UTF-8 bytes.
func CastStringToBinary(s string) []byte { return []byte(s) }

// CastDoubleToInt64 is CAST(d AS BIGINT): truncation, NaN 0, saturating.
func CastDoubleToInt64(d float64) int64 { return d2l(d) }

// CastDoubleToInt32 is CAST(d AS INT) (JVM d2i).
func CastDoubleToInt32(d float64) int32 { return d2i(d) }

// CastDoubleToInt16 is CAST(d AS SMALLINT): d2i, then wrapped to 16 bits.
func CastDoubleToInt16(d float64) int16 { return int16(d2i(d)) }

// CastDoubleToInt8 is CAST(d AS TINYINT): d2i, then wrapped to 8 bits.
func CastDoubleToInt8(d float64) int8 { return int8(d2i(d)) }

// CastDoubleToIntegralANSI is CAST(d AS <integral of bits>) under ANSI:
// CAST_OVERFLOW when floor(d) > max or ceil(d) < min (NaN included).
// fromFloat says the source is a FLOAT (for the message).
func CastDoubleToIntegralANSI(d float64, bits int, fromFloat bool) (int64, error) {
	lo, hi := intRange(bits)
	if math.Floor(d) <= float64(hi) && math.Ceil(d) >= float64(lo) {
		if bits == 64 {
			return d2l(d), nil
		}
		return int64(d2i(d)), nil
	}
	var b [40]byte
	var txt []byte
	from := "DOUBLE"
	if fromFloat {
		txt = append(sparktext.AppendFloat(b[:0], float32(d)), 'F')
		from = "FLOAT"
	} else {
		txt = append(sparktext.AppendDouble(b[:0], d), 'D')
	}
	return 0, errCastOverflow(string(txt), from, intTypeName(bits))
}

// CastIntegralANSI narrows v (of type fromBits) to toBits under ANSI
// (CAST_OVERFLOW); the plain cast is Go's conversion, which wraps as the
// JVM does.
func CastIntegralANSI(v int64, fromBits, toBits int) (int64, error) {
	lo, hi := intRange(toBits)
	if v < lo || v > hi {
		return 0, errCastOverflow(intSQLValue(v, fromBits), intTypeName(fromBits), intTypeName(toBits))
	}
	return v, nil
}

func intRange(bits int) (int64, int64) {
	switch bits {
	case 8:
		return math.MinInt8, math.MaxInt8
	case 16:
		return math.MinInt16, math.MaxInt16
	case 32:
		return math.MinInt32, math.MaxInt32
	}
	return math.MinInt64, math.MaxInt64
}

func intTypeName(bits int) string {
	switch bits {
	case 8:
		return "TINYINT"
	case 16:
		return "SMALLINT"
	case 32:
		return "INT"
	}
	return "BIGINT"
}

// intSQLValue is Spark's toSQLValue of an integral: 1Y, 1S, 1, 1L.
func intSQLValue(v int64, bits int) string {
	s := strconv.FormatInt(v, 10)
	switch bits {
	case 8:
		return s + "Y"
	case 16:
		return s + "S"
	case 64:
		return s + "L"
	}
	return s
}

// CastDecimalToInt64 is CAST(d AS BIGINT) on a decimal: truncation toward
// zero, keeping the low 64 bits of a larger value (BigDecimal.longValue).
// Narrower targets convert the result with Go (wrapping), as Spark does.
func CastDecimalToInt64(d *apd.Decimal) int64 {
	var i big.Int
	decimalIntPart(d, &i)
	if i.IsInt64() {
		return i.Int64()
	}
	var m big.Int
	m.Lsh(big.NewInt(1), 64)
	i.Mod(&i, &m)
	return int64(i.Uint64())
}

// CastDecimalToIntegralANSI is the ANSI cast of a decimal to an integral
// of bits: CAST_OVERFLOW when the truncated value does not fit.
func CastDecimalToIntegralANSI(d *apd.Decimal, bits int) (int64, error) {
	var i big.Int
	decimalIntPart(d, &i)
	lo, hi := intRange(bits)
	if !i.IsInt64() || i.Int64() < lo || i.Int64() > hi {
		return 0, errCastOverflow(string(sparktext.AppendDecimal(nil, d))+"BD", "DECIMAL", intTypeName(bits))
	}
	return i.Int64(), nil
}

func decimalIntPart(d *apd.Decimal, out *big.Int) {
	out.SetString(d.Coeff.String(), 10)
	if d.Exponent > 0 {
		var p big.Int
		p.Exp(big.NewInt(10), big.NewInt(int64(d.Exponent)), nil)
		out.Mul(out, &p)
	} else if d.Exponent < 0 {
		var p big.Int
		p.Exp(big.NewInt(10), big.NewInt(int64(-d.Exponent)), nil)
		out.Quo(out, &p)
	}
	if d.Negative {
		out.Neg(out)
	}
}

// CastDecimalToDouble is CAST(d AS DOUBLE): the nearest double.
func CastDecimalToDouble(d *apd.Decimal) float64 {
	var b [64]byte
	f, _ := strconv.ParseFloat(string(sparktext.AppendDecimal(b[:0], d)), 64)
	return f
}

// CastIntegralToDecimal is CAST(v AS DECIMAL(p, s)) for an integral v.
func CastIntegralToDecimal(dst *apd.Decimal, v int64, p, s int) bool {
	var t apd.Decimal
	t.SetInt64(v)
	return SetDecimalPrecision(dst, &t, p, s)
}

// CastDoubleToDecimal is CAST(d AS DECIMAL(p, s)): Spark goes through
// Scala's BigDecimal(d), the text of Double.toString(d), so 0.1 is exactly
// 0.1. NaN and infinities are NULL.
func CastDoubleToDecimal(dst *apd.Decimal, d float64, p, s int) bool {
	if math.IsNaN(d) || math.IsInf(d, 0) {
		return false
	}
	var b [40]byte
	return sparktext.ParseDecimal(sparktext.AppendDouble(b[:0], d), p, s, dst)
}

// CastToDecimalANSI turns a failed numeric-to-decimal cast into Spark's
// ANSI error (NUMERIC_VALUE_OUT_OF_RANGE); value is the source's text.
func CastToDecimalANSI(ok bool, value string, p, s int) error {
	if ok {
		return nil
	}
	return errDecimalOutOfRange(value, p, s)
}

// CastTimestampToInt64 is CAST(ts AS BIGINT): whole seconds (floor).
func CastTimestampToInt64(us int64) int64 { return floorDiv(us, 1e6) }

// CastTimestampToDouble is CAST(ts AS DOUBLE): seconds with fraction.
func CastTimestampToDouble(us int64) float64 { return float64(us) / 1e6 }

// CastInt64ToTimestamp is CAST(sec AS TIMESTAMP) for an integral number of
// seconds (saturating, as TimeUnit.SECONDS.toMicros does).
func CastInt64ToTimestamp(sec int64) int64 {
	switch {
	case sec > math.MaxInt64/1_000_000:
		return math.MaxInt64
	case sec < math.MinInt64/1_000_000:
		return math.MinInt64
	}
	return sec * 1e6
}

// CastDoubleToTimestamp is CAST(d AS TIMESTAMP): NULL for NaN and
// infinities, else (long)(d * 1e6).
func CastDoubleToTimestamp(d float64) (int64, bool) {
	if math.IsNaN(d) || math.IsInf(d, 0) {
		return 0, false
	}
	return d2l(float64(d * 1e6)), true
}

// CastDateToTimestamp is CAST(date AS TIMESTAMP): midnight of the day in
// loc.
func CastDateToTimestamp(days int32, loc *time.Location) int64 {
	return localToUTC(int64(days)*86400, loc) * 1e6
}

// CastTimestampToDate is CAST(ts AS DATE): the day of ts in loc.
func CastTimestampToDate(us int64, loc *time.Location) int32 {
	sec := floorDiv(us, 1e6)
	return int32(floorDiv(sec+int64(offsetAt(sec, loc)), 86400))
}

// CastDateToString is CAST(date AS STRING): yyyy-MM-dd (years past 9999
// with a '+', before year 1 as -yyyy).
func CastDateToString(days int32) string {
	var b [16]byte
	return string(sparktext.AppendDate(b[:0], days))
}

// CastTimestampToString is CAST(ts AS STRING): "yyyy-MM-dd HH:mm:ss" in
// loc, followed by the fraction of a second without trailing zeros when it
// is not zero.
func CastTimestampToString(us int64, loc *time.Location) string {
	var b [40]byte
	return string(AppendTimestampString(b[:0], us, loc))
}

// AppendTimestampString appends CastTimestampToString's text.
func AppendTimestampString(dst []byte, us int64, loc *time.Location) []byte {
	sec := floorDiv(us, 1e6)
	frac := us - sec*1e6
	local := sec + int64(offsetAt(sec, loc))
	days := floorDiv(local, 86400)
	dst = sparktext.AppendDate(dst, int32(days))
	sod := local - days*86400
	dst = append(dst, ' ')
	dst = append2(dst, int(sod/3600))
	dst = append(dst, ':')
	dst = append2(dst, int(sod/60%60))
	dst = append(dst, ':')
	dst = append2(dst, int(sod%60))
	if frac != 0 {
		var f [6]byte
		v := frac
		for k := 5; k >= 0; k-- {
			f[k] = byte('0' + v%10)
			v /= 10
		}
		n := 6
		for f[n-1] == '0' {
			n--
		}
		dst = append(dst, '.')
		dst = append(dst, f[:n]...)
	}
	return dst
}

func append2(dst []byte, v int) []byte {
	return append(dst, byte('0'+v/10), byte('0'+v%10))
}

// CastIntegralToBinary is CAST(v AS BINARY) for an integral of width
// bytes (1, 2, 4 or 8): its bytes, big-endian, as Spark's
// NumberConverter.toBinary writes them.
func CastIntegralToBinary(v int64, width int) []byte {
	b := make([]byte, width)
	for i := width - 1; i >= 0; i-- {
		b[i] = byte(v)
		v >>= 8
	}
	return b
}

// CastDecimalToTimestamp is CAST(d AS TIMESTAMP): d seconds as
// microseconds, truncated toward zero, keeping the low 64 bits of a larger
// value ((d * 1e6).longValue in Spark's decimalToTimestamp), in both modes.
func CastDecimalToTimestamp(d *apd.Decimal) int64 {
	var us apd.Decimal
	us.Coeff.Set(&d.Coeff)
	us.Exponent, us.Negative = d.Exponent+6, d.Negative
	return CastDecimalToInt64(&us)
}

// CastDoubleToTimestampANSI is the ANSI CAST(d AS TIMESTAMP)
// (doubleToTimestampAnsi): NaN and infinities are CAST_INVALID_INPUT, a
// number of microseconds beyond a long CAST_OVERFLOW.
func CastDoubleToTimestampANSI(d float64) (int64, error) {
	var b [40]byte
	txt := string(append(sparktext.AppendDouble(b[:0], d), 'D'))
	if math.IsNaN(d) || math.IsInf(d, 0) {
		return 0, &Error{"CAST_INVALID_INPUT", "The value " + txt + ` of the type "DOUBLE" cannot be cast to "TIMESTAMP"` +
			" because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead. " + ansiHint}
	}
	us := d * 1e6
	if math.Floor(us) > math.MaxInt64 || math.Ceil(us) < math.MinInt64 {
		return 0, errCastOverflow(string(append(sparktext.AppendDouble(b[:0], us), 'D')), "DOUBLE", "BIGINT")
	}
	return d2l(us), nil
}
