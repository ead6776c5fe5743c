package confluent_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/runtime/confluent"
	"github.com/streamc/streamc/internal/runtime/registry"
	"github.com/streamc/streamc/internal/runtime/wire"
)

// An encoder registers its schema once, then only prefixes the framing;
// what it frames, a decoder reads back.
func TestEncoderRegistersOnceAndFrames(t *testing.T) {
	r := newTestRegistry(t)
	r.register(t, "other-value", `"string"`) // so the schema's id is not 1
	before := r.reg.Requests()
	enc, err := confluent.NewEncoder(context.Background(), r.client, "gps-value", gpsV1, true)
	if err != nil {
		t.Fatal(err)
	}
	if n := r.reg.Requests() - before; n != 1 {
		t.Errorf("%d registry requests to register, want 1", n)
	}
	sv, err := r.reg.Version("gps-value", -1)
	if err != nil || sv.ID != enc.ID || enc.ID != 2 {
		t.Fatalf("registered under gps-value: %+v, %v; encoder id %d", sv, err, enc.ID)
	}
	// A second encoder of the query (another partition's) asks no more.
	if _, err := confluent.NewEncoder(context.Background(), r.client, "gps-value", gpsV1, true); err != nil {
		t.Fatal(err)
	}
	var msgs [][]byte
	for _, rd := range []reading{berlin, {device: "x"}} {
		msg := enc.Header(nil)
		msgs = append(msgs, append(msg, v1Body(rd)...))
	}
	if n := r.reg.Requests() - before; n != 1 {
		t.Errorf("%d registry requests after framing, want 1", n)
	}
	if want := []byte{0, 0, 0, 0, 2}; !bytes.Equal(msgs[0][:5], want) {
		t.Errorf("header % x, want % x", msgs[0][:5], want)
	}
	// Header appends to what dst holds.
	if got := enc.Header([]byte("k")); !bytes.Equal(got, []byte{'k', 0, 0, 0, 0, 2}) {
		t.Errorf("Header(dst): % x", got)
	}
	d := r.decoder(t, false)
	var scratch []byte
	body, err := d.Body(msgs[0], nil, &scratch)
	if err != nil || !bytes.Equal(body, v1Body(berlin)) {
		t.Errorf("decoding what the encoder framed: %x, %v", body, err)
	}
}

// Without auto-registration the encoder looks the schema up: a schema the
// subject lacks is an error naming the subject; once registered, its id.
func TestEncoderLookUp(t *testing.T) {
	r := newTestRegistry(t)
	_, err := confluent.NewEncoder(context.Background(), r.client, "gps-value", gpsV1, false)
	if !errors.Is(err, registry.ErrNotFound) || !strings.Contains(err.Error(), "gps-value") {
		t.Errorf("unregistered: %v", err)
	}
	id := r.register(t, "gps-value", gpsV1)
	enc, err := confluent.NewEncoder(context.Background(), r.client, "gps-value", gpsV1, false)
	if err != nil {
		t.Fatal(err)
	}
	if enc.ID != int(id) || !bytes.Equal(enc.Header(nil), wire.AppendHeader(nil, id)) {
		t.Errorf("looked up: id %d header % x, want id %d", enc.ID, enc.Header(nil), id)
	}
	r.reg.SetDown(true)
	defer r.reg.SetDown(false)
	if _, err := confluent.NewEncoder(context.Background(), r.client, "gps-value", gpsV2, true); !errors.Is(err, registry.ErrUnavailable) || !confluent.Transient(err) {
		t.Errorf("registry down: %v", err)
	}
}

// NewRegistry takes the spec's options with ${VAR} references, and the
// --registry-url flag replaces the spec's URL.
func TestNewRegistry(t *testing.T) {
	t.Setenv("STREAMC_TEST_REGISTRY_USER", "alice:secret")
	c, err := confluent.NewRegistry("", confluent.URLKey, "http://registry.example:8081", "basic.auth.user.info", "${STREAMC_TEST_REGISTRY_USER}")
	if err != nil {
		t.Fatal(err)
	}
	if c.URL() != "http://registry.example:8081" {
		t.Errorf("URL %s", c.URL())
	}
	// Only ${NAME} is a reference: a secret may hold a $.
	if _, err := confluent.NewRegistry("", confluent.URLKey, "http://x", "basic.auth.user.info", "bob:pa$$w$rd"); err != nil {
		t.Errorf("a $ in a secret: %v", err)
	}
	c, err = confluent.NewRegistry("http://127.0.0.1:1", confluent.URLKey, "http://registry.example:8081")
	if err != nil || c.URL() != "http://127.0.0.1:1" {
		t.Errorf("override: %v, %v", c, err)
	}
	if _, err := confluent.NewRegistry("", confluent.URLKey, "http://x", "basic.auth.user.info", "${STREAMC_TEST_UNSET_VARIABLE}"); err == nil ||
		!strings.Contains(err.Error(), "STREAMC_TEST_UNSET_VARIABLE") || !strings.Contains(err.Error(), "basic.auth.user.info") {
		t.Errorf("unset variable: %v", err)
	}
	if _, err := confluent.NewRegistry(""); err == nil || !strings.Contains(err.Error(), "--registry-url") {
		t.Errorf("no URL: %v", err)
	}
	if _, err := confluent.NewRegistry("", confluent.URLKey, "http://x", "no.such.option", "1"); err == nil || !strings.Contains(err.Error(), "no.such.option") {
		t.Errorf("unknown option: %v", err)
	}
}

// NewRegistryOf reads the typed options generated code writes, each as
// the Confluent key its definition names.
func TestNewRegistryOf(t *testing.T) {
	t.Setenv("STREAMC_TEST_REGISTRY_TOKEN", "tok")
	c, err := confluent.NewRegistryOf("", confluent.RegistryOptions{URL: "http://registry.example:8081", BearerToken: "${STREAMC_TEST_REGISTRY_TOKEN}"})
	if err != nil || c.URL() != "http://registry.example:8081" {
		t.Fatalf("%v, %v", c, err)
	}
	// Basic auth and a bearer token together are refused, so both fields
	// reach the client.
	_, err = confluent.NewRegistryOf("", confluent.RegistryOptions{URL: "http://x", BasicAuthUserInfo: "a:b", BearerToken: "t"})
	if err == nil || !strings.Contains(err.Error(), "not both") {
		t.Errorf("basic auth and bearer token: %v", err)
	}
	_, err = confluent.NewRegistryOf("", confluent.RegistryOptions{URL: "http://x", CALocation: filepath.Join(t.TempDir(), "ca.pem")})
	if err == nil || !strings.Contains(err.Error(), "ca.pem") {
		t.Errorf("missing CA file: %v", err)
	}
	if _, err := confluent.NewRegistryOf("", confluent.RegistryOptions{}); err == nil || !strings.Contains(err.Error(), "--registry-url") {
		t.Errorf("no URL: %v", err)
	}
}
