package queryrt

import (
	"fmt"
	"regexp"
	"time"

	"github.com/cockroachdb/apd/v3"

	"github.com/streamc/streamc/runtime/csvx"
	"github.com/streamc/streamc/runtime/sqlfn"
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

// CSVWriteOptions are Spark's CSV writer defaults with the options kv
// (key, value, key, value... in spec order) applied; keys that are not CSV
// options (path, header, checkpointLocation...) are ignored, as Spark hands
// every option to every data source.
func CSVWriteOptions(loc *time.Location, kv ...string) *csvx.Options {
	o := csvx.DefaultWriteOptions()
	o.Loc = loc
	applyCSV(&o, kv)
	return &o
}

// CSVReadOptions are Spark's CSV reader defaults with kv applied.
func CSVReadOptions(loc *time.Location, kv ...string) *csvx.Options {
	o := csvx.DefaultReadOptions()
	o.Loc = loc
	applyCSV(&o, kv)
	return &o
}

func applyCSV(o *csvx.Options, kv []string) {
	for i := 0; i+1 < len(kv); i += 2 {
		// Unknown keys are other sources' options; a bad value of a known
		// key was reported at generate time.
		_ = o.SetOption(kv[i], kv[i+1])
	}
}

func compileJava(pattern string) (*regexp.Regexp, error) { return sqlfn.CompileRegexp(pattern) }
