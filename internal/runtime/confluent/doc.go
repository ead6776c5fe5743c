// Package confluent reads and writes Avro values in Confluent's wire format
// (magic byte, schema id, Avro body) against a Schema Registry. A Decoder
// looks each writer schema up once by id, resolves it against the reader
// schema compiled into the program once, and from then on hands the
// generated decoder the datum in the reader's encoding: the message's own
// bytes when the schemas agree, a transcoded copy when they differ. An
// Encoder registers (or looks up) its schema once and prefixes the framing.
//
// Errors fall in two classes. A record's own fault (bad magic byte, a
// schema id the registry answers it does not have, a writer schema the
// reader cannot resolve, a truncated body) is a bad record: the query's
// mode decides between stopping and nulls, and Decode reports unknown
// schema ids (a warning per id, a count per record) so nulls are never
// silent. Any other failed registry request (an outage, rejected
// credentials, a wrong URL answering 404 without Confluent's error code, an
// answer that is not the registry's JSON) is not the record's fault:
// Transient reports it, and the query stops instead of nulling good data.
package confluent
