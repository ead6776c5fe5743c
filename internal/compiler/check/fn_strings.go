package check

import (
	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/runtime/sqlfn"
)

// stringFn is a function of strings to a string (upper, trim, replace...).
func stringFn(s *scope, f *fnCall) val {
	if !s.wantAll(f, 0, prim(schema.String)) {
		return val{}
	}
	return s.strict(f, prim(schema.String), false)
}

func concatFn(s *scope, f *fnCall) val {
	if !s.wantAll(f, 0, prim(schema.String)) {
		return val{}
	}
	return s.strict(f, prim(schema.String), false)
}

// concatWSFn: the separator is a string, the rest strings or arrays of
// strings; NULL only when the separator is.
func concatWSFn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.String))
	for i := 1; i < len(f.args); i++ {
		t := f.args[i].typ()
		switch {
		case t.Kind == schema.Array && t.Elem.Kind == schema.String:
		case t.Kind == schema.Array:
			if !implicitCastOK(t.Elem, prim(schema.String)) {
				s.fail(f, i, "string or array<string>")
				ok = false
				continue
			}
			f.args[i] = s.cast(f.args[i], arrayOf(prim(schema.String), t.ContainsNull))
		default:
			ok = s.want(f, i, prim(schema.String)) && ok
		}
	}
	if !ok {
		return val{}
	}
	return s.result(f, prim(schema.String), f.args[0].nullable())
}

// substringFn: a binary's substring is a binary (Substring's inputTypes
// take TypeCollection(StringType, BinaryType)), counted in bytes.
func substringFn(s *scope, f *fnCall) val {
	t := prim(schema.String)
	ok := true
	if f.args[0].typ().Kind == schema.Binary {
		t = prim(schema.Binary)
	} else {
		ok = s.want(f, 0, prim(schema.String))
	}
	ok = s.wantAll(f, 1, prim(schema.Int)) && ok
	if !ok {
		return val{}
	}
	return s.strict(f, t, false)
}

func lengthFn(s *scope, f *fnCall) val {
	if f.args[0].typ().Kind != schema.Binary && !s.want(f, 0, prim(schema.String)) {
		return val{}
	}
	return s.strict(f, prim(schema.Int), false)
}

// regexArg checks that argument i is a string and, when it is constant,
// that it compiles.
func (s *scope) regexArg(f *fnCall, i int) bool {
	if !s.want(f, i, prim(schema.String)) {
		return false
	}
	if re, ok := constString(f, i); ok {
		if _, err := sqlfn.CompileRegexp(re); err != nil {
			s.errorf(f.args[i].at, "function %s: invalid regular expression: %v", f.written, err)
			return false
		}
	}
	return true
}

func regexpReplaceFn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.String))
	ok = s.regexArg(f, 1) && ok
	ok = s.want(f, 2, prim(schema.String)) && ok
	if len(f.args) > 3 {
		ok = s.want(f, 3, prim(schema.Int)) && ok
	}
	if !ok {
		return val{}
	}
	return s.strict(f, prim(schema.String), false)
}

func regexpExtractFn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.String))
	ok = s.regexArg(f, 1) && ok
	if len(f.args) > 2 {
		ok = s.want(f, 2, prim(schema.Int)) && ok
	}
	if !ok {
		return val{}
	}
	return s.strict(f, prim(schema.String), false)
}

// regexArrayFn is split(str, regex[, limit]) and
// regexp_extract_all(str, regex[, idx]): both give array<string>.
func regexArrayFn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.String))
	ok = s.regexArg(f, 1) && ok
	if len(f.args) > 2 {
		ok = s.want(f, 2, prim(schema.Int)) && ok
	}
	if !ok {
		return val{}
	}
	return s.strict(f, arrayOf(prim(schema.String), false), false)
}

func padFn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.String))
	ok = s.want(f, 1, prim(schema.Int)) && ok
	if len(f.args) > 2 {
		ok = s.want(f, 2, prim(schema.String)) && ok
	}
	if !ok {
		return val{}
	}
	return s.strict(f, prim(schema.String), false)
}

// likeFn: the optional escape is a one-character constant, as Spark
// requires.
func likeFn(s *scope, f *fnCall) val {
	if !s.wantAll(f, 0, prim(schema.String)) {
		return val{}
	}
	if len(f.args) > 2 {
		esc, ok := constString(f, 2)
		if !ok || len([]rune(esc)) != 1 {
			s.errorf(f.args[2].at, "function %s: the escape must be a one-character string constant", f.written)
			return val{}
		}
	}
	return s.strict(f, prim(schema.Boolean), false)
}

