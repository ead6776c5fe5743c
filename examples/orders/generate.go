// Package orders is an example streamc project: CSV orders from Kafka to JSON
// files. Copy this folder to start your own.
package orders

//go:generate go run github.com/streamc/streamc/gen/cmd/streamc generate -f pipelines.yaml
