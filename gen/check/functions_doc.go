package check

// The built-in functions, as Call nodes carry them after checking. Argument
// types are those after implicit casts; T is any type, N any numeric type.
// A Call is NULL when any argument is NULL unless the line says otherwise.
//
//	Strings
//	upper(string) string, lower(string) string
//	trim(string[, string chars]) string, ltrim(...), rtrim(...) likewise
//	concat(string...) string
//	concat_ws(string sep, (string | array<string>)...) string    NULL only if sep is; NULL arguments and elements skipped
//	substring(string, int pos[, int len]) string                  substr
//	length(string | binary) int                                    char_length, character_length
//	replace(string, string search[, string rep]) string
//	regexp_replace(string, string regex, string rep[, int pos]) string
//	regexp_extract(string, string regex[, int group]) string      group defaults to 1
//	split(string, string regex[, int limit]) array<string> (elements non-null)
//	lpad(string, int len[, string pad]) string, rpad likewise      pad defaults to " "
//	like(string, string pattern[, string escape]) boolean, ilike likewise, rlike(string, string regex) boolean
//	md5(binary) string, sha2(binary, int bits) string (NULL for unsupported bits)
//	hash(T...) int                                                 never NULL (NULL arguments are skipped, seed 42)
//	uuid() string                                                  never NULL
//
//	Math
//	round(N[, int scale]) N', bround likewise                     scale is a literal; N' is N except decimal(p', s')
//	abs(N) N
//	floor(N) long for double/float/integral, decimal(p-s+1, 0) for decimal(p, s); ceil likewise   ceiling
//	pow(double, double) double                                     power
//	sqrt(double) double
//	greatest(T, T...) T, least likewise                            NULL arguments skipped; NULL only if all are
//
//	Date and time (timestamps in the session time zone)
//	current_timestamp() timestamp, current_date() date             never NULL; now
//	from_unixtime(long[, string fmt]) string                      fmt defaults to "yyyy-MM-dd HH:mm:ss"
//	unix_timestamp() long; unix_timestamp(string[, string fmt]) long; unix_timestamp(timestamp) long; unix_timestamp(date) long
//	to_timestamp(string[, string fmt]) timestamp                   NULL when unparsable (an error under ANSI)
//	to_date(string[, string fmt]) date                             likewise
//	date_format(timestamp, string fmt) string
//	timestamp_millis(long) timestamp, timestamp_seconds(long | double) timestamp
//	year(date) int, month(date) int, dayofmonth(date) int          day
//	hour(timestamp) int, minute(timestamp) int
//	date_add(date, int) date, datediff(date end, date start) int
//
//	Collections
//	size(array<T> | map<K,V>) int                                 size(NULL) is -1 (Spark 3), NULL under ANSI
//	element_at(array<T>, int) T (1-based, negative from the end), element_at(map<K,V>, K) V
//	array_contains(array<T>, T) boolean                            NULL when not found and the array holds a NULL
//	coalesce(T, T...) T                                            nvl, ifnull; first non-NULL argument
//	if(boolean, T, T) T                                            iif; a NULL condition picks the second branch
//
//	Structs and text formats
//	to_json(struct | array | map) string
//	to_csv(struct) string                                          struct of atomic fields
//	from_json(string) struct                                      the schema (second SQL argument, a DDL literal) is the result type
//
// explode, explode_outer, posexplode and posexplode_outer are not Calls:
// they become a Project's Generator. struct and named_struct become
// MakeStruct; CAST, TRY_CAST and x::type become Cast.
