// Package registry is an in-memory Schema Registry that speaks Confluent's
// REST API, for `streamc dev` and for tests of Schema Registry clients.
//
// Served: GET /schemas/ids/{id}, /schemas/ids/{id}/versions,
// /schemas/ids/{id}/subjects, /schemas/guids/{guid}, /schemas/types, /subjects,
// /subjects/{s}/versions, /subjects/{s}/versions/{v|latest} (and .../schema),
// /config; POST /subjects/{s}/versions (register) and /subjects/{s} (look
// up); DELETE /subjects/{s} and /subjects/{s}/versions/{v}. Errors are
// Confluent's JSON ({"error_code": 40401, "message": ...}).
//
// Ids are global, as in Confluent's registry: a schema registered under a
// second subject gets the id it already has, so a consumer resolving ids
// sees one schema per id whatever subject it was registered under. Schemas
// are compared by their JSON with whitespace and key order normalised, not
// by Avro's Parsing Canonical Form, which drops defaults, docs and logical
// types that Confluent's registry keeps apart.
//
// Each schema also has a GUID, as in Confluent Platform 8: a UUID made of the
// MD5 of the stored schema text and its references, computed as Confluent's
// MD5.ofSchema does for schemas without metadata or rules. Answers about a
// schema carry it as "guid"; GET /schemas/guids/{guid} resolves it.
package registry

