// Package dev is the development environment `streamc dev` runs: a Kafka
// protocol broker and a Schema Registry in one process, with the topics a
// spec names created up front.
package dev

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/streamc/streamc/internal/devtools/broker"
	"github.com/streamc/streamc/internal/devtools/registry"
)

// Config says where to serve and what to create.
type Config struct {
	// KafkaAddr and RegistryAddr are host:port; port 0 picks a free port.
	KafkaAddr    string
	RegistryAddr string
	// RegistryAuth, as "user:password", makes the registry require basic
	// auth.
	RegistryAuth string
	// Topics are created before Start returns.
	Topics []Topic
	Logger *slog.Logger
}

// Env is a running development environment.
type Env struct {
	Broker   *broker.Broker
	Registry *registry.Server
}

// Start starts the broker and the registry and creates the topics; it
// cleans up what it started if anything fails.
func Start(ctx context.Context, cfg Config) (*Env, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	b, err := broker.Start(broker.Config{
		Addr: cfg.KafkaAddr,
		// A developer's broker behaves like a default Kafka: writing to a
		// new topic creates it.
		AutoCreateTopics: true,
		Logger:           cfg.Logger,
	})
	if err != nil {
		return nil, err
	}
	reg, err := registry.New(registry.Options{BasicAuth: cfg.RegistryAuth, Logger: cfg.Logger})
	if err != nil {
		return nil, errors.Join(err, b.Close())
	}
	srv, err := registry.Serve(cfg.RegistryAddr, reg)
	if err != nil {
		return nil, errors.Join(err, b.Close())
	}
	env := &Env{Broker: b, Registry: srv}
	for _, t := range cfg.Topics {
		if err := b.CreateTopic(ctx, t.Name, t.Partitions); err != nil {
			return nil, errors.Join(err, env.Close(ctx))
		}
		cfg.Logger.Debug("topic created", "topic", t.Name, "partitions", t.Partitions)
	}
	return env, nil
}

// Close stops the registry (letting requests in flight finish until ctx
// ends) and the broker.
func (e *Env) Close(ctx context.Context) error {
	var errs []error
	if err := e.Registry.Shutdown(ctx); err != nil {
		errs = append(errs, fmt.Errorf("schema registry: %w", err))
	}
	if err := e.Broker.Close(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
