package csvx

import (
	"testing"
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"
	"github.com/google/go-cmp/cmp"
)

// FuzzDecoder decodes a random line with a random schema (one kind per
// byte of kinds) under a few option sets: it must not panic or hang, and
// the tokens it keeps must stay inside the line's size.
func FuzzDecoder(f *testing.F) {
	for _, s := range []string{`a,b,c`, `"a""b",c`, `"abc`, `"a\"b",,NaN`, "\"a\nb\",1", ` ,x`, `1,2,3`} {
		f.Add([]byte(s), []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}, uint8(0))
	}
	sets := []Options{DefaultReadOptions()}
	for _, kv := range [][]string{
		{"ignoreLeadingWhiteSpace", "true", "ignoreTrailingWhiteSpace", "true"},
		{"ignoreTrailingWhiteSpace", "true"},
		{"sep", ";", "quote", "'", "escape", "'"},
		{"sep", "||", "nullValue", "NA", "emptyValue", "EV"},
		{"quote", "", "charToEscapeQuoteEscaping", "#"},
	} {
		o := DefaultReadOptions()
		for i := 0; i < len(kv); i += 2 {
			if err := o.SetOption(kv[i], kv[i+1]); err != nil {
				f.Fatal(err)
			}
		}
		sets = append(sets, o)
	}
	f.Fuzz(func(t *testing.T, line, kinds []byte, set uint8) {
		o := sets[int(set)%len(sets)]
		var d Decoder
		d.Reset(line, &o)
		var dec apd.Decimal
		for _, k := range kinds {
			switch k % 14 {
			case 0:
				d.String()
			case 1:
				d.Bool()
			case 2:
				d.Int8()
			case 3:
				d.Int16()
			case 4:
				d.Int32()
			case 5:
				d.Int64()
			case 6:
				d.Float32()
			case 7:
				d.Float64()
			case 8:
				d.Decimal(int(k%38)+1, int(k%5), &dec)
			case 9:
				d.Binary()
			case 10:
				d.Date()
			case 11:
				d.Timestamp()
			case 12:
				d.TimestampNTZ()
			default:
				d.Skip()
			}
		}
		_ = d.Finish()
		total := 0
		for _, s := range d.tk.toks {
			total += s.end - s.start
		}
		if total > 4*len(line)+len(o.NullValue)*len(d.tk.toks)+len(o.EmptyValue)*len(d.tk.toks)+16 {
			t.Fatalf("tokens of %q grew to %d bytes", line, total)
		}
	})
}

// FuzzRoundTrip writes random strings (cut from data) and reads them back.
func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte("a,b\x00c\"d\x00 e \x00\\\"x\x00#h"), uint8(0))
	f.Add([]byte("\r\n\x00\x00é"), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, flags uint8) {
		wo := DefaultWriteOptions()
		wo.IgnoreLeadingWhiteSpace, wo.IgnoreTrailingWhiteSpace = false, false
		wo.QuoteAll = flags&1 != 0
		wo.EscapeQuotes = flags&2 == 0
		ro := DefaultReadOptions()
		var want []*string
		start := 0
		for i := 0; i <= len(data); i++ {
			if i == len(data) || data[i] == 0 {
				s := string(data[start:i])
				if flags&4 != 0 && s == "" {
					want = append(want, nil)
				} else {
					want = append(want, &s)
				}
				start = i + 1
			}
		}
		var e Encoder
		e.Reset(nil, &wo)
		for _, s := range want {
			if s == nil {
				e.Null()
			} else {
				e.String(*s)
			}
		}
		if e.EmptyRecord() {
			return
		}
		var d Decoder
		d.Reset(e.Bytes(), &ro)
		got := make([]*string, len(want))
		for i := range got {
			if s, ok := d.String(); ok {
				got[i] = &s
			}
		}
		for i, s := range want {
			if s != nil && *s == "" {
				want[i] = nil // empty strings read back as NULL in Spark too
			}
		}
		// Invalid UTF-8 reads back replaced, as in Spark.
		for _, s := range want {
			if s != nil && !utf8.ValidString(*s) {
				return
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("line %q: (-want +got)\n%s", e.Bytes(), diff)
		}
	})
}
