package confluent

import (
	"context"
	"fmt"

	"github.com/streamc/streamc/internal/runtime/registry"
	"github.com/streamc/streamc/internal/runtime/wire"
)

// Encoder prefixes Avro bodies with the framing of one schema, registered
// (or looked up) once under its subject.
type Encoder struct {
	header []byte
	// ID is the schema's id in the registry.
	ID int
}

// NewEncoder finds schema's id under subject: it registers the schema when
// register is set (what Confluent's serializers do by default), and only
// looks it up otherwise (auto.register.schemas=false).
func NewEncoder(ctx context.Context, reg *registry.Client, subject, schema string, register bool) (*Encoder, error) {
	var id int
	if register {
		var err error
		if id, err = reg.Register(ctx, subject, schema); err != nil {
			return nil, fmt.Errorf("register the output schema under subject %s: %w", subject, err)
		}
	} else {
		s, err := reg.Lookup(ctx, subject, schema)
		if err != nil {
			return nil, fmt.Errorf("look up the output schema under subject %s: %w", subject, err)
		}
		id = s.ID
	}
	return &Encoder{header: wire.AppendHeader(nil, uint32(id)), ID: id}, nil
}

// Header appends the framing (magic byte and schema id) to dst; the Avro
// body follows it.
func (e *Encoder) Header(dst []byte) []byte { return append(dst, e.header...) }
