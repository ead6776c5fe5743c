// Package csvx reads and writes single CSV records the way Spark 3.5 does
// (from_csv, to_csv, the CSV file sink): the tokenizer reproduces
// univocity-parsers 2.9.1 configured by Spark's CSVOptions, and values are
// converted with Spark's rules (UnivocityParser / UnivocityGenerator).
package csvx

import (
	"fmt"
	"strings"
	"time"
)

// Options are Spark's CSV options that matter for one record.
type Options struct {
	Sep                       string // default ","; may be several characters
	Quote                     byte   // default '"'; 0 is Spark's quote "" (the NUL character)
	Escape                    byte   // default '\\'
	CharToEscapeQuoteEscaping byte   // 0: Escape when it differs from Quote, else none
	NullValue                 string // default ""
	EmptyValue                string // read default "", write default `""`
	NanValue                  string // "NaN"
	PositiveInf               string // "Inf"
	NegativeInf               string // "-Inf"
	IgnoreLeadingWhiteSpace   bool   // read default false, write default true
	IgnoreTrailingWhiteSpace  bool   // read default false, write default true
	QuoteAll                  bool   // write; default false
	EscapeQuotes              bool   // write; default true
	Loc                       *time.Location
}

// DefaultReadOptions are Spark's defaults for reading (from_csv).
func DefaultReadOptions() Options {
	return Options{Sep: ",", Quote: '"', Escape: '\\', NanValue: "NaN", PositiveInf: "Inf",
		NegativeInf: "-Inf", EscapeQuotes: true}
}

// DefaultWriteOptions are Spark's defaults for writing (to_csv, CSV sink):
// empty strings are written as "" and whitespace is trimmed.
func DefaultWriteOptions() Options {
	o := DefaultReadOptions()
	o.EmptyValue = `""`
	o.IgnoreLeadingWhiteSpace = true
	o.IgnoreTrailingWhiteSpace = true
	return o
}

// SetOption applies one Spark CSV option by name (case-insensitive, as
// Spark's CaseInsensitiveMap), with Spark's validation.
func (o *Options) SetOption(name, value string) error {
	switch strings.ToLower(name) {
	case "sep", "delimiter":
		sep, err := delimiterString(value)
		if err != nil {
			return err
		}
		o.Sep = sep
	case "quote":
		return setChar(&o.Quote, name, value)
	case "escape":
		return setChar(&o.Escape, name, value)
	case "chartoescapequoteescaping":
		return setChar(&o.CharToEscapeQuoteEscaping, name, value)
	case "nullvalue":
		o.NullValue = value
	case "emptyvalue":
		o.EmptyValue = value
	case "nanvalue":
		o.NanValue = value
	case "positiveinf":
		o.PositiveInf = value
	case "negativeinf":
		o.NegativeInf = value
	case "ignoreleadingwhitespace":
		return setBool(&o.IgnoreLeadingWhiteSpace, name, value)
	case "ignoretrailingwhitespace":
		return setBool(&o.IgnoreTrailingWhiteSpace, name, value)
	case "quoteall":
		return setBool(&o.QuoteAll, name, value)
	case "escapequotes":
		return setBool(&o.EscapeQuotes, name, value)
	default:
		return fmt.Errorf("csvx: unknown CSV option %q", name)
	}
	return nil
}

// setChar is CSVOptions.getChar: "" means the NUL character. Characters
// outside ASCII are not supported here (the tokenizer works on bytes).
func setChar(dst *byte, name, value string) error {
	switch {
	case value == "":
		*dst = 0
	case len([]rune(value)) > 1:
		return fmt.Errorf("csvx: %s cannot be more than one character", name)
	case value[0] >= 0x80:
		return fmt.Errorf("csvx: %s %q: only ASCII characters are supported", name, value)
	default:
		*dst = value[0]
	}
	return nil
}

// setBool is CSVOptions.getBool: "true"/"false" in any case.
func setBool(dst *bool, name, value string) error {
	switch strings.ToLower(value) {
	case "true":
		*dst = true
	case "false":
		*dst = false
	default:
		return fmt.Errorf("csvx: %s flag can be true or false", name)
	}
	return nil
}

// delimiterString is CSVExprUtils.toDelimiterStr: each character, or a
// backslash escape (\t \r \b \f \" \' \\), is one delimiter character.
func delimiterString(s string) (string, error) {
	if s == "" {
		return "", fmt.Errorf("csvx: Delimiter cannot be empty string")
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			i++
			continue
		}
		if i+1 == len(s) {
			return "", fmt.Errorf("csvx: Single backslash is prohibited. It has special meaning as beginning of an escape sequence. To get the backslash character, pass a string with two backslashes as the delimiter.")
		}
		switch s[i+1] {
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case '"', '\'', '\\':
			b.WriteByte(s[i+1])
		default:
			return "", fmt.Errorf("csvx: Unsupported special character for delimiter: %s", s[i:i+2])
		}
		i += 2
	}
	return b.String(), nil
}

// escapeEscape is univocity's CsvFormat.getCharToEscapeQuoteEscaping.
func (o *Options) escapeEscape() int {
	if o.CharToEscapeQuoteEscaping != 0 {
		return int(o.CharToEscapeQuoteEscaping)
	}
	if o.Quote == o.Escape {
		return 0
	}
	return int(o.Escape)
}
