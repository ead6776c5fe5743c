package csvx

import (
	"bufio"
	"encoding/hex"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// univocity_golden.txt pairs random records (and rows to write) with what
// univocity-parsers 2.9.1, configured as Spark 3.5 configures it, makes of
// them (testdata/Oracle.java). To regenerate (needs a JDK and the jar,
// e.g. Debian's libunivocity-parsers-java):
//
//	go test -oracle-dir=/tmp/csvo ./internal/runtime/csvx/
//	javac -cp univocity-parsers.jar -d /tmp/csvo testdata/Oracle.java
//	cd /tmp/csvo && for f in *.in; do
//	  set -- $(head -1 $f); m=${1#\#}; shift   # header: "#mode key=hex..."
//	  java -cp univocity-parsers.jar:. Oracle $m "$@" < $f > ${f%.in}.out
//	done && cat *.out > .../internal/runtime/csvx/testdata/univocity_golden.txt

var oracleDir = flag.String("oracle-dir", "", "write oracle inputs into this directory")

// oracleOptions are the option sets the golden file covers, as Spark
// option names and values.
var oracleOptions = [][]string{
	{},
	{"ignoreLeadingWhiteSpace", "true", "ignoreTrailingWhiteSpace", "true"},
	{"nullValue", "NA", "emptyValue", "EV"},
	{"sep", ";", "quote", "'", "escape", "'"},
	{"sep", "\t", "ignoreTrailingWhiteSpace", "true"},
	{"quote", ""},
	{"charToEscapeQuoteEscaping", "#", "escapeQuotes", "false"},
	{"quoteAll", "true", "ignoreLeadingWhiteSpace", "false", "ignoreTrailingWhiteSpace", "false"},
	{"sep", "§"},
}

func optionsFor(t testing.TB, set []string, write bool) Options {
	if t == nil {
		t = &testing.T{}
	}
	o := DefaultReadOptions()
	if write {
		o = DefaultWriteOptions()
	}
	for i := 0; i < len(set); i += 2 {
		if err := o.SetOption(set[i], set[i+1]); err != nil {
			t.Fatal(err)
		}
	}
	return o
}

func randRecord(r *rand.Rand) string {
	alpha := []string{"a", "b", ",", ",", "\"", "\"", "\\", " ", "\t", "#", "'", ";", "\n", "\r", "é", "§", "x"}
	var sb strings.Builder
	n := r.IntN(12)
	for i := 0; i < n; i++ {
		sb.WriteString(alpha[r.IntN(len(alpha))])
	}
	return sb.String()
}

func writeOracleInput() error {
	r := rand.New(rand.NewPCG(21, 22))
	for k, set := range oracleOptions {
		var args []string
		for i := 0; i < len(set); i += 2 {
			args = append(args, set[i]+"="+hex.EncodeToString([]byte(set[i+1])))
		}
		for _, mode := range []string{"parse", "write"} {
			f, err := os.Create(fmt.Sprintf("%s/%d-%s.in", *oracleDir, k, mode))
			if err != nil {
				return err
			}
			w := bufio.NewWriter(f)
			fmt.Fprintf(w, "#%s %s\n", mode, strings.Join(args, " "))
			for i := 0; i < 1500; i++ {
				if mode == "parse" {
					fmt.Fprintf(w, "%d\tparse\t%s\n", k, hex.EncodeToString([]byte(randRecord(r))))
					continue
				}
				fields := make([]string, r.IntN(4)+1)
				for j := range fields {
					switch v := randRecord(r); {
					case r.IntN(8) == 0:
						fields[j] = "~"
					case v == "":
						fields[j] = "-"
					default:
						fields[j] = hex.EncodeToString([]byte(v))
					}
				}
				fmt.Fprintf(w, "%d\twrite\t%s\n", k, strings.Join(fields, " "))
			}
			w.Flush()
			f.Close()
		}
	}
	return nil
}

// TestUnivocityGolden replays the golden file through the tokenizer and the
// encoder.
func TestUnivocityGolden(t *testing.T) {
	f, err := os.Open("testdata/univocity_golden.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n, bad := 0, 0
	var tk tokenizer
	var e Encoder
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		var k int
		fmt.Sscan(p[0], &k)
		want := p[3]
		var got string
		switch p[1] {
		case "parse":
			o := optionsFor(t, oracleOptions[k], false)
			line, _ := hex.DecodeString(p[2])
			tk.reset(line, &o)
			got = tokensString(&tk, tk.parseLine())
		case "write":
			o := optionsFor(t, oracleOptions[k], true)
			e.Reset(nil, &o)
			for _, fld := range strings.Split(p[2], " ") {
				switch fld {
				case "~":
					e.Null()
				case "-":
					e.String("")
				default:
					b, _ := hex.DecodeString(fld)
					e.String(string(b))
				}
			}
			got = "W " + hex.EncodeToString(e.Bytes())
			if e.EmptyRecord() {
				got = "NULL"
			}
		}
		n++
		if got != want && p[1] == "parse" && want == "E TextParsingException" && headerTrimCrash(&tk, oracleOptions[k]) {
			// univocity trims the first row it ever parses as if it were a
			// header, and crashes on an all-blank value when only trailing
			// whitespace is ignored. Spark reuses one parser per task, so
			// this hits only a task's first record; not reproduced.
			continue
		}
		if got != want {
			bad++
			if bad <= 30 {
				t.Errorf("options %v %s %s: got %s, want %s", oracleOptions[k], p[1], p[2], got, want)
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d golden lines", n)
	}
	if bad > 0 {
		t.Errorf("%d of %d differ", bad, n)
	}
}

// tokensString renders tokens the way Oracle.java prints them.
func tokensString(tk *tokenizer, ok bool) string {
	if !ok {
		return "E TextParsingException"
	}
	if len(tk.toks) == 0 {
		return "NULL"
	}
	var sb strings.Builder
	sb.WriteString("T")
	for _, s := range tk.toks {
		sb.WriteByte(' ')
		if s.end == s.start {
			sb.WriteByte('-')
		} else {
			sb.WriteString(hex.EncodeToString(tk.arena[s.start:s.end]))
		}
	}
	return sb.String()
}

func headerTrimCrash(tk *tokenizer, set []string) bool {
	o := optionsFor(nil, set, false)
	if !o.IgnoreTrailingWhiteSpace || o.IgnoreLeadingWhiteSpace {
		return false
	}
	for _, s := range tk.toks {
		v := tk.arena[s.start:s.end]
		if len(v) > 0 && skipSpace(v) == len(v) {
			return true
		}
	}
	return false
}

// TestMain runs the tests, or, with the oracle flag, only writes the oracle's
// inputs: regenerating goldens is a tool, not a test.
func TestMain(m *testing.M) {
	flag.Parse()
	if *oracleDir != "" {
		if err := writeOracleInput(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}
