package sqlfn

import (
	"bytes"
	"encoding/base64"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func randText(r *rand.Rand) string {
	alphabet := []rune("ab ,.xyzé中😀\n")
	n := r.IntN(12)
	var sb strings.Builder
	for range n {
		sb.WriteRune(alphabet[r.IntN(len(alphabet))])
	}
	return sb.String()
}

// TestSubstringProperty checks Substring against a rune-slice reference of
// substringSQL on valid UTF-8.
func TestSubstringProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		s := randText(r)
		pos, n := int32(r.IntN(30)-15), int32(r.IntN(30)-5)
		rs := []rune(s)
		start := int64(pos) - 1
		if pos == 0 {
			start = 0
		} else if pos < 0 {
			start = int64(len(rs)) + int64(pos)
		}
		end := min(start+int64(n), int64(len(rs)))
		start = max(start, 0)
		want := ""
		if start < end {
			want = string(rs[start:end])
		}
		if got := Substring(s, pos, n); got != want {
			t.Fatalf("Substring(%q, %d, %d) = %q, want %q", s, pos, n, got, want)
		}
		if Length(s) != int32(utf8.RuneCountInString(s)) {
			t.Fatalf("Length(%q)", s)
		}
	}
}

func TestCaseASCIIProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		b := make([]byte, r.IntN(20))
		for i := range b {
			b[i] = byte(r.IntN(128))
		}
		s := string(b)
		if Upper(s) != strings.ToUpper(s) || Lower(s) != strings.ToLower(s) {
			t.Fatalf("case of %q", s)
		}
	}
}

// TestCastIntProperty checks CastStringToInt64 against strconv on
// canonical and padded integers.
func TestCastIntProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		v := int64(r.Uint64())
		if r.IntN(2) == 0 {
			v >>= r.IntN(63)
		}
		s := strconv.FormatInt(v, 10)
		pad := strings.Repeat(" ", r.IntN(3))
		got, ok := CastStringToInt64(pad + s + pad)
		if !ok || got != v {
			t.Fatalf("CAST(%q AS BIGINT) = %d %v", s, got, ok)
		}
		want32, err := strconv.ParseInt(s, 10, 32)
		got32, ok := CastStringToInt32(s)
		if (err == nil) != ok || ok && int64(got32) != want32 {
			t.Fatalf("CAST(%q AS INT) = %d %v", s, got32, ok)
		}
	}
}

func TestEncodingProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 2000 {
		b := make([]byte, r.IntN(200))
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		enc := Base64(b)
		if strings.ReplaceAll(enc, "\r\n", "") != base64.StdEncoding.EncodeToString(b) {
			t.Fatal("base64")
		}
		dec, err := UnBase64(enc)
		if err != nil || !bytes.Equal(dec, b) {
			t.Fatalf("unbase64(base64(%x)) = %x %v", b, dec, err)
		}
		un, ok := Unhex(Hex(b))
		if !ok || !bytes.Equal(un, b) {
			t.Fatal("unhex(hex)")
		}
	}
}

func TestDatePatternRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	la, _ := time.LoadLocation("America/Los_Angeles")
	for _, pat := range []string{"yyyy-MM-dd HH:mm:ss.SSSSSS", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX", "yyyy MMddHHmmssSSSSSS", "dd MMM yyyy hh:mm:ss.SSSSSS a VV"} {
		p := MustCompileDatePattern(pat)
		for range 2000 {
			us := r.Int64N(8e15) - 2e15
			txt := p.Format(us, la)
			back, ok := p.Parse(txt, la)
			if !ok {
				t.Fatalf("%s: Parse(%q) failed", pat, txt)
			}
			// A wall time in a DST overlap is ambiguous without an offset.
			if back != us && strings.Contains(pat, "X") {
				t.Fatalf("%s: %d -> %q -> %d", pat, us, txt, back)
			}
		}
	}
}

func TestRoundMatchesStrconv(t *testing.T) {
	// For values whose shortest text has few digits, HALF_EVEN on the
	// decimal text equals strconv's correctly rounded 'f' formatting of it.
	r := rand.New(rand.NewPCG(11, 12))
	for range 5000 {
		d := float64(r.IntN(2000000)-1000000) / 1000
		got := BRoundDouble(d, 2)
		want, _ := strconv.ParseFloat(strconv.FormatFloat(d, 'f', 2, 64), 64)
		if math.Abs(got-want) > 0.011 {
			t.Fatalf("bround(%v, 2) = %v, want about %v", d, got, want)
		}
	}
}
