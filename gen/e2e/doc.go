// Package e2e tests and measures the generated programs as a user runs
// them: they are built as static executables and run as child processes
// against an in-process Kafka broker.
//
// The invoices app (generated/cmd/invoices, invoices-notify,
// invoices-flatten): what it writes to topic notifications and to the file
// sink's committed output is compared byte for byte with Spark 3.5's output
// for the same invoices.
//
// The gps app (generated/cmd/gps, gps-file, gps-console) reads Confluent
// Avro from topic gps against the in-process Schema Registry: readings
// produced with `streamc dev produce` come out as Spark's JSON sink writes
// them, a writer schema registered while a program runs is read without a
// restart, and bad records, incompatible writer schemas and a registry
// outage stop the program with an error that names them.
//
// The benchmarks compare the generated program with a hand-written
// kafka-go + encoding/json program (baseline/) and with reading the topic
// alone, each run as a child process whose CPU time and peak RSS come from
// its rusage.
package e2e
