package queryrt

import (
	"fmt"
	"regexp"
	"time"

	"github.com/cockroachdb/apd/v3"

	"github.com/streamc/streamc/internal/runtime/csvx"
	"github.com/streamc/streamc/internal/runtime/sqlfn"
)

// Decimal parses a decimal literal of the generated code; the generator
// wrote it, so a failure is a bug and panics at start-up.
func Decimal(text string) *apd.Decimal {
	d, _, err := apd.NewFromString(text)
	if err != nil {
		panic(fmt.Sprintf("queryrt: decimal literal %q: %v", text, err))
	}
	return d
}

// Regexp compiles a constant Java regular expression, checked when the
// query was generated.
func Regexp(pattern string) *regexp.Regexp {
	re, err := sqlfn.CompileRegexp(pattern)
	if err != nil {
		panic("queryrt: " + err.Error())
	}
	return re
}

// Location loads the session time zone; "UTC" and "" are nil (UTC). A zone
// the system does not know stops the program at start-up, not mid-stream.
func Location(name string) *time.Location {
	if name == "" || name == "UTC" {
		return nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(fmt.Sprintf("queryrt: session time zone %q: %v", name, err))
	}
	return loc
}

// CSVWriteOptions are Spark's CSV writer defaults in the session time
// zone loc, as to_csv writes with them. Codec options of a source or sink
// are resolved by the generator and written as csvx.Options literals.
func CSVWriteOptions(loc *time.Location) *csvx.Options {
	o := csvx.DefaultWriteOptions()
	o.Loc = loc
	return &o
}

func compileJava(pattern string) (*regexp.Regexp, error) { return sqlfn.CompileRegexp(pattern) }
