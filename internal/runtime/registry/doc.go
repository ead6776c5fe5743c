// Package registry is the Confluent Schema Registry client that generated
// programs link: it fetches writer schemas by id or GUID for confluent-avro
// decoders, and registers or looks up schemas for confluent-avro encoders.
//
// A Client is safe for concurrent use; generated programs share one across
// partitions. What the registry says about an id or GUID never changes, so
// those answers are cached for the life of the Client, as are subject
// versions, registrations and look-ups; concurrent callers asking for the
// same thing share one request. Latest is never cached: it exists to see
// new versions.
//
// Requests go to the configured URLs in turn, starting with the last one
// that answered. Network errors, 408, 429 and 5xx answers are retried with
// exponential backoff and jitter (a Retry-After header is honoured); other
// 4xx answers are not. Errors are *Error values that errors.Is matches
// against ErrNotFound (ErrSchemaNotFound for a schema id or GUID),
// ErrUnauthorized, ErrUnavailable and ErrInvalidSchema. A 404 is "not
// found" only when it carries Confluent's error code for what was asked
// (40403 for a schema id); any other 404 (a wrong path, a proxy's page) is
// ErrUnavailable, so a misconfigured URL is never taken for unknown ids.
// Credentials never appear in errors or logs: messages name the user of
// basic auth, never its secret.
//
// The REST API spoken is Confluent's: GET /schemas/ids/{id},
// GET /schemas/guids/{guid} (Confluent Platform 8), GET /subjects,
// GET /subjects/{s}/versions[/{v}|/latest], POST /subjects/{s}/versions
// (register) and POST /subjects/{s} (look up), with subjects escaped as one
// path segment (url.PathEscape), as Confluent's clients send them.
package registry
