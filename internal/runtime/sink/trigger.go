package sink

import "fmt"

// CheckContinuous says why a sink of format (a writeStream format: kafka,
// json, csv, console) cannot run with the continuous trigger, or nil when it
// can. The generator applies it to the spec's trigger and the engine to one
// given at run time, so both refuse the same. File sinks commit whole
// batches to their manifest, which records read one at a time do not make;
// Spark's continuous processing refuses them too.
func CheckContinuous(format string) error {
	switch format {
	case "json", "csv":
		return fmt.Errorf("the %s sink does not support the continuous trigger (kafka and console do, as in Spark)", format)
	}
	return nil
}
