package catalog

import "sort"

// Function is one built-in SQL function.
type Function struct {
	Name    string
	Aliases []string
	// Min and Max bound the number of arguments (Max < 0: any number).
	Min, Max int
	// Group is the section of the reference it is listed in.
	Group string
	// Signature gives the argument and result types after implicit casts
	// (T is any type, N any number), as the reference prints it.
	Signature string
	// Null says when the result is NULL beyond "when an argument is".
	Null string
	// ANSI says how `semantics: spark4` changes the result, if it does.
	ANSI string
	// Plain names the internal/runtime/sqlfn function a null-intolerant call
	// passes its arguments to unchanged; empty when the function has its
	// own emitter.
	Plain string
	// Runtime lists every internal/runtime/sqlfn function generated code may call.
	Runtime []string
	// Spark is the usage line of Spark's documentation.
	Spark string
	// Examples are calls over the columns of the exhaustive test's record
	// (s string, n int, l bigint, d double, dec decimal(10,2), b boolean,
	// dt date, ts timestamp, bin binary, arr array<string>, m map<string,int>,
	// st struct<a:int,b:string>), one per form of the signature.
	Examples []string
}

// Groups orders the reference's sections.
var Groups = []string{"Strings", "Math", "Date and time", "Collections and conditionals", "Structs and text formats"}

const (
	gStr  = "Strings"
	gMath = "Math"
	gTime = "Date and time"
	gColl = "Collections and conditionals"
	gFmt  = "Structs and text formats"
)

