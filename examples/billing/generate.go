// Package billing is an example streamc project: Confluent Avro invoices from
// Kafka, their line items flattened into JSON files. Copy this folder to start
// your own.
package billing

//go:generate go run github.com/streamc/streamc/gen/cmd/streamc generate -f pipelines.yaml
