package avrobin

import (
	"encoding/hex"
	"errors"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cockroachdb/apd/v3"
)

func mustDec(t testing.TB, s string) *apd.Decimal {
	t.Helper()
	d, _, err := apd.NewFromString(s)
	if err != nil {
		t.Fatalf("bad decimal %q: %v", s, err)
	}
	return d
}

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const nines38 = "99999999999999999999999999999999999999"

func TestDecimalRead(t *testing.T) {
	tests := []struct {
		hex   string
		scale int32
		want  string
	}{
		{"", 0, "0"},
		{"", 3, "0.000"},
		{"00", 2, "0.00"},
		{"01", 2, "0.01"},
		{"ff", 0, "-1"},
		{"80", 2, "-1.28"},
		{"ff80", 2, "-1.28"},       // non-minimal
		{"ffffffff80", 2, "-1.28"}, // non-minimal
		{"0080", 0, "128"},
		{"00000001", 0, "1"},
		{"7fffffffffffffff", 0, "9223372036854775807"},
		{"8000000000000000", 0, "-9223372036854775808"},
		{"008000000000000000", 0, "9223372036854775808"},
		{"ff7fffffffffffffff", 0, "-9223372036854775809"},
		{"00000000000000000000000000000005", 1, "0.5"}, // 16-byte fixed-style padding
		{"4b3b4ca85a86c47a098a223fffffffff", 0, nines38},
		{"b4c4b357a5793b85f675ddc000000001", 0, "-" + nines38},
		{"4b3b4ca85a86c47a098a223fffffffff", 38, "0." + nines38},
		{"0100000000000000000000000000000000000000", 0, "5708990770823839524233143877797980545530986496"}, // 2^152
		{"ff00000000000000000000000000000000000000", 0, "-5708990770823839524233143877797980545530986496"},
	}
	for _, tt := range tests {
		b := unhex(t, tt.hex)
		want := mustDec(t, tt.want)
		var d apd.Decimal
		r := NewReader(AppendBytes(nil, b))
		r.Decimal(tt.scale, &d)
		if err := r.Done(); err != nil {
			t.Fatalf("Decimal(%s): %v", tt.hex, err)
		}
		if d.Cmp(want) != 0 || d.Exponent != -tt.scale || d.String() != tt.want {
			t.Errorf("Decimal(%s, scale %d) = %s (exp %d); want %s", tt.hex, tt.scale, d.String(), d.Exponent, tt.want)
		}
		r.Reset(b)
		r.DecimalFixed(len(b), tt.scale, &d)
		if err := r.Done(); err != nil || d.String() != tt.want {
			t.Errorf("DecimalFixed(%s) = %s, %v; want %s", tt.hex, d.String(), err, tt.want)
		}
	}
}

func TestDecimalReadErrors(t *testing.T) {
	var d apd.Decimal
	d.SetInt64(42)
	r := NewReader([]byte{0x0a, 1})
	r.Decimal(2, &d)
	if !errors.Is(r.Err(), ErrTruncated) || !d.IsZero() {
		t.Errorf("truncated decimal: %v, d = %s", r.Err(), d.String())
	}
	d.SetInt64(42)
	r.Reset([]byte{1, 2})
	r.DecimalFixed(3, 0, &d)
	if !errors.Is(r.Err(), ErrTruncated) || !d.IsZero() {
		t.Errorf("truncated fixed decimal: %v, d = %s", r.Err(), d.String())
	}
}

func TestAppendDecimal(t *testing.T) {
	tests := []struct {
		in    string
		scale int32
		hex   string // minimal encoding; "" with err set
		err   error
	}{
		{"0", 0, "00", nil},
		{"0", 5, "00", nil},
		{"-0", 2, "00", nil},
		{"0E+10", 2, "00", nil},
		{"1.5", 2, "0096", nil},
		{"-1.28", 2, "80", nil},
		{"-1.29", 2, "ff7f", nil},
		{"1.27", 2, "7f", nil},
		{"1.28", 2, "0080", nil},
		{"-1", 0, "ff", nil},
		{"1.230", 2, "7b", nil}, // exact rescale down
		{"1E+3", 0, "03e8", nil},
		{"12", 3, "2ee0", nil}, // rescale up: 12000
		{"9223372036854775807", 0, "7fffffffffffffff", nil},
		{"-9223372036854775808", 0, "8000000000000000", nil},
		{"9223372036854775808", 0, "008000000000000000", nil},
		{"-9223372036854775809", 0, "ff7fffffffffffffff", nil},
		{"18446744073709551615", 0, "00ffffffffffffffff", nil},
		{"922337203685477580.8", 1, "008000000000000000", nil}, // uint64 coefficient past int64
		{nines38, 0, "4b3b4ca85a86c47a098a223fffffffff", nil},
		{"-" + nines38, 0, "b4c4b357a5793b85f675ddc000000001", nil},
		{"0." + nines38, 38, "4b3b4ca85a86c47a098a223fffffffff", nil},
		{"1", 38, "4b3b4ca85a86c47a098a224000000000", nil},                   // 10^38 via the big path
		{"100000000000000000000.00", 0, "056bc75e2d63100000", nil},           // big coefficient, exact division
		{"1.234", 2, "", ErrDecimalRange},                                    // would round
		{"1.00000000000000000000000000000000000001", 2, "", ErrDecimalRange}, // big path, would round
		{"1E-100000", 2, "", ErrDecimalRange},
		{"1E+100000", 0, "", ErrDecimalRange},
		{"NaN", 0, "", ErrDecimalRange},
		{"Infinity", 0, "", ErrDecimalRange},
		{"-Infinity", 0, "", ErrDecimalRange},
		{"1", -1, "", ErrBadScale},
	}
	for _, tt := range tests {
		d := mustDec(t, tt.in)
		got, err := AppendDecimal([]byte{0xaa}, d, tt.scale)
		if tt.err != nil {
			if !errors.Is(err, tt.err) || string(got) != "\xaa" {
				t.Errorf("AppendDecimal(%s, %d) = % x, %v; want error %v", tt.in, tt.scale, got, err, tt.err)
			}
			continue
		}
		want := AppendBytes([]byte{0xaa}, unhex(t, tt.hex))
		if err != nil || string(got) != string(want) {
			t.Errorf("AppendDecimal(%s, %d) = % x, %v; want % x", tt.in, tt.scale, got, err, want)
			continue
		}
		var back apd.Decimal
		r := NewReader(got[1:])
		r.Decimal(tt.scale, &back)
		if err := r.Done(); err != nil || back.Cmp(d) != 0 {
			t.Errorf("round trip of %s: %s, %v", tt.in, back.String(), err)
		}
	}
}

