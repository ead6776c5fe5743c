package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/streamc/streamc/gen"
	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/textdiff"
	"github.com/streamc/streamc/templates"
)

// specFlags are the flags every spec-reading command shares.
type specFlags struct {
	file string
}

func (f *specFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVarP(&f.file, "file", "f", "pipelines.yaml", "the pipelines spec")
}

// load runs the generator for the spec and returns where it lives.
func (f *specFlags) generate(ctx context.Context) (dir string, res *gen.Result, err error) {
	cfg, dir, err := f.config()
	if err != nil {
		return "", nil, err
	}
	res, err = runGenerate(ctx, cfg)
	return dir, res, err
}

// runGenerate is gen.Generate; tests replace it to inject broken output or
// a panic.
var runGenerate = gen.Generate

func (f *specFlags) config() (gen.Config, string, error) {
	abs, err := filepath.Abs(f.file)
	if err != nil {
		return gen.Config{}, "", err
	}
	dir := filepath.Dir(abs)
	mod, err := modulePath(dir)
	if err != nil {
		return gen.Config{}, "", err
	}
	return gen.Config{FS: os.DirFS(dir), SpecFile: filepath.Base(abs), ModulePath: mod}, dir, nil
}

// modulePath finds the import path of dir from the nearest go.mod above it.
// Without a go.mod the output import path must come from go.package.
func modulePath(dir string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			mod := moduleLine(data)
			if mod == "" {
				return "", fmt.Errorf("%s: no module line", filepath.Join(d, "go.mod"))
			}
			rel, err := filepath.Rel(d, dir)
			if err != nil {
				return "", err
			}
			if rel == "." {
				return mod, nil
			}
			return mod + "/" + filepath.ToSlash(rel), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if filepath.Dir(d) == d {
			return "", nil
		}
	}
}

func moduleLine(gomod []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(gomod))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "module" {
			return strings.Trim(fields[1], `"`)
		}
	}
	return ""
}

func newGenerateCmd() *cobra.Command {
	var flags specFlags
	var fetch fetchFlags
	var verbose bool
	cmd := &cobra.Command{
		Use:   "generate",
		Short: "Write the generated code for a pipelines spec",
		Long: `Generate reads the spec and its schemas, checks them, and writes Go code under
the output directory (go.out, default "generated"), which it owns: files it
generated before that are no longer produced are removed.
` + fetchHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if fetch.registryURL != "" && !fetch.fetch {
				return fmt.Errorf("--registry-url is the registry --fetch reads; add --fetch")
			}
			if fetch.fetch {
				abs, err := filepath.Abs(flags.file)
				if err != nil {
					return err
				}
				report := reportTo(cmd.ErrOrStderr(), verbose)
				if err := fetchSchemas(cmd.Context(), filepath.Dir(abs), filepath.Base(abs), fetch.registryURL, report); err != nil {
					return err
				}
			}
			dir, res, err := flags.generate(cmd.Context())
			if err != nil {
				return err
			}
			// Nothing is written unless it compiles.
			if err := gen.TypeCheck(cmd.Context(), dir, res); err != nil {
				return err
			}
			changes, err := plan(dir, res)
			if err != nil {
				return err
			}
			for _, c := range changes {
				if err := c.apply(dir); err != nil {
					return err
				}
				if verbose {
					fmt.Fprintf(cmd.ErrOrStderr(), "%s %s\n", c.verb(), c.path)
				}
			}
			return removeEmptyDirs(filepath.Join(dir, filepath.FromSlash(res.OutDir)))
		},
	}
	flags.register(cmd)
	fetch.register(cmd)
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "print each file written or removed")
	return cmd
}

func newDiffCmd() *cobra.Command {
	var flags specFlags
	cmd := &cobra.Command{
		Use:   "diff",
		Short: "Print what generate would change; exit 1 if anything",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, res, err := flags.generate(cmd.Context())
			if err != nil {
				return err
			}
			changes, err := plan(dir, res)
			if err != nil {
				return err
			}
			for _, c := range changes {
				a, b := c.path, c.path
				if c.old == nil {
					a = "/dev/null"
				}
				if c.remove {
					b = "/dev/null"
				}
				fmt.Fprint(cmd.OutOrStdout(), textdiff.Unified(a, b, c.old, c.new))
			}
			if len(changes) > 0 {
				return &exitError{code: 1}
			}
			return nil
		},
	}
	flags.register(cmd)
	return cmd
}

func newCheckCmd() *cobra.Command {
	var (
		flags  specFlags
		dumpIR bool
	)
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check a pipelines spec and its schemas without writing anything",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, _, err := flags.config()
			if err != nil {
				return err
			}
			checked, err := gen.Load(cmd.Context(), cfg)
			if err != nil || !dumpIR {
				return err
			}
			return ir.Dump(cmd.OutOrStdout(), checked.Queries)
		},
	}
	flags.register(cmd)
	cmd.Flags().BoolVar(&dumpIR, "dump-ir", false, "print the checked queries (the IR the code generator reads) as text")
	return cmd
}

// change is one file to write or remove.
type change struct {
	path     string // relative to the spec, slash-separated
	old, new []byte
	remove   bool
}

func (c change) verb() string {
	switch {
	case c.remove:
		return "removed"
	case c.old == nil:
		return "created"
	}
	return "updated"
}

func (c change) apply(dir string) error {
	p := filepath.Join(dir, filepath.FromSlash(c.path))
	if c.remove {
		return os.Remove(p)
	}
	return writeAtomic(p, c.new)
}

// plan compares the generated files with what is on disk: new and changed
// files, and stale ones — files under the output directory that carry the
// streamc header but are no longer generated. Files without the header are
// the user's and are left alone.
func plan(dir string, res *gen.Result) ([]change, error) {
	var changes []change
	for _, p := range res.Paths() {
		old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		if err == nil && bytes.Equal(old, res.Files[p]) {
			continue
		}
		changes = append(changes, change{path: p, old: old, new: res.Files[p]})
	}
	out := filepath.Join(dir, filepath.FromSlash(res.OutDir))
	var stale []change
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == out {
			return filepath.SkipDir
		}
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if _, ok := res.Files[rel]; ok {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if isGenerated(data) {
			stale = append(stale, change{path: rel, old: data, remove: true})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(stale, func(i, j int) bool { return stale[i].path < stale[j].path })
	return append(changes, stale...), nil
}

// isGenerated reports whether data starts with streamc's header line.
func isGenerated(data []byte) bool {
	return bytes.HasPrefix(data, []byte("// "+templates.Header+"\n"))
}

// writeAtomic writes through a temporary file and a rename, so an interrupted
// generate never leaves a half-written source file.
func writeAtomic(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), p)
}

// removeEmptyDirs deletes directories left empty under out by removals.
func removeEmptyDirs(out string) error {
	var dirs []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == out {
			return filepath.SkipDir
		}
		if err == nil && d.IsDir() && p != out {
			dirs = append(dirs, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	for i := len(dirs) - 1; i >= 0; i-- {
		if entries, err := os.ReadDir(dirs[i]); err == nil && len(entries) == 0 {
			if err := os.Remove(dirs[i]); err != nil {
				return err
			}
		}
	}
	return nil
}
