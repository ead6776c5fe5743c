package gen_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// relPath finds relative paths that climb: one or more "..", each followed
// by a slash, then a name.
var relPath = regexp.MustCompile(`(?:\.\./)+[A-Za-z0-9_.-]+`)

// joinedUp finds filepath.Join calls that climb with "..", "..".
var joinedUp = regexp.MustCompile(`filepath\.Join\(((?:\s*"\.\."\s*,)+)`)

// A user's clone has nothing beside it, so no file of the repository may
// name a path outside it: every climbing relative path, resolved from the directory of
// the file that names it (a Go package's tests run there), stays inside
// the repository.
func TestNoPathLeavesTheRepository(t *testing.T) {
	root := moduleRoot(t)
	files := trackedFiles(t, root)
	checked := 0
	for _, rel := range files {
		switch filepath.Ext(rel) {
		case ".go", ".md", ".yaml", ".yml", ".json", ".txtar", ".py", ".sh", "":
		default:
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			if os.IsNotExist(err) {
				continue // deleted in the work tree, not yet in git
			}
			t.Fatal(err)
		}
		checked++
		dir := filepath.Dir(filepath.Join(root, rel))
		for _, m := range relPath.FindAll(data, -1) {
			if escapes(root, dir, string(m)) {
				t.Errorf("%s names %q, which is outside the repository", rel, m)
			}
		}
		for _, m := range joinedUp.FindAllSubmatch(data, -1) {
			ups := strings.Repeat("../", strings.Count(string(m[1]), `".."`))
			if escapes(root, dir, ups+"x") {
				t.Errorf("%s joins %s: a path outside the repository", rel, strings.TrimSpace(string(m[0])))
			}
		}
	}
	if checked < 100 {
		t.Fatalf("checked only %d files: the file list is wrong", checked)
	}
}

func escapes(root, dir, p string) bool {
	abs := filepath.Clean(filepath.Join(dir, p))
	r, err := filepath.Rel(root, abs)
	return err != nil || r == ".." || strings.HasPrefix(r, "../")
}

// trackedFiles lists the repository's files: git's list when there is a
// git checkout, else every file but build outputs.
func trackedFiles(t *testing.T, root string) []string {
	t.Helper()
	cmd := exec.Command("git", "ls-files", "-z")
	cmd.Dir = root
	if out, err := cmd.Output(); err == nil {
		var files []string
		for _, f := range strings.Split(string(out), "\x00") {
			if f != "" {
				files = append(files, f)
			}
		}
		return files
	}
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && p != root && (name == ".git" || name == "bin" || name == "_build") {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
