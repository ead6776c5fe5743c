package plan

import (
	"strings"
	"unicode"
)

// reservedFieldNames are methods generated on every record; a field may not
// take their names.
var reservedFieldNames = map[string]bool{
	"DecodeJSON": true, "DecodeJSONWith": true, "ReadJSON": true, "WriteJSON": true, "AppendJSON": true,
	"DecodeCSV": true, "ReadCSV": true, "WriteCSV": true, "AppendCSV": true, "AppendCSVHeader": true,
	"DecodeAvro": true, "DecodeAvroWith": true, "ReadAvro": true, "AppendAvro": true,
}

// GoName turns a column or schema name into an exported Go identifier:
// "InvoiceNumber" stays, "snake_case" becomes "SnakeCase", "2nd col" becomes
// "X2ndCol". It never returns "".
func GoName(name string) string {
	var b strings.Builder
	upper := true
	for _, r := range name {
		switch {
		case r == '_' || r == '-' || r == ' ' || r == '.' || r == '$':
			upper = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if b.Len() == 0 && unicode.IsDigit(r) {
				b.WriteByte('X')
			}
			if upper {
				r = unicode.ToUpper(r)
				upper = false
			}
			b.WriteRune(r)
		default:
			upper = true
		}
	}
	if b.Len() == 0 {
		return "X"
	}
	s := b.String()
	if r := []rune(s)[0]; !unicode.IsUpper(r) {
		// A letter with no upper case (e.g. CJK) cannot be exported as is.
		s = "X" + s
	}
	return s
}

// FileBase turns a Go type name into a file name base: "GpsReading" ->
// "gps_reading".
func FileBase(goName string) string {
	var b strings.Builder
	rs := []rune(goName)
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]) && unicode.IsUpper(rs[i-1]))) {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		if r == '_' && b.Len() > 0 && strings.HasSuffix(b.String(), "_") {
			continue
		}
		b.WriteRune(r)
	}
	return strings.Trim(b.String(), "_")
}

// PackageName turns an app name into a Go package name: lower case letters and
// digits only, not starting with a digit.
func PackageName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if b.Len() == 0 && unicode.IsDigit(r) {
				b.WriteString("app")
			}
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "app"
	}
	return b.String()
}

// namer hands out unique names within one scope, disambiguating clashes
// deterministically (first come keeps the name; later ones get a suffix).
type namer struct {
	used map[string]bool
}

func newNamer(reserved map[string]bool) *namer {
	n := &namer{used: map[string]bool{}}
	for k := range reserved {
		n.used[strings.ToLower(k)] = true
	}
	return n
}

// take returns name, or name with "_2", "_3", ... if it (compared case
// insensitively, as file systems may) is taken.
func (n *namer) take(name string) string {
	cand := name
	for i := 2; n.used[strings.ToLower(cand)]; i++ {
		cand = name + "_" + itoa(i)
	}
	n.used[strings.ToLower(cand)] = true
	return cand
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
