// Package checkpoint manages one query's checkpoint directory, laid out and
// encoded as Spark 3.5 (Scala 2.12 build) lays out and encodes its own, so
// that the files can be read by people and by Spark's tools alike:
//
//	<dir>/
//	  .lock          flock(2)ed by the running query; holds its pid (ours, not Spark's)
//	  metadata       {"id":"<uuid v4>"}                       (StreamMetadata)
//	  offsets/N      planned end offsets of batch N           (OffsetSeqLog)
//	  commits/N      batch N finished, sinks committed        (CommitLog)
//	  sources/0/0    start offsets of the Kafka source        (KafkaSourceInitialOffsetWriter)
//
// Formats (no file ends with a newline, as in Spark; readers accept one):
//
//	metadata     {"id":"5314beeb-6026-485b-947a-cb088a9c9bac"}
//
//	offsets/N    v1
//	             {"batchWatermarkMs":0,"batchTimestampMs":1700000000000,"conf":{"k":"v"}}
//	             {"invoices":{"2":10,"1":5,"0":7}}
//
//	commits/N    v1
//	             {"nextBatchWatermarkMs":0}
//
//	sources/0/0  \x00v1
//	             {"invoices":{"2":0,"1":0,"0":0}}
//
// The third line of offsets/N is the one source's offsets; Spark writes one
// such line per source, and a file with any other count is rejected. The
// leading NUL byte of sources/0/0 is Spark's (SPARK-19517).
//
// Key order. Spark writes the Kafka offsets JSON (JsonUtils.partitionOffsets)
// by inserting sorted (topic, partition) pairs into Scala 2.12
// mutable.HashMaps and serialising them in iteration order; this package
// reproduces that order exactly (see scalaorder.go), so for 3 partitions a
// topic reads {"2":..,"1":..,"0":..}. Scala 2.13 builds of Spark iterate in
// another order; JSON readers must not rely on either. The "conf" object is an
// immutable Scala Map in Spark (hash order); here its keys are sorted.
// Strings are escaped as Jackson does (only '"', '\\' and control characters).
//
// Durability. Every file is written to a temporary file in the same
// directory (".<name>.<random>.tmp"), fsynced, renamed over its final name,
// and the directory is fsynced; a reader therefore sees the old file or the
// new one, never a part. Temporary files left by a crash are ignored when
// reading and removed by Open (which holds the lock, so no writer is live).
// Files whose names are not decimal batch ids (Spark's ".N.crc" checksum
// files, editors' backups) are ignored.
//
// Corruption is never mistaken for a fresh start: a file that exists but
// cannot be parsed (bad version line, bad JSON, missing line, wrong number of
// sources) gives a *CorruptError naming the file, and errors.Is(err,
// ErrCorrupt) holds. Only a missing offsets/ entry means "no batch yet".
//
// Retention. After WriteCommit(N), offsets/i and commits/i with
// i < N-Keep+1 are removed (Spark's minBatchesToRetain, 100 by default), so
// the latest committed batch and every later (uncommitted) batch stay. Batch
// ids need not be contiguous: gaps left by pruning or by hand are tolerated.
//
// Locking. Open takes an exclusive, non-blocking flock on <dir>/.lock and
// keeps it until Close; the kernel drops it when the process dies, even by
// SIGKILL, so no stale lock survives a crash. The lock file itself is never
// removed (removing a flocked file lets two processes lock different inodes).
//
// Scale-out. Offsets are kept per (topic, partition) and nothing in a file is
// aggregated across partitions, so the progress of any subset of partitions
// can be cut out of a file or merged into another without loss
// (PartitionOffsets.Filter and Merge). When several instances of a query
// share the partitions of a topic as a consumer group, each instance keeps
// its own checkpoint directory holding only the partitions it owns; the
// query's progress is the Merge of all of them, and a partition that moves
// between instances carries its offset across by Filter + Merge.
package checkpoint
