package check

import "github.com/streamc/streamc/internal/compiler/catalog"

// fnRules are the typing rules of the catalogue's functions, by
// canonical name; TestFunctionRulesMatchCatalogue keeps the two lists
// equal.
var fnRules = map[string]func(s *scope, f *fnCall) val{
	// Strings.
	"upper": stringFn, "lower": stringFn, "initcap": stringFn, "reverse": stringFn,
	"trim": stringFn, "ltrim": stringFn, "rtrim": stringFn, "replace": stringFn, "translate": stringFn,
	"concat":             concatFn,
	"concat_ws":          concatWSFn,
	"substring":          substringFn,
	"left":               leftRightFn,
	"right":              leftRightFn,
	"length":             lengthFn,
	"ascii":              asciiFn,
	"instr":              instrFn,
	"locate":             locateFn,
	"repeat":             leftRightFn,
	"regexp_replace":     regexpReplaceFn,
	"regexp_extract":     regexpExtractFn,
	"split":              regexArrayFn,
	"lpad":               padFn,
	"rpad":               padFn,
	"like":               likeFn,
	"ilike":              likeFn,
	"rlike":              rlikeFn,
	"base64":             binaryStringFn,
	"md5":                binaryStringFn,
	"sha1":               binaryStringFn,
	"sha2":               sha2Fn,
	"hash":               hashFn,
	"xxhash64":           hashFn,
	"hex":                hexFn,
	"unhex":              stringToBinaryFn,
	"unbase64":           stringToBinaryFn,
	"octet_length":       octetLengthFn,
	"crc32":              crc32Fn,
	"chr":                chrFn,
	"regexp_extract_all": regexArrayFn,
	"uuid":               uuidFn,
	// Math.
	"round": roundFn, "bround": roundFn,
	"abs":   absFn,
	"floor": floorFn, "ceil": floorFn,
	"pow": doubleFn, "sqrt": doubleFn, "exp": doubleFn,
	"ln": logFn, "log10": logFn, "log2": logFn, "log": logBaseFn,
	"signum":   signumFn,
	"greatest": greatestFn, "least": greatestFn,
	// Date and time.
	"current_timestamp": currentFn,
	"current_date":      currentFn,
	"from_unixtime":     fromUnixtimeFn,
	"unix_timestamp":    unixTimestampFn,
	"to_timestamp":      parseDateFn,
	"to_date":           parseDateFn,
	"date_format":       dateFormatFn,
	"timestamp_millis":  timestampMillisFn,
	"timestamp_seconds": timestampSecondsFn,
	"year":              datePartFn, "quarter": datePartFn, "month": datePartFn, "dayofmonth": datePartFn,
	"dayofyear": datePartFn, "dayofweek": datePartFn, "weekday": datePartFn, "weekofyear": datePartFn,
	"hour": timePartFn, "minute": timePartFn, "second": timePartFn,
	"date_add": dateAddFn, "date_sub": dateAddFn, "add_months": addMonthsFn,
	"last_day":         lastDayFn,
	"timestamp_micros": timestampMicrosFn,
	"unix_millis":      unixMillisFn,
	"trunc":            truncFn,
	"date_trunc":       dateTruncFn,
	"datediff":         datediffFn,
	// Collections and conditionals.
	"size":           sizeFn,
	"element_at":     elementAtFn,
	"array_contains": arrayContainsFn,
	"coalesce":       coalesceFn,
	"if":             ifFn,
	// Text formats.
	"to_json": toJSONFn,
	"to_csv":  toCSVFn,
}

// functionTable is every built-in Call the checker knows, by canonical
// name: the catalogue's arity with the rule above.
var functionTable = func() map[string]fnSpec {
	m := map[string]fnSpec{}
	for _, f := range catalog.Functions() {
		if rule, ok := fnRules[f.Name]; ok {
			m[f.Name] = fnSpec{f.Min, f.Max, rule}
		}
	}
	return m
}()

// fnAliases maps other names to canonical ones.
var fnAliases = catalog.Aliases()
