// Package spec reads pipelines.yaml into a model that keeps every position,
// decoding strictly: an unknown key is an error with a "did you mean" hint.
//
// The format mirrors PySpark's structured-streaming API, so that
//
//	spark.readStream.format("kafka").option("subscribe", "invoices").load()
//	  .select(from_json(col("value").cast("string"), schema).alias("value"))
//	  ...writeStream.format("kafka").option("checkpointLocation", "chk").start()
//
// reads as readStream / transform / writeStream with the same option names.
package spec

import "github.com/streamc/streamc/internal/diag"

// Pos is a position in pipelines.yaml.
type Pos = diag.Pos

// Spec is one pipelines.yaml. Top-level keys starting with "x-" are
// ignored: they are a place to define anchors for aliases.
type Spec struct {
	Pos Pos `yaml:"-"`
	// Version of the format; "1" is the only one.
	Version Str `yaml:"version" required:"true"`
	// Semantics: "spark3" (default: Spark 3.5, non-ANSI casts) or "spark4" (ANSI).
	Semantics Str `yaml:"semantics"`
	// SessionTimeZone as Spark's spark.sql.session.timeZone (default "UTC").
	SessionTimeZone Str `yaml:"sessionTimeZone"`
	// Go output options.
	Go GoOptions `yaml:"go"`
	// Kafka holds client options shared by every Kafka source and sink, in
	// Spark's names without the "kafka." prefix (bootstrap.servers,
	// security.protocol, sasl.mechanism, ...). A source's or sink's own kafka.*
	// options win.
	Kafka Map[Str] `yaml:"kafka"`
	// RetryTimeout is how long every Kafka call (metadata, offsets, fetch,
	// produce, offset commits) keeps retrying transient errors, such as an
	// unreachable broker, before the query fails: an interval as a trigger's
	// ("2 minutes", "30s"; default 2 minutes). --retry-timeout and
	// STREAMC_RETRY_TIMEOUT replace it at run time; a source's
	// kafkaConsumer.pollTimeoutMs and a sink's kafka.delivery.timeout.ms win
	// over it for their part.
	RetryTimeout Str `yaml:"retryTimeout"`
	// SchemaRegistry is the Confluent-compatible registry Avro formats use.
	SchemaRegistry *Registry `yaml:"schemaRegistry"`
	// Topics the pipelines use, for `streamc dev` (created with these settings).
	Topics Map[Topic] `yaml:"topics"`
	// Schemas by name. A scalar value is a file path.
	Schemas Map[SchemaRef] `yaml:"schemas"`
	// Apps group queries into one program.
	Apps Map[App] `yaml:"apps" required:"true"`
}

// GoOptions says where and how Go code is written.
type GoOptions struct {
	Pos Pos `yaml:"-"`
	// Package is the import path of the output directory
	// (default: the module path + "/" + Out).
	Package Str `yaml:"package"`
	// Out is the output directory relative to the spec (default "generated").
	Out Str `yaml:"out"`
}

// Registry is a Schema Registry endpoint.
type Registry struct {
	Pos Pos `yaml:"-"`
	// URL of the registry, http or https.
	URL Str `yaml:"url" required:"true"`
	// BasicAuthUserInfo is "user:secret" as Confluent's basic.auth.user.info;
	// ${VAR} is expanded from the environment at run time.
	BasicAuthUserInfo Str `yaml:"basicAuthUserInfo"`
	// BearerToken is sent as "Authorization: Bearer"; ${VAR} is expanded.
	BearerToken Str `yaml:"bearerToken"`
	// CALocation is a PEM file of CA certificates for TLS.
	CALocation Str `yaml:"caLocation"`
}

// Topic describes a Kafka topic for the development broker.
type Topic struct {
	Pos Pos `yaml:"-"`
	// Partitions of the topic (default 3).
	Partitions Int `yaml:"partitions"`
}

// SchemaRef names a schema: a file (.avsc, .spark.json, .ddl), an inline DDL
// string, or a registry subject fetched at generate time into File.
type SchemaRef struct {
	Pos Pos `yaml:"-"`
	// File relative to the spec.
	File Str `yaml:"file"`
	// DDL is an inline Spark DDL string, e.g. "a INT, b STRING".
	DDL Str `yaml:"ddl"`
	// Record picks one named record of an .avsc file holding several.
	Record Str `yaml:"record"`
	// Subject, when set, lets `streamc generate --fetch` write the registry's
	// latest version of this subject into File.
	Subject Str `yaml:"subject"`
}

// App is a program running several queries (awaitAnyTermination).
type App struct {
	Pos Pos `yaml:"-"`
	// Queries by name; each is also built as a program <app>-<query>.
	Queries Map[Query] `yaml:"queries" required:"true"`
}

// Query is one streaming query: readStream, transform, writeStream.
type Query struct {
	Pos Pos `yaml:"-"`
	// ReadStream is the source.
	ReadStream ReadStream `yaml:"readStream" required:"true"`
	// Transform lists DataFrame operations applied in order.
	Transform []Step `yaml:"transform"`
	// WriteStream is the sink.
	WriteStream WriteStream `yaml:"writeStream" required:"true"`
}