func TestAppendDecimalFixed(t *testing.T) {
	tests := []struct {
		in    string
		scale int32
		size  int
		hex   string
		err   error
	}{
		{"-1.28", 2, 4, "ffffff80", nil},
		{"1.28", 2, 4, "00000080", nil},
		{"1", 0, 1, "01", nil},
		{"0", 0, 0, "", nil},
		{"0", 0, 3, "000000", nil},
		{"-" + nines38, 0, 16, "b4c4b357a5793b85f675ddc000000001", nil},
		{"-" + nines38, 0, 20, "ffffffffb4c4b357a5793b85f675ddc000000001", nil},
		{"128", 0, 1, "", ErrDecimalRange},
		{"-129", 0, 1, "", ErrDecimalRange},
		{"1", 0, 0, "", ErrDecimalRange},
		{"1.5", 0, 8, "", ErrDecimalRange},
	}
	for _, tt := range tests {
		d := mustDec(t, tt.in)
		got, err := AppendDecimalFixed(nil, d, tt.scale, tt.size)
		if tt.err != nil {
			if !errors.Is(err, tt.err) || len(got) != 0 {
				t.Errorf("AppendDecimalFixed(%s, %d, %d) = % x, %v; want error %v", tt.in, tt.scale, tt.size, got, err, tt.err)
			}
			continue
		}
		if err != nil || hex.EncodeToString(got) != tt.hex {
			t.Errorf("AppendDecimalFixed(%s, %d, %d) = %x, %v; want %s", tt.in, tt.scale, tt.size, got, err, tt.hex)
			continue
		}
		var back apd.Decimal
		r := NewReader(got)
		r.DecimalFixed(tt.size, tt.scale, &back)
		if err := r.Done(); err != nil || back.Cmp(d) != 0 {
			t.Errorf("round trip of %s: %s, %v", tt.in, back.String(), err)
		}
	}
}

// javaBytes is the reference encoding: Java's BigInteger.toByteArray.
func javaBytes(v *big.Int) []byte {
	if v.Sign() >= 0 {
		b := v.Bytes()
		if len(b) == 0 || b[0] >= 0x80 {
			b = append([]byte{0}, b...)
		}
		return b
	}
	n := v.BitLen()/8 + 1
	m := new(big.Int).Add(v, new(big.Int).Lsh(big.NewInt(1), uint(n*8)))
	b := m.FillBytes(make([]byte, n))
	for len(b) > 1 && b[0] == 0xff && b[1] >= 0x80 {
		b = b[1:]
	}
	return b
}

// fromTwos is the reference decoding of big-endian two's complement.
func fromTwos(b []byte) *big.Int {
	v := new(big.Int).SetBytes(b)
	if len(b) > 0 && b[0] >= 0x80 {
		v.Sub(v, new(big.Int).Lsh(big.NewInt(1), uint(len(b))*8))
	}
	return v
}

func TestDecimalProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		var v *big.Int
		switch i % 3 {
		case 0:
			v = big.NewInt(int64(rng.Uint64()))
		case 1:
			v = big.NewInt(rng.Int64N(1000) - 500)
		default:
			b := make([]byte, 1+rng.IntN(40))
			for j := range b {
				b[j] = byte(rng.Uint32())
			}
			v = fromTwos(b)
		}
		scale := int32(rng.IntN(40))
		d := apd.NewWithBigInt(new(apd.BigInt).SetMathBigInt(v), -scale)
		got, err := AppendDecimal(nil, d, scale)
		if err != nil {
			t.Fatalf("AppendDecimal(%s): %v", d, err)
		}
		if want := AppendBytes(nil, javaBytes(v)); string(got) != string(want) {
			t.Fatalf("AppendDecimal(%s) = % x; want % x", d, got, want)
		}
		var back apd.Decimal
		r := NewReader(got)
		r.Decimal(scale, &back)
		if err := r.Done(); err != nil || back.Cmp(d) != 0 || back.Exponent != -scale {
			t.Fatalf("round trip of %s: %s, %v", d, back.String(), err)
		}
		// The same value at a smaller exponent (trailing zeros) writes the same bytes.
		if scale > 0 {
			d2 := apd.NewWithBigInt(new(apd.BigInt).SetMathBigInt(new(big.Int).Mul(v, big.NewInt(10))), -scale-1)
			got2, err := AppendDecimal(nil, d2, scale)
			if err != nil || string(got2) != string(got) {
				t.Fatalf("AppendDecimal(%s) = % x, %v; want % x", d2, got2, err, got)
			}
		}
	}
}
