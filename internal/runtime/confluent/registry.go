package confluent

import (
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/streamc/streamc/internal/runtime/registry"
)

// URLKey is the registry option holding its URL.
const URLKey = "schema.registry.url"

// RegistryOptions are the spec's schemaRegistry settings as typed values:
// the generator writes them into the generated code as a literal. Values
// may hold ${NAME} references, expanded where the program runs.
type RegistryOptions struct {
	URL, BasicAuthUserInfo, BearerToken, CALocation string
}

// RegistryOption is the one definition of a schemaRegistry setting: its
// spec name, the Confluent client key it stands for, what it does, and its
// field. The generator resolves and documents the spec's with it.
type RegistryOption struct {
	Name, Key, Doc string
	Field          func(o *RegistryOptions) *string
}

// RegistryOptionDefs are the schemaRegistry settings, in the spec's order.
var RegistryOptionDefs = []RegistryOption{
	{"url", URLKey, "the registry's URL", func(o *RegistryOptions) *string { return &o.URL }},
	{"basicAuthUserInfo", "basic.auth.user.info", "user:secret for basic auth", func(o *RegistryOptions) *string { return &o.BasicAuthUserInfo }},
	{"bearerToken", "bearer.auth.token", "the bearer token", func(o *RegistryOptions) *string { return &o.BearerToken }},
	{"caLocation", "schema.registry.ssl.truststore.location", "a PEM file of CA certificates", func(o *RegistryOptions) *string { return &o.CALocation }},
}

// NewRegistryOf makes the registry client of a query from its typed
// options, as NewRegistry does from their Confluent names.
func NewRegistryOf(urlOverride string, o RegistryOptions) (*registry.Client, error) {
	var kv []string
	for _, def := range RegistryOptionDefs {
		if v := *def.Field(&o); v != "" {
			kv = append(kv, def.Key, v)
		}
	}
	return NewRegistry(urlOverride, kv...)
}

// NewRegistry makes the registry client of a query from the spec's options
// (Confluent's names, given as key, value, ... pairs). Values may refer to
// environment variables as ${NAME}, so secrets stay out of the spec and the
// binary; a variable that is not set is an error naming it. A non-empty
// urlOverride (the --registry-url flag) replaces the spec's URL.
func NewRegistry(urlOverride string, kv ...string) (*registry.Client, error) {
	opts := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		v, err := expand(kv[i+1])
		if err != nil {
			return nil, fmt.Errorf("schema registry option %s: %w", kv[i], err)
		}
		opts[kv[i]] = v
	}
	if urlOverride != "" {
		opts[URLKey] = urlOverride
	}
	if strings.TrimSpace(opts[URLKey]) == "" {
		return nil, fmt.Errorf("no schema registry URL: set schemaRegistry.url in the spec or pass --registry-url")
	}
	cfg, err := registry.ConfigFromOptions(opts)
	if err != nil {
		return nil, err
	}
	return registry.New(cfg)
}

// expand replaces each ${NAME} with the environment variable's value; any
// other $ is kept, so a secret may contain one.
func expand(s string) (string, error) {
	var missing []string
	out := envRef.ReplaceAllStringFunc(s, func(ref string) string {
		name := ref[2 : len(ref)-1]
		v, ok := os.LookupEnv(name)
		if !ok {
			missing = append(missing, name)
		}
		return v
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("environment variable %s is not set", strings.Join(missing, ", "))
	}
	return out, nil
}

// envRef is a ${NAME} reference.
var envRef = regexp.MustCompile(`\$\{[A-Za-z_][A-Za-z0-9_]*\}`)
