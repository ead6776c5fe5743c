package sparktext

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

func TestAppendDouble(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
	}{
		{11114, "11114.0"},
		{1e7, "1.0E7"},
		{1e-4, "1.0E-4"},
		{0.001, "0.001"},
		{100, "100.0"},
		{1e21, "1.0E21"},
		{9999999, "9999999.0"},
		{math.SmallestNonzeroFloat64, "4.9E-324"},
		// One digit ("1.0E-323") would do; JDK 19+ then picks the closest of
		// up to two digits (JDK 17 and older print "1.0E-323").
		{2 * math.SmallestNonzeroFloat64, "9.9E-324"},
		{math.MaxFloat64, "1.7976931348623157E308"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "Infinity"},
		{math.Inf(-1), "-Infinity"},
		{math.Copysign(0, -1), "-0.0"},
		{0, "0.0"},
		{-1.5, "-1.5"},
		{0.1, "0.1"},
		{1.0 / 3, "0.3333333333333333"},
		{123456789, "1.23456789E8"},
		{1e23, "1.0E23"},
		{2e23, "2.0E23"},
		{0.00123, "0.00123"},
		{0.000999, "9.99E-4"},
		{9999999.999999998, "9999999.999999998"},
		{1234567.125, "1234567.125"},
	} {
		got := string(AppendDouble(nil, tc.in))
		if got != tc.want {
			t.Errorf("AppendDouble(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAppendDoubleRuntimeArithmetic(t *testing.T) {
	a, b := 15.35, 0.2 // variables: a constant expression would fold exactly
	if got := string(AppendDouble(nil, a*b)); got != "3.0700000000000003" {
		t.Errorf("15.35*0.2 = %q", got)
	}
}

func TestAppendFloat(t *testing.T) {
	for _, tc := range []struct {
		in   float32
		want string
	}{
		{0.1, "0.1"},
		{math.SmallestNonzeroFloat32, "1.4E-45"},
		{math.MaxFloat32, "3.4028235E38"},
		{1e7, "1.0E7"},
		{1.5, "1.5"},
		{3.3333333, "3.3333333"},
		{100, "100.0"},
		{1e-4, "1.0E-4"},
		{float32(math.Inf(-1)), "-Infinity"},
	} {
		if got := string(AppendFloat(nil, tc.in)); got != tc.want {
			t.Errorf("AppendFloat(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestAppendDoubleDigits checks, for random bit patterns, that the digits
// are strconv's shortest ones (or the closer two-digit form when one digit
// suffices) and that the text parses back to the same value.
func TestAppendDoubleDigits(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 200000; i++ {
		f := math.Float64frombits(r.Uint64())
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		got := string(AppendDouble(nil, f))
		back, err := strconv.ParseFloat(got, 64)
		if err != nil || back != f {
			t.Fatalf("AppendDouble(%b) = %q does not round-trip", f, got)
		}
		want := strconv.FormatFloat(math.Abs(f), 'e', -1, 64)
		wd, _ := splitE([]byte(want))
		gd := javaDigits(got)
		if len(wd) > 1 && gd != string(wd) {
			t.Fatalf("AppendDouble(%v) digits %q, strconv %q", f, gd, wd)
		}
		if len(wd) == 1 && len(gd) > 2 {
			t.Fatalf("AppendDouble(%v) = %q, want at most 2 digits", f, got)
		}
	}
}

// javaDigits extracts the significant digits of a Double.toString result.
func javaDigits(s string) string {
	s = strings.TrimPrefix(s, "-")
	if i := strings.IndexByte(s, 'E'); i >= 0 {
		s = s[:i]
	}
	s = strings.Replace(s, ".", "", 1)
	s = strings.TrimLeft(s, "0")
	s = strings.TrimRight(s, "0")
	return s
}

func TestAppendDoubleAllocs(t *testing.T) {
	buf := make([]byte, 0, 64)
	n := testing.AllocsPerRun(100, func() {
		buf = AppendDouble(buf[:0], 4.9e-324)
		buf = AppendDouble(buf[:0], 3.0700000000000003)
		buf = AppendFloat(buf[:0], 0.1)
	})
	if n != 0 {
		t.Errorf("allocs = %v, want 0", n)
	}
}
