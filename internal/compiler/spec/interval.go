package spec

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"time"
)

// intervalUnits are the units Spark's interval strings use for triggers.
var intervalUnits = map[string]time.Duration{
	"microsecond": time.Microsecond,
	"millisecond": time.Millisecond,
	"second":      time.Second,
	"minute":      time.Minute,
	"hour":        time.Hour,
	"day":         24 * time.Hour,
	"week":        7 * 24 * time.Hour,
}

// ParseInterval reads a trigger interval as Spark's Trigger.ProcessingTime
// does ("1 second", "10 seconds", "500 milliseconds", "1 minute 30 seconds",
// optionally prefixed by "interval"), or as Go's time.ParseDuration ("1s",
// "500ms", "1m30s"). Case is ignored and a bare "0" is zero. Months and years
// are refused as in Spark, having no fixed length; so are negative intervals.
func ParseInterval(s string) (time.Duration, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if t == "" {
		return 0, fmt.Errorf("empty interval")
	}
	if d, err := time.ParseDuration(t); err == nil {
		if d < 0 {
			return 0, fmt.Errorf("interval %q is negative", s)
		}
		return d, nil
	}
	bad := fmt.Errorf(`invalid interval %q: want e.g. "10 seconds", "500 milliseconds" or "1m30s"`, s)
	if rest, ok := strings.CutPrefix(t, "interval"); ok {
		t = strings.TrimSpace(rest)
	}
	if t == "" {
		return 0, bad
	}
	total := new(big.Rat)
	for t != "" {
		num := strings.TrimLeft(t, "+-0123456789.")
		n, ok := new(big.Rat).SetString(t[:len(t)-len(num)])
		if !ok {
			return 0, bad
		}
		num = strings.TrimLeft(num, " \t")
		rest := strings.TrimLeft(num, "abcdefghijklmnopqrstuvwxyz")
		unit := strings.TrimSuffix(num[:len(num)-len(rest)], "s")
		if unit == "month" || unit == "year" {
			return 0, fmt.Errorf("interval %q: months and years are not allowed (they have no fixed length)", s)
		}
		u, ok := intervalUnits[unit]
		if !ok {
			return 0, bad
		}
		total.Add(total, n.Mul(n, new(big.Rat).SetInt64(int64(u))))
		t = strings.TrimLeft(rest, " \t")
	}
	if total.Sign() < 0 {
		return 0, fmt.Errorf("interval %q is negative", s)
	}
	// Fractions such as "1.5 seconds" are exact; below a nanosecond they are
	// truncated.
	ns, _ := total.Float64()
	if ns > math.MaxInt64 {
		return 0, fmt.Errorf("interval %q is too long", s)
	}
	q := new(big.Int).Quo(total.Num(), total.Denom())
	return time.Duration(q.Int64()), nil
}
