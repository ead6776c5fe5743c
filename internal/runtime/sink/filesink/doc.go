// Package filesink is an exactly-once file sink for JSON lines and CSV, like
// Spark's FileStreamSink: part files per task, and a manifest log, in
// Spark's own format and place, written last, that says which files make up
// the committed output. Spark (spark.read on the directory, or a file
// stream source) and other readers of _spark_metadata see only committed
// files.
//
// Layout of an output directory:
//
//	<path>/
//	  part-00005-invoices-0.json      batch 5's rows from topic invoices, partition 0
//	  .part-00006-invoices-1.json.tmp being written (not yet a part file)
//	  _spark_metadata/
//	    0 ... 8                       one log file per batch, written after its files
//	    9.compact                     every tenth: the files of batches 0-9
//	    10 ... 18, 19.compact, 20 ...
//
// A part file's name depends only on the batch id, the source topic (bytes
// outside [A-Za-z0-9._-] become '_') and the partition, so a batch replayed
// after a crash rewrites the same names rather than adding files. Tasks
// without rows write no file. Each file is written under a temporary name,
// fsynced and renamed when its task closes; Commit fsyncs the directory and
// then writes the batch's log file atomically (temporary file, fsync,
// rename, fsync of _spark_metadata), so the log only ever lists complete
// files.
//
// The log is Spark's FileStreamSinkLog (CompactibleFileStreamLog): a log
// file is the line "v1", then one SinkFileStatus per file as JSON, no final
// newline; a batch without rows has "v1" alone. Paths are absolute file:
// URIs, as Hadoop's Path.toUri writes them (percent-encoded where
// java.net.URI requires), blockSize and blockReplication those Hadoop's
// local file system reports:
//
//	v1
//	{"path":"file:///data/out/part-00005-invoices-0.json","size":2048,"isDir":false,"modificationTime":1715239773186,"blockReplication":1,"blockSize":33554432,"action":"add"}
//
// Every CompactInterval-th batch (spark.sql.streaming.fileSink.log.compactInterval,
// 10 by default; a log Spark started keeps the interval its compaction files
// imply) writes "<N>.compact" instead, listing the files of every batch up
// to N, so that a reader needs only the last compaction and the batches
// after it. Unlike Spark, the sink never deletes old log files.
//
// Reading committed output. Follow the log, never the directory listing:
// part files of a batch that has not committed (yet, or because the query
// crashed) sit next to committed ones until the batch is replayed. List and
// ReadLines do this, as does `streamc files`. A reader is told how rows are
// framed (ReadOptions: the CSV header, lineSep), as Spark's reader is given
// the sink's options. Output written by streamc before its log was
// Spark's (_streamc_metadata/N, relative paths) is still read, and a sink
// opened on such a directory first converts those batches into
// _spark_metadata.
//
// Exactly-once. The engine replays an uncommitted batch with the same offset
// ranges, so its tasks write the same names: a replay overwrites part files
// of the crashed attempt, and Open removes the attempt's temporary file and
// any part file of that task first, in case the task now writes nothing.
// Part files of a batch that never commits therefore cannot outlive its
// replay, because the engine always replays its last uncommitted batch
// before planning a new one, and they are never listed meanwhile. As in
// Spark, a batch at or below the log's latest is committed: if the crash
// came after the log file but before the checkpoint's commits/N, the
// replayed batch's writers discard their rows and Commit does nothing, so
// committed files are never rewritten under a reader. (So an output
// directory must not outlive its checkpoint: a query started afresh on it
// would skip batches up to the log's latest.)
//
// Scale-out. Files are per (batch, topic, partition), and no file mixes
// partitions, so instances that own disjoint partitions never write the same
// file; but the log is one per directory, as Spark's, so each instance needs
// its own output directory.
package filesink
