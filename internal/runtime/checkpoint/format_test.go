package checkpoint

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Spark's own files, byte for byte (Spark 3.5, Scala 2.12).
func TestGoldenFiles(t *testing.T) {
	d := openTemp(t, Options{})
	seq := OffsetSeq{
		BatchTimestampMs: 1700000000123,
		Offsets:          PartitionOffsets{"invoices": {0: 7, 1: 5, 2: 10}},
		Conf: map[string]string{
			"spark.sql.streaming.multipleWatermarkPolicy": "min",
			"spark.sql.shuffle.partitions":                "200",
		},
	}
	if err := d.WriteOffsets(0, seq); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteCommit(0); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteInitialOffsets(PartitionOffsets{"invoices": {0: 0, 1: 0, 2: 0}}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ file, want string }{
		{"offsets/0", "v1\n" +
			`{"batchWatermarkMs":0,"batchTimestampMs":1700000000123,"conf":{"spark.sql.shuffle.partitions":"200","spark.sql.streaming.multipleWatermarkPolicy":"min"}}` + "\n" +
			`{"invoices":{"2":10,"1":5,"0":7}}`},
		{"commits/0", "v1\n" + `{"nextBatchWatermarkMs":0}`},
		{"sources/0/0", "\x00v1\n" + `{"invoices":{"2":0,"1":0,"0":0}}`},
		{"metadata", `{"id":"` + d.QueryID() + `"}`},
	} {
		got, err := os.ReadFile(filepath.Join(d.Path(), tc.file))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.file, got, tc.want)
		}
	}
	if id := d.QueryID(); len(id) != 36 || id[14] != '4' || !strings.Contains("89ab", id[19:20]) {
		t.Errorf("query id %q is not a version 4 UUID", id)
	}
}

func TestGoldenEmptyConfAndOffsets(t *testing.T) {
	got := string(encodeOffsetSeq(OffsetSeq{}))
	want := "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":0,\"conf\":{}}\n{}"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// Key orders observed in checkpoints Spark wrote (sorted insertion into Scala
// 2.12 mutable.HashMaps), including an 18-partition topic whose buckets hold
// two partitions each and a 28-partition one that resizes the table twice.
func TestSparkPartitionOrder(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{
		{1, `{"t":{"0":0}}`},
		{2, `{"t":{"1":1,"0":0}}`},
		{3, `{"t":{"2":2,"1":1,"0":0}}`},
		{4, `{"t":{"2":2,"1":1,"3":3,"0":0}}`},
		{6, `{"t":{"2":2,"5":5,"4":4,"1":1,"3":3,"0":0}}`},
		{9, `{"t":{"8":8,"2":2,"5":5,"4":4,"7":7,"1":1,"3":3,"6":6,"0":0}}`},
		{18, `{"t":{"17":17,"8":8,"11":11,"2":2,"5":5,"14":14,"13":13,"4":4,"16":16,"7":7,"1":1,"10":10,"9":9,"3":3,"12":12,"15":15,"6":6,"0":0}}`},
	} {
		parts := map[int32]int64{}
		for i := range tc.n {
			parts[int32(i)] = int64(i)
		}
		var b bytes.Buffer
		appendPartitionOffsets(&b, PartitionOffsets{"t": parts})
		if b.String() != tc.want {
			t.Errorf("%d partitions:\n got %s\nwant %s", tc.n, b.String(), tc.want)
		}
	}
}

// Spark 2.1's OffsetSeqLogSuite fixture inserted partitions unsorted, so only
// the bucket layout (not the order inside a bucket) can be compared: every
// key must land in the same sequence of buckets.
func TestSparkBucketLayout(t *testing.T) {
	// kafka-topic2 of offset-log-version-2.1.0, 27 partitions.
	spark := []int32{23, 17, 8, 26, 11, 2, 20, 5, 14, 4, 13, 22, 16, 7, 25, 10, 1, 19, 9, 18, 12, 21, 3, 15, 6, 24, 0}
	hashes := make([]int32, len(spark))
	for i := range hashes {
		hashes[i] = int32(i)
	}
	var ours []int32
	for _, i := range scalaHashOrder(hashes) {
		ours = append(ours, hashes[i])
	}
	bucket := func(k int32) uint32 { return scalaImprove(k, 4) >> (32 - 6) } // 64 buckets
	for i := range spark {
		if bucket(spark[i]) != bucket(ours[i]) {
			t.Fatalf("position %d: spark has %d (bucket %d), we have %d (bucket %d)\nours %v",
				i, spark[i], bucket(spark[i]), ours[i], bucket(ours[i]), ours)
		}
	}
}

func TestTopicOrderAndEscaping(t *testing.T) {
	var b bytes.Buffer
	appendPartitionOffsets(&b, PartitionOffsets{"b": {0: 1}, "a": {0: 2}, "c\"\n\x01": {}})
	// "a", "b" and the odd topic land in buckets 7, 13 and 15 of 16, and
	// iteration runs from the last bucket down.
	want := `{"c\"\n\u0001":{},"b":{"0":1},"a":{"0":2}}`
	if b.String() != want {
		t.Errorf("got %s, want %s", b.String(), want)
	}
	if javaStringHash("invoices") != 636625638 || javaStringHash("\U0001F600") != 1772899 {
		t.Errorf("javaStringHash: %d %d", javaStringHash("invoices"), javaStringHash("\U0001F600"))
	}
}