var functions = []Function{
	// Strings.
	{Name: "upper", Aliases: []string{"ucase"}, Min: 1, Max: 1, Group: gStr, Signature: "upper(string) string",
		Plain: "Upper", Spark: "upper(str) - Returns `str` with all characters changed to uppercase.", Examples: []string{"upper(s)", "ucase(n)"}},
	{Name: "lower", Aliases: []string{"lcase"}, Min: 1, Max: 1, Group: gStr, Signature: "lower(string) string",
		Plain: "Lower", Spark: "lower(str) - Returns `str` with all characters changed to lowercase.", Examples: []string{"lower(s)", "lcase(s)"}},
	{Name: "initcap", Min: 1, Max: 1, Group: gStr, Signature: "initcap(string) string",
		Plain: "InitCap", Spark: "initcap(str) - Returns `str` with the first letter of each word in uppercase. All other letters are in lowercase. Words are delimited by white space.", Examples: []string{"initcap(s)"}},
	{Name: "reverse", Min: 1, Max: 1, Group: gStr, Signature: "reverse(string) string",
		Plain: "Reverse", Spark: "reverse(array) - Returns a reversed string or an array with reverse order of elements.", Examples: []string{"reverse(s)"}},
	{Name: "trim", Min: 1, Max: 2, Group: gStr, Signature: "trim(string[, string chars]) string",
		Runtime: []string{"Trim", "TrimChars"}, Spark: "trim(str) - Removes the leading and trailing space characters from `str`.", Examples: []string{"trim(s)", "trim(s, 'x')"}},
	{Name: "ltrim", Min: 1, Max: 2, Group: gStr, Signature: "ltrim(string[, string chars]) string",
		Runtime: []string{"LTrim", "LTrimChars"}, Spark: "ltrim(str) - Removes the leading space characters from `str`.", Examples: []string{"ltrim(s)", "ltrim(s, 'x')"}},
	{Name: "rtrim", Min: 1, Max: 2, Group: gStr, Signature: "rtrim(string[, string chars]) string",
		Runtime: []string{"RTrim", "RTrimChars"}, Spark: "rtrim(str) - Removes the trailing space characters from `str`.", Examples: []string{"rtrim(s)", "rtrim(s, 'x')"}},
	{Name: "concat", Min: 0, Max: -1, Group: gStr, Signature: "concat(string...) string",
		Runtime: []string{"Concat"}, Spark: "concat(col1, col2, ..., colN) - Returns the concatenation of col1, col2, ..., colN.", Examples: []string{"concat()", "concat(s, '-', n)"}},
	{Name: "concat_ws", Min: 1, Max: -1, Group: gStr, Signature: "concat_ws(string sep, (string | array<string>)...) string",
		Null:    "only when sep is; NULL arguments and elements are skipped",
		Runtime: []string{"ConcatWS"}, Spark: "concat_ws(sep[, str | array(str)]+) - Returns the concatenation of the strings separated by `sep`, skipping null values.", Examples: []string{"concat_ws(',', s, arr, n)"}},
	{Name: "substring", Aliases: []string{"substr"}, Min: 2, Max: 3, Group: gStr, Signature: "substring(string | binary, int pos[, int len]) string | binary (as its first argument)",
		Runtime: []string{"Substring", "SubstringBinary"}, Spark: "substring(str, pos[, len]) - Returns the substring of `str` that starts at `pos` and is of length `len`, or the slice of byte array that starts at `pos` and is of length `len`.", Examples: []string{"substring(s, 2)", "substr(s, 1, 3)", "substring(bin, 1, 2)"}},
	{Name: "left", Min: 2, Max: 2, Group: gStr, Signature: "left(string, int len) string",
		Plain: "Left", Spark: "left(str, len) - Returns the leftmost `len`(`len` can be string type) characters from the string `str`,if `len` is less or equal than 0 the result is an empty string.", Examples: []string{"left(s, 2)"}},
	{Name: "right", Min: 2, Max: 2, Group: gStr, Signature: "right(string, int len) string",
		Plain: "Right", Spark: "right(str, len) - Returns the rightmost `len`(`len` can be string type) characters from the string `str`,if `len` is less or equal than 0 the result is an empty string.", Examples: []string{"right(s, 2)"}},
	{Name: "length", Aliases: []string{"char_length", "character_length"}, Min: 1, Max: 1, Group: gStr, Signature: "length(string | binary) int",
		Runtime: []string{"Length"}, Spark: "length(expr) - Returns the character length of string data or number of bytes of binary data.", Examples: []string{"length(s)", "char_length(bin)", "character_length(n)"}},
	{Name: "octet_length", Min: 1, Max: 1, Group: gStr, Signature: "octet_length(string | binary) int",
		Runtime: []string{"OctetLength"}, Spark: "octet_length(expr) - Returns the byte length of string data or number of bytes of binary data.", Examples: []string{"octet_length(s)", "octet_length(bin)"}},
	{Name: "chr", Aliases: []string{"char"}, Min: 1, Max: 1, Group: gStr, Signature: "chr(bigint) string",
		Plain: "Chr", Spark: "chr(expr) - Returns the ASCII character having the binary equivalent to `expr`. If n is larger than 256 the result is equivalent to chr(n % 256)", Examples: []string{"chr(n)", "char(l)"}},
	{Name: "ascii", Min: 1, Max: 1, Group: gStr, Signature: "ascii(string) int",
		Plain: "Ascii", Spark: "ascii(str) - Returns the numeric value of the first character of `str`.", Examples: []string{"ascii(s)"}},
	{Name: "instr", Min: 2, Max: 2, Group: gStr, Signature: "instr(string, string substr) int",
		Plain: "Instr", Spark: "instr(str, substr) - Returns the (1-based) index of the first occurrence of `substr` in `str`.", Examples: []string{"instr(s, 'a')"}},
	{Name: "locate", Aliases: []string{"position"}, Min: 2, Max: 3, Group: gStr, Signature: "locate(string substr, string str[, int pos]) int",
		Null: "only when substr or str is; a NULL pos gives 0", Runtime: []string{"Locate"},
		Spark: "locate(substr, str[, pos]) - Returns the position of the first occurrence of `substr` in `str` after position `pos`.", Examples: []string{"locate('a', s)", "locate(s, s, n)", "position('x', s, NULL)"}},
	{Name: "repeat", Min: 2, Max: 2, Group: gStr, Signature: "repeat(string, int n) string",
		Plain: "Repeat", Spark: "repeat(str, n) - Returns the string which repeats the given string value n times.", Examples: []string{"repeat(s, 2)"}},
	{Name: "replace", Min: 2, Max: 3, Group: gStr, Signature: "replace(string, string search[, string rep]) string",
		Runtime: []string{"Replace"}, Spark: "replace(str, search[, replace]) - Replaces all occurrences of `search` with `replace`.", Examples: []string{"replace(s, 'a')", "replace(s, 'a', 'b')"}},
	{Name: "translate", Min: 3, Max: 3, Group: gStr, Signature: "translate(string, string from, string to) string",
		Plain: "Translate", Spark: "translate(input, from, to) - Translates the `input` string by replacing the characters present in the `from` string with the corresponding characters in the `to` string.", Examples: []string{"translate(s, 'ab', 'x')"}},
	{Name: "regexp_replace", Min: 3, Max: 4, Group: gStr, Signature: "regexp_replace(string, string regex, string rep[, int pos]) string",
		Runtime: []string{"RegexpReplace"}, Spark: "regexp_replace(str, regexp, rep[, position]) - Replaces all substrings of `str` that match `regexp` with `rep`.", Examples: []string{"regexp_replace(s, '[0-9]+', '#')", "regexp_replace(s, 'a', 'b', 2)"}},
	{Name: "regexp_extract", Min: 2, Max: 3, Group: gStr, Signature: "regexp_extract(string, string regex[, int group]) string",
		Null: "group defaults to 1", Runtime: []string{"RegexpExtract"}, Spark: "regexp_extract(str, regexp[, idx]) - Extract the first string in the `str` that match the `regexp` expression and corresponding to the regex group index.", Examples: []string{"regexp_extract(s, '([a-z])', 1)", "regexp_extract(s, '[a-z]')"}},
	{Name: "regexp_extract_all", Min: 2, Max: 3, Group: gStr, Signature: "regexp_extract_all(string, string regex[, int group]) array<string> (elements non-null)",
		Null: "group defaults to 1", Runtime: []string{"RegexpExtractAll"}, Spark: "regexp_extract_all(str, regexp[, idx]) - Extract all strings in the `str` that match the `regexp` expression and corresponding to the regex group index.", Examples: []string{"regexp_extract_all(s, '([a-z])', 1)", "regexp_extract_all(s, s, 0)"}},
	{Name: "split", Min: 2, Max: 3, Group: gStr, Signature: "split(string, string regex[, int limit]) array<string> (elements non-null)",
		Runtime: []string{"Split"}, Spark: "split(str, regex, limit) - Splits `str` around occurrences that match `regex` and returns an array with a length of at most `limit`", Examples: []string{"split(s, ',')", "split(s, ',', 2)"}},
	{Name: "lpad", Min: 2, Max: 3, Group: gStr, Signature: "lpad(string, int len[, string pad]) string",
		Null: "pad defaults to \" \"", Runtime: []string{"LPad"}, Spark: "lpad(str, len[, pad]) - Returns `str`, left-padded with `pad` to a length of `len`.", Examples: []string{"lpad(s, 5)", "lpad(s, 5, '0')"}},
	{Name: "rpad", Min: 2, Max: 3, Group: gStr, Signature: "rpad(string, int len[, string pad]) string",
		Null: "pad defaults to \" \"", Runtime: []string{"RPad"}, Spark: "rpad(str, len[, pad]) - Returns `str`, right-padded with `pad` to a length of `len`.", Examples: []string{"rpad(s, 5)", "rpad(s, 5, '0')"}},
	{Name: "like", Min: 2, Max: 3, Group: gStr, Signature: "like(string, string pattern[, string escape]) boolean",
		Null: "the escape is a one-character constant", Spark: "str like pattern[ ESCAPE escape] - Returns true if str matches `pattern` with `escape`, null if any arguments are null, false otherwise.", Examples: []string{"like(s, 'a%')", "like(s, 'a!_%', '!')"}},
	{Name: "ilike", Min: 2, Max: 3, Group: gStr, Signature: "ilike(string, string pattern[, string escape]) boolean",
		Runtime: []string{"Lower"}, Spark: "str ilike pattern[ ESCAPE escape] - Returns true if str matches `pattern` with `escape` case-insensitively, null if any arguments are null, false otherwise.", Examples: []string{"ilike(s, 'A%')"}},
	{Name: "rlike", Min: 2, Max: 2, Group: gStr, Signature: "rlike(string, string regex) boolean",
		Runtime: []string{"RLike"}, Spark: "rlike(str, regexp) - Returns true if `str` matches `regexp`, or false otherwise.", Examples: []string{"rlike(s, '^a')", "rlike(s, s)"}},
	{Name: "base64", Min: 1, Max: 1, Group: gStr, Signature: "base64(binary) string",
		Plain: "Base64", Spark: "base64(bin) - Converts the argument from a binary `bin` to a base 64 string.", Examples: []string{"base64(bin)", "base64(s)"}},
	{Name: "unbase64", Min: 1, Max: 1, Group: gStr, Signature: "unbase64(string) binary",
		Null: "bad padding is an error in both modes, as in Spark", Runtime: []string{"UnBase64"}, Spark: "unbase64(str) - Converts the argument from a base 64 string `str` to a binary.", Examples: []string{"unbase64(base64(s))"}},
	{Name: "hex", Min: 1, Max: 1, Group: gStr, Signature: "hex(bigint | binary | string) string",
		Runtime: []string{"HexInt64", "Hex", "HexString"}, Spark: "hex(expr) - Converts `expr` to hexadecimal.", Examples: []string{"hex(l)", "hex(n)", "hex(bin)", "hex(s)"}},
	{Name: "unhex", Min: 1, Max: 1, Group: gStr, Signature: "unhex(string) binary",
		Null: "also for a character that is not a hex digit", Runtime: []string{"Unhex"}, Spark: "unhex(expr) - Converts hexadecimal `expr` to binary.", Examples: []string{"unhex(s)"}},
	{Name: "crc32", Min: 1, Max: 1, Group: gStr, Signature: "crc32(binary) bigint",
		Plain: "CRC32", Spark: "crc32(expr) - Returns a cyclic redundancy check value of the `expr` as a bigint.", Examples: []string{"crc32(bin)", "crc32(s)"}},
	{Name: "md5", Min: 1, Max: 1, Group: gStr, Signature: "md5(binary) string",
		Runtime: []string{"MD5"}, Spark: "md5(expr) - Returns an MD5 128-bit checksum as a hex string of `expr`.", Examples: []string{"md5(s)", "md5(bin)"}},
	{Name: "sha1", Aliases: []string{"sha"}, Min: 1, Max: 1, Group: gStr, Signature: "sha1(binary) string",
		Runtime: []string{"SHA1"}, Spark: "sha1(expr) - Returns a sha1 hash value as a hex string of the `expr`.", Examples: []string{"sha1(s)", "sha(bin)"}},
	{Name: "sha2", Min: 2, Max: 2, Group: gStr, Signature: "sha2(binary, int bits) string",
		Null: "also for bit lengths other than 0, 224, 256, 384 and 512", Runtime: []string{"SHA2"}, Spark: "sha2(expr, bitLength) - Returns a checksum of SHA-2 family as a hex string of `expr`.", Examples: []string{"sha2(s, 256)", "sha2(bin, n)"}},
	{Name: "hash", Min: 1, Max: -1, Group: gStr, Signature: "hash(T...) int",
		Null:    "never (NULL arguments are skipped, seed 42); atomic arguments only",
		Runtime: []string{"Murmur3Bool", "Murmur3Int", "Murmur3Long", "Murmur3Float", "Murmur3Double", "Murmur3Decimal", "Murmur3String", "Murmur3Bytes"},
		Spark:   "hash(expr1, expr2, ...) - Returns a hash value of the arguments.", Examples: []string{"hash(s, n, l, d, dec, b, dt, ts, bin, f, i8, i16, ntz)", "hash(NULL, s)"}},
	{Name: "xxhash64", Min: 1, Max: -1, Group: gStr, Signature: "xxhash64(T...) bigint",
		Null:    "never (NULL arguments are skipped, seed 42); atomic arguments only",
		Runtime: []string{"XXH64Bool", "XXH64Int", "XXH64Long", "XXH64Float", "XXH64Double", "XXH64Decimal", "XXH64String", "XXH64Bytes"},
		Spark:   "xxhash64(expr1, expr2, ...) - Returns a 64-bit hash value of the arguments. Hash seed is 42.", Examples: []string{"xxhash64(s, n, l, d, dec, b, dt, ts, bin, f, i8, i16, ntz)", "xxhash64(NULL)"}},
	{Name: "uuid", Min: 0, Max: 0, Group: gStr, Signature: "uuid() string",
		Null: "never", Runtime: []string{"UUID"}, Spark: "uuid() - Returns an universally unique identifier (UUID) string.", Examples: []string{"uuid()"}},

	// Math.
	{Name: "round", Min: 1, Max: 2, Group: gMath, Signature: "round(N[, int scale]) N'",
		Null: "scale is an int literal; N' is N except decimal(p', s') (RoundBase); a decimal that does not fit is NULL",
		ANSI: "integral overflow is an error", Runtime: []string{"RoundDouble", "RoundFloat", "RoundIntegral", "RoundIntegralANSI", "RoundDecimal"},
		Spark: "round(expr, d) - Returns `expr` rounded to `d` decimal places using HALF_UP rounding mode.", Examples: []string{"round(d, 1)", "round(dec)", "round(n, -1)", "round(s)", "round(f, 1)"}},
	{Name: "bround", Min: 1, Max: 2, Group: gMath, Signature: "bround(N[, int scale]) N'",
		Null: "as round", ANSI: "integral overflow is an error", Runtime: []string{"BRoundDouble", "BRoundFloat", "BRoundIntegral", "BRoundIntegralANSI", "BRoundDecimal"},
		Spark: "bround(expr, d) - Returns `expr` rounded to `d` decimal places using HALF_EVEN rounding mode.", Examples: []string{"bround(d, 1)", "bround(dec, 1)", "bround(l)", "bround(f)"}},
	{Name: "abs", Min: 1, Max: 1, Group: gMath, Signature: "abs(N) N",
		ANSI: "abs of the smallest int or bigint is an overflow error", Runtime: []string{"AbsInt32", "AbsInt64", "AbsInt32ANSI", "AbsInt64ANSI"},
		Spark: "abs(expr) - Returns the absolute value of the numeric or interval value.", Examples: []string{"abs(n)", "abs(l)", "abs(d)", "abs(dec)", "abs(s)"}},
	{Name: "floor", Min: 1, Max: 1, Group: gMath, Signature: "floor(N) bigint for double, float and integers; decimal(p-s+1, 0) for decimal(p, s)",
		Runtime: []string{"FloorDouble", "FloorDecimal"}, Spark: "floor(expr[, scale]) - Returns the largest number after rounding down that is not greater than `expr`.", Examples: []string{"floor(d)", "floor(n)", "floor(dec)"}},
	{Name: "ceil", Aliases: []string{"ceiling"}, Min: 1, Max: 1, Group: gMath, Signature: "ceil(N) bigint for double, float and integers; decimal(p-s+1, 0) for decimal(p, s)",
		Runtime: []string{"CeilDouble", "CeilDecimal"}, Spark: "ceil(expr[, scale]) - Returns the smallest number after rounding up that is not smaller than `expr`.", Examples: []string{"ceil(d)", "ceiling(l)", "ceil(dec)"}},
	{Name: "pow", Aliases: []string{"power"}, Min: 2, Max: 2, Group: gMath, Signature: "pow(double, double) double",
		Plain: "Pow", Spark: "pow(expr1, expr2) - Raises `expr1` to the power of `expr2`.", Examples: []string{"pow(d, 2)", "power(n, l)"}},
	{Name: "sqrt", Min: 1, Max: 1, Group: gMath, Signature: "sqrt(double) double",
		Runtime: []string{"Sqrt"}, Spark: "sqrt(expr) - Returns the square root of `expr`.", Examples: []string{"sqrt(d)"}},
	{Name: "exp", Min: 1, Max: 1, Group: gMath, Signature: "exp(double) double",
		Runtime: []string{"Exp"}, Spark: "exp(expr) - Returns e to the power of `expr`.", Examples: []string{"exp(d)"}},
	{Name: "ln", Min: 1, Max: 1, Group: gMath, Signature: "ln(double) double",
		Null: "also for arguments <= 0", Runtime: []string{"Ln"}, Spark: "ln(expr) - Returns the natural logarithm (base e) of `expr`.", Examples: []string{"ln(d)"}},
	{Name: "log10", Min: 1, Max: 1, Group: gMath, Signature: "log10(double) double",
		Null: "also for arguments <= 0", Runtime: []string{"Log10"}, Spark: "log10(expr) - Returns the logarithm of `expr` with base 10.", Examples: []string{"log10(d)"}},
	{Name: "log2", Min: 1, Max: 1, Group: gMath, Signature: "log2(double) double",
		Null: "also for arguments <= 0", Runtime: []string{"Log2"}, Spark: "log2(expr) - Returns the logarithm of `expr` with base 2.", Examples: []string{"log2(n)"}},
	{Name: "log", Min: 1, Max: 2, Group: gMath, Signature: "log([double base,] double) double",
		Null: "also for arguments <= 0; log(x) is ln(x)", Runtime: []string{"Log", "Ln"}, Spark: "log(base, expr) - Returns the logarithm of `expr` with `base`.", Examples: []string{"log(2, d)", "log(d)"}},
	{Name: "signum", Aliases: []string{"sign"}, Min: 1, Max: 1, Group: gMath, Signature: "signum(double) double",
		Plain: "Signum", Spark: "signum(expr) - Returns -1.0, 0.0 or 1.0 as `expr` is negative, 0 or positive.", Examples: []string{"signum(d)", "sign(n)"}},
	{Name: "greatest", Min: 2, Max: -1, Group: gMath, Signature: "greatest(T, T...) T",
		Null: "only when every argument is (NULL arguments are skipped)", Spark: "greatest(expr, ...) - Returns the greatest value of all parameters, skipping null values.", Examples: []string{"greatest(n, 2, d)", "greatest(dec, 1)", "greatest(s, 'm')"}},
	{Name: "least", Min: 2, Max: -1, Group: gMath, Signature: "least(T, T...) T",
		Null: "as greatest", Spark: "least(expr, ...) - Returns the least value of all parameters, skipping null values.", Examples: []string{"least(n, l)", "least(dt, dt)"}},

	// Date and time.
	{Name: "current_timestamp", Aliases: []string{"now"}, Min: 0, Max: 0, Group: gTime, Signature: "current_timestamp() timestamp",
		Null: "never; taken per record", Spark: "current_timestamp() - Returns the current timestamp at the start of query evaluation.", Examples: []string{"current_timestamp()", "now()"}},
	{Name: "current_date", Min: 0, Max: 0, Group: gTime, Signature: "current_date() date",
		Null: "never; in the session time zone", Runtime: []string{"CurrentDate"}, Spark: "current_date() - Returns the current date at the start of query evaluation.", Examples: []string{"current_date()"}},
	{Name: "from_unixtime", Min: 1, Max: 2, Group: gTime, Signature: "from_unixtime(bigint[, string fmt]) string",
		Null: "fmt defaults to \"yyyy-MM-dd HH:mm:ss\"", Runtime: []string{"FromUnixTime", "MustCompileDatePattern"}, Spark: "from_unixtime(unix_time[, fmt]) - Returns `unix_time` in the specified `fmt`.", Examples: []string{"from_unixtime(l)", "from_unixtime(n, 'yyyy-MM-dd')"}},
	{Name: "unix_timestamp", Min: 0, Max: 2, Group: gTime, Signature: "unix_timestamp() bigint; unix_timestamp(string[, string fmt]) bigint; unix_timestamp(timestamp | date) bigint",
		Null: "also when the text does not parse", ANSI: "text that does not parse is an error", Runtime: []string{"UnixSeconds", "UnixDateSeconds", "UnixTimestampString", "ToTimestampANSI"},
		Spark: "unix_timestamp([timeExp[, fmt]]) - Returns the UNIX timestamp of current or specified time.", Examples: []string{"unix_timestamp()", "unix_timestamp(s, 'yyyy-MM-dd')", "unix_timestamp(ts)", "unix_timestamp(dt)"}},
	{Name: "to_timestamp", Min: 1, Max: 2, Group: gTime, Signature: "to_timestamp(string[, string fmt]) timestamp",
		Null: "also when the text does not parse", ANSI: "text that does not parse is an error", Runtime: []string{"ToTimestamp", "ToTimestampANSI"},
		Spark: "to_timestamp(timestamp_str[, fmt]) - Parses the `timestamp_str` expression with the `fmt` expression to a timestamp.", Examples: []string{"to_timestamp(s)", "to_timestamp(s, 'yyyy-MM-dd')"}},
	{Name: "to_date", Min: 1, Max: 2, Group: gTime, Signature: "to_date(string[, string fmt]) date",
		Null: "also when the text does not parse", ANSI: "text that does not parse is an error", Runtime: []string{"ToDate", "ToTimestampANSI", "CastTimestampToDate"},
		Spark: "to_date(date_str[, fmt]) - Parses the `date_str` expression with the `fmt` expression to a date.", Examples: []string{"to_date(s)", "to_date(s, 'yyyy-MM-dd')"}},
	{Name: "date_format", Min: 2, Max: 2, Group: gTime, Signature: "date_format(timestamp, string fmt) string",
		Runtime: []string{"DateFormat"}, Spark: "date_format(timestamp, fmt) - Converts `timestamp` to a value of string in the format specified by the date format `fmt`.", Examples: []string{"date_format(ts, 'yyyy-MM')", "date_format(dt, s)"}},
	{Name: "timestamp_millis", Min: 1, Max: 1, Group: gTime, Signature: "timestamp_millis(bigint) timestamp",
		Null: "overflow is an error in both modes", Runtime: []string{"TimestampMillis"}, Spark: "timestamp_millis(milliseconds) - Creates timestamp from the number of milliseconds since UTC epoch.", Examples: []string{"timestamp_millis(l)", "timestamp_millis(n)"}},
	{Name: "timestamp_seconds", Min: 1, Max: 1, Group: gTime, Signature: "timestamp_seconds(bigint | double) timestamp",
		Null: "also for NaN and infinities; overflow is an error in both modes", Runtime: []string{"TimestampSeconds", "TimestampSecondsDouble"}, Spark: "timestamp_seconds(seconds) - Creates timestamp from the number of seconds (can be fractional) since UTC epoch.", Examples: []string{"timestamp_seconds(l)", "timestamp_seconds(d)"}},
	{Name: "timestamp_micros", Min: 1, Max: 1, Group: gTime, Signature: "timestamp_micros(bigint) timestamp",
		Runtime: []string{"TimestampMicros"}, Spark: "timestamp_micros(microseconds) - Creates timestamp from the number of microseconds since UTC epoch.", Examples: []string{"timestamp_micros(l)"}},
	{Name: "unix_millis", Min: 1, Max: 1, Group: gTime, Signature: "unix_millis(timestamp) bigint",
		Runtime: []string{"UnixMillis"}, Spark: "unix_millis(timestamp) - Returns the number of milliseconds since 1970-01-01 00:00:00 UTC. Truncates higher levels of precision.", Examples: []string{"unix_millis(ts)"}},
	{Name: "year", Min: 1, Max: 1, Group: gTime, Signature: "year(date) int",
		Runtime: []string{"Year"}, Spark: "year(date) - Returns the year component of the date/timestamp.", Examples: []string{"year(dt)", "year(ts)"}},
	{Name: "quarter", Min: 1, Max: 1, Group: gTime, Signature: "quarter(date) int",
		Runtime: []string{"Quarter"}, Spark: "quarter(date) - Returns the quarter of the year for date, in the range 1 to 4.", Examples: []string{"quarter(dt)"}},
	{Name: "month", Min: 1, Max: 1, Group: gTime, Signature: "month(date) int",
		Runtime: []string{"Month"}, Spark: "month(date) - Returns the month component of the date/timestamp.", Examples: []string{"month(dt)"}},
	{Name: "dayofmonth", Aliases: []string{"day"}, Min: 1, Max: 1, Group: gTime, Signature: "dayofmonth(date) int",
		Runtime: []string{"DayOfMonth"}, Spark: "dayofmonth(date) - Returns the day of month of the date/timestamp.", Examples: []string{"dayofmonth(dt)", "day(s)"}},
	{Name: "dayofyear", Min: 1, Max: 1, Group: gTime, Signature: "dayofyear(date) int",
		Runtime: []string{"DayOfYear"}, Spark: "dayofyear(date) - Returns the day of year of the date/timestamp.", Examples: []string{"dayofyear(dt)"}},
	{Name: "dayofweek", Min: 1, Max: 1, Group: gTime, Signature: "dayofweek(date) int",
		Runtime: []string{"DayOfWeek"}, Spark: "dayofweek(date) - Returns the day of the week for date/timestamp (1 = Sunday, 2 = Monday, ..., 7 = Saturday).", Examples: []string{"dayofweek(dt)"}},
	{Name: "weekday", Min: 1, Max: 1, Group: gTime, Signature: "weekday(date) int",
		Runtime: []string{"WeekDay"}, Spark: "weekday(date) - Returns the day of the week for date/timestamp (0 = Monday, 1 = Tuesday, ..., 6 = Sunday).", Examples: []string{"weekday(dt)"}},
	{Name: "weekofyear", Min: 1, Max: 1, Group: gTime, Signature: "weekofyear(date) int",
		Runtime: []string{"WeekOfYear"}, Spark: "weekofyear(date) - Returns the week of the year of the given date. A week is considered to start on a Monday and week 1 is the first week with >3 days.", Examples: []string{"weekofyear(dt)"}},
	{Name: "hour", Min: 1, Max: 1, Group: gTime, Signature: "hour(timestamp) int",
		Runtime: []string{"Hour"}, Spark: "hour(timestamp) - Returns the hour component of the string/timestamp.", Examples: []string{"hour(ts)"}},
	{Name: "minute", Min: 1, Max: 1, Group: gTime, Signature: "minute(timestamp) int",
		Runtime: []string{"Minute"}, Spark: "minute(timestamp) - Returns the minute component of the string/timestamp.", Examples: []string{"minute(ts)", "minute(s)"}},
	{Name: "second", Min: 1, Max: 1, Group: gTime, Signature: "second(timestamp) int",
		Runtime: []string{"Second"}, Spark: "second(timestamp) - Returns the second component of the string/timestamp.", Examples: []string{"second(ts)"}},
	{Name: "date_add", Min: 2, Max: 2, Group: gTime, Signature: "date_add(date, int days) date",
		Null: "days is int, smallint or tinyint (not bigint)", Runtime: []string{"DateAdd"}, Spark: "date_add(start_date, num_days) - Returns the date that is `num_days` after `start_date`.", Examples: []string{"date_add(dt, 1)", "date_add(s, n)"}},
	{Name: "date_sub", Min: 2, Max: 2, Group: gTime, Signature: "date_sub(date, int days) date",
		Null: "as date_add", Runtime: []string{"DateSub"}, Spark: "date_sub(start_date, num_days) - Returns the date that is `num_days` before `start_date`.", Examples: []string{"date_sub(dt, n)"}},
	{Name: "add_months", Min: 2, Max: 2, Group: gTime, Signature: "add_months(date, int months) date",
		Null: "as date_add", Runtime: []string{"AddMonths"}, Spark: "add_months(start_date, num_months) - Returns the date that is `num_months` after `start_date`.", Examples: []string{"add_months(dt, 1)", "add_months(ts, n)"}},
	{Name: "last_day", Min: 1, Max: 1, Group: gTime, Signature: "last_day(date) date",
		Runtime: []string{"LastDay"}, Spark: "last_day(date) - Returns the last day of the month which the date belongs to.", Examples: []string{"last_day(dt)"}},
	{Name: "trunc", Min: 2, Max: 2, Group: gTime, Signature: "trunc(date, string fmt) date",
		Null: "also for a format other than year, yyyy, yy, quarter, month, mm, mon, week", Runtime: []string{"TruncDate"}, Spark: "trunc(date, fmt) - Returns `date` with the time portion of the day truncated to the unit specified by the format model `fmt`.", Examples: []string{"trunc(dt, 'MM')", "trunc(ts, s)"}},
	{Name: "date_trunc", Min: 2, Max: 2, Group: gTime, Signature: "date_trunc(string fmt, timestamp) timestamp",
		Null: "also for a format it does not know", Runtime: []string{"DateTrunc"}, Spark: "date_trunc(fmt, ts) - Returns timestamp `ts` truncated to the unit specified by the format model `fmt`.", Examples: []string{"date_trunc('HOUR', ts)", "date_trunc(s, dt)"}},
	{Name: "datediff", Min: 2, Max: 2, Group: gTime, Signature: "datediff(date end, date start) int",
		Runtime: []string{"DateDiff"}, Spark: "datediff(endDate, startDate) - Returns the number of days from `startDate` to `endDate`.", Examples: []string{"datediff(dt, '2020-01-01')"}},

	// Collections and conditionals.
	{Name: "size", Aliases: []string{"cardinality"}, Min: 1, Max: 1, Group: gColl, Signature: "size(array<T> | map<K,V>) int",
		Null: "never: size(NULL) is -1", ANSI: "size(NULL) is NULL", Spark: "size(expr) - Returns the size of an array or a map.", Examples: []string{"size(arr)", "cardinality(m)"}},
	{Name: "element_at", Min: 2, Max: 2, Group: gColl, Signature: "element_at(array<T>, int) T (1-based, negative from the end); element_at(map<K,V>, K) V",
		Null: "also when the element is missing; index 0 is an error", ANSI: "an index out of range is an error", Runtime: []string{"ElementAtIndex", "ElementAtIndexANSI"},
		Spark: "element_at(array, index) - Returns element of array at given (1-based) index.", Examples: []string{"element_at(arr, 1)", "element_at(m, 'k')"}},
	{Name: "array_contains", Min: 2, Max: 2, Group: gColl, Signature: "array_contains(array<T>, T) boolean",
		Null: "also when not found and the array holds a NULL", Spark: "array_contains(array, value) - Returns true if the array contains the value.", Examples: []string{"array_contains(arr, 'x')"}},
	{Name: "coalesce", Aliases: []string{"nvl", "ifnull"}, Min: 1, Max: -1, Group: gColl, Signature: "coalesce(T, T...) T",
		Null: "only when every argument is; the first non-NULL argument (nvl and ifnull take 2)", Spark: "coalesce(expr1, expr2, ...) - Returns the first non-null argument if exists. Otherwise, null.", Examples: []string{"coalesce(s, 'none')", "nvl(n, l)", "ifnull(n, 'x')"}},
	{Name: "if", Aliases: []string{"iif"}, Min: 3, Max: 3, Group: gColl, Signature: "if(boolean, T, T) T",
		Null: "a NULL condition picks the second branch", Spark: "if(expr1, expr2, expr3) - If `expr1` evaluates to true, then returns `expr2`; otherwise returns `expr3`.", Examples: []string{"if(b, 1, 2.5)", "iif(n > 1, s, NULL)"}},

	// Structs and text formats.
	{Name: "to_json", Min: 1, Max: 1, Group: gFmt, Signature: "to_json(struct | array | map) string",
		Spark: "to_json(expr[, options]) - Returns a JSON string with a given struct value", Examples: []string{"to_json(st)", "to_json(arr)", "to_json(m)"}},
	{Name: "to_csv", Min: 1, Max: 1, Group: gFmt, Signature: "to_csv(struct) string",
		Null: "also for a record that writes no text; a struct of atomic fields", Spark: "to_csv(expr[, options]) - Returns a CSV string with a given struct value", Examples: []string{"to_csv(struct(n, s))", "to_csv(named_struct('a', dt, 'b', ts))"}},
}

