package check

import (
	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/runtime/sqlfn"
)

func currentFn(s *scope, f *fnCall) val {
	if f.name == "current_date" {
		return s.result(f, prim(schema.Date), false)
	}
	return s.result(f, prim(schema.Timestamp), false)
}

// patternArg checks that argument i is a string and, when constant, a
// datetime pattern Spark accepts (for parsing too when parse is set).
func (s *scope) patternArg(f *fnCall, i int, parse bool) bool {
	if !s.want(f, i, prim(schema.String)) {
		return false
	}
	pat, ok := constString(f, i)
	if !ok {
		return true
	}
	p, err := sqlfn.CompileDatePattern(pat)
	if err == nil && parse {
		err = p.ParseError()
	}
	if err != nil {
		s.errorf(f.args[i].at, "function %s: invalid datetime pattern %q: %v", f.written, pat, err)
		return false
	}
	return true
}

func fromUnixtimeFn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.Long))
	if len(f.args) > 1 {
		ok = s.patternArg(f, 1, false) && ok
	}
	if !ok {
		return val{}
	}
	return s.strict(f, prim(schema.String), false)
}

// unixTimestampFn takes nothing (now), a string with an optional pattern,
// a timestamp or a date.
func unixTimestampFn(s *scope, f *fnCall) val {
	if len(f.args) == 0 {
		return s.result(f, prim(schema.Long), false)
	}
	ok := true
	switch f.args[0].typ().Kind {
	case schema.Timestamp, schema.Date:
		if len(f.args) > 1 {
			ok = s.patternArg(f, 1, false)
		}
	default:
		ok = s.want(f, 0, prim(schema.String))
		if len(f.args) > 1 {
			ok = s.patternArg(f, 1, true) && ok
		}
	}
	if !ok {
		return val{}
	}
	return s.strict(f, prim(schema.Long), true)
}

// parseDateFn is to_timestamp and to_date of a string: NULL when the text
// does not parse (an error under ANSI).
func parseDateFn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.String))
	if len(f.args) > 1 {
		ok = s.patternArg(f, 1, true) && ok
	}
	if !ok {
		return val{}
	}
	t := prim(schema.Timestamp)
	if f.name == "to_date" {
		t = prim(schema.Date)
	}
	return s.strict(f, t, !s.q.ANSI)
}

func dateFormatFn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.Timestamp))
	if !s.patternArg(f, 1, false) || !ok {
		return val{}
	}
	return s.strict(f, prim(schema.String), false)
}

func timestampMillisFn(s *scope, f *fnCall) val {
	if !isIntegral(f.args[0].typ()) && f.args[0].typ().Kind != schema.Null {
		return s.fail(f, 0, "an integer")
	}
	f.args[0] = s.cast(f.args[0], prim(schema.Long))
	return s.strict(f, prim(schema.Timestamp), false)
}

// timestampSecondsFn takes a long, or a double (NaN and infinities are
// NULL); floats and decimals are cast to double.
func timestampSecondsFn(s *scope, f *fnCall) val {
	t := f.args[0].typ()
	switch {
	case isIntegral(t) || t.Kind == schema.Null:
		f.args[0] = s.cast(f.args[0], prim(schema.Long))
		return s.strict(f, prim(schema.Timestamp), false)
	case isNumeric(t):
		f.args[0] = s.cast(f.args[0], prim(schema.Double))
		return s.strict(f, prim(schema.Timestamp), true)
	}
	return s.fail(f, 0, "a number")
}

func datePartFn(s *scope, f *fnCall) val {
	if !s.want(f, 0, prim(schema.Date)) {
		return val{}
	}
	return s.strict(f, prim(schema.Int), false)
}

func timePartFn(s *scope, f *fnCall) val {
	if !s.want(f, 0, prim(schema.Timestamp)) {
		return val{}
	}
	return s.strict(f, prim(schema.Int), false)
}

// dateAddFn: the day count is int, short or byte (a bigint is refused, as
// in Spark).
func dateAddFn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.Date))
	if t := f.args[1].typ(); t.Kind == schema.Long || !implicitCastOK(t, prim(schema.Int)) || isNumeric(t) && !isIntegral(t) {
		s.fail(f, 1, "int")
		return val{}
	}
	if !s.want(f, 1, prim(schema.Int)) || !ok {
		return val{}
	}
	return s.strict(f, prim(schema.Date), false)
}

func datediffFn(s *scope, f *fnCall) val {
	if !s.wantAll(f, 0, prim(schema.Date)) {
		return val{}
	}
	return s.strict(f, prim(schema.Int), false)
}

// addMonthsFn: AddMonths takes (DateType, IntegerType), so any number is
// cast to int implicitly (unlike date_add's TypeCollection).
func addMonthsFn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.Date))
	if !s.want(f, 1, prim(schema.Int)) || !ok {
		return val{}
	}
	return s.strict(f, prim(schema.Date), false)
}

func lastDayFn(s *scope, f *fnCall) val {
	if !s.want(f, 0, prim(schema.Date)) {
		return val{}
	}
	return s.strict(f, prim(schema.Date), false)
}

// timestampMicrosFn takes an integer, as Spark's MicrosToTimestamp.
func timestampMicrosFn(s *scope, f *fnCall) val {
	if !isIntegral(f.args[0].typ()) && f.args[0].typ().Kind != schema.Null {
		return s.fail(f, 0, "an integer")
	}
	f.args[0] = s.cast(f.args[0], prim(schema.Long))
	return s.strict(f, prim(schema.Timestamp), false)
}

func unixMillisFn(s *scope, f *fnCall) val {
	if !s.want(f, 0, prim(schema.Timestamp)) {
		return val{}
	}
	return s.strict(f, prim(schema.Long), false)
}

// truncFn is trunc(date, fmt): NULL for a format it does not know.
func truncFn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.Date))
	if !s.want(f, 1, prim(schema.String)) || !ok {
		return val{}
	}
	return s.strict(f, prim(schema.Date), true)
}

// dateTruncFn is date_trunc(fmt, ts): NULL for a format it does not know.
func dateTruncFn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.String))
	if !s.want(f, 1, prim(schema.Timestamp)) || !ok {
		return val{}
	}
	return s.strict(f, prim(schema.Timestamp), true)
}
