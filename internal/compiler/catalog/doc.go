package catalog

import (
	"fmt"
	"strings"
)

// Reference is the source of internal/compiler/check/functions_doc.go: the functions and
// the cast matrix as the checker accepts them, as a Go doc comment.
func Reference() []byte {
	var b strings.Builder
	line := func(format string, args ...any) {
		s := fmt.Sprintf(format, args...)
		if s == "" {
			b.WriteString("//\n")
			return
		}
		b.WriteString("//\t" + s + "\n")
	}
	b.WriteString("// Code generated from internal/compiler/catalog by TestFunctionsReference; DO NOT EDIT.\n")
	b.WriteString("// STREAMC_GOLDEN_UPDATE=1 go test ./internal/compiler/check rewrites it.\n\n")
	b.WriteString("package check\n\n")
	b.WriteString("// The built-in functions, as Call nodes carry them after checking. Argument\n")
	b.WriteString("// types are those after implicit casts; T is any type, N any numeric type.\n")
	b.WriteString("// A Call is NULL when any argument is NULL unless its notes say otherwise;\n")
	b.WriteString("// \"spark4:\" notes say what `semantics: spark4` (ANSI) changes.\n//\n")
	for _, g := range Groups {
		line("%s", g)
		for _, f := range functions {
			if f.Group != g {
				continue
			}
			s := f.Signature
			if len(f.Aliases) > 0 {
				s += "    also " + strings.Join(f.Aliases, ", ")
			}
			line("%s", s)
			if f.Null != "" {
				line("    NULL: %s", f.Null)
			}
			if f.ANSI != "" {
				line("    spark4: %s", f.ANSI)
			}
		}
		line("")
	}
	b.WriteString("// Operators, with the types they take and what spark4 changes:\n//\n")
	for _, o := range operators {
		line("%s", o.Syntax)
		if o.Types != "" {
			line("    types: %s", o.Types)
		}
		if o.ANSI != "" && o.ANSI != "none" {
			line("    spark4: %s", o.ANSI)
		}
	}
	line("")
	b.WriteString("// from_json(string, 'ddl') struct is checked on its own (the schema is the\n")
	b.WriteString("// result type); explode, explode_outer, posexplode and posexplode_outer are\n")
	b.WriteString("// not Calls: they become a Project's Generator. struct and named_struct\n")
	b.WriteString("// become MakeStruct; CAST, TRY_CAST and x::type become Cast.\n//\n")
	b.WriteString("// Casts between atomic types, from a row's type to a column's: Y compiled\n")
	b.WriteString("// in both modes, 3 under spark3 only (Spark 4's ANSI rules refuse it), x\n")
	b.WriteString("// accepted by Spark 3 but refused by streamc, . refused by Spark. TRY_CAST\n")
	b.WriteString("// accepts what spark4's CAST does, in both modes (Spark's canTryCast).\n//\n")
	abbrev := map[Type]string{String: "str", Boolean: "bool", Byte: "i8", Short: "i16", Int: "int", Long: "i64",
		Float: "f32", Double: "f64", Decimal: "dec", Date: "date", Timestamp: "ts", TimestampNTZ: "ntz", Binary: "bin"}
	head := fmt.Sprintf("%-14s", "")
	for _, to := range Types {
		head += fmt.Sprintf("%5s", abbrev[to])
	}
	line("%s", strings.TrimRight(head, " "))
	for _, from := range Types {
		row := fmt.Sprintf("%-14s", from)
		for _, to := range Types {
			row += fmt.Sprintf("%5s", castCell(from, to))
		}
		line("%s", strings.TrimRight(row, " "))
	}
	line("")
	b.WriteString("// What each cast does (Spark's castTo* functions), and why streamc refuses\n")
	b.WriteString("// the ones it does:\n//\n")
	for _, r := range castRules {
		s := fmt.Sprintf("%s -> %s: %s", names(r.From), names(r.To), r.Spark)
		if r.Reason != "" {
			s += "; refused: " + r.Reason
		}
		if r.Spark3 == Compiled && r.Spark4 == Refused {
			s += "; spark4 refuses it"
		}
		line("%s", s)
	}
	return []byte(b.String())
}

func castCell(from, to Type) string {
	s3, s4 := LookupCast(from, to, Spark3, false).Verdict, LookupCast(from, to, Spark4, false).Verdict
	switch {
	case s3 == Compiled && s4 == Compiled:
		return "Y"
	case s3 == Compiled:
		return "3"
	case s3 == Unsupported || s4 == Unsupported:
		return "x"
	}
	return "."
}

func names(ts []Type) string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	if len(s) == 1 {
		return s[0]
	}
	return "{" + strings.Join(s, ", ") + "}"
}
