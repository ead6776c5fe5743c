package check

// functionTable is every built-in Call the checker knows, by canonical
// name; functions_doc.go lists their types.
func functionTable() map[string]fnSpec {
	return map[string]fnSpec{
		// Strings.
		"upper":          {1, 1, stringFn},
		"lower":          {1, 1, stringFn},
		"trim":           {1, 2, stringFn},
		"ltrim":          {1, 2, stringFn},
		"rtrim":          {1, 2, stringFn},
		"concat":         {0, -1, concatFn},
		"concat_ws":      {1, -1, concatWSFn},
		"substring":      {2, 3, substringFn},
		"length":         {1, 1, lengthFn},
		"replace":        {2, 3, stringFn},
		"regexp_replace": {3, 4, regexpReplaceFn},
		"regexp_extract": {2, 3, regexpExtractFn},
		"split":          {2, 3, splitFn},
		"lpad":           {2, 3, padFn},
		"rpad":           {2, 3, padFn},
		"like":           {2, 3, likeFn},
		"ilike":          {2, 3, likeFn},
		"rlike":          {2, 2, rlikeFn},
		"md5":            {1, 1, md5Fn},
		"sha2":           {2, 2, sha2Fn},
		"hash":           {1, -1, hashFn},
		"uuid":           {0, 0, uuidFn},
		// Math.
		"round":    {1, 2, roundFn},
		"bround":   {1, 2, roundFn},
		"abs":      {1, 1, absFn},
		"floor":    {1, 1, floorFn},
		"ceil":     {1, 1, floorFn},
		"pow":      {2, 2, doubleFn},
		"sqrt":     {1, 1, doubleFn},
		"greatest": {2, -1, greatestFn},
		"least":    {2, -1, greatestFn},
		// Date and time.
		"current_timestamp": {0, 0, currentFn},
		"current_date":      {0, 0, currentFn},
		"from_unixtime":     {1, 2, fromUnixtimeFn},
		"unix_timestamp":    {0, 2, unixTimestampFn},
		"to_timestamp":      {1, 2, parseDateFn},
		"to_date":           {1, 2, parseDateFn},
		"date_format":       {2, 2, dateFormatFn},
		"timestamp_millis":  {1, 1, timestampMillisFn},
		"timestamp_seconds": {1, 1, timestampSecondsFn},
		"year":              {1, 1, datePartFn},
		"month":             {1, 1, datePartFn},
		"dayofmonth":        {1, 1, datePartFn},
		"hour":              {1, 1, timePartFn},
		"minute":            {1, 1, timePartFn},
		"date_add":          {2, 2, dateAddFn},
		"datediff":          {2, 2, datediffFn},
		// Collections and conditionals.
		"size":           {1, 1, sizeFn},
		"element_at":     {2, 2, elementAtFn},
		"array_contains": {2, 2, arrayContainsFn},
		"coalesce":       {1, -1, coalesceFn},
		"if":             {3, 3, ifFn},
		// Text formats.
		"to_json": {1, 1, toJSONFn},
		"to_csv":  {1, 1, toCSVFn},
	}
}
