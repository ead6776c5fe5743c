// Package filesink is an exactly-once file sink for JSON lines and CSV, like
// Spark's FileStreamSink: part files per task, and a manifest log written
// last that says which files make up each committed batch.
//
// Layout of an output directory:
//
//	<path>/
//	  part-00005-invoices-0.json      batch 5's rows from topic invoices, partition 0
//	  .part-00006-invoices-1.json.tmp being written (not yet a part file)
//	  _streamc_metadata/
//	    5                             manifest of batch 5, written after its files
//
// A part file's name depends only on the batch id, the source topic (bytes
// outside [A-Za-z0-9._-] become '_') and the partition, so a batch replayed
// after a crash rewrites the same names rather than adding files. Tasks
// without rows write no file. Each file is written under a temporary name,
// fsynced and renamed when its task closes; Commit fsyncs the directory and
// then writes the manifest atomically (temporary file, fsync, rename, fsync
// of _streamc_metadata), so a manifest only ever lists complete files.
//
// Manifest format, modelled on Spark's _spark_metadata/N: the line "v1", then
// one JSON object per file, sorted by path, no final newline. Paths are
// relative to the output directory, so it can be moved. A batch without rows
// has a manifest of "v1" alone.
//
//	v1
//	{"path":"part-00005-invoices-0.json","size":2048,"rows":12,"crc32c":"1c2d3e4f","action":"add"}
//	{"path":"part-00005-invoices-1.csv","size":95,"rows":2,"crc32c":"00a1b2c3","headerBytes":22,"lineSep":"\r\n","action":"add"}
//
// size is in bytes, rows counts rows written (a CSV row with a quoted line
// break spans several lines), crc32c is the CRC-32C (Castagnoli) of the whole
// file as 8 hex digits, headerBytes is the length of the CSV header line and
// its separator at the top of the file (omitted when there is none), lineSep
// is the row separator (omitted when "\n"), and action is always "add".
//
// Reading committed output. Follow the manifests, never the directory
// listing: part files of a batch that has not committed (yet, or because the
// query crashed) sit next to committed ones until the batch is replayed.
// List and ReadLines do this; from a shell:
//
//	cd <path>; ls _streamc_metadata | grep -E '^[0-9]+$' | sort -n | while read b; do
//	  tail -n +2 "_streamc_metadata/$b" | jq -r .path; done | xargs cat
//
// (Spark and most tools skip names starting with '_' or '.', but would still
// read uncommitted part files.)
//
// Exactly-once. The engine replays an uncommitted batch with the same offset
// ranges, so its tasks write the same names: a replay overwrites part files
// of the crashed attempt, and Open removes the attempt's temporary file and
// any part file of that task first, in case the task now writes nothing.
// Part files of a batch that never commits therefore cannot outlive its
// replay, because the engine always replays its last uncommitted batch
// before planning a new one. If the crash came after the manifest but before
// the checkpoint's commits/N, the replayed batch is already committed here:
// its writers discard their rows and Commit does nothing, so committed files
// are never rewritten under a reader.
//
// Scale-out. Files are per (batch, topic, partition), and no file mixes
// partitions, so instances that own disjoint partitions never write the same
// file. Manifests are per batch; instances with their own batch numbering
// would need a per-instance manifest name (e.g. "5.<instance>"), which List
// does not read yet.
//
// Not done: Spark's manifest compaction (a "<N>.compact" every 10 batches)
// and retention; the manifest log grows by one small file per batch, and
// List reads them all.
package filesink
