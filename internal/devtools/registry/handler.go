package registry

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// ContentType is what the registry answers with, as Confluent's does.
const ContentType = "application/vnd.schemaregistry.v1+json"

// maxBody bounds a request body; real schemas are kilobytes.
const maxBody = 8 << 20

// ServeHTTP answers one REST request.
func (r *Registry) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.requests.Add(1)
	r.log.Debug("request", "method", req.Method, "path", req.URL.Path)
	if r.unavailable() {
		writeError(w, &Error{CodeUnavailable, "Schema Registry unavailable (simulated outage)"})
		return
	}
	if wait, ok := r.throttled(); ok {
		w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
		writeError(w, &Error{CodeTooManyRequests, "Too many requests (simulated rate limit)"})
		return
	}
	if !r.authorized(req) {
		w.Header().Set("WWW-Authenticate", r.challenge())
		writeError(w, &Error{CodeUnauthorized, "Unauthorized"})
		return
	}
	r.routes.ServeHTTP(w, req)
}

// mux builds the routes. Go's pattern wildcards match one escaped path
// segment and unescape it, so a subject may hold any character.
func (r *Registry) mux() {
	m := http.NewServeMux()
	m.HandleFunc("GET /{$}", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, map[string]any{}) })
	m.HandleFunc("GET /schemas/types", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, []string{"AVRO", "JSON", "PROTOBUF"})
	})
	m.HandleFunc("GET /schemas/ids/{id}", r.getSchemaByID)
	m.HandleFunc("GET /schemas/ids/{id}/schema", r.getRawSchemaByID)
	m.HandleFunc("GET /schemas/ids/{id}/versions", r.getIDVersions)
	m.HandleFunc("GET /schemas/ids/{id}/subjects", r.getIDSubjects)
	m.HandleFunc("GET /schemas/guids/{guid}", r.getSchemaByGUID)
	m.HandleFunc("GET /subjects", func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, r.Subjects()) })
	m.HandleFunc("GET /subjects/{subject}/versions", r.getVersions)
	m.HandleFunc("GET /subjects/{subject}/versions/{version}", r.getVersion)
	m.HandleFunc("GET /subjects/{subject}/versions/{version}/schema", r.getRawVersion)
	m.HandleFunc("POST /subjects/{subject}/versions", r.postVersion)
	m.HandleFunc("POST /subjects/{subject}", r.postLookup)
	m.HandleFunc("DELETE /subjects/{subject}", r.deleteSubject)
	m.HandleFunc("DELETE /subjects/{subject}/versions/{version}", r.deleteVersion)
	// Compatibility is not checked, and the config says so.
	m.HandleFunc("GET /config", r.getConfig)
	m.HandleFunc("GET /config/{subject}", r.getConfig)
	m.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, &Error{404, "HTTP 404 Not Found"})
	})
	r.routes = m
}

// schemaWithGUID is a schema as GET /schemas/ids/{id} and
// /schemas/guids/{guid} answer it.
type schemaWithGUID struct {
	Schema
	GUID string `json:"guid"`
}

func (r *Registry) getSchemaByID(w http.ResponseWriter, req *http.Request) {
	s, err := r.schemaByIDParam(req)
	if err != nil {
		writeError(w, err)
		return
	}
	id, _ := strconv.Atoi(req.PathValue("id"))
	writeJSON(w, schemaWithGUID{s, r.GUID(id)})
}

func (r *Registry) getSchemaByGUID(w http.ResponseWriter, req *http.Request) {
	guid := req.PathValue("guid")
	s, _, ok := r.SchemaByGUID(guid)
	if !ok {
		writeError(w, errSchemaNotFound())
		return
	}
	writeJSON(w, schemaWithGUID{s, guid})
}

func (r *Registry) getRawSchemaByID(w http.ResponseWriter, req *http.Request) {
	s, err := r.schemaByIDParam(req)
	if err != nil {
		writeError(w, err)
		return
	}
	writeRaw(w, s.Schema)
}

func (r *Registry) getIDVersions(w http.ResponseWriter, req *http.Request) {
	id, err := r.idParam(req)
	if err != nil {
		writeError(w, err)
		return
	}
	type sv struct {
		Subject string `json:"subject"`
		Version int    `json:"version"`
	}
	out := []sv{}
	for _, v := range r.subjectsOf(id) {
		out = append(out, sv{v.Subject, v.Version})
	}
	writeJSON(w, out)
}

