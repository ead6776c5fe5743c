package catalog_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/streamc/streamc/internal/compiler/catalog"
)

// binarySymbols are the concrete binary operators of the catalogue's
// rows: each is tried on every pair of atomic types.
var binarySymbols = []string{"+", "-", "*", "/", "%", "div", "=", "<>", "<", ">=", "<=>", "||", "AND", "OR"}

func operatorItem(op string, l, r catalog.Type) string {
	return fmt.Sprintf("%s %s %s", column[l], op, column[r])
}

// acceptedOperators asks the checker about every binary operator on every
// pair of atomic types in mode: what it accepts, and that what it refuses
// is a positioned error.
func acceptedOperators(t *testing.T, mode catalog.Mode) (accepted []string, refused int) {
	t.Helper()
	for _, op := range binarySymbols {
		for _, l := range catalog.Types {
			for _, r := range catalog.Types {
				item := operatorItem(op, l, r)
				_, err := generate(t, "unused", spec(mode.String(), []string{item + " AS x"}))
				switch {
				case err == nil:
					accepted = append(accepted, item)
				case strings.Contains(err.Error(), "pipelines.yaml:"):
					refused++
				default:
					t.Errorf("%s %s: error %v, want a positioned error", mode, item, err)
				}
			}
		}
	}
	return accepted, refused
}

// Every binary operator row of the catalogue names its symbol among
// binarySymbols, so the exhaustive test tries it.
func TestBinaryOperatorsTried(t *testing.T) {
	for _, o := range catalog.Operators() {
		if !o.Binary {
			continue
		}
		found := false
		for _, s := range binarySymbols {
			if s == o.Op {
				found = true
			}
		}
		if !found {
			t.Errorf("operator %s (%s) is not tried on every pair of types", o.Op, o.Syntax)
		}
	}
}
