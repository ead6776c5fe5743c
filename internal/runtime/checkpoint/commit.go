package checkpoint

import (
	"errors"
	"fmt"
)

// encodeCommit writes a CommitLog entry. We have no watermark, so
// nextBatchWatermarkMs is always 0, as Spark writes it for such queries.
func encodeCommit() []byte {
	return fmt.Appendf(nil, "v%d\n{\"nextBatchWatermarkMs\":0}", logVersion)
}

type commitMetadata struct {
	NextBatchWatermarkMs int64 `json:"nextBatchWatermarkMs"`
}

// parseCommit validates a commits/N file. Spark reads a file of the version
// line alone as {}; we call it truncated, since nobody writes it so.
func parseCommit(data []byte) error {
	lines := splitLines(data)
	if len(lines) == 0 {
		return errors.New("empty file")
	}
	if err := checkVersion(lines[0]); err != nil {
		return err
	}
	if len(lines) < 2 {
		return errors.New("missing metadata line (line 2)")
	}
	if _, err := parseObject[commitMetadata](lines[1]); err != nil {
		return fmt.Errorf("line 2: %w", err)
	}
	if len(lines) > 2 {
		return fmt.Errorf("unexpected line 3 (a commit has 2 lines)")
	}
	return nil
}
