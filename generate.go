// Package streamc compiles Spark-Structured-Streaming-style Kafka pipelines
// into small static Go programs. The repo's own pipelines are compiled by:
package streamc

//go:generate go run ./gen/cmd/streamc generate -f pipelines.yaml