// ReadStream is a Kafka source, as spark.readStream.format("kafka").
type ReadStream struct {
	Pos Pos `yaml:"-"`
	// Format is "kafka".
	Format Str `yaml:"format" required:"true"`
	// Options in Spark's names: subscribe, subscribePattern, assign,
	// startingOffsets, maxOffsetsPerTrigger, minOffsetsPerTrigger,
	// maxTriggerDelay, failOnDataLoss, includeHeaders, kafka.* (see
	// internal/compiler/spec/OPTIONS.md).
	Options Map[Str] `yaml:"options"`
	// Key and Value say how the binary key/value columns are decoded; the
	// decoded column keeps the name key/value (as .alias("value")).
	Key *Decode `yaml:"key"`
	// Value says how the value column is decoded, as Key does for the key.
	Value *Decode `yaml:"value"`
	// DeadLetterTopic is reserved for a topic receiving records that fail to
	// decode; dead-letter topics are not supported yet, and setting it is an
	// error.
	DeadLetterTopic Str `yaml:"deadLetterTopic"`
}

// Decode is a value format in: from_json, from_csv, from_avro, or a cast.
type Decode struct {
	Pos Pos `yaml:"-"`
	// Format: string, binary, csv, json, avro, confluent-avro.
	Format Str `yaml:"format" required:"true"`
	// Schema names an entry of Spec.Schemas (not for string/binary).
	Schema Str `yaml:"schema"`
	// Mode: PERMISSIVE, FAILFAST or DROPMALFORMED (json only, which drops
	// the record; csv and avro refuse it, as Spark's from_csv and from_avro
	// do); defaults as Spark's: PERMISSIVE for json/csv, FAILFAST for avro.
	Mode Str `yaml:"mode"`
	// Options as from_json/from_csv options (sep, quote, escape, nullValue,
	// columnNameOfCorruptRecord, ...; see internal/compiler/spec/OPTIONS.md).
	Options Map[Str] `yaml:"options"`
}

// Step is one DataFrame transformation. Exactly one field is set.
type Step struct {
	Pos Pos `yaml:"-"`
	// Select lists column names (nested paths, *, value.*), as df.select.
	Select []Str `yaml:"select"`
	// SelectExpr lists SQL expressions, as df.selectExpr.
	SelectExpr []Str `yaml:"selectExpr"`
	// WithColumn maps new column names to SQL expressions, in order.
	WithColumn Map[Str] `yaml:"withColumn"`
	// WithColumnRenamed maps existing names to new names.
	WithColumnRenamed Map[Str] `yaml:"withColumnRenamed"`
	// Drop lists column names; a missing column is ignored, as in Spark.
	Drop []Str `yaml:"drop"`
	// Filter and Where are the same: a boolean SQL expression.
	Filter *Str `yaml:"filter"`
	// Where is Filter under its other name, as df.where.
	Where *Str `yaml:"where"`
}

// WriteStream is a sink, as df.writeStream.format(...).
type WriteStream struct {
	Pos Pos `yaml:"-"`
	// Format: kafka, json, csv, console.
	Format Str `yaml:"format" required:"true"`
	// OutputMode: append (the only mode for stateless queries).
	OutputMode Str `yaml:"outputMode"`
	// Options in Spark's names: checkpointLocation (required), topic, path,
	// kafka.*, and the file format's options (header, sep, ...).
	Options Map[Str] `yaml:"options"`
	// Key and Value, when set, encode the struct column key/value with a
	// format (json, csv, avro, confluent-avro) instead of requiring the
	// transform to produce binary/string columns.
	Key *Encode `yaml:"key"`
	// Value encodes the value column, as Key does the key.
	Value *Encode `yaml:"value"`
	// Trigger: one of processingTime, availableNow, continuous.
	Trigger *Trigger `yaml:"trigger"`
}

// Encode is a value format out: to_json, to_csv, to_avro, Confluent Avro.
type Encode struct {
	Pos Pos `yaml:"-"`
	// Format: json, csv, avro, confluent-avro.
	Format Str `yaml:"format" required:"true"`
	// Schema names an entry of Spec.Schemas (avro formats).
	Schema Str `yaml:"schema"`
	// Subject for confluent-avro (default: TopicNameStrategy, <topic>-value).
	Subject Str `yaml:"subject"`
	// SubjectNameStrategy: TopicNameStrategy, RecordNameStrategy,
	// TopicRecordNameStrategy.
	SubjectNameStrategy Str `yaml:"subjectNameStrategy"`
	// Options are to_json/to_csv options; the json and csv formats are not
	// supported yet and the Avro formats take none.
	Options Map[Str] `yaml:"options"`
}

// Trigger is a query trigger, as .trigger(processingTime="1 second").
type Trigger struct {
	Pos Pos `yaml:"-"`
	// ProcessingTime is an interval such as "1 second" or "500ms"; "0" runs the
	// next batch as soon as the last ends.
	ProcessingTime Str `yaml:"processingTime"`
	// AvailableNow processes what exists at start, then stops.
	AvailableNow Bool `yaml:"availableNow"`
	// Continuous is the checkpoint interval of the low-latency mode.
	Continuous Str `yaml:"continuous"`
}
