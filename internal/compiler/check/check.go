package check

import (
	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/compiler/spec"
	"github.com/streamc/streamc/internal/diag"
	"github.com/streamc/streamc/internal/runtime/confluent"
)

// Check resolves and type-checks every query of s. schemas maps the spec's
// schema names to their loaded types. Every problem is reported, as a
// *diag.List of positioned errors; the Result is nil when there is any.
func Check(s *spec.Spec, schemas map[string]*schema.Schema) (*Result, error) {
	c := &checker{spec: s, schemas: ownSchemas(schemas)}
	res := &Result{Schemas: map[string]*schema.Type{}}
	for name, sc := range c.schemas {
		if sc != nil {
			res.Schemas[name] = sc.Type
		}
	}
	if s == nil {
		return res, nil
	}
	for _, app := range s.Apps {
		a := &App{Name: app.Key}
		for _, q := range app.Value.Queries {
			a.Queries = append(a.Queries, c.query(app.Key, q.Key, q.KeyPos, &q.Value))
		}
		res.Apps = append(res.Apps, a)
	}
	if err := c.errs.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

// checker holds what one Check run shares: the spec, its schemas and the
// errors found so far.
type checker struct {
	spec    *spec.Spec
	schemas map[string]*schema.Schema
	errs    diag.List
	// partial is set once a step of the current query failed: its
	// relation may miss columns, so unknown names are not reported again.
	partial bool
}

func (c *checker) errorf(pos diag.Pos, format string, args ...any) {
	c.errs.Add(pos, format, args...)
}

// query checks one query: source, steps, sink.
func (c *checker) query(app, name string, pos diag.Pos, sq *spec.Query) *Query {
	q := &Query{
		App:      app,
		Name:     name,
		Pos:      pos,
		ANSI:     c.spec.Semantics.Value == "spark4",
		TimeZone: "UTC",
	}
	if tz := c.spec.SessionTimeZone; tz.Set && tz.Value != "" {
		q.TimeZone = tz.Value
	}
	q.Source = c.source(&sq.ReadStream)
	cols := q.Source.Columns
	c.partial = false
	for _, st := range sq.Transform {
		before := c.errs.Len()
		steps, out := c.step(q, st, cols)
		c.partial = c.partial || c.errs.Len() > before
		q.Steps = append(q.Steps, steps...)
		cols = out
	}
	q.Steps = fuse(q.Steps)
	q.Output = outputColumns(q.Steps, q.Source.Columns)
	q.Sink = c.sink(q, &sq.WriteStream)
	q.Registry = c.registry(q)
	q.RegistryConfig = registryConfig(q.Registry)
	return q
}

// registry gives a query that reads or writes confluent-avro its Schema
// Registry options; spec checked that the spec has a registry then.
func (c *checker) registry(q *Query) []Option {
	uses := false
	for _, d := range []*Decode{q.Source.Key, q.Source.Value} {
		uses = uses || (d != nil && d.Format == "confluent-avro")
	}
	if q.Sink != nil {
		uses = uses || q.Sink.Encodes("confluent-avro")
	}
	r := c.spec.SchemaRegistry
	if !uses || r == nil {
		return nil
	}
	opts := []Option{{Key: "schema.registry.url", Value: r.URL.Value}}
	if r.BasicAuthUserInfo.Set {
		opts = append(opts, Option{Key: "basic.auth.user.info", Value: r.BasicAuthUserInfo.Value})
	}
	if r.BearerToken.Set {
		opts = append(opts, Option{Key: "bearer.auth.token", Value: r.BearerToken.Value})
	}
	if r.CALocation.Set {
		opts = append(opts, Option{Key: "schema.registry.ssl.truststore.location", Value: r.CALocation.Value})
	}
	return opts
}

// registryConfig is opts (Confluent's names) as the runtime's typed
// registry options, through their one definition.
func registryConfig(opts []Option) *confluent.RegistryOptions {
	if opts == nil {
		return nil
	}
	o := &confluent.RegistryOptions{}
	for _, e := range opts {
		for _, def := range confluent.RegistryOptionDefs {
			if def.Key == e.Key {
				*def.Field(o) = e.Value
			}
		}
	}
	return o
}

// outputColumns is the relation after the last step: the last Project's
// columns (the same values), or the source's when no step projects.
func outputColumns(steps []Step, source []*Column) []*Column {
	for i := len(steps) - 1; i >= 0; i-- {
		if p, ok := steps[i].(*Project); ok {
			return p.Columns
		}
	}
	return source
}
