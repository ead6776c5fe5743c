package sparktext

import (
	"bufio"
	"encoding/hex"
	"flag"
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
)

// golden.txt holds inputs with what the JVM (testdata/Gold.java) returns for
// them: BigDecimal, Double/Float/Long/... parsing, java.time formatting and
// ZonedDateTime resolution, and Java's UTF-8 decoding. The inputs come from
// writeOracleInput.

var oracleInput = flag.String("oracle-input", "", "write the inputs for testdata/Gold.java to this file")

var oracleZones = []string{"", "UTC", "Europe/Paris", "America/Los_Angeles", "Asia/Kolkata",
	"Australia/Lord_Howe", "America/St_Johns", "Europe/Dublin", "Pacific/Apia", "Africa/Monrovia"}

func writeOracleInput() error {
	f, err := os.Create(*oracleInput)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	defer w.Flush()
	r := rand.New(rand.NewPCG(7, 11))
	hx := func(s string) string { return hex.EncodeToString([]byte(s)) }
	for i := 0; i < 400; i++ {
		n, _ := new(big.Int).SetString("0"+randDigits(r, r.IntN(40)+1), 10)
		if r.IntN(2) == 0 {
			n.Neg(n)
		}
		fmt.Fprintf(w, "bigdec\t%s\t%d\n", n, r.IntN(34)-12)
	}
	for i := 0; i < 3000; i++ {
		p := r.IntN(38) + 1
		kind := "pdec"
		if i%3 == 0 {
			kind = "pdecus"
		}
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\n", kind, hx(randDecimalText(r)), p, r.IntN(p+1))
	}
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(w, "pdouble\t%s\n", hx(randFloatText(r)))
		fmt.Fprintf(w, "pfloat\t%s\n", hx(randFloatText(r)))
	}
	for _, k := range []string{"plong", "pint", "pshort", "pbyte"} {
		for i := 0; i < 400; i++ {
			fmt.Fprintf(w, "%s\t%s\n", k, hx(randIntText(r)))
		}
	}
	for i := 0; i < 2000; i++ {
		var us int64
		switch i % 4 {
		case 0:
			us = r.Int64N(4e15) - 2e15 // around 1906..2033
		case 1:
			us = r.Int64() // anywhere
		case 2:
			us = r.Int64N(1e12) - 5e11
		default:
			us = r.Int64N(4e17) - 3.8e17 // years ~ -10000..+2600
		}
		fmt.Fprintf(w, "ts\t%d\t%s\n", us, oracleZones[r.IntN(len(oracleZones))])
	}
	for i := 0; i < 400; i++ {
		d := r.Int32()
		if i%2 == 0 {
			d = r.Int32N(2000000) - 1000000
		}
		if i%4 == 1 {
			d = -d
		}
		fmt.Fprintf(w, "date\t%d\n", d)
	}
	for _, name := range oracleZones[2:] {
		loc, err := time.LoadLocation(name)
		if err != nil {
			return err
		}
		for _, tr := range transitions(loc, 1880, 2040) {
			for k := 0; k < 6; k++ {
				local := tr + int64(r.IntN(4*3600)) - 2*3600
				fmt.Fprintf(w, "local\t%d\t%s\n", local, name)
			}
		}
	}
	alpha := []byte{0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF}
	for i := 0; i < 1500; i++ {
		b := make([]byte, r.IntN(7))
		for j := range b {
			b[j] = alpha[r.IntN(len(alpha))]
		}
		fmt.Fprintf(w, "utf8\t%s\n", hex.EncodeToString(b))
	}
	return nil
}

