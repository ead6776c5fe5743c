package registry

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Schema is a schema as the registry describes it. Fields the answer did
// not carry are zero: a schema fetched by id has no Subject or Version, one
// fetched by GUID may have no ID, and GUID is empty before Confluent 8.
type Schema struct {
	ID      int
	GUID    string
	Subject string
	Version int
	// SchemaType is AVRO, JSON or PROTOBUF ("AVRO" when the registry
	// leaves it out, as it does for Avro).
	SchemaType string
	// Schema is the schema's text as the registry stores it.
	Schema     string
	References []Reference
}

// Reference names another subject's version whose named types a schema
// uses.
type Reference struct {
	Name    string `json:"name"`
	Subject string `json:"subject"`
	Version int    `json:"version"`
}

// wireSchema is Schema as the REST API carries it.
type wireSchema struct {
	Subject    string      `json:"subject,omitempty"`
	Version    int         `json:"version,omitempty"`
	ID         int         `json:"id,omitempty"`
	GUID       string      `json:"guid,omitempty"`
	SchemaType string      `json:"schemaType,omitempty"`
	Schema     string      `json:"schema"`
	References []Reference `json:"references,omitempty"`
}

func (w wireSchema) schema() Schema {
	t := w.SchemaType
	if t == "" {
		t = "AVRO"
	}
	return Schema{ID: w.ID, GUID: w.GUID, Subject: w.Subject, Version: w.Version, SchemaType: t, Schema: w.Schema, References: w.References}
}

// Client talks to one Schema Registry (through one or more URLs). It is
// safe for concurrent use.
type Client struct {
	bases      []string // base URLs without credentials or trailing slash
	display    string   // bases, comma-separated, for messages
	auth       string   // Authorization header value, or ""
	cred       string   // whose credentials auth carries, for messages
	http       *http.Client
	timeout    time.Duration
	maxRetries int
	backoff    time.Duration
	maxBackoff time.Duration
	log        *slog.Logger
	preferred  atomic.Int32 // index of the base that answered last

	byID       memo[int, Schema]
	byGUID     memo[string, Schema]
	byVersion  memo[subjectVersion, Schema]
	registered memo[string, int]
	lookedUp   memo[string, Schema]
}

type subjectVersion struct {
	subject string
	version int
}

// New returns a client for cfg. It checks the configuration and reads TLS
// files but makes no request.
func New(cfg Config) (*Client, error) {
	if len(cfg.URLs) == 0 {
		return nil, errors.New("registry: no URL configured")
	}
	c := &Client{
		timeout:    cfg.Timeout,
		maxRetries: cfg.MaxRetries,
		backoff:    cfg.Backoff,
		maxBackoff: cfg.MaxBackoff,
		log:        cfg.Logger,
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	switch {
	case c.maxRetries == 0:
		c.maxRetries = DefaultMaxRetries
	case c.maxRetries < 0:
		c.maxRetries = 0
	}
	if c.backoff <= 0 {
		c.backoff = DefaultBackoff
	}
	if c.maxBackoff <= 0 {
		c.maxBackoff = DefaultMaxBackoff
	}
	c.maxBackoff = max(c.maxBackoff, c.backoff)
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}

	userInfo := cfg.BasicAuthUserInfo
	for _, raw := range cfg.URLs {
		u, err := url.Parse(strings.TrimSpace(raw))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("registry: URL %q: want http(s)://host[:port][/path]", redactURL(raw))
		}
		if u.User != nil {
			// Credentials in the URL are Confluent's
			// basic.auth.credentials.source=URL; explicit ones win.
			if userInfo == "" && cfg.BearerToken == "" {
				password, _ := u.User.Password()
				userInfo = u.User.Username() + ":" + password
			}
			u.User = nil
		}
		u.RawQuery, u.Fragment = "", ""
		c.bases = append(c.bases, strings.TrimRight(u.String(), "/"))
	}
	c.display = strings.Join(c.bases, ",")

	switch {
	case userInfo != "" && cfg.BearerToken != "":
		return nil, errors.New("registry: basic auth and a bearer token both configured; give one")
	case userInfo != "":
		user, _, ok := strings.Cut(userInfo, ":")
		if !ok || user == "" {
			return nil, errors.New("registry: basic auth user info must be user:secret")
		}
		c.auth = "Basic " + base64.StdEncoding.EncodeToString([]byte(userInfo))
		c.cred = fmt.Sprintf("user %q", user)
	case cfg.BearerToken != "":
		c.auth = "Bearer " + cfg.BearerToken
		c.cred = "the bearer token"
	}

	var err error
	if c.http, err = httpClient(cfg); err != nil {
		return nil, err
	}
	return c, nil
}

