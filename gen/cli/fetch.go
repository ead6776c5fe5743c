package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/streamc/streamc/internal/compiler/spec"
	"github.com/streamc/streamc/internal/diag"
	"github.com/streamc/streamc/internal/runtime/registry"
)

// fetchFlags are generate's flags for fetching schemas from the registry.
type fetchFlags struct {
	fetch       bool
	registryURL string
}

func (f *fetchFlags) register(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&f.fetch, "fetch", false, "first write the registry's latest version of each schema's subject into its file")
	cmd.Flags().StringVar(&f.registryURL, "registry-url", "", "the registry --fetch reads (default: schemaRegistry.url of the spec)")
}

// fetchHelp is the part of generate's help about --fetch.
const fetchHelp = `
With --fetch it first asks the Schema Registry for the latest version of every
schema that names a subject, the way a PySpark job reads its reader schema
with get_latest_version(topic + "-value"), and writes it, pretty-printed, to
the schema's file; then it generates as usual. In pipelines.yaml:

    schemaRegistry:
      url: http://localhost:8081
      basicAuthUserInfo: ${SR_USER}:${SR_SECRET}   # optional; ${VAR} from the environment
    schemas:
      gps:
        file: schemas/gps.avsc
        subject: gps-value

The file is only rewritten when the schema changed, so committing it keeps
builds reproducible and a schema change shows up in review. Types the schema
references from other subjects are written next to it, one file per type
(<full name>.avsc). --registry-url overrides the spec's URL (for example to
read from "streamc dev"). If any subject cannot be fetched nothing is written.`

// fetched is one file --fetch writes.
type fetched struct {
	path string // relative to the spec, slash-separated
	data []byte
	from string // where it came from, for -v
}