// transitions returns, in local wall seconds, some zone transitions of loc
// (the wall time just before each one) between the given years.
func transitions(loc *time.Location, from, to int) []int64 {
	var out []int64
	t := time.Date(from, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(to, 1, 1, 0, 0, 0, 0, loc)
	for t.Before(end) && len(out) < 40 {
		_, e := t.ZoneBounds()
		if e.IsZero() {
			break
		}
		_, off := t.Zone()
		out = append(out, e.Unix()+int64(off))
		t = e
	}
	return out
}

func pick(r *rand.Rand, s string) byte { return s[r.IntN(len(s))] }

func randDigits(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = pick(r, "0123456789")
	}
	return string(b)
}

func randDecimalText(r *rand.Rand) string {
	if r.IntN(4) == 0 {
		b := make([]byte, r.IntN(10)+1)
		for i := range b {
			b[i] = pick(r, "0159.-+eE, ")
		}
		return string(b)
	}
	var sb strings.Builder
	if r.IntN(3) == 0 {
		sb.WriteByte(pick(r, "+-"))
	}
	sb.WriteString(randDigits(r, r.IntN(25)))
	if r.IntN(2) == 0 {
		sb.WriteByte('.')
		sb.WriteString(randDigits(r, r.IntN(25)))
	}
	if r.IntN(4) == 0 {
		sb.WriteByte(pick(r, "eE"))
		if r.IntN(2) == 0 {
			sb.WriteByte(pick(r, "+-"))
		}
		sb.WriteString(strconv.Itoa(r.IntN(60)))
	}
	s := sb.String()
	if r.IntN(6) == 0 && len(s) > 1 {
		k := r.IntN(len(s))
		s = s[:k] + "," + s[k:]
	}
	return s
}

func randFloatText(r *rand.Rand) string {
	switch r.IntN(8) {
	case 0:
		specials := []string{"NaN", "-NaN", "+Infinity", "-Infinity", "Infinity", "infinity", "nan", "1e", ".", "0x", "0x1p", "0x.p1", "1_0", "1d", "1fd", " 1.5 ", "\t2\n", "0x1.8p1", "-0x1P-1074", "0x1.fffffffffffff8p1023", "1e400", "1e-400", "4.9e-324", "2.4703282292062327e-324", "1.4e-45f", "3.4028235e38", "3.4028236e38", "0x1p-150", "+.5", "5.", "0X1AP0D", "1E+", "Inf", "0.0d"}
		return specials[r.IntN(len(specials))]
	case 1:
		b := make([]byte, r.IntN(8)+1)
		for i := range b {
			b[i] = pick(r, "0123456789.eE+-xXpPfFdD aN")
		}
		return string(b)
	case 2:
		return strconv.FormatFloat(math.Float64frombits(r.Uint64()), 'g', -1, 64)
	case 3:
		return strconv.FormatFloat(float64(math.Float32frombits(r.Uint32())), 'e', r.IntN(12), 32)
	case 4:
		return fmt.Sprintf("0x%x.%xp%d", r.Uint32(), r.Uint64(), r.IntN(2200)-1100)
	}
	s := randDigits(r, r.IntN(30)+1)
	if r.IntN(2) == 0 {
		k := r.IntN(len(s) + 1)
		s = s[:k] + "." + s[k:]
	}
	if r.IntN(2) == 0 {
		s += "e" + strconv.Itoa(r.IntN(700)-350)
	}
	if r.IntN(4) == 0 {
		s = string(pick(r, "+-")) + s
	}
	if r.IntN(6) == 0 {
		s += string(pick(r, "fFdD"))
	}
	return s
}

func randIntText(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		specials := []string{"", "+", "-", "-0", "+0", " 1", "1 ", "128", "-128", "127", "-129", "32767", "-32768", "32768",
			"2147483647", "-2147483648", "2147483648", "9223372036854775807", "-9223372036854775808",
			"9223372036854775808", "-9223372036854775809", "00000000000000000000001", "1e3", "1.0", "0x10", "++1"}
		return specials[r.IntN(len(specials))]
	case 1:
		b := make([]byte, r.IntN(6)+1)
		for i := range b {
			b[i] = pick(r, "0129+- x")
		}
		return string(b)
	}
	s := randDigits(r, r.IntN(21)+1)
	if r.IntN(2) == 0 {
		s = string(pick(r, "+-")) + s
	}
	return s
}