// URL is the registry's base URLs, comma-separated, without credentials.
func (c *Client) URL() string { return c.display }

// SchemaByID returns the schema with a global id, as a Confluent-framed
// record names it (GET /schemas/ids/{id}). Answers are cached for good.
func (c *Client) SchemaByID(ctx context.Context, id int) (Schema, error) {
	return c.byID.get(ctx, id, func(ctx context.Context) (Schema, error) {
		var w wireSchema
		r := request{method: http.MethodGet, path: "/schemas/ids/" + strconv.Itoa(id), what: func(code int) string {
			return whenCode(code, CodeSchemaNotFound, fmt.Sprintf("schema id %d", id))
		}}
		if err := c.do(ctx, r, &w); err != nil {
			return Schema{}, err
		}
		s := w.schema()
		s.ID = id
		if s.GUID != "" {
			c.byGUID.put(s.GUID, s)
		}
		return s, nil
	})
}

// SchemaByGUID returns the schema with a GUID, as newer Confluent
// serializers put in a record header (GET /schemas/guids/{guid}, Confluent
// Platform 8 and later). Answers are cached for good.
func (c *Client) SchemaByGUID(ctx context.Context, guid string) (Schema, error) {
	return c.byGUID.get(ctx, guid, func(ctx context.Context) (Schema, error) {
		var w wireSchema
		r := request{method: http.MethodGet, path: "/schemas/guids/" + url.PathEscape(guid), what: func(code int) string {
			return whenCode(code, CodeSchemaNotFound, "schema guid "+guid)
		}}
		if err := c.do(ctx, r, &w); err != nil {
			return Schema{}, err
		}
		s := w.schema()
		s.GUID = guid
		s.Subject, s.Version = "", 0
		return s, nil
	})
}

// Latest returns the newest version of subject
// (GET /subjects/{subject}/versions/latest). It is not cached, so that a
// new version is seen; what it learns primes the id and version caches.
func (c *Client) Latest(ctx context.Context, subject string) (Schema, error) {
	var w wireSchema
	r := request{method: http.MethodGet, path: subjectPath(subject) + "/versions/latest", what: func(code int) string {
		if code == CodeSubjectNotFound {
			return fmt.Sprintf("subject %q", subject)
		}
		return whenCode(code, CodeVersionNotFound, fmt.Sprintf("latest version of subject %q", subject))
	}}
	if err := c.do(ctx, r, &w); err != nil {
		return Schema{}, err
	}
	s := w.schema()
	c.learn(s)
	return s, nil
}

// Version returns version (1 or more) of subject
// (GET /subjects/{subject}/versions/{version}). Answers are cached.
func (c *Client) Version(ctx context.Context, subject string, version int) (Schema, error) {
	if version < 1 {
		return Schema{}, fmt.Errorf("registry: version %d of subject %q: versions count from 1 (use Latest for the newest)", version, subject)
	}
	return c.byVersion.get(ctx, subjectVersion{subject, version}, func(ctx context.Context) (Schema, error) {
		var w wireSchema
		r := request{method: http.MethodGet, path: subjectPath(subject) + "/versions/" + strconv.Itoa(version), what: func(code int) string {
			if code == CodeSubjectNotFound {
				return fmt.Sprintf("subject %q", subject)
			}
			return whenCode(code, CodeVersionNotFound, fmt.Sprintf("version %d of subject %q", version, subject))
		}}
		if err := c.do(ctx, r, &w); err != nil {
			return Schema{}, err
		}
		s := w.schema()
		c.learnID(s)
		return s, nil
	})
}

// Versions lists the version numbers of subject, oldest first
// (GET /subjects/{subject}/versions). Not cached.
func (c *Client) Versions(ctx context.Context, subject string) ([]int, error) {
	var vs []int
	r := request{method: http.MethodGet, path: subjectPath(subject) + "/versions", what: func(code int) string {
		return whenCode(code, CodeSubjectNotFound, fmt.Sprintf("subject %q", subject))
	}}
	if err := c.do(ctx, r, &vs); err != nil {
		return nil, err
	}
	return vs, nil
}

