// Package avroschema parses Avro schemas (specification 1.11, with the 1.12
// additions that cost nothing) into a tree of nodes that other runtime
// packages interpret at run time, computes the Parsing Canonical Form and its
// fingerprints, and decodes Avro binary data into generic Go values for tests
// and tooling.
//
// It knows no particular schema: generated code compiles its reader schema in,
// while writer schemas arrive from a Schema Registry as text and are parsed
// here. It is also the Avro model of the generator (internal/compiler/schema reads .avsc
// files through ParseSet) and of the dev tools, so that parsing, validating
// and encoding default values has one implementation (AppendDefault,
// CheckDefault).
//
// Parsing follows the specification:
//
//   - primitives, records (and errors), enums, arrays, maps, unions and fixed;
//   - named types with namespaces: a dotted name is a full name, otherwise the
//     name takes the "namespace" attribute or the enclosing namespace; the
//     empty namespace is the null namespace; a reference to a name tries the
//     enclosing namespace first and then the null namespace, as Java does;
//   - references to previously defined names, so recursive records work;
//   - aliases on named types (resolved against the type's namespace) and on
//     fields;
//   - field defaults, validated against the field's type. A union default
//     takes the first branch it is valid for (specification 1.12; under 1.11
//     it had to be the first branch, and such defaults still read the same);
//   - logical types. An invalid or unknown logical type is ignored, as the
//     specification says, and the node reads as its underlying type.
//
// Errors name the place in the schema as a JSON path, such as
// `fields[2].type: unknown type "Foo"`, and carry the byte offset of
// that place in the text (Error.Offset), which the generator turns into
// file:line:col. ParseSet reports every error of every schema, reading on
// past a wrong field, symbol or union branch; Options.Strict adds the
// generator's policy (what Avro accepts but a project's own schema should
// not say), so that the generator has no schema checks of its own.
package avroschema
