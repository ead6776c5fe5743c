package check

import (
	"github.com/streamc/streamc/gen/schema"
	"github.com/streamc/streamc/runtime/sqlfn"
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

func substringFn(s *scope, f *fnCall) val {
	ok := s.want(f, 0, prim(schema.String))
	ok = s.wantAll(f, 1, prim(schema.Int)) && ok
	if !ok {
		return val{}
	}
	return s.strict(f, prim(schema.String), false)
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

func splitFn(s *scope, f *fnCall) val {
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

func md5Fn(s *scope, f *fnCall) val {
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

func hashFn(s *scope, f *fnCall) val {
	for _, a := range f.args {
		if a.ok() && !isAtomic(a.typ()) && a.typ().Kind != schema.Null {
			s.errorf(a.at, "hash of %s (%s) is not supported by streamc yet: hash atomic columns", a.sql, typeName(a.typ()))
			return val{}
		}
	}
	return s.result(f, prim(schema.Int), false)
}

func uuidFn(s *scope, f *fnCall) val {
	return s.result(f, prim(schema.String), false)
}
