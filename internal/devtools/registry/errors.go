package registry

import "fmt"

// Error is a Schema Registry error: Code is Confluent's error_code, whose
// first three digits are the HTTP status.
type Error struct {
	Code    int    `json:"error_code"`
	Message string `json:"message"`
}

func (e *Error) Error() string { return fmt.Sprintf("schema registry error %d: %s", e.Code, e.Message) }

// Status is the HTTP status for the error.
func (e *Error) Status() int {
	s := e.Code
	for s >= 1000 {
		s /= 10
	}
	return s
}

// Confluent's codes.
const (
	CodeSubjectNotFound = 40401
	CodeVersionNotFound = 40402
	CodeSchemaNotFound  = 40403
	CodeInvalidSchema   = 42201
	CodeInvalidVersion  = 42202
	CodeUnauthorized    = 401
	// CodeTooManyRequests answers requests while throttled; clients look at
	// the HTTP status (429) and Retry-After.
	CodeTooManyRequests = 429
	// CodeUnavailable answers requests during a simulated outage. Confluent
	// has no such code; it is in the 5xx range clients retry.
	CodeUnavailable = 50301
)

func errSubjectNotFound(s string) *Error {
	return &Error{CodeSubjectNotFound, fmt.Sprintf("Subject '%s' not found.", s)}
}

func errVersionNotFound(v int) *Error {
	return &Error{CodeVersionNotFound, fmt.Sprintf("Version %d not found.", v)}
}

func errSchemaNotFound() *Error { return &Error{CodeSchemaNotFound, "Schema not found"} }

func errSchemaIDNotFound(id int) *Error {
	return &Error{CodeSchemaNotFound, fmt.Sprintf("Schema %d not found", id)}
}

func errInvalidSchema(why string) *Error {
	return &Error{CodeInvalidSchema, "Invalid schema: " + why}
}

func errInvalidVersion(v string) *Error {
	return &Error{CodeInvalidVersion, fmt.Sprintf("The specified version '%s' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"", v)}
}
