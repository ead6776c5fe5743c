package jsonx

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"
	"github.com/streamc/streamc/internal/runtime/sparktext"
)

var fuzzSeeds = []string{
	``, ` `, `null`, `{}`, `[]`, `{"a":1}`, sampleInvoice,
	`{"a":[1,2.5,-0,1e3,"x\u00e9\ud83d\ude00",true,false,null,{"b":{}}]}`,
	`{'a':'b\'c',"n":NaN,"i":-Infinity,"p":+INF}`,
	`{"bin":"QUJD","bad":"QQ","d":"2024-01-15","t":"2020-07-25T14:55:00Z","dec":"1,234.5"}`,
	"{\"a\":\"\xff\xe2\x82\"}", `{"a":"\ud800"}`, `{"a":1,}`, `[1 2]`, `{"a" 1}`, `"\q"`, `01`, `1.`,
	strings.Repeat("[", 50) + strings.Repeat("]", 50),
}

// readAny reads the next value with a reader chosen by prog, recursing into
// objects and arrays, as generated code for an arbitrary schema would.
func readAny(d *Decoder, prog []byte, k *int) {
	op := byte(0)
	if len(prog) > 0 {
		op = prog[*k%len(prog)]
		*k++
	}
	var dec apd.Decimal
	switch op % 20 {
	case 0:
		if d.BeginObject() {
			for d.NextField() {
				_ = string(d.Key())
				readAny(d, prog, k)
			}
		}
	case 1:
		if d.BeginArray() {
			for d.NextElem() {
				readAny(d, prog, k)
			}
		}
	case 2:
		s, ok := d.String()
		if !ok && s != "" {
			panic("String returned text for NULL")
		}
	case 3:
		d.Bool()
	case 4:
		d.Int8()
	case 5:
		d.Int16()
	case 6:
		d.Int32()
	case 7:
		d.Int64()
	case 8:
		d.Float32()
	case 9:
		d.Float64()
	case 10:
		d.Decimal(int(op%38)+1, int(op%7), &dec)
	case 11:
		d.Binary()
	case 12:
		d.Date()
	case 13:
		d.Timestamp()
	case 14:
		d.TimestampNTZ()
	case 15:
		d.IsNull()
		d.Skip()
	case 16:
		d.PeekKind()
		d.Skip()
	default:
		d.Skip()
	}
}

func FuzzDecoder(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add([]byte(s), []byte{byte(i), 0, 1, 2, 9})
	}
	f.Fuzz(func(t *testing.T, data, prog []byte) {
		for _, strict := range []bool{false, true} {
			var d Decoder
			d.Strict = strict
			d.Reset(data)
			k := 0
			readAny(&d, prog, &k)
			err := d.Finish()
			var se *SyntaxError
			var me *MismatchError
			switch {
			case err == nil, errors.Is(err, ErrEmpty):
			case errors.As(err, &se):
				if d.Err() != err || se.Offset < 0 || se.Offset > len(data) {
					t.Fatalf("bad syntax error %v", err)
				}
			case errors.As(err, &me):
				if me.Offset < 0 || me.Offset > len(data) {
					t.Fatalf("bad mismatch %v", err)
				}
			default:
				t.Fatalf("unexpected error %T %v", err, err)
			}
			if !bytes.Equal(d.Raw(), data) {
				t.Fatal("Raw changed")
			}
		}
	})
}

func FuzzStringRoundTrip(f *testing.F) {
	for _, s := range []string{"", "abc", "\"\\\x00\x1f\x7f", "é😀\u2028", "\xff\xe2\x82\xed\xa0\x80", `\ud800`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc := AppendString(nil, s)
		if !json.Valid(enc) {
			t.Fatalf("AppendString(%q) = %q is not JSON", s, enc)
		}
		got := readString(t, enc)
		want := string(sparktext.AppendJavaUTF8(nil, []byte(s)))
		if got != want {
			t.Fatalf("round trip of %q: %q, want %q", s, got, want)
		}
		if utf8.ValidString(s) && got != s {
			t.Fatalf("valid %q changed to %q", s, got)
		}
	})
}

func FuzzSkip(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSkip(t, data)
	})
}

// checkSkip skips one value in Strict mode and compares whether data was
// valid JSON with encoding/json.Valid: no error, and only white space after
// the value. Nesting deeper than 1000 and numbers longer than 1000 digits
// are limits of Jackson that encoding/json does not have.
func checkSkip(t *testing.T, data []byte) {
	var d Decoder
	d.Strict = true
	d.Reset(data)
	d.Skip()
	err := d.Finish()
	valid := err == nil && len(bytes.TrimLeft(data[d.Offset():], " \t\r\n")) == 0
	var se *SyntaxError
	limit := errors.As(err, &se) && strings.Contains(se.Reason, "1000")
	if std := json.Valid(data); valid != std && !limit {
		t.Fatalf("%q: Skip says valid=%v (%v), encoding/json %v", data, valid, err, std)
	}
	// Spark's lenient dialect accepts at least as much.
	var l Decoder
	l.Reset(data)
	l.Skip()
	if lerr := l.Finish(); err == nil && lerr != nil {
		t.Fatalf("%q: lenient Skip failed: %v", data, lerr)
	}
}

func TestSkipMatchesEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	pieces := []string{"{", "}", "[", "]", ",", ":", `"a"`, `"\n"`, `"\u12"`, "1", "-0", "1.5e3", "01", "1.",
		"true", "nul", "null", " ", "\t", "\x00", "x", `"`, `\`, "'", "NaN", "é"}
	for range 200000 {
		var b strings.Builder
		for range r.IntN(10) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		checkSkip(t, []byte(b.String()))
	}
	for _, s := range fuzzSeeds {
		checkSkip(t, []byte(s))
	}
}

func TestAppendDoubleMatchesSparktext(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	check := func(f float64) {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return
		}
		if got, want := AppendDouble(nil, f), sparktext.AppendDouble(nil, f); string(got) != string(want) {
			t.Fatalf("AppendDouble(%v) = %s, sparktext %s", f, got, want)
		}
	}
	for _, f := range []float64{0.001, 0.0015, 9999999.999, 9999999.5, 1e7, 0.1, 0.3, 1644, 799.99, 122.2, 6.11, -0.5} {
		check(f)
	}
	for range 300000 {
		switch r.IntN(4) {
		case 0: // prices
			check(float64(r.Int64N(1e9)) / 100)
		case 1:
			check(float64(r.Int64N(1e10)-5e9) / math.Pow(10, float64(r.IntN(8))))
		case 2:
			check(math.Float64frombits(r.Uint64()))
		default:
			check((r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(12)-4)))
		}
	}
}

func TestAllocations(t *testing.T) {
	cases := []struct {
		name string
		doc  string
		read func(*Decoder)
		max  float64
	}{
		{"String", `"InvoiceNumber-51500001"`, func(d *Decoder) { d.String() }, 1},
		{"StringEscaped", `"line\nbreak \u00e9 \ud83d\ude00"`, func(d *Decoder) { d.String() }, 1},
		{"StringLongEscaped", `"` + strings.Repeat(`x\n`, 300) + `"`, func(d *Decoder) { d.String() }, 1},
		{"StringCopy", `{"a":[1,2.5,"x"]}`, func(d *Decoder) { d.String() }, 1},
		{"StringCopyLong", `[` + strings.Repeat(`1.5,"\u00e9",`, 100) + `0]`, func(d *Decoder) { d.String() }, 1},
		{"Float64", `4887.98`, func(d *Decoder) { d.Float64() }, 0},
		{"Float64Long", `4887.9812345678901234567890123`, func(d *Decoder) { d.Float64() }, 0},
		{"Float64String", `"-Infinity"`, func(d *Decoder) { d.Float64() }, 0},
		{"Int64", `1595688908833`, func(d *Decoder) { d.Int64() }, 0},
		{"Skip", sampleInvoice, func(d *Decoder) { d.Skip() }, 0},
		{"Keys", `{"InvoiceNumber":1,"esc\u00e9":2}`, func(d *Decoder) {
			if d.BeginObject() {
				for d.NextField() {
					switch string(d.Key()) {
					case "InvoiceNumber", "escé":
					}
					d.Skip()
				}
			}
		}, 0},
		{"Timestamp", `"2020-07-25T14:55:00.137Z"`, func(d *Decoder) { d.Timestamp() }, 0},
		{"Date", `"2020-07-25"`, func(d *Decoder) { d.Date() }, 0},
	}
	var d Decoder // outside: the indirect call c.read would make it escape
	for _, c := range cases {
		data := []byte(c.doc)
		got := testing.AllocsPerRun(100, func() {
			d.Reset(data)
			c.read(&d)
			if d.Finish() != nil {
				t.Fatalf("%s: %v", c.name, d.Finish())
			}
		})
		if got > c.max {
			t.Errorf("%s: %v allocations, want <= %v", c.name, got, c.max)
		}
	}
}

func BenchmarkString(b *testing.B) {
	for _, c := range []struct{ name, doc string }{
		{"plain", `"Bengaluru, Karnataka 560001"`},
		{"escaped", `"line\nbreak \u00e9 and \"quotes\""`},
		{"copy", `{"a":[1,2.5,"x"],"b":true}`},
	} {
		b.Run(c.name, func(b *testing.B) {
			data := []byte(c.doc)
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var d Decoder
				d.Reset(data)
				d.String()
			}
		})
	}
	b.Run("encoding_json", func(b *testing.B) {
		data := []byte(`"Bengaluru, Karnataka 560001"`)
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var s string
			json.Unmarshal(data, &s)
		}
	})
}

func BenchmarkFloat64(b *testing.B) {
	for _, doc := range []string{`4887.98`, `1595688908833`, `1.2345678901234567e-7`} {
		b.Run(doc, func(b *testing.B) {
			data := []byte(doc)
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				var d Decoder
				d.Reset(data)
				d.Float64()
			}
		})
	}
}

func BenchmarkSkip(b *testing.B) {
	data := []byte(sampleInvoice)
	b.Run("jsonx", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var d Decoder
			d.Reset(data)
			d.Skip()
		}
	})
	b.Run("encoding_json_Valid", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			json.Valid(data)
		}
	})
}
