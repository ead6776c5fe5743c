package queryrt

import (
	"strings"

	"github.com/streamc/streamc/internal/runtime/sqlfn"
)

// DatePatternCache keeps the last compiled datetime pattern of a function
// whose format argument is not constant.
type DatePatternCache struct {
	src string
	p   *sqlfn.DatePattern
}

// Get returns pattern compiled, reusing the previous one.
func (c *DatePatternCache) Get(pattern string) (*sqlfn.DatePattern, error) {
	if c.p != nil && c.src == pattern {
		return c.p, nil
	}
	p, err := sqlfn.CompileDatePattern(pattern)
	if err != nil {
		return nil, err
	}
	c.src, c.p = strings.Clone(pattern), p
	return p, nil
}
