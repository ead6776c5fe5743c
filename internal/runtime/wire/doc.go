// Package wire splits and writes Confluent Schema Registry framing, the few
// bytes in front of (or beside) an Avro body that name its writer schema.
//
// Two prefixes exist. The classic one is magic byte 0x00 and the schema id as
// a 4-byte big-endian integer; Confluent's serializers have written it since
// the first release and Spark's from_avro users strip it by hand. Newer
// clients (Java 8.1.1+, .NET, Go, Python and JavaScript 2.13+) also know magic
// byte 0x01 followed by a 16-byte schema GUID, the content identifier the
// registry serves at GET /schemas/guids/{guid}. The GUID's bytes are the
// UUID's most significant 8 bytes then its least significant 8 bytes, both
// big-endian (Java's UUID.getMostSignificantBits/getLeastSignificantBits), so
// the canonical text form reads the bytes in order.
//
// Those clients can also put the schema reference in a record header instead
// of the value: HeaderSchemaIdSerializer adds __value_schema_id (or
// __key_schema_id for keys) holding 0x01 and the GUID, and leaves the payload
// unframed. Their DualSchemaIdDeserializer reads the last such header when it
// is present (accepting either magic byte there) and otherwise the prefix.
// Parse handles the prefix and SchemaRefFromHeader the header value; the
// caller picks the header first, as the dual deserializer does.
//
// Parse checks framing only: a header followed by no body is valid framing,
// and the Avro decoder decides whether an empty body is a datum.
package wire
