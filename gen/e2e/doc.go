// Package e2e tests and measures the invoices app as a user runs it: the
// generated programs (generated/cmd/invoices, invoices-notify,
// invoices-flatten) are built as static executables and run as child
// processes against an in-process Kafka broker, and what they write to
// topic notifications and to the file sink's committed output is compared
// byte for byte with Spark 3.5's output for the same invoices.
//
// The benchmarks compare the generated program with a hand-written
// kafka-go + encoding/json program (baseline/) and with reading the topic
// alone, each run as a child process whose CPU time and peak RSS come from
// its rusage.
package e2e