// fetchSchemas writes the latest version of each subject-bearing schema of
// the spec in dir into its file. report receives one line per file.
func fetchSchemas(ctx context.Context, dir, specName, registryURL string, report func(string)) error {
	data, err := os.ReadFile(filepath.Join(dir, specName))
	if err != nil {
		return fmt.Errorf("read spec: %w", err)
	}
	s, err := spec.Parse(specName, data)
	if err != nil {
		return err
	}
	var entries []spec.Entry[spec.SchemaRef]
	for _, e := range s.Schemas {
		if e.Value.Subject.Set {
			entries = append(entries, e)
		}
	}
	if len(entries) == 0 {
		return fmt.Errorf("--fetch: no schema in %s names a subject; add `subject: <topic>-value` next to a schema's file", specName)
	}
	client, err := fetchClient(s, dir, specName, registryURL)
	if err != nil {
		return err
	}

	var errs diag.List
	var files []fetched
	written := map[string]string{} // path -> what it holds, to catch two entries writing one file
	add := func(pos diag.Pos, f fetched) {
		if prev, ok := written[f.path]; ok && prev != f.from {
			errs.Add(pos, "%s would be written twice: with %s and with %s", f.path, prev, f.from)
			return
		}
		if _, ok := written[f.path]; !ok {
			written[f.path] = f.from
			files = append(files, f)
		}
	}
	for _, e := range entries {
		ref := e.Value
		file := path.Clean(ref.File.Value)
		if !strings.HasSuffix(file, ".avsc") {
			errs.Add(ref.File.Pos, "schema %q: a schema fetched from the registry is Avro; its file must be .avsc, not %q", e.Key, ref.File.Value)
			continue
		}
		latest, err := client.Latest(ctx, ref.Subject.Value)
		if err != nil {
			errs.Add(ref.Subject.Pos, "schema %q: %v", e.Key, err)
			continue
		}
		if latest.SchemaType != "AVRO" {
			errs.Add(ref.Subject.Pos, "schema %q: subject %q holds a %s schema; only Avro can be fetched", e.Key, latest.Subject, latest.SchemaType)
			continue
		}
		text, err := prettyJSON(latest.Schema)
		if err != nil {
			errs.Add(ref.Subject.Pos, "schema %q: subject %q version %d: %v", e.Key, latest.Subject, latest.Version, err)
			continue
		}
		add(ref.File.Pos, fetched{path: file, data: text, from: describe(latest)})
		deps, err := references(ctx, client, latest.References, path.Dir(file), map[registry.Reference]bool{})
		if err != nil {
			errs.Add(ref.Subject.Pos, "schema %q: %v", e.Key, err)
			continue
		}
		for _, d := range deps {
			add(ref.Subject.Pos, d)
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		old, err := os.ReadFile(p)
		if err == nil && bytes.Equal(old, f.data) {
			report(fmt.Sprintf("unchanged %s (%s)", f.path, f.from))
			continue
		}
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		if err := writeAtomic(p, f.data); err != nil {
			return fmt.Errorf("write fetched schema: %w", err)
		}
		report(fmt.Sprintf("fetched %s (%s)", f.path, f.from))
	}
	return nil
}

// references fetches the schemas refs name, and theirs, as files in dir
// named after the referenced type, which the .avsc loader parses together
// with the referring schema.
func references(ctx context.Context, client *registry.Client, refs []registry.Reference, dir string, seen map[registry.Reference]bool) ([]fetched, error) {
	var out []fetched
	for _, ref := range refs {
		if seen[ref] {
			continue
		}
		seen[ref] = true
		if ref.Name == "" || strings.ContainsAny(ref.Name, `/\`) || ref.Name == "." || ref.Name == ".." {
			return nil, fmt.Errorf("reference %q to subject %q: the name is not a type name to write a file for", ref.Name, ref.Subject)
		}
		s, err := client.Version(ctx, ref.Subject, ref.Version)
		if err != nil {
			return nil, fmt.Errorf("reference %q: %w", ref.Name, err)
		}
		if s.SchemaType != "AVRO" {
			return nil, fmt.Errorf("reference %q: subject %q version %d holds a %s schema", ref.Name, ref.Subject, ref.Version, s.SchemaType)
		}
		text, err := prettyJSON(s.Schema)
		if err != nil {
			return nil, fmt.Errorf("reference %q: subject %q version %d: %w", ref.Name, ref.Subject, ref.Version, err)
		}
		deeper, err := references(ctx, client, s.References, dir, seen)
		if err != nil {
			return nil, err
		}
		out = append(append(out, deeper...), fetched{path: path.Join(dir, ref.Name+".avsc"), data: text, from: describe(s)})
	}
	return out, nil
}

func describe(s registry.Schema) string {
	return fmt.Sprintf("subject %s version %d, id %d", s.Subject, s.Version, s.ID)
}

// prettyJSON indents a schema's JSON text two spaces, keeping its key order,
// so the same registered schema always gives the same bytes.
func prettyJSON(text string) ([]byte, error) {
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(text), "", "  "); err != nil {
		return nil, fmt.Errorf("the registry's schema is not JSON: %w", err)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// fetchClient is a registry client for the spec's schemaRegistry, its URL
// replaced by registryURL when given.
func fetchClient(s *spec.Spec, dir, specName, registryURL string) (*registry.Client, error) {
	var cfg registry.Config
	r := s.SchemaRegistry
	if r == nil {
		r = &spec.Registry{}
	}
	u := registryURL
	if u == "" {
		u = r.URL.Value
	}
	for part := range strings.SplitSeq(u, ",") {
		if part = strings.TrimSpace(part); part != "" {
			cfg.URLs = append(cfg.URLs, part)
		}
	}
	if len(cfg.URLs) == 0 {
		return nil, fmt.Errorf("--fetch: no registry: set schemaRegistry.url in %s or pass --registry-url", specName)
	}
	var err error
	if cfg.BasicAuthUserInfo, err = expandEnv(r.BasicAuthUserInfo); err != nil {
		return nil, err
	}
	if cfg.BearerToken, err = expandEnv(r.BearerToken); err != nil {
		return nil, err
	}
	if r.CALocation.Value != "" {
		cfg.CAFile = r.CALocation.Value
		if !filepath.IsAbs(cfg.CAFile) {
			cfg.CAFile = filepath.Join(dir, filepath.FromSlash(cfg.CAFile))
		}
	}
	c, err := registry.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("--fetch: %w", err)
	}
	return c, nil
}

// expandEnv replaces each ${NAME} in a spec setting with the environment
// variable NAME; a lone $ is kept, since secrets may contain one. The value
// never appears in errors.
func expandEnv(s spec.Str) (string, error) {
	v := s.Value
	var b strings.Builder
	for {
		i := strings.Index(v, "${")
		if i < 0 {
			b.WriteString(v)
			return b.String(), nil
		}
		j := strings.IndexByte(v[i:], '}')
		if j < 0 {
			return "", diag.Errorf(s.Pos, "unterminated ${ in a setting that expands environment variables")
		}
		name := v[i+2 : i+j]
		val, ok := os.LookupEnv(name)
		if !ok || name == "" {
			return "", diag.Errorf(s.Pos, "environment variable %q is not set", name)
		}
		b.WriteString(v[:i])
		b.WriteString(val)
		v = v[i+j+1:]
	}
}

// reportTo returns a report function writing lines to w when verbose.
func reportTo(w io.Writer, verbose bool) func(string) {
	return func(line string) {
		if verbose {
			fmt.Fprintln(w, line)
		}
	}
}