// Subjects lists the registry's subjects (GET /subjects). Not cached.
func (c *Client) Subjects(ctx context.Context) ([]string, error) {
	var ss []string
	if err := c.do(ctx, request{method: http.MethodGet, path: "/subjects"}, &ss); err != nil {
		return nil, err
	}
	return ss, nil
}

// Register registers an Avro schema under subject
// (POST /subjects/{subject}/versions) and returns its global id; a schema
// the subject already has keeps its id. Answers are cached by subject and
// schema text.
func (c *Client) Register(ctx context.Context, subject, schema string) (int, error) {
	return c.RegisterSchema(ctx, subject, Schema{Schema: schema})
}

// RegisterSchema is Register for a schema of any type, with references.
func (c *Client) RegisterSchema(ctx context.Context, subject string, s Schema) (int, error) {
	body, key, err := schemaBody(subject, s)
	if err != nil {
		return 0, err
	}
	return c.registered.get(ctx, key, func(ctx context.Context) (int, error) {
		var out struct {
			ID int `json:"id"`
		}
		r := request{method: http.MethodPost, path: subjectPath(subject) + "/versions", body: body, what: func(code int) string {
			return whenCode(code, CodeSubjectNotFound, fmt.Sprintf("subject %q", subject))
		}}
		if err := c.do(ctx, r, &out); err != nil {
			return 0, err
		}
		return out.ID, nil
	})
}

// Lookup finds an Avro schema among subject's versions (POST
// /subjects/{subject}) and returns it with its id and version; a schema the
// subject does not have is ErrNotFound. Answers are cached by subject and
// schema text.
func (c *Client) Lookup(ctx context.Context, subject, schema string) (Schema, error) {
	return c.LookupSchema(ctx, subject, Schema{Schema: schema})
}

// LookupSchema is Lookup for a schema of any type, with references.
func (c *Client) LookupSchema(ctx context.Context, subject string, s Schema) (Schema, error) {
	body, key, err := schemaBody(subject, s)
	if err != nil {
		return Schema{}, err
	}
	return c.lookedUp.get(ctx, key, func(ctx context.Context) (Schema, error) {
		var w wireSchema
		r := request{method: http.MethodPost, path: subjectPath(subject), body: body, what: func(code int) string {
			if code == CodeSubjectNotFound {
				return fmt.Sprintf("subject %q", subject)
			}
			return whenCode(code, CodeSchemaNotFound, fmt.Sprintf("schema under subject %q", subject))
		}}
		if err := c.do(ctx, r, &w); err != nil {
			return Schema{}, err
		}
		got := w.schema()
		if got.Subject == "" {
			got.Subject = subject
		}
		c.learn(got)
		return got, nil
	})
}

// learn caches what an answer about a subject version says.
func (c *Client) learn(s Schema) {
	if s.Subject != "" && s.Version > 0 {
		c.byVersion.put(subjectVersion{s.Subject, s.Version}, s)
	}
	c.learnID(s)
}

// learnID caches s by its id and GUID, without the subject and version,
// which an id does not determine.
func (c *Client) learnID(s Schema) {
	s.Subject, s.Version = "", 0
	if s.ID > 0 {
		c.byID.put(s.ID, s)
	}
	if s.GUID != "" {
		c.byGUID.put(s.GUID, s)
	}
}

// whenCode is what when code is want, else "": the 404 is not the
// registry's "not found" for the request.
func whenCode(code, want int, what string) string {
	if code != want {
		return ""
	}
	return what
}

// subjectPath is /subjects/{subject} with the subject one escaped path
// segment, so a subject holding "/" or spaces reaches the registry whole.
func subjectPath(subject string) string { return "/subjects/" + url.PathEscape(subject) }

// schemaBody is the register / look-up request body for s, and the cache key
// for it under subject.
func schemaBody(subject string, s Schema) (body []byte, key string, err error) {
	if s.Schema == "" {
		return nil, "", fmt.Errorf("registry: subject %q: empty schema", subject)
	}
	t := strings.ToUpper(s.SchemaType)
	if t == "" {
		t = "AVRO"
	}
	body, err = json.Marshal(wireSchema{Schema: s.Schema, SchemaType: t, References: s.References})
	if err != nil {
		return nil, "", fmt.Errorf("registry: subject %q: %w", subject, err)
	}
	return body, subject + "\x00" + string(body), nil
}
