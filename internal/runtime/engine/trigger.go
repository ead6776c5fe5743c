package engine

import (
	"fmt"
	"strings"
	"time"
)

// TriggerKind is how a query decides when to run.
type TriggerKind int

const (
	// ProcessingTimeTrigger runs micro-batches at a fixed interval (0: each
	// as soon as the previous one ends and data is there).
	ProcessingTimeTrigger TriggerKind = iota
	// AvailableNowTrigger processes what is in Kafka at start, in batches
	// capped by maxOffsetsPerTrigger, then ends the query successfully.
	AvailableNowTrigger
	// ContinuousTrigger reads and writes record by record with long-lived
	// readers, checkpointing offsets every Interval (at-least-once).
	ContinuousTrigger
)

// Trigger is a query trigger, as Spark's Trigger.ProcessingTime,
// Trigger.AvailableNow and Trigger.Continuous.
type Trigger struct {
	Kind     TriggerKind
	Interval time.Duration
}

// ProcessingTime is Spark's Trigger.ProcessingTime(interval).
func ProcessingTime(interval time.Duration) Trigger {
	return Trigger{Kind: ProcessingTimeTrigger, Interval: interval}
}

// AvailableNow is Spark's Trigger.AvailableNow().
func AvailableNow() Trigger { return Trigger{Kind: AvailableNowTrigger} }

// Continuous is Spark's Trigger.Continuous(checkpointInterval); zero means
// one second.
func Continuous(checkpointInterval time.Duration) Trigger {
	if checkpointInterval <= 0 {
		checkpointInterval = time.Second
	}
	return Trigger{Kind: ContinuousTrigger, Interval: checkpointInterval}
}

func (t Trigger) String() string {
	switch t.Kind {
	case AvailableNowTrigger:
		return "available-now"
	case ContinuousTrigger:
		return "continuous=" + t.Interval.String()
	default:
		return "processing-time=" + t.Interval.String()
	}
}

// kindName is the trigger's kind as --trigger names it.
func (t Trigger) kindName() string {
	name, _, _ := strings.Cut(t.String(), "=")
	return name
}

// ParseTrigger reads the --trigger flag: processing-time=1s (or
// processing-time for 0), available-now, continuous (1s) or continuous=500ms.
func ParseTrigger(s string) (Trigger, error) {
	kind, arg, hasArg := strings.Cut(strings.TrimSpace(s), "=")
	var d time.Duration
	if hasArg {
		var err error
		if d, err = time.ParseDuration(strings.TrimSpace(arg)); err != nil || d < 0 {
			return Trigger{}, fmt.Errorf("trigger %q: %q is not a duration such as 500ms or 10s", s, arg)
		}
	}
	switch strings.ToLower(strings.TrimSpace(kind)) {
	case "processing-time", "processingtime":
		return ProcessingTime(d), nil
	case "available-now", "availablenow":
		if hasArg {
			return Trigger{}, fmt.Errorf("trigger %q: available-now takes no interval", s)
		}
		return AvailableNow(), nil
	case "continuous":
		if hasArg && d == 0 {
			return Trigger{}, fmt.Errorf("trigger %q: the checkpoint interval must be positive", s)
		}
		return Continuous(d), nil
	}
	return Trigger{}, fmt.Errorf("trigger %q: want processing-time=INTERVAL, available-now or continuous[=INTERVAL]", s)
}
