package gen

import (
	"io/fs"

	"github.com/streamc/streamc/internal/compiler/schema"
	"github.com/streamc/streamc/internal/compiler/spec"
)

// SetEmitHook makes Emit call f with each file's path; the returned func
// undoes it.
func SetEmitHook(f func(path string)) func() {
	emitHook = f
	return func() { emitHook = nil }
}

// LoadSchemas parses the spec of cfg and reads its schemas, as Load does
// before checking.
func LoadSchemas(cfg Config) (*spec.Spec, map[string]*schema.Schema, error) {
	data, err := fs.ReadFile(cfg.FS, cfg.SpecFile)
	if err != nil {
		return nil, nil, err
	}
	s, err := spec.Parse(cfg.SpecFile, data)
	if err != nil {
		return nil, nil, err
	}
	schemas, err := loadSchemas(cfg, s)
	return s, schemas, err
}
