package plan

import (
	"go/token"
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
	// A keyword cannot name a package, and a package main is a program
	// that nothing can import.
	if token.IsKeyword(b.String()) || b.String() == "main" {
		return "app" + b.String()
	}
	return b.String()
}

// namer hands out unique names within one scope, disambiguating clashes
// deterministically (first come keeps the name; later ones get a suffix).
// It compares names case-insensitively: Go would accept "AB" beside "Ab",
// but readers confuse them and the file names made from them meet on
// case-insensitive file systems.
type namer struct {
	// used maps each name taken, case-folded, to what took it.
	used map[string]string
}

func newNamer(reserved map[string]bool) *namer {
	n := &namer{used: map[string]string{}}
	for k := range reserved {
		n.used[strings.ToLower(k)] = "a generated method"
	}
	return n
}

// take returns name, or name with "_2", "_3", ... if it (compared case
// insensitively, as file systems may) is taken.
func (n *namer) take(name string) string { return n.takeFor(name, "") }

// takeFor is take, remembering owner for the messages of claim.
func (n *namer) takeFor(name, owner string) string {
	cand := name
	for i := 2; n.taken(cand); i++ {
		cand = name + "_" + itoa(i)
	}
	n.used[strings.ToLower(cand)] = owner
	return cand
}

func (n *namer) taken(name string) bool {
	_, ok := n.used[strings.ToLower(name)]
	return ok
}

// claim takes name exactly, for owner; if it is taken it returns what took
// it and false.
func (n *namer) claim(name, owner string) (string, bool) {
	if prev, ok := n.used[strings.ToLower(name)]; ok {
		return prev, false
	}
	n.used[strings.ToLower(name)] = owner
	return "", true
}

// unexported holds the lower-case package-level identifiers of a package:
// exact names (a query's processor type and its constructor, a record's
// CSV column table) and the prefixes of the names a query's emitter makes
// up as it goes. Those are always prefix+"Loc", prefix, a capitalised
// word and a number (notifyDec3), or prefix, a capitalised word and
// "Fields" (notifyValueFields), so a prefix reserves exactly the names
// of that form, and two queries' prefixes clash only when one is the
// other followed by a word.
type unexported struct {
	exact    map[string]bool
	prefixes []string
}

// inSpace reports whether name is of a form the prefix reserves.
func inSpace(prefix, name string) bool {
	if !strings.HasPrefix(name, prefix) {
		return false
	}
	rest := name[len(prefix):]
	if rest == "Loc" {
		return true
	}
	i := 0
	for i < len(rest) && isASCIILetter(rest[i]) {
		i++
	}
	j := i
	for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	numbered := j > i || len(rest) > len("Fields") && strings.HasSuffix(rest, "Fields") // FieldsVar's names
	return i > 0 && rest[0] >= 'A' && rest[0] <= 'Z' && numbered && j == len(rest)
}

// extends reports whether b is a followed by a capitalised word of letters,
// so that b's numbered names are of a form a reserves too.
func extends(a, b string) bool {
	if !strings.HasPrefix(b, a) || len(b) == len(a) {
		return false
	}
	rest := b[len(a):]
	if rest[0] < 'A' || rest[0] > 'Z' {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if !isASCIILetter(rest[i]) {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func (u *unexported) nameFree(name string) bool {
	if u.exact[name] {
		return false
	}
	for _, p := range u.prefixes {
		if inSpace(p, name) {
			return false
		}
	}
	return true
}

func (u *unexported) prefixFree(prefix string) bool {
	for _, p := range u.prefixes {
		if p == prefix || extends(p, prefix) || extends(prefix, p) {
			return false
		}
	}
	for name := range u.exact {
		if inSpace(prefix, name) {
			return false
		}
	}
	return true
}

// add claims names and prefix; the caller checked that they are free.
func (u *unexported) add(prefix string, names ...string) {
	if u.exact == nil {
		u.exact = map[string]bool{}
	}
	for _, n := range names {
		u.exact[n] = true
	}
	if prefix != "" {
		u.prefixes = append(u.prefixes, prefix)
	}
}

// constrained reports whether a file named base+".go" would be a test or
// carry a build constraint by its name (x_test.go, x_linux.go, x_arm64.go),
// so the package would not build as planned.
func constrained(base string) bool {
	i := strings.LastIndexByte(base, '_')
	if i < 0 {
		return false
	}
	last := base[i+1:]
	return last == "test" || knownOS[last] || knownArch[last]
}

// knownOS and knownArch are go/build's lists of GOOS and GOARCH values,
// which make a file name's last "_" element a build constraint.
var knownOS = setOf("aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
	"linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos")

var knownArch = setOf("386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips",
	"mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv",
	"riscv64", "s390", "s390x", "sparc", "sparc64", "wasm")

func setOf(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// takeFiles returns base (or base_2, ...) such that base+suffix is free for
// every suffix and base+".go" carries no build constraint, and takes those
// names.
func (n *namer) takeFiles(base string, suffixes ...string) string {
	cand := base
	for i := 2; ; i++ {
		free := !constrained(cand)
		for _, s := range suffixes {
			free = free && !n.taken(cand+s)
		}
		if free {
			break
		}
		cand = base + "_" + itoa(i)
	}
	for _, s := range suffixes {
		n.used[strings.ToLower(cand+s)] = ""
	}
	return cand
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
