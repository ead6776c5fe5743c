// Code generated from internal/compiler/catalog by TestFunctionsReference; DO NOT EDIT.
// STREAMC_GOLDEN_UPDATE=1 go test ./internal/compiler/check rewrites it.

package check

// The built-in functions, as Call nodes carry them after checking. Argument
// types are those after implicit casts; T is any type, N any numeric type.
// A Call is NULL when any argument is NULL unless its notes say otherwise;
// "spark4:" notes say what `semantics: spark4` (ANSI) changes.
//
//	Strings
//	upper(string) string    also ucase
//	lower(string) string    also lcase
//	initcap(string) string
//	reverse(string) string
//	trim(string[, string chars]) string
//	ltrim(string[, string chars]) string
//	rtrim(string[, string chars]) string
//	concat(string...) string
//	concat_ws(string sep, (string | array<string>)...) string
//	    NULL: only when sep is; NULL arguments and elements are skipped
//	substring(string | binary, int pos[, int len]) string | binary (as its first argument)    also substr
//	left(string, int len) string
//	right(string, int len) string
//	length(string | binary) int    also char_length, character_length
//	octet_length(string | binary) int
//	chr(bigint) string    also char
//	ascii(string) int
//	instr(string, string substr) int
//	locate(string substr, string str[, int pos]) int    also position
//	    NULL: only when substr or str is; a NULL pos gives 0
//	repeat(string, int n) string
//	replace(string, string search[, string rep]) string
//	translate(string, string from, string to) string
//	regexp_replace(string, string regex, string rep[, int pos]) string
//	regexp_extract(string, string regex[, int group]) string
//	    NULL: group defaults to 1
//	regexp_extract_all(string, string regex[, int group]) array<string> (elements non-null)
//	    NULL: group defaults to 1
//	split(string, string regex[, int limit]) array<string> (elements non-null)
//	lpad(string, int len[, string pad]) string
//	    NULL: pad defaults to " "
//	rpad(string, int len[, string pad]) string
//	    NULL: pad defaults to " "
//	like(string, string pattern[, string escape]) boolean
//	    NULL: the escape is a one-character constant
//	ilike(string, string pattern[, string escape]) boolean
//	rlike(string, string regex) boolean
//	base64(binary) string
//	unbase64(string) binary
//	    NULL: bad padding is an error in both modes, as in Spark
//	hex(bigint | binary | string) string
//	unhex(string) binary
//	    NULL: also for a character that is not a hex digit
//	crc32(binary) bigint
//	md5(binary) string
//	sha1(binary) string    also sha
//	sha2(binary, int bits) string
//	    NULL: also for bit lengths other than 0, 224, 256, 384 and 512
//	hash(T...) int
//	    NULL: never (NULL arguments are skipped, seed 42); atomic arguments only
//	xxhash64(T...) bigint
//	    NULL: never (NULL arguments are skipped, seed 42); atomic arguments only
//	uuid() string
//	    NULL: never
//
//	Math
//	round(N[, int scale]) N'
//	    NULL: scale is an int literal; N' is N except decimal(p', s') (RoundBase); a decimal that does not fit is NULL
//	    spark4: integral overflow is an error
//	bround(N[, int scale]) N'
//	    NULL: as round
//	    spark4: integral overflow is an error
//	abs(N) N
//	    spark4: abs of the smallest int or bigint is an overflow error
//	floor(N) bigint for double, float and integers; decimal(p-s+1, 0) for decimal(p, s)
//	ceil(N) bigint for double, float and integers; decimal(p-s+1, 0) for decimal(p, s)    also ceiling
//	pow(double, double) double    also power
//	sqrt(double) double
//	exp(double) double
//	ln(double) double
//	    NULL: also for arguments <= 0
//	log10(double) double
//	    NULL: also for arguments <= 0
//	log2(double) double
//	    NULL: also for arguments <= 0
//	log([double base,] double) double
//	    NULL: also for arguments <= 0; log(x) is ln(x)
//	signum(double) double    also sign
//	greatest(T, T...) T
//	    NULL: only when every argument is (NULL arguments are skipped)
//	least(T, T...) T
//	    NULL: as greatest
//
//	Date and time
//	current_timestamp() timestamp    also now
//	    NULL: never; taken per record
//	current_date() date
//	    NULL: never; in the session time zone
//	from_unixtime(bigint[, string fmt]) string
//	    NULL: fmt defaults to "yyyy-MM-dd HH:mm:ss"
//	unix_timestamp() bigint; unix_timestamp(string[, string fmt]) bigint; unix_timestamp(timestamp | date) bigint
//	    NULL: also when the text does not parse
//	    spark4: text that does not parse is an error
//	to_timestamp(string[, string fmt]) timestamp
//	    NULL: also when the text does not parse
//	    spark4: text that does not parse is an error
//	to_date(string[, string fmt]) date
//	    NULL: also when the text does not parse
//	    spark4: text that does not parse is an error
//	date_format(timestamp, string fmt) string
//	timestamp_millis(bigint) timestamp
//	    NULL: overflow is an error in both modes
//	timestamp_seconds(bigint | double) timestamp
//	    NULL: also for NaN and infinities; overflow is an error in both modes
//	timestamp_micros(bigint) timestamp
//	unix_millis(timestamp) bigint
//	year(date) int
//	quarter(date) int
//	month(date) int
//	dayofmonth(date) int    also day
//	dayofyear(date) int
//	dayofweek(date) int
//	weekday(date) int
//	weekofyear(date) int
//	hour(timestamp) int
//	minute(timestamp) int
//	second(timestamp) int
//	date_add(date, int days) date
//	    NULL: days is int, smallint or tinyint (not bigint)
//	date_sub(date, int days) date
//	    NULL: as date_add
//	add_months(date, int months) date
//	    NULL: as date_add
//	last_day(date) date
//	trunc(date, string fmt) date
//	    NULL: also for a format other than year, yyyy, yy, quarter, month, mm, mon, week
//	date_trunc(string fmt, timestamp) timestamp
//	    NULL: also for a format it does not know
//	datediff(date end, date start) int
//
//	Collections and conditionals
//	size(array<T> | map<K,V>) int    also cardinality
//	    NULL: never: size(NULL) is -1
//	    spark4: size(NULL) is NULL
//	element_at(array<T>, int) T (1-based, negative from the end); element_at(map<K,V>, K) V
//	    NULL: also when the element is missing; index 0 is an error
//	    spark4: an index out of range is an error
//	array_contains(array<T>, T) boolean
//	    NULL: also when not found and the array holds a NULL
//	coalesce(T, T...) T    also nvl, ifnull
//	    NULL: only when every argument is; the first non-NULL argument (nvl and ifnull take 2)
//	if(boolean, T, T) T    also iif
//	    NULL: a NULL condition picks the second branch
//
//	Structs and text formats
//	to_json(struct | array | map) string
//	to_csv(struct) string
//	    NULL: also for a record that writes no text; a struct of atomic fields
//
// Operators, with the types they take and what spark4 changes:
//
//	a + b
//	    types: numeric operands widened to their common type (strings cast to double, dates and timestamps refused); the result has that type; decimal(p,s) results by Spark's DecimalPrecision rules
//	    spark4: integral overflow is ARITHMETIC_OVERFLOW, decimal overflow NUMERIC_VALUE_OUT_OF_RANGE (NULL otherwise; integers wrap)
//	a - b
//	    types: numeric operands widened to their common type (strings cast to double, dates and timestamps refused); the result has that type
//	    spark4: as +
//	a * b
//	    types: numeric operands widened to their common type (strings cast to double, dates and timestamps refused); the result has that type
//	    spark4: as +
//	a / b
//	    types: numeric operands; double unless both are decimal (then decimal by Spark's rules)
//	    spark4: a zero divisor is DIVIDE_BY_ZERO (NULL otherwise)
//	a % b
//	    types: numeric operands widened to their common type (strings cast to double, dates and timestamps refused); the result has that type
//	    spark4: a zero divisor is DIVIDE_BY_ZERO (NULL otherwise)
//	a div b
//	    types: integral operands; bigint
//	    spark4: a zero divisor is DIVIDE_BY_ZERO, overflow ARITHMETIC_OVERFLOW (NULL otherwise)
//	-a
//	    types: a numeric operand; its type
//	    spark4: integral overflow (-MIN) is ARITHMETIC_OVERFLOW
//	a = b, a <> b, a != b, a < b, a <= b, a > b, a >= b
//	    types: operands of one family after Spark's coercion (numbers, strings, booleans, dates with timestamps, binary); boolean
//	a <=> b
//	    types: as =; never NULL
//	a AND b, a OR b, NOT a
//	    types: boolean operands (strings and numbers are cast); three-valued logic
//	a || b
//	    types: operands cast to string; string
//	array[index]
//
// from_json(string, 'ddl') struct is checked on its own (the schema is the
// result type); explode, explode_outer, posexplode and posexplode_outer are
// not Calls: they become a Project's Generator. struct and named_struct
// become MakeStruct; CAST, TRY_CAST and x::type become Cast.
//
// Casts between atomic types, from a row's type to a column's: Y compiled
// in both modes, 3 under spark3 only (Spark 4's ANSI rules refuse it), x
// accepted by Spark 3 but refused by streamc, . refused by Spark. TRY_CAST
// accepts what spark4's CAST does, in both modes (Spark's canTryCast).
//
//	                str bool   i8  i16  int  i64  f32  f64  dec date   ts  ntz  bin
//	string            Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
//	boolean           Y    Y    Y    Y    Y    Y    Y    Y    Y    .    3    .    .
//	tinyint           Y    Y    Y    Y    Y    Y    Y    Y    Y    .    Y    .    3
//	smallint          Y    Y    Y    Y    Y    Y    Y    Y    Y    .    Y    .    3
//	int               Y    Y    Y    Y    Y    Y    Y    Y    Y    .    Y    .    3
//	bigint            Y    Y    Y    Y    Y    Y    Y    Y    Y    .    Y    .    3
//	float             Y    Y    Y    Y    Y    Y    Y    Y    Y    .    Y    .    .
//	double            Y    Y    Y    Y    Y    Y    Y    Y    Y    .    Y    .    .
//	decimal           Y    Y    Y    Y    Y    Y    Y    Y    Y    .    Y    .    .
//	date              Y    x    x    x    x    x    x    x    x    Y    Y    Y    .
//	timestamp         Y    3    Y    Y    Y    Y    Y    Y    Y    Y    Y    x    .
//	timestamp_ntz     Y    .    .    .    .    .    .    .    .    Y    x    Y    .
//	binary            Y    .    .    .    .    .    .    .    .    .    .    .    Y
//
// What each cast does (Spark's castTo* functions), and why streamc refuses
// the ones it does:
//
//	boolean -> string: true or false
//	{tinyint, smallint, int, bigint} -> string: decimal digits
//	float -> string: Java's Float.toString
//	double -> string: Java's Double.toString
//	decimal -> string: BigDecimal.toString (toPlainString under ANSI)
//	date -> string: yyyy-MM-dd
//	{timestamp, timestamp_ntz} -> string: yyyy-MM-dd HH:mm:ss[.SSSSSS], in the session time zone for timestamp
//	binary -> string: the bytes as UTF-8
//	string -> boolean: t/true/y/yes/1 and f/false/n/no/0, case-insensitive, trimmed; else NULL (an error under ANSI)
//	string -> {tinyint, smallint, int, bigint}: trimmed integer text (a fraction is truncated); NULL when malformed or out of range (an error under ANSI)
//	string -> {float, double}: Java's parseDouble plus inf/infinity/nan; NULL when malformed (an error under ANSI)
//	string -> decimal: rounded half up to the scale; NULL when malformed or too wide (an error under ANSI)
//	string -> date: yyyy[-MM[-dd]] with an optional time part; NULL when malformed (an error under ANSI)
//	string -> timestamp: ISO-8601-like text in the session time zone unless it names one; NULL when malformed (an error under ANSI)
//	string -> timestamp_ntz: as for timestamp, without a time zone; NULL when malformed (an error under ANSI)
//	string -> binary: the UTF-8 bytes
//	{tinyint, smallint, int, bigint} -> {tinyint, smallint, int, bigint}: narrowing keeps the low bits (an overflow error under ANSI)
//	{float, double} -> {tinyint, smallint, int, bigint}: truncated as Java's (int)/(long) casts, NaN 0, saturating then narrowing (an overflow error under ANSI)
//	decimal -> {tinyint, smallint, int, bigint}: truncated, low bits kept (an overflow error under ANSI)
//	{tinyint, smallint, int, bigint, float, double} -> {float, double}: Java's widening or narrowing conversion
//	decimal -> {float, double}: the nearest double
//	{tinyint, smallint, int, bigint} -> decimal: NULL when too wide (an error under ANSI)
//	{float, double} -> decimal: BigDecimal of Double.toString, rounded half up; NULL for NaN, infinities and too wide (an error under ANSI)
//	decimal -> decimal: rounded half up to the scale; NULL when too wide (an error under ANSI)
//	boolean -> {tinyint, smallint, int, bigint, float, double, decimal}: 1 or 0
//	{tinyint, smallint, int, bigint, float, double, decimal} -> boolean: true unless zero
//	{tinyint, smallint, int, bigint} -> binary: the value's bytes, big-endian, as wide as its type (NumberConverter.toBinary); spark4 refuses it
//	date -> {timestamp, timestamp_ntz}: midnight, in the session time zone for timestamp
//	{timestamp, timestamp_ntz} -> date: the day, in the session time zone for timestamp
//	timestamp -> timestamp_ntz: the local time in the session time zone; refused: streamc does not convert between timestamp and timestamp_ntz yet
//	timestamp_ntz -> timestamp: the local time read in the session time zone; refused: streamc does not convert between timestamp and timestamp_ntz yet
//	{tinyint, smallint, int, bigint} -> timestamp: seconds since the epoch, saturating
//	{float, double} -> timestamp: seconds since the epoch, truncated to microseconds; NULL for NaN and infinities (errors under ANSI, as is overflow)
//	decimal -> timestamp: seconds since the epoch, truncated to microseconds, low 64 bits kept (BigDecimal.longValue)
//	boolean -> timestamp: true is 1 microsecond after the epoch, false the epoch; spark4 refuses it
//	timestamp -> {tinyint, smallint, int, bigint}: whole seconds since the epoch, rounded down, low bits kept (an overflow error under ANSI)
//	timestamp -> {float, double}: seconds since the epoch
//	timestamp -> decimal: seconds since the epoch as a double, then to the decimal; NULL when too wide (an error under ANSI)
//	timestamp -> boolean: true unless the epoch; spark4 refuses it
//	date -> boolean: always NULL; refused: Spark 3's result is always NULL (Hive's rule); write NULL instead
//	date -> {tinyint, smallint, int, bigint, float, double, decimal}: always NULL; refused: Spark 3's result is always NULL (Hive's rule); write NULL instead