func rlikeFn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.String))
	if !s.regexArg(f, 1) || !ok {
		return val{}
	}
	return s.strict(f, prim(schema.Boolean), false)
}

// binaryStringFn is a function of bytes to a string (md5, sha1, base64).
func binaryStringFn(s *scope, f *fnCall) val {
	if !s.want(f, 0, prim(schema.Binary)) {
		return val{}
	}
	return s.strict(f, prim(schema.String), false)
}

// sha2Fn is NULL for bit lengths other than 0, 224, 256, 384 and 512.
func sha2Fn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.Binary))
	if !s.want(f, 1, prim(schema.Int)) || !ok {
		return val{}
	}
	return s.strict(f, prim(schema.String), true)
}

// hashFn is hash (an int) and xxhash64 (a bigint) of atomic values.
func hashFn(s *scope, f *fnCall) val {
	for _, a := range f.args {
		if a.ok() && !isAtomic(a.typ()) && a.typ().Kind != schema.Null {
			s.errorf(a.at, "%s of %s (%s) is not supported by streamc yet: hash atomic columns", f.written, a.sql, typeName(a.typ()))
			return val{}
		}
	}
	if f.name == "xxhash64" {
		return s.result(f, prim(schema.Long), false)
	}
	return s.result(f, prim(schema.Int), false)
}

func uuidFn(s *scope, f *fnCall) val {
	return s.result(f, prim(schema.String), false)
}

// leftRightFn is left, right and repeat: a string and an int count.
func leftRightFn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.String))
	if !s.want(f, 1, prim(schema.Int)) || !ok {
		return val{}
	}
	return s.strict(f, prim(schema.String), false)
}

func asciiFn(s *scope, f *fnCall) val {
	if !s.want(f, 0, prim(schema.String)) {
		return val{}
	}
	return s.strict(f, prim(schema.Int), false)
}

func instrFn(s *scope, f *fnCall) val {
	if !s.wantAll(f, 0, prim(schema.String)) {
		return val{}
	}
	return s.strict(f, prim(schema.Int), false)
}

// hexFn takes an integer (as bigint), a string or bytes, as Spark's Hex
// TypeCollection(LongType, BinaryType, StringType).
func hexFn(s *scope, f *fnCall) val {
	switch t := f.args[0].typ(); {
	case isIntegral(t):
		f.args[0] = s.cast(f.args[0], prim(schema.Long))
	case t.Kind == schema.Binary, t.Kind == schema.String:
	case t.Kind == schema.Null:
		f.args[0] = s.cast(f.args[0], prim(schema.String))
	default:
		return s.fail(f, 0, "bigint, binary or string")
	}
	return s.strict(f, prim(schema.String), false)
}

// octetLengthFn counts the bytes of a string or a binary.
func octetLengthFn(s *scope, f *fnCall) val {
	if f.args[0].typ().Kind != schema.Binary && !s.want(f, 0, prim(schema.String)) {
		return val{}
	}
	return s.strict(f, prim(schema.Int), false)
}

// stringToBinaryFn is unbase64 and unhex: unhex is NULL for a character
// that is not a hex digit.
func stringToBinaryFn(s *scope, f *fnCall) val {
	if !s.want(f, 0, prim(schema.String)) {
		return val{}
	}
	return s.strict(f, prim(schema.Binary), f.name == "unhex")
}

func crc32Fn(s *scope, f *fnCall) val {
	if !s.want(f, 0, prim(schema.Binary)) {
		return val{}
	}
	return s.strict(f, prim(schema.Long), false)
}

func chrFn(s *scope, f *fnCall) val {
	if !s.want(f, 0, prim(schema.Long)) {
		return val{}
	}
	return s.strict(f, prim(schema.String), false)
}

// locateFn is locate(substr, str[, pos]): a NULL pos gives 0 (Hive's
// rule, kept by StringLocate), so only substr and str make it NULL.
func locateFn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.String))
	ok = s.want(f, 1, prim(schema.String)) && ok
	if len(f.args) > 2 {
		ok = s.want(f, 2, prim(schema.Int)) && ok
	}
	if !ok {
		return val{}
	}
	return s.result(f, prim(schema.Int), anyNullable(f.args[:2]))
}
