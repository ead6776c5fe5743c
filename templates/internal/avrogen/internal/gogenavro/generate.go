// Package gogenavro is gogen-avro's own generated code for the schemas the
// Avro codec benchmarks use (the repo's GPS reading and the billing example's
// invoice), so templates/internal/avrogen's benchmarks compare with it on the same
// schema and bytes. Its files come from gogen-avro's command, unedited.
package gogenavro

//go:generate go run github.com/actgardner/gogen-avro/v10/cmd/gogen-avro -package gogenavro -sources-comment=false . ../../../../../schemas/gps.avsc ../../../../../examples/billing/schemas/invoice.avsc
