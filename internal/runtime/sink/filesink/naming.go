package filesink

import (
	"strconv"
	"strings"

	"github.com/streamc/streamc/internal/runtime/sink"
)

// partName is the file a task of a batch writes: a function of batch, topic
// and partition only, so that a replay overwrites rather than adds.
func partName(batch int64, task sink.Task, ext string) string {
	b := strconv.FormatInt(batch, 10)
	if len(b) < 5 {
		b = strings.Repeat("0", 5-len(b)) + b
	}
	return "part-" + b + "-" + sanitize(task.Topic) + "-" + strconv.FormatInt(int64(task.Partition), 10) + "." + ext
}

// tempName is where partName is written until its task closes. It is fixed
// (one writer per task at a time), so a replay finds and removes the
// crashed attempt's file without listing the directory.
func tempName(part string) string { return "." + part + ".tmp" }

// sanitize keeps the characters Kafka allows in topic names and replaces
// the rest, so any topic string gives a plain file name.
func sanitize(topic string) string {
	if topic == "" {
		return "_"
	}
	b := []byte(topic)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			b[i] = '_'
		}
	}
	return string(b)
}

// partBatch reads the batch from a part file name partName gave:
// "part-<batch>-<topic>-<partition>.<ext>". Spark's own names,
// "part-<task>-<uuid>-c000.<ext>", do not end in a partition number.
func partBatch(name string) (int64, bool) {
	rest, ok := strings.CutPrefix(name, "part-")
	if !ok {
		return 0, false
	}
	digits, rest, ok := strings.Cut(rest, "-")
	if !ok {
		return 0, false
	}
	dot := strings.LastIndexByte(rest, '.')
	dash := strings.LastIndexByte(rest, '-')
	if dot < 0 || dash < 0 || dash > dot {
		return 0, false
	}
	if _, ok := parseBatchName(rest[dash+1 : dot]); !ok {
		return 0, false
	}
	return parseBatchName(digits)
}

// parseBatchName accepts manifest names: plain non-negative decimals.
// Temporary files and anything else in the manifest directory are ignored.
func parseBatchName(name string) (int64, bool) {
	if name == "" || len(name) > 19 {
		return 0, false
	}
	for i := 0; i < len(name); i++ {
		if name[i] < '0' || name[i] > '9' {
			return 0, false
		}
	}
	id, err := strconv.ParseInt(name, 10, 64)
	return id, err == nil
}
