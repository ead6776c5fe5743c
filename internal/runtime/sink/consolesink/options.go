package consolesink

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Options are the console sink's options, named as Spark's, as typed
// values. The generator resolves a spec's options into one (with
// ParseOptions) and writes it into the generated code as a literal. One
// built by hand starts from DefaultOptions.
type Options struct {
	// NumRows is how many rows of a batch are shown; 0 or less shows
	// none, as show() does.
	NumRows int
	// Truncate cuts cells to 20 characters, as show() does by default.
	Truncate bool
}

// DefaultOptions are Spark's: 20 rows, cells truncated.
func DefaultOptions() Options { return Options{NumRows: 20, Truncate: true} }

// Option is the one definition of a console sink option: its Spark name,
// what it does, and how its text sets Options. The generator checks spec
// options with Set and documents them with Doc.
type Option struct {
	Name string
	Doc  string
	Set  func(o *Options, v string) error
}

// OptionDefs are the options this package reads, in Spark's order.
var OptionDefs = []Option{
	{"numRows", "how many rows of each batch are printed (default 20)", func(o *Options, v string) error {
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 32)
		if err != nil {
			return fmt.Errorf("%q is not an integer", v)
		}
		o.NumRows = max(int(n), 0)
		return nil
	}},
	{"truncate", "whether cells are cut to 20 characters (default true)", func(o *Options, v string) error {
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			return fmt.Errorf("%q is not true or false", v)
		}
		o.Truncate = b
		return nil
	}},
}

// ParseOptions reads Spark's console options (other keys, such as
// checkpointLocation, are not the sink's and are skipped).
func ParseOptions(opts map[string]string) (Options, error) {
	o := DefaultOptions()
	keys := make([]string, 0, len(opts))
	for k := range opts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var errs []error
	for _, k := range keys {
		for _, def := range OptionDefs {
			if def.Name == k {
				if err := def.Set(&o, opts[k]); err != nil {
					errs = append(errs, fmt.Errorf("console sink: %s: %w", k, err))
				}
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return Options{}, err
	}
	return o, nil
}
