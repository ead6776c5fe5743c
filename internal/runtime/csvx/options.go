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

// Option is the one definition of a Spark CSV codec option: its name,
// what it does, and how its text sets Options. The generator checks spec
// options and resolves them with Set, and documents them with Doc; the
// runtime receives the resolved Options.
type Option struct {
	Name string
	Doc  string
	Set  func(o *Options, value string) error
}

// CodecOptions are the CSV options that shape one record, in Spark's
// documentation order (sep and delimiter are one option).
var CodecOptions = []Option{
	{"sep", "the field separator (one or more characters; \\t and \\u0001 forms as Spark's)", setSep},
	{"delimiter", "sep's other name", setSep},
	{"quote", `the quote character ("" turns quoting off)`, func(o *Options, v string) error { return setChar(&o.Quote, "quote", v) }},
	{"escape", "the character escaping quotes inside quoted values", func(o *Options, v string) error { return setChar(&o.Escape, "escape", v) }},
	{"charToEscapeQuoteEscaping", "the character escaping the escape character", func(o *Options, v string) error {
		return setChar(&o.CharToEscapeQuoteEscaping, "charToEscapeQuoteEscaping", v)
	}},
	{"nullValue", "the text of NULL", func(o *Options, v string) error { o.NullValue = v; return nil }},
	{"emptyValue", "the text of an empty string", func(o *Options, v string) error { o.EmptyValue = v; return nil }},
	{"nanValue", "the text of NaN", func(o *Options, v string) error { o.NanValue = v; return nil }},
	{"positiveInf", "the text of positive infinity", func(o *Options, v string) error { o.PositiveInf = v; return nil }},
	{"negativeInf", "the text of negative infinity", func(o *Options, v string) error { o.NegativeInf = v; return nil }},
	{"ignoreLeadingWhiteSpace", "whether leading white space of values is dropped", func(o *Options, v string) error {
		return setBool(&o.IgnoreLeadingWhiteSpace, "ignoreLeadingWhiteSpace", v)
	}},
	{"ignoreTrailingWhiteSpace", "whether trailing white space of values is dropped", func(o *Options, v string) error {
		return setBool(&o.IgnoreTrailingWhiteSpace, "ignoreTrailingWhiteSpace", v)
	}},
	{"quoteAll", "whether every value is written quoted", func(o *Options, v string) error { return setBool(&o.QuoteAll, "quoteAll", v) }},
	{"escapeQuotes", "whether values holding quotes are written quoted", func(o *Options, v string) error {
		return setBool(&o.EscapeQuotes, "escapeQuotes", v)
	}},
}

// codecOption is the definition of name, compared case-insensitively as
// Spark's CaseInsensitiveMap does, or nil.
func codecOption(name string) *Option {
	for i := range CodecOptions {
		if strings.EqualFold(CodecOptions[i].Name, name) {
			return &CodecOptions[i]
		}
	}
	return nil
}

// IsOption reports whether name (in any case) is a CSV codec option.
func IsOption(name string) bool { return codecOption(name) != nil }

// SetOption applies one Spark CSV option by name (case-insensitive, as
// Spark's CaseInsensitiveMap), with Spark's validation.
func (o *Options) SetOption(name, value string) error {
	def := codecOption(name)
	if def == nil {
		return fmt.Errorf("csvx: unknown CSV option %q", name)
	}
	return def.Set(o, value)
}

func setSep(o *Options, value string) error {
	sep, err := delimiterString(value)
	if err != nil {
		return err
	}
	o.Sep = sep
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