// Functions returns the catalogue's functions, by name.
func Functions() []Function { return functions }

var byName = func() map[string]*Function {
	m := map[string]*Function{}
	for i := range functions {
		m[functions[i].Name] = &functions[i]
	}
	return m
}()

// Lookup returns the function of a canonical name, or nil.
func Lookup(name string) *Function { return byName[name] }

// Aliases maps every alias to its canonical name.
func Aliases() map[string]string {
	m := map[string]string{}
	for _, f := range functions {
		for _, a := range f.Aliases {
			m[a] = f.Name
		}
	}
	return m
}

// Names lists the canonical names, sorted.
func Names() []string {
	var out []string
	for _, f := range functions {
		out = append(out, f.Name)
	}
	sort.Strings(out)
	return out
}

// Operator is an SQL operator: its syntax, the operand and result rules
// (internal/compiler/check types it), the internal/runtime/sqlfn symbols
// its emitter calls, and Spark's description. Arithmetic names its
// symbols by role, so the emitter's dispatch reads them from here.
type Operator struct {
	Syntax string
	// Op is the operator as the IR writes it ("+", "div", "="); Binary
	// operators take two atomic operands, and the exhaustive test tries
	// every pair of atomic types in both modes.
	Op     string
	Binary bool
	// Types says which operands the checker accepts and what comes out.
	Types string
	// ANSI is what semantics: spark4 changes.
	ANSI string
	// Int32ANSI, Int64ANSI: the ANSI forms on int and bigint (+ - *);
	// Decimal: the decimal form, which DecimalOpANSI wraps under ANSI.
	Int32ANSI, Int64ANSI, Decimal string
	// Runtime lists every symbol the emitter calls for it.
	Runtime []string
	Spark   string
}

