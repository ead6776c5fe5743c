package checkpoint

import (
	"bytes"
	"fmt"
	"strconv"
)

// logVersion is the version line every log file of ours starts with; Spark's
// OffsetSeqLog, CommitLog and KafkaSourceInitialOffsetWriter are all at v1.
const logVersion = 1

// splitLines splits a log file into lines as Scala's getLines does: "\n" or
// "\r\n" ends a line, and a final line terminator adds no empty line.
func splitLines(data []byte) [][]byte {
	if len(data) == 0 {
		return nil
	}
	lines := bytes.Split(data, []byte("\n"))
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		lines[i] = bytes.TrimSuffix(l, []byte("\r"))
	}
	return lines
}

// checkVersion validates a "v<N>" line as Spark's validateVersion does.
func checkVersion(line []byte) error {
	s := string(line)
	if len(s) < 2 || s[0] != 'v' {
		return fmt.Errorf("line 1: bad version line %q, want \"v%d\"", s, logVersion)
	}
	n, err := strconv.Atoi(s[1:])
	if err != nil || n <= 0 || s[1] == '+' {
		return fmt.Errorf("line 1: bad version line %q, want \"v%d\"", s, logVersion)
	}
	if n > logVersion {
		return fmt.Errorf("line 1: unsupported version v%d; this streamc reads v%d (written by a newer version?)", n, logVersion)
	}
	return nil
}
