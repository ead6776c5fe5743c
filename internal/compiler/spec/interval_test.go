package spec

import (
	"testing"
	"time"
)

func TestParseInterval(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"1 second":               time.Second,
		"10 seconds":             10 * time.Second,
		"500 milliseconds":       500 * time.Millisecond,
		"1 minute":               time.Minute,
		"1 minute 30 seconds":    90 * time.Second,
		"interval 2 hours":       2 * time.Hour,
		"1.5 seconds":            1500 * time.Millisecond,
		"250 microseconds":       250 * time.Microsecond,
		"1 day":                  24 * time.Hour,
		"1 week":                 7 * 24 * time.Hour,
		"10Seconds":              10 * time.Second,
		" 5 SECONDS ":            5 * time.Second,
		"0":                      0,
		"0 seconds":              0,
		"1s":                     time.Second,
		"500ms":                  500 * time.Millisecond,
		"1m30s":                  90 * time.Second,
		"1 minute -30 seconds":   30 * time.Second,
		"0.0000000001 seconds":   0,
		"2562047 hours":          2562047 * time.Hour,
		"interval 1 millisecond": time.Millisecond,
	} {
		got, err := ParseInterval(in)
		if err != nil || got != want {
			t.Errorf("ParseInterval(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "1", "seconds", "1 parsec", "1 month", "2 years", "-1 second", "-1s",
		"1 second 2", "1..5 seconds", "1e3 seconds", "9999999999999 weeks", "interval", "1 sec"} {
		if got, err := ParseInterval(in); err == nil {
			t.Errorf("ParseInterval(%q) = %v, want an error", in, got)
		}
	}
}