const numericTypes = "numeric operands widened to their common type (strings cast to double, dates and timestamps refused); the result has that type"

var operators = []Operator{
	{Syntax: "a + b", Op: "+", Binary: true, Types: numericTypes + "; decimal(p,s) results by Spark's DecimalPrecision rules",
		ANSI:      "integral overflow is ARITHMETIC_OVERFLOW, decimal overflow NUMERIC_VALUE_OUT_OF_RANGE (NULL otherwise; integers wrap)",
		Int32ANSI: "AddInt32ANSI", Int64ANSI: "AddInt64ANSI", Decimal: "AddDecimal",
		Runtime: []string{"AddInt32ANSI", "AddInt64ANSI", "AddDecimal", "SmallArithANSI", "DecimalOpANSI"},
		Spark:   "expr1 + expr2 - Returns `expr1`+`expr2`."},
	{Syntax: "a - b", Op: "-", Binary: true, Types: numericTypes, ANSI: "as +",
		Int32ANSI: "SubInt32ANSI", Int64ANSI: "SubInt64ANSI", Decimal: "SubDecimal",
		Runtime: []string{"SubInt32ANSI", "SubInt64ANSI", "SubDecimal", "SmallArithANSI", "DecimalOpANSI"},
		Spark:   "expr1 - expr2 - Returns `expr1`-`expr2`."},
	{Syntax: "a * b", Op: "*", Binary: true, Types: numericTypes, ANSI: "as +",
		Int32ANSI: "MulInt32ANSI", Int64ANSI: "MulInt64ANSI", Decimal: "MulDecimal",
		Runtime: []string{"MulInt32ANSI", "MulInt64ANSI", "MulDecimal", "SmallArithANSI", "DecimalOpANSI"},
		Spark:   "expr1 * expr2 - Returns `expr1`*`expr2`."},
	{Syntax: "a / b", Op: "/", Binary: true, Types: "numeric operands; double unless both are decimal (then decimal by Spark's rules)",
		ANSI: "a zero divisor is DIVIDE_BY_ZERO (NULL otherwise)", Decimal: "DivDecimal",
		Runtime: []string{"DivDouble", "DivDoubleANSI", "DivDecimal", "DecimalOpANSI"},
		Spark:   "expr1 / expr2 - Returns `expr1`/`expr2`. It always performs floating point division."},
	{Syntax: "a % b", Op: "%", Binary: true, Types: numericTypes, ANSI: "a zero divisor is DIVIDE_BY_ZERO (NULL otherwise)", Decimal: "RemDecimal",
		Runtime: []string{"RemInt64", "RemInt64ANSI", "RemDouble", "RemDecimal", "DecimalOpANSI"},
		Spark:   "expr1 % expr2 - Returns the remainder after `expr1`/`expr2`."},
	{Syntax: "a div b", Op: "div", Binary: true, Types: "integral operands; bigint", ANSI: "a zero divisor is DIVIDE_BY_ZERO, overflow ARITHMETIC_OVERFLOW (NULL otherwise)",
		Runtime: []string{"DivInt64", "DivInt64ANSI"},
		Spark:   "expr1 div expr2 - Divide `expr1` by `expr2`. It returns NULL if an operand is NULL or `expr2` is 0. The result is casted to long."},
	{Syntax: "-a", Op: "neg", Types: "a numeric operand; its type", ANSI: "integral overflow (-MIN) is ARITHMETIC_OVERFLOW",
		Runtime: []string{"NegInt64ANSI"},
		Spark:   "- expr - Returns the negated value of `expr`."},
	{Syntax: "a = b, a <> b, a != b, a < b, a <= b, a > b, a >= b", Op: "<", Binary: true,
		Types: "operands of one family after Spark's coercion (numbers, strings, booleans, dates with timestamps, binary); boolean",
		ANSI:  "none", Runtime: []string{"CompareDouble"},
		Spark: "expr1 < expr2 - Returns true if `expr1` is less than `expr2`. Doubles order NaN above every other value and equal to itself."},
	{Syntax: "a <=> b", Op: "<=>", Binary: true, Types: "as =; never NULL", ANSI: "none",
		Spark: "expr1 <=> expr2 - Returns same result as the EQUAL(=) operator for non-null operands, but returns true if both are null, false if one of them is null."},
	{Syntax: "a AND b, a OR b, NOT a", Op: "AND", Types: "boolean operands (strings and numbers are cast); three-valued logic", ANSI: "none",
		Spark: "expr1 and expr2 - Logical AND."},
	{Syntax: "a || b", Op: "||", Binary: true, Types: "operands cast to string; string", ANSI: "none",
		Spark: "expr1 || expr2 - Returns the concatenation of `expr1` and `expr2`."},
	{Syntax: "array[index]", Op: "[]", Runtime: []string{"ArrayIndex", "ArrayIndexANSI"},
		Spark: "array[index] - 0-based; NULL out of range (an error under ANSI)"},
}

// LookupOperator returns the operator whose Op is op.
func LookupOperator(op string) (Operator, bool) {
	for _, o := range operators {
		if o.Op == op {
			return o, true
		}
	}
	return Operator{}, false
}

// Operators returns the operators the catalogue lists.
func Operators() []Operator { return operators }