func (r *Registry) getIDSubjects(w http.ResponseWriter, req *http.Request) {
	id, err := r.idParam(req)
	if err != nil {
		writeError(w, err)
		return
	}
	out := []string{}
	for _, v := range r.subjectsOf(id) {
		if len(out) == 0 || out[len(out)-1] != v.Subject {
			out = append(out, v.Subject)
		}
	}
	writeJSON(w, out)
}

func (r *Registry) getVersions(w http.ResponseWriter, req *http.Request) {
	vs, err := r.Versions(req.PathValue("subject"))
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, vs)
}

func (r *Registry) getVersion(w http.ResponseWriter, req *http.Request) {
	sv, err := r.versionParam(req)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, sv)
}

func (r *Registry) getRawVersion(w http.ResponseWriter, req *http.Request) {
	sv, err := r.versionParam(req)
	if err != nil {
		writeError(w, err)
		return
	}
	writeRaw(w, sv.Schema.Schema)
}

func (r *Registry) postVersion(w http.ResponseWriter, req *http.Request) {
	s, err := readSchema(req)
	if err != nil {
		writeError(w, err)
		return
	}
	id, _, err := r.Register(req.PathValue("subject"), s)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, map[string]int{"id": id})
}

func (r *Registry) postLookup(w http.ResponseWriter, req *http.Request) {
	s, err := readSchema(req)
	if err != nil {
		writeError(w, err)
		return
	}
	sv, err := r.Lookup(req.PathValue("subject"), s)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, sv)
}

func (r *Registry) deleteSubject(w http.ResponseWriter, req *http.Request) {
	vs, err := r.DeleteSubject(req.PathValue("subject"))
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, vs)
}

func (r *Registry) deleteVersion(w http.ResponseWriter, req *http.Request) {
	v, err := parseVersion(req.PathValue("version"))
	if err != nil {
		writeError(w, err)
		return
	}
	deleted, err := r.DeleteVersion(req.PathValue("subject"), v)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, deleted)
}

func (r *Registry) getConfig(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, map[string]string{"compatibilityLevel": "NONE"})
}

func (r *Registry) idParam(req *http.Request) (int, error) {
	id, err := strconv.Atoi(req.PathValue("id"))
	if err != nil {
		return 0, errSchemaIDNotFound(0)
	}
	if _, ok := r.SchemaByID(id); !ok {
		return 0, errSchemaIDNotFound(id)
	}
	return id, nil
}

func (r *Registry) schemaByIDParam(req *http.Request) (Schema, error) {
	id, err := r.idParam(req)
	if err != nil {
		return Schema{}, err
	}
	s, _ := r.SchemaByID(id)
	return s, nil
}

func (r *Registry) versionParam(req *http.Request) (SubjectVersion, error) {
	v, err := parseVersion(req.PathValue("version"))
	if err != nil {
		return SubjectVersion{}, err
	}
	return r.Version(req.PathValue("subject"), v)
}

// parseVersion reads a version path segment: a positive number, "latest"
// or -1 (both the latest).
func parseVersion(s string) (int, error) {
	if s == "latest" || s == "-1" {
		return -1, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 1 {
		return 0, errInvalidVersion(s)
	}
	return v, nil
}

// readSchema decodes a register or look-up body. Unknown fields are
// ignored, as Confluent's registry ignores "metadata" and "ruleSet" when
// it does not use them.
func readSchema(req *http.Request) (Schema, error) {
	data, err := io.ReadAll(io.LimitReader(req.Body, maxBody+1))
	if err != nil {
		return Schema{}, &Error{500, "reading the request: " + err.Error()}
	}
	if len(data) > maxBody {
		return Schema{}, &Error{413, "request body too large"}
	}
	var s Schema
	if err := json.Unmarshal(data, &s); err != nil {
		return Schema{}, &Error{400, "Unrecognized request body: " + err.Error()}
	}
	if s.Schema == "" {
		return Schema{}, errInvalidSchema("empty schema")
	}
	return s, nil
}

func writeJSON(w http.ResponseWriter, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		writeError(w, &Error{500, err.Error()})
		return
	}
	w.Header().Set("Content-Type", ContentType)
	w.Write(data)
}

// writeRaw answers with the schema text itself, as the .../schema
// endpoints do.
func writeRaw(w http.ResponseWriter, schema string) {
	w.Header().Set("Content-Type", ContentType)
	io.WriteString(w, schema)
}

func writeError(w http.ResponseWriter, err error) {
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{500, fmt.Sprint(err)}
	}
	data, _ := json.Marshal(e)
	w.Header().Set("Content-Type", ContentType)
	w.WriteHeader(e.Status())
	w.Write(data)
}
