// Package confluent reads and writes Avro values in Confluent's wire format
// (magic byte, schema id, Avro body) against a Schema Registry. A Decoder
// looks each writer schema up once by id, resolves it against the reader
// schema compiled into the program once, and from then on hands the
// generated decoder the datum in the reader's encoding: the message's own
// bytes when the schemas agree, a transcoded copy when they differ. An
// Encoder registers (or looks up) its schema once and prefixes the framing.
//
// Errors fall in two classes. A record's own fault (bad magic byte, unknown
// schema id, a writer schema the reader cannot resolve, a truncated body)
// is a bad record: the query's mode decides between stopping and nulls.
// Trouble reaching the registry is not the record's fault: Transient
// reports it, and the query stops instead of nulling good data.
package confluent
