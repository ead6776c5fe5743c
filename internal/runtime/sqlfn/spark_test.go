package sqlfn

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
)

// Expected values below come from Spark's own tests and the examples in
// its function docs (ExpressionDescription), which its suites check:
// StringExpressionsSuite, RegexpExpressionsSuite, MathExpressionsSuite,
// CastSuite, DateExpressionsSuite, HashExpressionsSuite.

func TestSparkStrings(t *testing.T) {
	eq := func(name, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	// StringExpressionsSuite "Substring" / substr docs.
	eq("substr('Spark SQL', 5)", Substring("Spark SQL", 5, math.MaxInt32), "k SQL")
	eq("substr('Spark SQL', -3)", Substring("Spark SQL", -3, math.MaxInt32), "SQL")
	eq("substr('Spark SQL', 5, 1)", Substring("Spark SQL", 5, 1), "k")
	eq("substr('example', 0, 1)", Substring("example", 0, 1), "e")
	eq("substr('example', 1, 1)", Substring("example", 1, 1), "e")
	eq("substr('example', 2, 2)", Substring("example", 2, 2), "xa")
	eq("substr('example', -3, 2)", Substring("example", -3, 2), "pl")
	eq("substr('example', -100, 4)", Substring("example", -100, 4), "")
	eq("substr('example', -7, 2)", Substring("example", -7, 2), "ex")
	eq("substr('example', 1, -1)", Substring("example", 1, -1), "")
	eq("substr('example', 100, 1)", Substring("example", 100, 1), "")
	eq("substr('大千世界', 2, 2)", Substring("大千世界", 2, 2), "千世")
	// start = 7 - 2^31, end = start + (2^31 - 1) = 6 (UTF8String.substringSQL).
	eq("substr('example', -2147483648, 2147483647)", Substring("example", math.MinInt32, math.MaxInt32), "exampl")
	eq("lpad('hi', 5, '??')", LPad("hi", 5, "??"), "???hi")
	eq("lpad('hi', 1, '??')", LPad("hi", 1, "??"), "h")
	eq("lpad('hi', 5)", LPad("hi", 5, " "), "   hi")
	eq("lpad('hi', 5, '')", LPad("hi", 5, ""), "hi")
	eq("lpad('hi', -1, '?')", LPad("hi", -1, "?"), "")
	eq("rpad('hi', 5, '??')", RPad("hi", 5, "??"), "hi???")
	eq("rpad('hi', 1, '??')", RPad("hi", 1, "??"), "h")
	eq("rpad('异国', 5, '情调')", RPad("异国", 5, "情调"), "异国情调情")
	eq("initcap('sPark sql')", InitCap("sPark sql"), "Spark Sql")
	eq("initcap('a b')", InitCap("a b"), "A B")
	eq("translate('AaBbCc', 'abc', '123')", Translate("AaBbCc", "abc", "123"), "A1B2C3")
	eq("translate('translate', 'rnlt', '123')", Translate("translate", "rnlt", "123"), "1a2s3ae")
	eq("translate('abcd', 'aba', '123')", Translate("abcd", "aba", "123"), "12cd")
	eq("left('Spark SQL', 3)", Left("Spark SQL", 3), "Spa")
	eq("right('Spark SQL', 3)", Right("Spark SQL", 3), "SQL")
	eq("right('Spark SQL', 0)", Right("Spark SQL", 0), "")
	eq("reverse('Spark SQL')", Reverse("Spark SQL"), "LQS krapS")
	eq("reverse('大千世界')", Reverse("大千世界"), "界世千大")
	eq("repeat('123', 2)", Repeat("123", 2), "123123")
	eq("repeat('123', -1)", Repeat("123", -1), "")
	eq("trim('    SparkSQL   ')", Trim("    SparkSQL   "), "SparkSQL")
	eq("trim(' \\tx\\t ')", Trim(" \tx\t "), "\tx\t")
	eq("trim(BOTH 'SL' FROM 'SSparkSQLS')", TrimChars("SSparkSQLS", "SL"), "parkSQ")
	eq("trim(LEADING 'SL' FROM 'SSparkSQLS')", LTrimChars("SSparkSQLS", "SL"), "parkSQLS")
	eq("trim(TRAILING 'SL' FROM 'SSparkSQLS')", RTrimChars("SSparkSQLS", "SL"), "SSparkSQ")
	eq("ltrim('    SparkSQL   ')", LTrim("    SparkSQL   "), "SparkSQL   ")
	eq("rtrim('    SparkSQL   ')", RTrim("    SparkSQL   "), "    SparkSQL")
	eq("trim('花花世界花花', '花')", TrimChars("花花世界花花", "花"), "世界")
	eq("replace('ABCabc', 'abc', 'DEF')", Replace("ABCabc", "abc", "DEF"), "ABCDEF")
	eq("replace('abc', '', 'x')", Replace("abc", "", "x"), "abc")
	eq("concat('Spark', 'SQL')", Concat("Spark", "SQL"), "SparkSQL")
	eq("concat_ws(' ', 'Spark', 'SQL')", ConcatWS(" ", "Spark", "SQL"), "Spark SQL")
	eq("upper('SparkSql')", Upper("SparkSql"), "SPARKSQL")
	eq("lower('SparkSql')", Lower("SparkSql"), "sparksql")
	eq("upper('straße')", Upper("straße"), "STRASSE")
	eq("lower('ΟΔΟΣ')", Lower("ΟΔΟΣ"), "οδος")
	eq("chr(65)", Chr(65), "A")
	eq("chr(321)", Chr(321), "A")
	eq("chr(233)", Chr(233), "é")
	eq("chr(-1)", Chr(-1), "")
	eq("chr(0)", Chr(0), "\x00")
	eq("base64('Spark SQL')", Base64([]byte("Spark SQL")), "U3BhcmsgU1FM")
	eq("hex('Spark SQL')", HexString("Spark SQL"), "537061726B2053514C")
	eq("hex(17)", HexInt64(17), "11")
	eq("hex(-1)", HexInt64(-1), "FFFFFFFFFFFFFFFF")
	b, ok := Unhex("537061726B2053514C")
	eq("unhex('537061726B2053514C')", string(b), "Spark SQL")
	if !ok {
		t.Error("unhex failed")
	}
	if b, ok := Unhex("F"); !ok || string(b) != "\x0f" {
		t.Errorf("unhex('F') = %q %v", b, ok)
	}
	if _, ok := Unhex("GG"); ok {
		t.Error("unhex('GG') should be NULL")
	}
	b2, err := UnBase64("U3BhcmsgU1FM")
	eq("unbase64('U3BhcmsgU1FM')", string(b2), "Spark SQL")
	if err != nil {
		t.Error(err)
	}
	ints := []struct {
		name      string
		got, want int32
	}{
		{"length('Spark SQL ')", Length("Spark SQL "), 10},
		{"length('大千世界')", Length("大千世界"), 4},
		{"instr('SparkSQL', 'SQL')", Instr("SparkSQL", "SQL"), 6},
		{"instr('abc', '')", Instr("abc", ""), 1},
		{"instr('大千世界', '世界')", Instr("大千世界", "世界"), 3},
		{"locate('bar', 'foobarbar')", Locate("bar", "foobarbar", 1), 4},
		{"locate('bar', 'foobarbar', 5)", Locate("bar", "foobarbar", 5), 7},
		{"locate('bar', 'foobarbar', 0)", Locate("bar", "foobarbar", 0), 0},
		{"locate('xyz', 'foobarbar')", Locate("xyz", "foobarbar", 1), 0},
		{"ascii('222')", Ascii("222"), 50},
		{"ascii('')", Ascii(""), 0},
		{"ascii('é')", Ascii("é"), 233},
	}
	for _, c := range ints {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
}

func TestSparkRegexp(t *testing.T) {
	re := func(p string) *regexpT { return mustRE(t, p) }
	// RegexpExpressionsSuite and function docs.
	if got := strings.Join(Split("oneAtwoBthreeC", re("[ABC]"), -1), "|"); got != "one|two|three|" {
		t.Errorf("split = %q", got)
	}
	if got := strings.Join(Split("oneAtwoBthreeC", re("[ABC]"), 2), "|"); got != "one|twoBthreeC" {
		t.Errorf("split limit 2 = %q", got)
	}
	if got := strings.Join(Split("abc", re(""), -1), "|"); got != "a|b|c" {
		t.Errorf("split empty = %q", got)
	}
	if got := strings.Join(Split("abc", re(""), 2), "|"); got != "a|b" {
		t.Errorf("split empty limit 2 = %q", got)
	}
	if got := len(Split("", re(","), -1)); got != 1 {
		t.Errorf("split('') has %d parts", got)
	}
	if got, _ := RegexpReplace("100-200", re(`(\d+)`), "num", 1); got != "num-num" {
		t.Errorf("regexp_replace = %q", got)
	}
	if got, _ := RegexpReplace("healthy, wealthy, and wise", re(`\w+thy`), "something", 1); got != "something, something, and wise" {
		t.Errorf("regexp_replace = %q", got)
	}
	if got, _ := RegexpReplace("abcabc", re("b"), "X", 3); got != "abcaXc" {
		t.Errorf("regexp_replace pos 3 = %q", got)
	}
	if got, _ := RegexpReplace("abc", re("b"), "X", 10); got != "abc" {
		t.Errorf("regexp_replace pos past end = %q", got)
	}
	if _, err := RegexpReplace("abc", re("b"), "$2", 1); err == nil {
		t.Error("regexp_replace with $2 and no group 2 should fail")
	}
	if got, _ := RegexpExtract("100-200", re(`(\d+)-(\d+)`), 1); got != "100" {
		t.Errorf("regexp_extract = %q", got)
	}
	if got, _ := RegexpExtract("100-200", re(`(\d+)-(\d+)`), 2); got != "200" {
		t.Errorf("regexp_extract 2 = %q", got)
	}
	if got, err := RegexpExtract("abc", re(`(\d+)`), 5); got != "" || err != nil {
		t.Errorf("regexp_extract without match = %q %v", got, err)
	}
	if _, err := RegexpExtract("100", re(`(\d+)`), 2); err == nil || !strings.HasPrefix(err.Error(), "[INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX]") {
		t.Errorf("regexp_extract bad group: %v", err)
	}
	if got, _ := RegexpExtractAll("100-200, 300-400", re(`(\d+)-(\d+)`), 1); strings.Join(got, ",") != "100,300" {
		t.Errorf("regexp_extract_all = %q", got)
	}
	if !RLike("%SystemDrive%\\Users\\John", re(`%SystemDrive%\\Users.*`)) {
		t.Error("rlike")
	}
	if !RLike("abc\n", re(`^abc$`)) || !RLike("abc\r\n", re(`c$`)) || RLike("abc\nd", re(`c$`)) {
		t.Error("Java '$' before a final line terminator")
	}
	if got, _ := RegexpReplace("abc\n", re(`c$`), "X", 1); got != "abX\n" {
		t.Errorf("replace before final terminator = %q", got)
	}
	if got, _ := RegexpReplace("a.b", re(`.`), "x", 1); got != "xxx" {
		t.Errorf("dot = %q", got)
	}
	if got, _ := RegexpReplace("a\rb", re(`.`), "x", 1); got != "x\rx" {
		t.Errorf("dot excludes \\r: %q", got)
	}
	for _, bad := range []string{`(a)\1`, `a(?=b)`, `(?<=a)b`, `(?!a)`, `a*+`, `(?>a)`, `\p{InGreek}`, `[a-z&&[^b]]`, `\G`, `a{`, `(`, `[a`, `\k<x>`} {
		if _, err := CompileRegexp(bad); err == nil {
			t.Errorf("CompileRegexp(%q) should fail", bad)
		}
	}
}

func TestSparkMath(t *testing.T) {
	// MathExpressionsSuite "round/bround" with math.Pi.
	roundPi := []float64{0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0, 3.1, 3.14, 3.142, 3.1416, 3.14159, 3.141593}
	broundPi := []float64{0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0, 3.1, 3.14, 3.142, 3.1416, 3.14159, 3.141593}
	for i, scale := 0, int32(-6); scale <= 6; i, scale = i+1, scale+1 {
		if got := RoundDouble(math.Pi, scale); got != roundPi[i] {
			t.Errorf("round(pi, %d) = %v", scale, got)
		}
		if got := BRoundDouble(math.Pi, scale); got != broundPi[i] {
			t.Errorf("bround(pi, %d) = %v", scale, got)
		}
	}
	fl := []struct {
		name      string
		got, want float64
	}{
		{"round(2.5, 0)", RoundDouble(2.5, 0), 3},
		{"bround(2.5, 0)", BRoundDouble(2.5, 0), 2},
		{"round(-3.5, 0)", RoundDouble(-3.5, 0), -4},
		{"bround(-0.35, 1)", BRoundDouble(-0.35, 1), -0.4},
		{"round(2.675, 2)", RoundDouble(2.675, 2), 2.68},
		{"round(1.005, 2)", RoundDouble(1.005, 2), 1.01},
		{"round(123.4, -1)", RoundDouble(123.4, -1), 120},
		{"round(-0.4, 0)", RoundDouble(-0.4, 0), 0},
		{"pow(2, 3)", Pow(2, 3), 8},
		{"exp(0)", Exp(0), 1},
		{"sqrt(4)", Sqrt(4), 2},
		{"signum(40)", Signum(40), 1},
		{"greatest(10, 9, 2, 4, 3)", greatest(10, 9, 2, 4, 3), 10},
		{"least(10, 9, 2, 4, 3)", least(10, 9, 2, 4, 3), 2},
	}
	for _, c := range fl {
		if c.got != c.want || math.Signbit(c.got) != math.Signbit(c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if v := greatest(1, math.NaN(), 2); !math.IsNaN(v) {
		t.Errorf("greatest with NaN = %v", v)
	}
	if v := least(math.NaN(), 2); v != 2 {
		t.Errorf("least with NaN = %v", v)
	}
	if v, ok := Ln(1); !ok || v != 0 {
		t.Errorf("ln(1) = %v", v)
	}
	if _, ok := Ln(0); ok {
		t.Error("ln(0) should be NULL")
	}
	if v, _ := Log10(10); v != 1 {
		t.Errorf("log10(10) = %v", v)
	}
	if v, _ := Log2(2); v != 1 {
		t.Errorf("log2(2) = %v", v)
	}
	if v, _ := Log(10, 100); v != 2 {
		t.Errorf("log(10, 100) = %v", v)
	}
	if FloorDouble(-0.1) != -1 || CeilDouble(-0.1) != 0 || CeilDouble(5) != 5 || FloorDouble(math.NaN()) != 0 || FloorDouble(1e300) != math.MaxInt64 {
		t.Error("floor/ceil")
	}
	if RoundIntegral(25, -1, 32) != 30 || BRoundIntegral(25, -1, 32) != 20 || RoundIntegral(-25, -1, 64) != -30 || RoundIntegral(7, 2, 32) != 7 {
		t.Error("round on integers")
	}
	if RoundIntegral(math.MaxInt32, -1, 32) != -2147483646 {
		t.Errorf("round(MaxInt32, -1) wraps: %d", RoundIntegral(math.MaxInt32, -1, 32))
	}
	if _, err := RoundIntegralANSI(math.MaxInt32, -1, 32); err == nil || !strings.HasPrefix(err.Error(), "[ARITHMETIC_OVERFLOW]") {
		t.Errorf("ANSI round overflow: %v", err)
	}
	if v, _ := pmodInt64(10, 3); v != 1 {
		t.Error("pmod(10, 3)")
	}
	if v, _ := pmodInt64(-10, 3); v != 2 {
		t.Error("pmod(-10, 3)")
	}
	if _, ok := pmodInt64(1, 0); ok {
		t.Error("pmod by 0")
	}
	if _, ok := DivDouble(1, 0); ok {
		t.Error("1/0 should be NULL")
	}
	if _, err := DivDoubleANSI(1, 0); err == nil || !strings.HasPrefix(err.Error(), "[DIVIDE_BY_ZERO] Division by zero.") {
		t.Errorf("ANSI 1/0: %v", err)
	}
	if v, _ := DivInt64(math.MinInt64, -1); v != math.MinInt64 {
		t.Error("MinInt64 div -1 wraps")
	}
	if _, err := AddInt32ANSI(math.MaxInt32, 1); err == nil || err.Error() != "[ARITHMETIC_OVERFLOW] integer overflow. Use 'try_add' to tolerate overflow and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error." {
		t.Errorf("ANSI add overflow: %v", err)
	}
	if _, err := MulInt64ANSI(math.MinInt64, -1); err == nil {
		t.Error("ANSI MinInt64 * -1")
	}
	if v := float64(15.35 * 0.2); v == 3.0700000000000003 { // constant folded: documents why the emitter must not fold
		t.Log("constant folding kept the runtime result")
	}
}

func TestSparkDecimal(t *testing.T) {
	for _, c := range []struct {
		op                   byte
		p1, s1, p2, s2, p, s int
	}{
		{'+', 10, 2, 10, 2, 11, 2},
		{'*', 10, 2, 10, 2, 21, 4},
		{'/', 10, 2, 10, 2, 23, 13},
		{'/', 38, 10, 38, 10, 38, 6},
		{'*', 38, 10, 38, 10, 38, 6},
		{'%', 10, 2, 5, 3, 5, 3},
		{'*', 4, 2, 1, 1, 6, 3},
		{'+', 38, 0, 38, 38, 38, 6},
	} {
		if p, s := DecimalResultType(c.op, c.p1, c.s1, c.p2, c.s2); p != c.p || s != c.s {
			t.Errorf("DECIMAL(%d,%d) %c DECIMAL(%d,%d) = (%d,%d), want (%d,%d)", c.p1, c.s1, c.op, c.p2, c.s2, p, s, c.p, c.s)
		}
	}
	dec := func(s string) *apd.Decimal {
		d, _, err := apd.NewFromString(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	var d apd.Decimal
	if !MulDecimal(&d, dec("15.35"), dec("0.2"), 6, 3) || CastDecimalToString(&d) != "3.070" {
		t.Errorf("15.35 * 0.2 = %s", CastDecimalToString(&d))
	}
	if !DivDecimal(&d, dec("1"), dec("3"), 13, 11) || CastDecimalToString(&d) != "0.33333333333" {
		t.Errorf("1/3 = %s", CastDecimalToString(&d))
	}
	if DivDecimal(&d, dec("1"), dec("0"), 10, 2) {
		t.Error("division by zero should be NULL")
	}
	if err := DecimalOpANSI(AddDecimal, &d, dec("99.99"), dec("0.01"), 4, 2, false); err == nil || !strings.HasPrefix(err.Error(), "[NUMERIC_VALUE_OUT_OF_RANGE] 100.00 cannot be represented as Decimal(4, 2)") {
		t.Errorf("ANSI overflow: %v", err)
	}
	if !RoundDecimal(&d, dec("3.145"), 2, 5) || CastDecimalToString(&d) != "3.15" {
		t.Errorf("round(3.145, 2) = %s", CastDecimalToString(&d))
	}
	if !BRoundDecimal(&d, dec("3.145"), 2, 5) || CastDecimalToString(&d) != "3.14" {
		t.Errorf("bround(3.145, 2) = %s", CastDecimalToString(&d))
	}
	if !FloorDecimal(&d, dec("-1.5"), 2) || CastDecimalToString(&d) != "-2" {
		t.Errorf("floor(-1.5) = %s", CastDecimalToString(&d))
	}
	if !SetDecimalPrecision(&d, dec("0.0000001"), 10, 8) || CastDecimalToString(&d) != "1.0E-7" || CastDecimalToStringANSI(&d) != "0.00000010" {
		t.Errorf("decimal to string: %s", CastDecimalToString(&d))
	}
}

func TestSparkCasts(t *testing.T) {
	// CastSuite.
	i32 := map[string]any{"123": int32(123), " 123 ": int32(123), "\t-12\n": int32(-12), "1.9": int32(1), "-1.9": int32(-1),
		"+7": int32(7), "1.": int32(1), "1.a": nil, ".5": int32(0), "abc": nil, "": nil, "-": nil, "2147483647": int32(math.MaxInt32),
		"2147483648": nil, "-2147483648": int32(math.MinInt32), "1e3": nil, "12 3": nil}
	for s, want := range i32 {
		v, ok := CastStringToInt32(s)
		if want == nil && ok || want != nil && (!ok || v != want.(int32)) {
			t.Errorf("CAST(%q AS INT) = %v %v, want %v", s, v, ok, want)
		}
	}
	if _, err := CastStringToInt32ANSI("1.9"); err == nil || !strings.HasPrefix(err.Error(), `[CAST_INVALID_INPUT] The value '1.9' of the type "STRING" cannot be cast to "INT" because it is malformed.`) {
		t.Errorf("ANSI cast: %v", err)
	}
	if v, ok := CastStringToInt8("127"); !ok || v != 127 {
		t.Error("tinyint 127")
	}
	if _, ok := CastStringToInt8("128"); ok {
		t.Error("tinyint 128 should be NULL")
	}
	if v, ok := CastStringToInt64("-9223372036854775808"); !ok || v != math.MinInt64 {
		t.Error("bigint min")
	}
	for s, want := range map[string]float64{"1e10": 1e10, " 1.5 ": 1.5, "inf": math.Inf(1), "-Infinity": math.Inf(-1), "+INF": math.Inf(1), "1d": 1, "0x1p3": 8} {
		if v, ok := CastStringToDouble(s); !ok || v != want {
			t.Errorf("CAST(%q AS DOUBLE) = %v %v", s, v, ok)
		}
	}
	if v, ok := CastStringToDouble("nan"); !ok || !math.IsNaN(v) {
		t.Error("nan")
	}
	if _, ok := CastStringToDouble("abc"); ok {
		t.Error("abc as double")
	}
	for s, want := range map[string]int{"t": 1, "true": 1, " TRUE ": 1, "Y": 1, "yes": 1, "1": 1, "f": 0, "false": 0, "n": 0, "NO": 0, "0": 0, "maybe": -1, "": -1, "2": -1} {
		v, ok := CastStringToBool(s)
		if want == -1 && ok || want >= 0 && (!ok || v != (want == 1)) {
			t.Errorf("CAST(%q AS BOOLEAN) = %v %v", s, v, ok)
		}
	}
	var d apd.Decimal
	if !CastStringToDecimal(&d, " 123.456 ", 5, 2) || CastDecimalToString(&d) != "123.46" {
		t.Error("decimal(5,2)")
	}
	if CastStringToDecimal(&d, "123.456", 4, 2) {
		t.Error("decimal(4,2) overflow should be NULL")
	}
	if err := CastStringToDecimalANSI(&d, "abc", 4, 2); err == nil || !strings.Contains(err.Error(), `cannot be cast to "DECIMAL(4,2)"`) {
		t.Errorf("ANSI decimal: %v", err)
	}
	if err := CastStringToDecimalANSI(&d, "123.456", 4, 2); err == nil || !strings.HasPrefix(err.Error(), "[NUMERIC_VALUE_OUT_OF_RANGE]") {
		t.Errorf("ANSI decimal overflow: %v", err)
	}
	if !CastDoubleToDecimal(&d, 0.1, 20, 18) || CastDecimalToString(&d) != "0.100000000000000000" {
		t.Errorf("CAST(0.1 AS DECIMAL(20,18)) = %s", CastDecimalToString(&d))
	}
	if CastDoubleToInt32(1.9) != 1 || CastDoubleToInt32(-1.9) != -1 || CastDoubleToInt32(1e20) != math.MaxInt32 || CastDoubleToInt32(math.NaN()) != 0 {
		t.Error("double to int")
	}
	if CastDoubleToInt8(300) != 44 {
		t.Error("narrowing")
	}
	if _, err := CastDoubleToIntegralANSI(1e10, 32, false); err == nil || err.Error() != `[CAST_OVERFLOW] The value 1.0E10D of the type "DOUBLE" cannot be cast to "INT" due to an overflow. Use `+"`try_cast`"+` to tolerate overflow and return NULL instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.` {
		t.Errorf("ANSI double to int: %v", err)
	}
	if _, err := CastIntegralANSI(128, 32, 8); err == nil || !strings.Contains(err.Error(), "The value 128 of the type \"INT\" cannot be cast to \"TINYINT\"") {
		t.Errorf("ANSI int to tinyint: %v", err)
	}
	if CastDecimalToInt64(&d) != 0 {
		t.Error("decimal to long")
	}
	if CastDoubleToString(1e7) != "1.0E7" || CastDoubleToString(0.001) != "0.001" || CastFloatToString(1.1) != "1.1" {
		t.Error("double to string")
	}
	la, _ := time.LoadLocation("America/Los_Angeles")
	us := int64(1577836800_123000) // 2020-01-01T00:00:00.123Z
	if got := CastTimestampToString(us, nil); got != "2020-01-01 00:00:00.123" {
		t.Errorf("ts to string = %q", got)
	}
	if got := CastTimestampToString(us-123000, la); got != "2019-12-31 16:00:00" {
		t.Errorf("ts to string LA = %q", got)
	}
	if got := CastDateToString(18262); got != "2020-01-01" {
		t.Errorf("date to string = %q", got)
	}
	if CastTimestampToInt64(-1) != -1 || CastTimestampToDate(us, la) != 18261 || CastDateToTimestamp(18262, la) != 1577865600e6 {
		t.Error("timestamp conversions")
	}
	if v, ok := CastStringToDate("2020-01-01"); !ok || v != 18262 {
		t.Error("string to date")
	}
}

func TestSparkDates(t *testing.T) {
	day := func(s string) int32 {
		d, ok := CastStringToDate(s)
		if !ok {
			t.Fatalf("bad date %q", s)
		}
		return d
	}
	la, _ := time.LoadLocation("America/Los_Angeles")
	// DateExpressionsSuite and function docs (session zone UTC unless noted).
	if got := DateFormat(int64(day("2016-04-08"))*86400e6, MustCompileDatePattern("y"), nil); got != "2016" {
		t.Errorf("date_format(y) = %q", got)
	}
	if got := FromUnixTime(0, MustCompileDatePattern(DefaultTimestampPattern), nil); got != "1970-01-01 00:00:00" {
		t.Errorf("from_unixtime(0) = %q", got)
	}
	if got := FromUnixTime(0, MustCompileDatePattern(DefaultTimestampPattern), la); got != "1969-12-31 16:00:00" {
		t.Errorf("from_unixtime(0) LA = %q", got)
	}
	if v, ok := UnixTimestampString("2016-04-08", MustCompileDatePattern("yyyy-MM-dd"), nil); !ok || v != 1460073600 {
		t.Errorf("unix_timestamp = %d", v)
	}
	if v, ok := ToDate("2016-12-31", MustCompileDatePattern("yyyy-MM-dd"), nil); !ok || v != day("2016-12-31") {
		t.Error("to_date")
	}
	if _, ok := ToTimestamp("2016-12-31 garbage", MustCompileDatePattern("yyyy-MM-dd"), nil); ok {
		t.Error("to_timestamp of garbage should be NULL")
	}
	if _, err := ToTimestampANSI("x", MustCompileDatePattern("yyyy"), nil); err == nil || !strings.HasPrefix(err.Error(), "[CANNOT_PARSE_TIMESTAMP]") {
		t.Errorf("ANSI to_timestamp: %v", err)
	}
	checks := []struct {
		name      string
		got, want int32
	}{
		{"dayofweek('2009-07-30')", DayOfWeek(day("2009-07-30")), 5},
		{"weekday('2009-07-30')", WeekDay(day("2009-07-30")), 3},
		{"dayofyear('2016-04-09')", DayOfYear(day("2016-04-09")), 100},
		{"weekofyear('2008-02-20')", WeekOfYear(day("2008-02-20")), 8},
		{"quarter('2016-08-31')", Quarter(day("2016-08-31")), 3},
		{"add_months('2016-08-31', 1)", AddMonths(day("2016-08-31"), 1), day("2016-09-30")},
		{"add_months('2016-01-31', -2)", AddMonths(day("2016-01-31"), -2), day("2015-11-30")},
		{"last_day('2009-01-12')", LastDay(day("2009-01-12")), day("2009-01-31")},
		{"datediff('2009-07-31', '2009-07-30')", DateDiff(day("2009-07-31"), day("2009-07-30")), 1},
		{"date_add('2016-07-30', 1)", DateAdd(day("2016-07-30"), 1), day("2016-07-31")},
		{"date_sub('2016-07-30', 1)", DateSub(day("2016-07-30"), 1), day("2016-07-29")},
		{"year('2016-07-30')", Year(day("2016-07-30")), 2016},
		{"month('2016-07-30')", Month(day("2016-07-30")), 7},
		{"day('2016-07-30')", DayOfMonth(day("2016-07-30")), 30},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if v, _ := TruncDate(day("2019-08-04"), "week"); v != day("2019-07-29") {
		t.Error("trunc week")
	}
	if v, _ := TruncDate(day("2019-08-04"), "quarter"); v != day("2019-07-01") {
		t.Error("trunc quarter")
	}
	ts, _ := CastStringToTimestamp("2015-03-05T09:32:05.359", nil)
	if v, _ := DateTrunc("HOUR", ts, nil); CastTimestampToString(v, nil) != "2015-03-05 09:00:00" {
		t.Errorf("date_trunc HOUR = %s", CastTimestampToString(v, nil))
	}
	if v, _ := DateTrunc("YEAR", ts, la); CastTimestampToString(v, la) != "2015-01-01 00:00:00" {
		t.Errorf("date_trunc YEAR LA = %s", CastTimestampToString(v, la))
	}
	if Hour(ts, nil) != 9 || Minute(ts, nil) != 32 || Second(ts, nil) != 5 || Hour(ts, la) != 1 {
		t.Error("hour/minute/second")
	}
	if v, err := TimestampMillis(1230219000123); err != nil || CastTimestampToString(v, nil) != "2008-12-25 15:30:00.123" {
		t.Errorf("timestamp_millis = %s", CastTimestampToString(v, nil))
	}
	if v, err := TimestampSeconds(1230219000); err != nil || CastTimestampToString(v, nil) != "2008-12-25 15:30:00" {
		t.Error("timestamp_seconds")
	}
	if _, err := TimestampSeconds(math.MaxInt64 / 10); err == nil {
		t.Error("timestamp_seconds overflow")
	}
	if CurrentDate(ts, la) != day("2015-03-05") {
		t.Error("current_date")
	}
	for _, bad := range []string{"u", "yyyy-MM-dd A", "MMMMM", "yyyyyyyyyyy", "{", "#", "b", "'unterminated", "aa", "HHH"} {
		if _, err := CompileDatePattern(bad); err == nil {
			t.Errorf("CompileDatePattern(%q) should fail", bad)
		}
	}
	p := MustCompileDatePattern("yyyy-MM-dd EEE")
	if p.ParseError() == nil {
		t.Error("E cannot be parsed in Spark 3")
	}
}

func TestSparkHashes(t *testing.T) {
	// HashExpressionsSuite / docs: hash('Spark', array(123), 2) = -1321691492.
	h := Murmur3String("Spark", HashSeed)
	h = Murmur3Int(123, h)
	h = Murmur3Int(2, h)
	if h != -1321691492 {
		t.Errorf("hash('Spark', array(123), 2) = %d", h)
	}
	x := XXH64String("Spark", HashSeed)
	x = XXH64Int(123, x)
	x = XXH64Int(2, x)
	if x != 5602566077635097486 {
		t.Errorf("xxhash64('Spark', array(123), 2) = %d", x)
	}
	if Murmur3Double(-0.0, HashSeed) != Murmur3Double(0.0, HashSeed) || Murmur3Float(float32(math.Copysign(0, -1)), 42) != Murmur3Int(0, 42) {
		t.Error("-0.0 hashes as 0.0")
	}
	if MD5([]byte("Spark")) != "8cde774d6f7333752ed72cacddb05126" {
		t.Error("md5")
	}
	if SHA1([]byte("Spark")) != "85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c" {
		t.Error("sha1")
	}
	if s, ok := SHA2([]byte("Spark"), 256); !ok || s != "529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b" {
		t.Error("sha2")
	}
	if _, ok := SHA2([]byte("Spark"), 100); ok {
		t.Error("sha2 with 100 bits should be NULL")
	}
	if CRC32([]byte("Spark")) != 1557323817 {
		t.Error("crc32")
	}
	u, err := UUID(strings.NewReader("0123456789abcdef"))
	if err != nil || u != "30313233-3435-4637-b839-616263646566" {
		t.Errorf("uuid = %q %v", u, err)
	}
	// Decimal hashing: precision <= 18 hashes the unscaled long.
	d, _, _ := apd.NewFromString("12.34")
	if Murmur3Decimal(d, 10, 42) != Murmur3Long(1234, 42) {
		t.Error("decimal hash")
	}
}

func TestCollections(t *testing.T) {
	if i, ok, err := ElementAtIndex(3, 1); i != 0 || !ok || err != nil {
		t.Error("element_at 1")
	}
	if i, ok, _ := ElementAtIndex(3, -1); i != 2 || !ok {
		t.Error("element_at -1")
	}
	if _, ok, err := ElementAtIndex(3, 4); ok || err != nil {
		t.Error("element_at out of range is NULL")
	}
	if _, _, err := ElementAtIndex(3, 0); err == nil || !strings.HasPrefix(err.Error(), "[INVALID_INDEX_OF_ZERO]") {
		t.Error("element_at 0")
	}
	if _, err := ElementAtIndexANSI(3, 5); err == nil || !strings.HasPrefix(err.Error(), "[INVALID_ARRAY_INDEX_IN_ELEMENT_AT] The index 5 is out of bounds. The array has 3 elements.") {
		t.Errorf("ANSI element_at: %v", err)
	}
	if _, ok := ArrayIndex(3, 3); ok {
		t.Error("arr[3]")
	}
}

// greatest and least fold CompareDouble as the emitter's greatest/least
// do (NULL arguments dropped before): NaN above every number, the first of
// equal values kept.
func greatest(vs ...float64) float64 {
	r := vs[0]
	for _, v := range vs[1:] {
		if CompareDouble(v, r) > 0 {
			r = v
		}
	}
	return r
}

func least(vs ...float64) float64 {
	r := vs[0]
	for _, v := range vs[1:] {
		if CompareDouble(v, r) < 0 {
			r = v
		}
	}
	return r
}
