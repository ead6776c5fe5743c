package plan

import (
	"go/token"
	"strings"
	"unicode"
)

// Locals names the variables and processor fields of one query's
// processor: after the spec's column where a value is a column
// (totalAmount and its validity totalAmountOK), processor fields after
// what they hold (valueBuf, valueInvoice), else a stem and a number (tmp7,
// i2). Names are unique among the processor's, and never
// shadow a Go keyword, a predeclared identifier, a package-level name of
// the app's package or a name the emitter reserves (the packages it
// imports, its fixed locals and fields).
type Locals struct {
	used map[string]bool
	n    int
}

// Locals starts the names of one processor of q; reserved are the names
// the emitter itself uses in it.
func (q *Query) Locals(reserved ...string) *Locals {
	l := &Locals{used: map[string]bool{}}
	for _, r := range reserved {
		l.used[r] = true
	}
	return l
}

// Temp is a new name of stem (a lower-case Go word) and a number.
func (l *Locals) Temp(stem string) string {
	for {
		l.n++
		name := stem + itoa(l.n)
		if !l.used[name] {
			l.used[name] = true
			return name
		}
	}
}

// Field is the name of a processor field for stem, a lower-case Go word
// saying what it holds (headers, valueBuf): stem itself when it is free,
// else stem_2, stem_3, ... Fields are reached through the processor
// (p.valueBuf), so they shadow nothing; they are kept apart from its
// locals and other fields only.
func (l *Locals) Field(stem string) string {
	if stem == "" || !token.IsIdentifier(stem) || !unicode.IsLower(rune(stem[0])) {
		stem = "f"
	}
	name := stem
	for i := 2; l.used[name] || !safe(name); i++ {
		name = stem + "_" + itoa(i)
	}
	l.used[name] = true
	return name
}

// ColumnField is the name of a processor field holding role's value for
// column: the column's Go name, lower-cased first, and role (value and
// "Invoice": valueInvoice; TotalAmount and "Dec": totalAmountDec), made
// unique as Field does.
func (l *Locals) ColumnField(column, role string) string {
	stem := lowerFirst(GoName(column))
	if stem == "" || !token.IsIdentifier(stem) || !unicode.IsLower(rune(stem[0])) {
		stem = "col"
	}
	return l.Field(stem + role)
}

// Column is a value's name and its validity flag's name for column: the
// column's Go name, lower-cased first (TotalAmount: totalAmount,
// totalAmountOK); a name that could clash with a package-level name (one
// ending in a digit, or of the forms the plan reserves for queries) or
// that is taken gets a number.
func (l *Locals) Column(column string) (name, ok string) {
	stem := lowerFirst(GoName(column))
	if !columnSafe(stem) {
		stem = "col"
	}
	name = stem
	for i := 2; l.used[name] || l.used[name+"OK"] || !safe(name); i++ {
		name = stem + "_" + itoa(i)
	}
	l.used[name], l.used[name+"OK"] = true, true
	return name, name + "OK"
}

// columnSafe reports whether stem can name a local as it is.
func columnSafe(stem string) bool {
	if stem == "" || !unicode.IsLower(rune(stem[0])) || !token.IsIdentifier(stem) {
		return false
	}
	if c := stem[len(stem)-1]; c >= '0' && c <= '9' {
		return false // the form of numbered names, package-level ones too
	}
	for _, suffix := range []string{"Loc", "Fields", "Processor"} {
		if strings.HasSuffix(stem, suffix) {
			return false
		}
	}
	return !strings.HasPrefix(stem, "csvColumns")
}

// safe reports whether name is neither a keyword nor predeclared.
func safe(name string) bool { return !token.IsKeyword(name) && !predeclared[name] }

var predeclared = map[string]bool{
	"any": true, "append": true, "bool": true, "byte": true, "cap": true, "clear": true, "close": true,
	"comparable": true, "complex": true, "complex64": true, "complex128": true, "copy": true,
	"delete": true, "error": true, "false": true, "float32": true, "float64": true, "imag": true,
	"int": true, "int8": true, "int16": true, "int32": true, "int64": true, "iota": true, "len": true,
	"make": true, "max": true, "min": true, "new": true, "nil": true, "panic": true, "print": true,
	"println": true, "real": true, "recover": true, "rune": true, "string": true, "true": true,
	"uint": true, "uint8": true, "uint16": true, "uint32": true, "uint64": true, "uintptr": true,
}
