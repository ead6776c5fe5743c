package spec

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInvalid parses each testdata/invalid/*.yaml, named pipelines.yaml as a
// user would see it, and compares the errors with the sibling .err file.
func TestInvalid(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no invalid specs: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, err = Parse("pipelines.yaml", data)
			if err == nil {
				t.Fatal("Parse accepts it")
			}
			golden(t, strings.TrimSuffix(file, ".yaml")+".err", []byte(err.Error()+"\n"))
		})
	}
}
