package registry

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Sentinels that errors.Is matches against an *Error.
var (
	// ErrNotFound: the registry has no such schema id, GUID, subject or
	// version (HTTP 404 with Confluent's error code for it; a 404 without
	// is ErrUnavailable).
	ErrNotFound = errors.New("registry: not found")
	// ErrSchemaNotFound: the registry answered that it has no such schema
	// (HTTP 404 with Confluent's error code 40403): for an id or GUID, no
	// schema has it; for a look-up, the subject lacks the schema. Of all
	// failed answers to a schema id, only this one is the fault of the
	// record naming the id. It is also ErrNotFound.
	ErrSchemaNotFound = errors.New("registry: schema not found")
	// ErrUnauthorized: the registry rejected the credentials, or needs some
	// and none are configured (HTTP 401 or 403).
	ErrUnauthorized = errors.New("registry: unauthorized")
	// ErrUnavailable: no configured URL answered usefully within the
	// retries (network errors, 408, 429, 5xx), or one failed in a way no
	// retry mends (its certificate did not verify, its answer was not the
	// registry's JSON). It is trouble with the registry, not with what was
	// asked for.
	ErrUnavailable = errors.New("registry: unavailable")
	// ErrInvalidSchema: the registry refused a schema as invalid (error
	// code 42201).
	ErrInvalidSchema = errors.New("registry: invalid schema")
)

// Confluent's error codes this package tells apart.
const (
	CodeSubjectNotFound = 40401
	CodeVersionNotFound = 40402
	CodeSchemaNotFound  = 40403
	CodeInvalidSchema   = 42201
)

type errorKind int

const (
	kindOther errorKind = iota
	kindNotFound
	kindUnauthorized
	kindUnavailable
)

// Error is a failed registry request.
type Error struct {
	// Status is the HTTP status of the (last) answer; 0 when none came.
	Status int
	// Code is Confluent's error_code (40401, 40403, 42201, ...); 0 when the
	// answer carried none.
	Code int
	// Message is the registry's own message, or the network error.
	Message string
	// URL is the base URL of the registry that answered, or of every one
	// tried when none did. It never holds credentials.
	URL string
	// Request is the method and path, e.g. "GET /schemas/ids/7".
	Request string
	// Attempts is how many requests were made.
	Attempts int
	// Err is the last failure when the registry stayed unavailable.
	Err error

	kind errorKind
	what string // what was not found, e.g. `schema id 7`
	cred string // whose credentials were rejected, e.g. `user "alice"`
}

func (e *Error) Error() string {
	switch e.kind {
	case kindNotFound:
		return fmt.Sprintf("%s not found in registry %s%s", e.what, e.URL, e.detail())
	case kindUnauthorized:
		if e.cred == "" {
			return fmt.Sprintf("registry %s requires credentials and none are configured (%s: HTTP %d%s)", e.URL, e.Request, e.Status, e.detail())
		}
		return fmt.Sprintf("registry %s rejected the credentials of %s (%s: HTTP %d%s)", e.URL, e.cred, e.Request, e.Status, e.detail())
	case kindUnavailable:
		if e.Attempts == 1 {
			return fmt.Sprintf("registry %s unavailable: %v", e.URL, e.Err)
		}
		return fmt.Sprintf("registry %s unavailable after %d attempts: %v", e.URL, e.Attempts, e.Err)
	}
	return fmt.Sprintf("registry %s: %s: HTTP %d%s", e.URL, e.Request, e.Status, e.detail())
}

// detail is the registry's code and message, in parentheses or after a
// colon, or "".
func (e *Error) detail() string {
	switch {
	case e.Message == "":
		return ""
	case e.Code != 0 && e.kind == kindNotFound:
		return fmt.Sprintf(" (error %d: %s)", e.Code, e.Message)
	case e.kind == kindNotFound:
		return fmt.Sprintf(" (%s)", e.Message)
	case e.Code != 0:
		return fmt.Sprintf(" error %d: %s", e.Code, e.Message)
	}
	return ": " + e.Message
}

// Is matches the sentinels.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.kind == kindNotFound
	case ErrSchemaNotFound:
		return e.kind == kindNotFound && e.Code == CodeSchemaNotFound
	case ErrUnauthorized:
		return e.kind == kindUnauthorized
	case ErrUnavailable:
		return e.kind == kindUnavailable
	case ErrInvalidSchema:
		return e.Code == CodeInvalidSchema
	}
	return false
}

// Unwrap returns the last failure of an unavailable registry.
func (e *Error) Unwrap() error { return e.Err }

// statusFailure is one answer that was not a success, as retries report it.
type statusFailure struct {
	request string
	status  int
	code    int
	message string
}

func (f *statusFailure) Error() string {
	s := fmt.Sprintf("%s: HTTP %d", f.request, f.status)
	if f.code != 0 {
		s += fmt.Sprintf(" error %d", f.code)
	}
	if f.message != "" {
		s += ": " + f.message
	}
	return s
}

// retriable reports whether an answer with status may succeed if asked
// again, as Confluent's clients judge it.
func retriable(status int) bool {
	return status == http.StatusRequestTimeout || status == http.StatusTooManyRequests || status >= 500
}

// errorBody extracts Confluent's {"error_code", "message"} from an error
// answer; a body that is not that JSON (a proxy's HTML page, a plain-text
// 401) becomes the message, shortened.
func errorBody(data []byte, decode func([]byte, any) error) (code int, message string) {
	var body struct {
		Code    int    `json:"error_code"`
		Message string `json:"message"`
	}
	if decode(data, &body) == nil && (body.Code != 0 || body.Message != "") {
		return body.Code, body.Message
	}
	text := strings.Join(strings.Fields(string(data)), " ")
	if len(text) > 200 {
		text = text[:200] + "..."
	}
	return 0, text
}