import (
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Schema is a schema as the REST API carries it.
type Schema struct {
	Schema string `json:"schema"`
	// SchemaType is AVRO (also when empty), JSON or PROTOBUF.
	SchemaType string      `json:"schemaType,omitempty"`
	References []Reference `json:"references,omitempty"`
}

// Reference names another subject's version whose named types a schema uses.
type Reference struct {
	Name    string `json:"name"`
	Subject string `json:"subject"`
	Version int    `json:"version"`
}

// Options configure a Registry.
type Options struct {
	// BasicAuth, as "user:password", makes every request need those
	// credentials; empty serves without authentication.
	BasicAuth string
	// BearerToken makes every request need "Authorization: Bearer <token>".
	// With BasicAuth too, either is accepted.
	BearerToken string
	// Logger receives one debug line per request (default: discarded).
	Logger *slog.Logger
}

// Registry holds subjects and schemas in memory and serves them over HTTP
// (it is an http.Handler). It is safe for concurrent use.
type Registry struct {
	user, password string
	auth           bool
	bearer         string
	log            *slog.Logger
	routes         http.Handler

	mu       sync.RWMutex
	byID     map[int]*stored
	byKey    map[string]*stored // by normalised schema, type and references
	byGUID   map[string]*stored
	subjects map[string]*subject

	requests atomic.Int64
	failNext atomic.Int64
	down     atomic.Bool

	throttleMu    sync.Mutex
	throttleNext  int
	throttleAfter time.Duration
}

type stored struct {
	id     int
	guid   string
	schema Schema // Schema.Schema compacted
	key    string // normalised, as byKey holds it
}

// subject is one subject's versions, in registration order. Version numbers
// keep counting after a delete, as Confluent's do.
type subject struct {
	versions []version
	next     int
}

type version struct {
	version int
	id      int
}

// New returns an empty registry.
func New(opts Options) (*Registry, error) {
	r := &Registry{
		log:      opts.Logger,
		byID:     map[int]*stored{},
		byKey:    map[string]*stored{},
		byGUID:   map[string]*stored{},
		subjects: map[string]*subject{},
	}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	if opts.BasicAuth != "" {
		user, password, ok := cutUserInfo(opts.BasicAuth)
		if !ok {
			return nil, fmt.Errorf("registry: basic auth %q: want user:password", redact(opts.BasicAuth))
		}
		r.user, r.password, r.auth = user, password, true
	}
	r.bearer = opts.BearerToken
	r.mux()
	return r, nil
}

// Register adds s under subj, as POST /subjects/{subj}/versions does, and
// returns its id and the subject's version holding it. Registering a schema
// the subject already has returns the existing version.
func (r *Registry) Register(subj string, s Schema) (id, ver int, err error) {
	s, key, err := r.normalise(s)
	if err != nil {
		return 0, 0, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.checkReferences(s.References); err != nil {
		return 0, 0, err
	}
	st := r.byKey[key]
	if st == nil {
		id := len(r.byID) + 1
		for r.byID[id] != nil { // taken by RegisterWithID
			id++
		}
		st = &stored{id: id, guid: guidOf(s), schema: s, key: key}
		r.byID[st.id] = st
		r.byKey[key] = st
		r.byGUID[st.guid] = st
	}
	return st.id, r.addVersion(subj, st), nil
}

// RegisterWithID adds s under subj with a given id, as Confluent's registry
// does in IMPORT mode, so that a test can serve schemas under the ids
// another registry gave them (one schema may then have several ids, as
// under registries that number per subject). The id must be free or hold
// s already. It returns the subject's version holding the id.
func (r *Registry) RegisterWithID(subj string, id int, s Schema) (ver int, err error) {
	if id <= 0 {
		return 0, errInvalidSchema(fmt.Sprintf("schema id %d is not positive", id))
	}
	s, key, err := r.normalise(s)
	if err != nil {
		return 0, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := r.checkReferences(s.References); err != nil {
		return 0, err
	}
	st := r.byID[id]
	switch {
	case st == nil:
		st = &stored{id: id, guid: guidOf(s), schema: s, key: key}
		r.byID[id] = st
		// The first id of a schema stays the one Register and GUIDs find.
		if r.byKey[key] == nil {
			r.byKey[key] = st
		}
		if r.byGUID[st.guid] == nil {
			r.byGUID[st.guid] = st
		}
	case st.key != key:
		return 0, &Error{CodeInvalidSchema, fmt.Sprintf("schema id %d already holds a different schema", id)}
	}
	return r.addVersion(subj, st), nil
}

// addVersion adds st to subj unless the subject has it already, and returns
// the subject's version holding it. It runs under r.mu.
func (r *Registry) addVersion(subj string, st *stored) int {
	sub := r.subjects[subj]
	if sub == nil {
		sub = &subject{next: 1}
		r.subjects[subj] = sub
	}
	for _, v := range sub.versions {
		if v.id == st.id {
			return v.version
		}
	}
	v := version{version: sub.next, id: st.id}
	sub.next++
	sub.versions = append(sub.versions, v)
	r.log.Debug("schema registered", "subject", subj, "version", v.version, "id", st.id)
	return v.version
}

// Lookup finds s among subj's versions, as POST /subjects/{subj} does.
func (r *Registry) Lookup(subj string, s Schema) (SubjectVersion, error) {
	if _, err := r.Versions(subj); err != nil {
		return SubjectVersion{}, err // a missing subject is reported first, as Confluent does
	}
	s, key, err := r.normalise(s)
	if err != nil {
		return SubjectVersion{}, err
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	sub := r.subjects[subj]
	if sub == nil {
		return SubjectVersion{}, errSubjectNotFound(subj)
	}
	// By key rather than by id: with RegisterWithID one schema may have an
	// id per subject.
	for _, v := range sub.versions {
		if r.byID[v.id].key == key {
			return r.subjectVersion(subj, v), nil
		}
	}
	return SubjectVersion{}, errSchemaNotFound()
}

// SchemaByID returns the schema with id.
func (r *Registry) SchemaByID(id int) (Schema, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	st := r.byID[id]
	if st == nil {
		return Schema{}, false
	}
	return st.schema, true
}

// SchemaByGUID returns the schema with guid and its id.
func (r *Registry) SchemaByGUID(guid string) (s Schema, id int, ok bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	st := r.byGUID[guid]
	if st == nil {
		return Schema{}, 0, false
	}
	return st.schema, st.id, true
}

// GUID returns the GUID of the schema with id, or "" if there is none.
func (r *Registry) GUID(id int) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if st := r.byID[id]; st != nil {
		return st.guid
	}
	return ""
}

// SubjectVersion is one version of a subject, as GET
// /subjects/{s}/versions/{v} returns it.
type SubjectVersion struct {
	Subject string `json:"subject"`
	Version int    `json:"version"`
	ID      int    `json:"id"`
	// GUID is omitted where Confluent's answers have none (the id's
	// subject versions).
	GUID string `json:"guid,omitempty"`
	Schema
}

// Version returns version ver of subj; ver -1 is the latest.
func (r *Registry) Version(subj string, ver int) (SubjectVersion, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	sub := r.subjects[subj]
	if sub == nil {
		return SubjectVersion{}, errSubjectNotFound(subj)
	}
	if ver == -1 && len(sub.versions) > 0 {
		return r.subjectVersion(subj, sub.versions[len(sub.versions)-1]), nil
	}
	for _, v := range sub.versions {
		if v.version == ver {
			return r.subjectVersion(subj, v), nil
		}
	}
	return SubjectVersion{}, errVersionNotFound(ver)
}

func (r *Registry) subjectVersion(subj string, v version) SubjectVersion {
	st := r.byID[v.id]
	return SubjectVersion{Subject: subj, Version: v.version, ID: v.id, GUID: st.guid, Schema: st.schema}
}

// Subjects lists the subjects, sorted.
func (r *Registry) Subjects() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]string, 0, len(r.subjects))
	for s := range r.subjects {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Versions lists subj's version numbers in order.
func (r *Registry) Versions(subj string) ([]int, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	sub := r.subjects[subj]
	if sub == nil {
		return nil, errSubjectNotFound(subj)
	}
	out := make([]int, len(sub.versions))
	for i, v := range sub.versions {
		out[i] = v.version
	}
	return out, nil
}

// DeleteSubject removes subj and returns the versions it had. The schemas
// stay readable by id, as in Confluent's registry.
func (r *Registry) DeleteSubject(subj string) ([]int, error) {
	vs, err := r.Versions(subj)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	delete(r.subjects, subj)
	r.mu.Unlock()
	return vs, nil
}

// DeleteVersion removes one version of subj (-1: the latest).
func (r *Registry) DeleteVersion(subj string, ver int) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	sub := r.subjects[subj]
	if sub == nil {
		return 0, errSubjectNotFound(subj)
	}
	i := len(sub.versions) - 1
	if ver != -1 {
		i = slices.IndexFunc(sub.versions, func(v version) bool { return v.version == ver })
	}
	if i < 0 {
		return 0, errVersionNotFound(ver)
	}
	deleted := sub.versions[i].version
	sub.versions = slices.Delete(sub.versions, i, i+1)
	if len(sub.versions) == 0 {
		delete(r.subjects, subj)
	}
	return deleted, nil
}

// subjectsOf lists the subject versions that hold id.
func (r *Registry) subjectsOf(id int) []SubjectVersion {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []SubjectVersion
	for name, sub := range r.subjects {
		for _, v := range sub.versions {
			if v.id == id {
				out = append(out, SubjectVersion{Subject: name, Version: v.version})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Subject != out[j].Subject {
			return out[i].Subject < out[j].Subject
		}
		return out[i].Version < out[j].Version
	})
	return out
}

// checkReferences reports a reference to a subject version that does not
// exist. It runs under r.mu.
func (r *Registry) checkReferences(refs []Reference) error {
	for _, ref := range refs {
		sub := r.subjects[ref.Subject]
		if sub == nil || !slices.ContainsFunc(sub.versions, func(v version) bool { return v.version == ref.Version }) {
			return errInvalidSchema(fmt.Sprintf("reference %q: subject %q has no version %d", ref.Name, ref.Subject, ref.Version))
		}
	}
	return nil
}
