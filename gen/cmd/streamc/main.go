// Command streamc compiles Spark-style Kafka streaming pipelines
// (pipelines.yaml) into Go programs. See `streamc help`.
package main

import (
	"os"

	"github.com/streamc/streamc/gen/cli"
)

func main() {
	os.Exit(cli.Do(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
