// Package avroresolve reads Avro data written with one schema as data of
// another, following the specification's "Schema Resolution" rules, by
// transcoding: a Program compiled once per (writer, reader) pair turns a
// datum in the writer's binary encoding into the same datum in the reader's
// binary encoding, which the reader's generated decoder then reads.
//
// Generated code compiles its reader schema in and learns the writer schema
// from the Schema Registry at run time; a Cache builds one Program per writer
// schema id. When the two schemas have the same Parsing Canonical Form the
// Program is the identity and the datum needs no transcoding at all.
//
// The rules, from the specification:
//
//   - Types match when they are the same primitive, or when the writer's
//     type promotes to the reader's: int to long, float or double; long to
//     float or double; float to double; string to bytes and bytes to string.
//   - Records, enums and fixed match when their unqualified names are equal
//     or the reader lists the writer's full name among its aliases; fixed
//     sizes must be equal; decimal logical types must agree on precision and
//     scale.
//   - Record fields match by name or by the reader field's aliases, in any
//     order. Writer fields the reader lacks are skipped; reader fields the
//     writer lacks take their default, and a reader field with no default
//     makes the schemas incompatible.
//   - An enum symbol the reader lacks reads as the reader's enum default; with
//     no default it is an error when such a datum is read, not before.
//   - A writer union resolves each branch on its own; a branch the reader
//     cannot take is an error only when a datum uses it. A reader union takes
//     a non-union writer type in its first branch of the same type (for named
//     types the exact full name first), else its first branch the writer type
//     promotes to.
//
// Transcoded arrays and maps keep the writer's blocking, one output block per
// input block (always with a positive count), since Avro allows any blocking.
// Parts of the datum that need no change are copied as raw bytes after being
// checked, so identical subtrees cost a scan and a copy.
//
// Transcode never panics and checks the whole datum, copied parts included:
// malformed input, bytes after the datum, records nested deeper than
// avroschema.MaxDepth, and output beyond 16 times the input plus MaxGrowth
// (defaults can make a datum grow) are errors.
//
// The canonical form leaves logical types out, so two decimals of different
// scale have the same one; Compile still rejects that pair, so callers that
// go by the canonical form alone should ask a Program (Identity) instead.
package avroresolve