func TestGolden(t *testing.T) {
	f, err := os.Open("testdata/golden.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	locs := map[string]*time.Location{}
	loc := func(name string) *time.Location {
		if name == "" {
			return nil
		}
		if l, ok := locs[name]; ok {
			return l
		}
		l, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		locs[name] = l
		return l
	}
	unhex := func(s string) []byte {
		b, err := hex.DecodeString(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	n := 0
	for sc.Scan() {
		n++
		f := strings.Split(sc.Text(), "\t")
		want := f[len(f)-1]
		var got string
		switch f[0] {
		case "bigdec":
			var d apd.Decimal
			d.Coeff.SetString(strings.TrimPrefix(f[1], "-"), 10)
			d.Negative = strings.HasPrefix(f[1], "-")
			sc, _ := strconv.Atoi(f[2])
			d.Exponent = int32(-sc)
			got = string(AppendDecimal(nil, &d)) + "\t" + string(AppendDecimalPlain(nil, &d))
			want = f[3] + "\t" + f[4]
		case "pdec", "pdecus":
			p, _ := strconv.Atoi(f[2])
			s, _ := strconv.Atoi(f[3])
			var d apd.Decimal
			parse := ParseDecimal
			if f[0] == "pdecus" {
				parse = ParseDecimalUS
			}
			got = "!"
			if parse(unhex(f[1]), p, s, &d) {
				got = string(AppendDecimal(nil, &d))
			}
		case "pdouble":
			got = "!"
			if v, ok := ParseJavaDouble(unhex(f[1])); ok {
				got = strconv.FormatUint(math.Float64bits(v), 16)
			}
		case "pfloat":
			got = "!"
			if v, ok := ParseJavaFloat(unhex(f[1])); ok {
				got = strconv.FormatUint(uint64(math.Float32bits(v)), 16)
			}
		case "plong", "pint", "pshort", "pbyte":
			got = "!"
			var v int64
			var ok bool
			s := unhex(f[1])
			switch f[0] {
			case "plong":
				v, ok = ParseJavaLong(s)
			case "pint":
				var x int32
				x, ok = ParseJavaInt(s)
				v = int64(x)
			case "pshort":
				var x int16
				x, ok = ParseJavaShort(s)
				v = int64(x)
			default:
				var x int8
				x, ok = ParseJavaByte(s)
				v = int64(x)
			}
			if ok {
				got = strconv.FormatInt(v, 10)
			}
		case "ts":
			us, _ := strconv.ParseInt(f[1], 10, 64)
			got = string(AppendTimestamp(nil, us, loc(f[2]))) + "\t" + string(AppendTimestampNTZ(nil, us))
			want = f[3] + "\t" + f[4]
		case "date":
			d, _ := strconv.ParseInt(f[1], 10, 32)
			got = string(AppendDate(nil, int32(d)))
		case "local":
			l, _ := strconv.ParseInt(f[1], 10, 64)
			got = strconv.FormatInt(zone{loc: loc(f[2])}.toUTC(l), 10)
		case "utf8":
			got = hex.EncodeToString(AppendJavaUTF8(nil, unhex(f[1])))
		default:
			t.Fatalf("unknown kind %q", f[0])
		}
		if got != want {
			t.Errorf("%s: got %q, want %q", strings.Join(f[:len(f)-1], " "), got, want)
		}
	}
	if n < 1000 {
		t.Fatalf("only %d golden lines", n)
	}
}

// TestMain runs the tests, or, with the oracle flag, only writes the oracle's
// inputs: regenerating goldens is a tool, not a test.
func TestMain(m *testing.M) {
	flag.Parse()
	if *oracleInput != "" {
		if err := writeOracleInput(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}
