package produce

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/segmentio/kafka-go"

	"github.com/streamc/streamc/internal/devtools/avrojson"
)

// encoder turns one line into one record.
type encoder struct {
	keyField string
	avro     *avrojson.Schema // nil for raw values
	schemaID int
}

func newEncoder(ctx context.Context, opts *Options) (*encoder, error) {
	e := &encoder{keyField: opts.KeyField}
	switch opts.Format {
	case "", FormatRaw:
		return e, nil
	case FormatConfluentAvro:
	default:
		return nil, fmt.Errorf("produce: unknown format %q (want %s or %s)", opts.Format, FormatRaw, FormatConfluentAvro)
	}
	if len(opts.Schema) == 0 {
		return nil, errors.New("produce: confluent-avro needs a schema")
	}
	if opts.RegistryURL == "" {
		return nil, errors.New("produce: confluent-avro needs a registry URL")
	}
	s, err := avrojson.Parse(opts.Schema)
	if err != nil {
		return nil, fmt.Errorf("produce: schema: %w", err)
	}
	subject := opts.Subject
	if subject == "" {
		subject = opts.Topic + "-value"
	}
	id, err := register(ctx, opts.RegistryURL, opts.RegistryAuth, subject, opts.Schema)
	if err != nil {
		return nil, err
	}
	opts.Logger.Info("schema registered", "subject", subject, "id", id)
	e.avro, e.schemaID = s, id
	return e, nil
}

func (e *encoder) message(line []byte) (kafka.Message, error) {
	var m kafka.Message
	if e.keyField != "" {
		k, err := keyOf(line, e.keyField)
		if err != nil {
			return m, err
		}
		m.Key = k
	}
	if e.avro == nil {
		m.Value = line
		return m, nil
	}
	// Confluent's framing: magic byte 0, then the id big-endian.
	v := binary.BigEndian.AppendUint32([]byte{0}, uint32(e.schemaID))
	v, err := e.avro.EncodeJSON(v, line)
	if err != nil {
		return m, err
	}
	m.Value = v
	return m, nil
}

// keyOf returns the key field of a JSON object line: a string's text, other
// values' JSON text, nil when null or absent.
func keyOf(line []byte, field string) ([]byte, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil {
		return nil, fmt.Errorf("key field %q: the line is not a JSON object: %w", field, err)
	}
	raw, ok := obj[field]
	if !ok || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		return []byte(s), nil
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
