package ir

import (
	"time"

	"github.com/streamc/streamc/internal/diag"
	"github.com/streamc/streamc/internal/runtime/confluent"
	"github.com/streamc/streamc/internal/runtime/csvx"
	"github.com/streamc/streamc/internal/runtime/kafka"
	"github.com/streamc/streamc/internal/runtime/sink/consolesink"
	"github.com/streamc/streamc/internal/runtime/sink/kafkasink"
)

// The typed logical plan of the queries of a spec, as internal/compiler/check builds it.
// Types are the type model's (Spark's type system). Struct types the
// checker creates (struct(...), named_struct, from_json, a query's output
// row) are new *Type values; struct types that come from a schema keep
// their pointer, so internal/plan maps both to Go records.

// Result is every checked query of a spec, by app in spec order.
type Result struct {
	Apps []*App
	// Schemas are the types of the spec's schemas, by name, as the queries
	// use them: the checker's own copies of internal/compiler/schema's, so struct types
	// here and in Apps are the same pointers.
	Schemas map[string]*Type
}

// App is one app's checked queries in spec order.
type App struct {
	Name    string
	Queries []*Query
}

// Query is one checked streaming query.
type Query struct {
	App  string
	Name string
	Pos  diag.Pos
	// ANSI is true under `semantics: spark4`: casts and arithmetic raise
	// errors where Spark 3 yields NULL or wraps.
	ANSI bool
	// TimeZone is the session time zone (an IANA name; "UTC" by default).
	TimeZone string
	// Checkpoint is checkpointLocation as written (relative paths resolve
	// against the working directory at run time).
	Checkpoint string
	// Trigger is the spec's trigger; Kind "" means the default
	// (processing time 0).
	Trigger Trigger
	Source  *Source
	// Steps apply in order to Source.Columns.
	Steps []Step
	// Output is the relation the sink receives: the last step's columns.
	Output []*Column
	Sink   *Sink
	// Registry holds the Schema Registry client options (Confluent's
	// names: registry.url, basic.auth.user.info, ...) when a
	// confluent-avro format needs one; values may hold ${VAR}s, expanded
	// at run time.
	Registry []Option
	// RegistryConfig is Registry as the runtime's typed options; nil when
	// Registry is.
	RegistryConfig *confluent.RegistryOptions
}

// Trigger is a query trigger.
type Trigger struct {
	// Kind is "", "processingTime", "availableNow" or "continuous".
	Kind string
	// Interval of processingTime (0 runs batches back to back) or the
	// checkpoint interval of continuous; 0 for availableNow.
	Interval time.Duration
}

// Option is one option in spec order.
type Option struct {
	Key, Value string
}

// Source is the Kafka source: its options and the columns it produces.
type Source struct {
	// Options in Spark's names, spec order; the spec's top-level kafka
	// settings are merged in as kafka.<name> unless the source sets them.
	Options []Option
	// Config is Options resolved into the runtime's typed source
	// configuration (its client settings stay in Config.Kafka, made into
	// a client where the program runs).
	Config kafka.SourceConfig
	// Key and Value say how the key/value columns are decoded; nil keeps
	// the binary column.
	Key, Value *Decode
	// Columns is the source relation, in Spark's order: key, value, topic,
	// partition, offset, timestamp, timestampType, and headers when the
	// includeHeaders option is true. A decoded key/value column has the
	// decoded type (a struct for json/csv, string for string).
	Columns []*Column
	// DeadLetterTopic receives records that fail to decode ("" for none).
	DeadLetterTopic string
}

// Decode is a key/value format in.
type Decode struct {
	// Format is "string", "binary", "json", "csv", "avro" or
	// "confluent-avro".
	Format string
	// Schema is the spec's schema name (json, csv); Type its struct type,
	// the same pointer as the loaded schema's.
	Schema string
	Type   *Type
	// Mode is "PERMISSIVE", "FAILFAST" or "DROPMALFORMED", defaulted.
	Mode string
	// Options are from_json/from_csv options in spec order.
	Options []Option
	// CSV is the csv format's codec options resolved (Loc unset: the
	// generated code sets the session time zone); nil for other formats.
	CSV *csvx.Options
}

// Column is one column of a relation.
type Column struct {
	Name     string
	Type     *Type
	Nullable bool
	// Expr computes the column from the step's input relation; nil for
	// source columns. A column passed through unchanged is a *Ref.
	Expr Expr
	// Src is where the spec writes Expr (zero for source and pass-through
	// columns), so generated code and its run-time errors can name it.
	Src Src
}

// Src is an expression as the spec writes it.
type Src struct {
	Pos  diag.Pos
	Text string
}

// Step is a relational operation: *Project or *Filter.
type Step interface{ step() }

// Project computes a new relation, as select/selectExpr/withColumn/
// withColumnRenamed/drop all do. When Generator is set, the step emits one
// output row per generated element (explode) and the columns whose Expr is a
// *GenOutput take the element's values; the other columns are computed once
// per input row.
type Project struct {
	Columns   []*Column
	Generator *Generator
}

// Filter keeps the rows for which Cond is true (NULL drops the row).
type Filter struct {
	Cond Expr
	Src  Src
}

func (*Project) step() {}
func (*Filter) step()  {}

// Generator is explode and its family inside a select.
type Generator struct {
	// Kind is "explode", "explode_outer", "posexplode" or
	// "posexplode_outer".
	Kind string
	// X is an array or a map expression.
	X Expr
	// Src is the spec's item holding the generator.
	Src Src
}

// Expr is a typed expression. Every node embeds Typed.
type Expr interface {
	typed() *Typed
}

// Typed is an expression's Spark type and nullability.
type Typed struct {
	Type     *Type
	Nullable bool
}

func (t *Typed) typed() *Typed { return t }

// TypeOf returns e's type and nullability.
func TypeOf(e Expr) Typed { return *e.typed() }

// Ref is a column of the step's input relation, by index.
type Ref struct {
	Typed
	Index int
	// Name is the column's name, for comments in generated code.
	Name string
}

// GenOutput is an output of the step's Generator: for an array, Field 0 is
// pos (posexplode only) and the last is col; for a map, key and value
// (after pos for posexplode).
type GenOutput struct {
	Typed
	// Role is "pos", "col", "key" or "value".
	Role string
}

// Lit is a constant. Value holds, by Type.Kind: nil for NULL (of any
// type); bool; int64 for byte/short/int/long; float32; float64; string
// for string and for decimal (its plain text, e.g. "0.2", already of the
// type's precision and scale); []byte for binary; int32 days for date;
// int64 microseconds for timestamp and timestamp_ntz.
type Lit struct {
	Typed
	Value any
}

// GetField is x.name on a struct expression.
type GetField struct {
	Typed
	X     Expr
	Index int
}

// GetItem is x[i] on an array (0-based; out of range is NULL, or an
// error under ANSI) or x[key] on a map (missing key is NULL).
type GetItem struct {
	Typed
	X, Key Expr
}

// Inlined is the expression of column Name of an earlier step, put in
// place of its references when steps are fused: X is evaluated as before,
// and a run-time error in it still names that column and where the spec
// writes it (Src), not the column that read it.
type Inlined struct {
	Typed
	X    Expr
	Name string
	Src  Src
}

// Cast converts X to the node's type with Spark's cast rules: non-ANSI
// unless the query is ANSI; TRY_CAST (Try) is the ANSI cast with NULL for
// its errors in both modes.
type Cast struct {
	Typed
	X   Expr
	Try bool
}

// Arith is L op R for Op in + - * / % and "div" (integral division).
// Operands have the node's type, except "/" whose operands and result are
// both double or both decimal (result precision by Spark's rules), and
// "div" whose result is long.
//
// Decimal arithmetic (+ - * / % with a decimal result): each operand keeps
// its own decimal type, which may differ from the other's and from the
// node's; the node's type is sqlfn.DecimalResultType of the operands'.
// Integer operands arrive cast to decimal: a literal to the fewest digits
// that hold it (2 is decimal(1,0)), others by DecimalType.forType. "div"
// on decimals has both operands cast to one decimal type.
type Arith struct {
	Typed
	Op   string
	L, R Expr
}

// Neg is -X, of X's type.
type Neg struct {
	Typed
	X Expr
}

// Compare is L op R for Op in = <> < <= > >= <=>; operands share one type.
// The result is boolean; <=> is never NULL.
type Compare struct {
	Typed
	Op   string
	L, R Expr
}

// Logic is L AND R or L OR R with SQL's three-valued logic.
type Logic struct {
	Typed
	Op   string // "AND" or "OR"
	L, R Expr
}

// Not is NOT X.
type Not struct {
	Typed
	X Expr
}

// IsNull is X IS [NOT] NULL; never NULL itself.
type IsNull struct {
	Typed
	X   Expr
	Not bool
}

// In is X [NOT] IN (List...), every element of X's type, with SQL's NULL
// rules (no match and a NULL in the list gives NULL).
type In struct {
	Typed
	X    Expr
	List []Expr
	Not  bool
}

// When is one branch of a Case.
type When struct {
	Cond, Result Expr
}

// Case is CASE WHEN cond THEN result ... ELSE else END (the simple form is
// rewritten to equality conditions); Else is nil for NULL. Results have the
// node's type.
type Case struct {
	Typed
	Whens []When
	Else  Expr
}

// MakeStruct builds a struct: struct(...), named_struct(...), struct(*).
// Fields are in the order of the node's struct type's fields.
type MakeStruct struct {
	Typed
	Fields []Expr
	// Srcs are where the spec computes the fields that were columns of an
	// earlier step (struct(*) after withColumn); nil or zero otherwise.
	Srcs []Src
}

// Call is a built-in function, by its canonical lower-case name (aliases
// resolved: substr is substring, nvl is coalesce, ucase is upper, ...).
// Args have been cast to the types the function takes; see Functions for
// each function's argument and result types.
type Call struct {
	Typed
	Name string
	Args []Expr
	// Runtime is the catalogue's list of internal/runtime/sqlfn symbols for
	// the function, in the catalogue's order, so that the emitter takes the
	// names from the one table instead of keeping its own.
	Runtime []string
}

// Sink is the query's writeStream.
type Sink struct {
	// Format is "kafka", "json", "csv" or "console".
	Format string
	// Options in spec order, checkpointLocation removed; for kafka the
	// spec's top-level kafka settings are merged in as kafka.<name>.
	Options []Option
	// Path is the file sink's directory as written.
	Path string
	// CSV is the csv sink's codec options resolved (Loc unset), File the
	// json and csv sinks' file options; nil for other formats.
	CSV  *csvx.Options
	File *FileOptions
	// Console is the console sink's options resolved; nil for other
	// formats.
	Console *consolesink.Options
	// KafkaConfig is the kafka sink's options resolved (its client
	// settings stay in KafkaConfig.Kafka, made into a client where the
	// program runs); nil for other formats.
	KafkaConfig *kafkasink.Config
	// Kafka: indices in Query.Output of the key, value, topic, partition
	// and headers columns, -1 when absent. Value is always present; key
	// and value are string or binary (strings are written as UTF-8).
	Key, Value, Topic, Partition, Headers int
	// Row is the struct type of an output row for json, csv and console
	// sinks: one field per Output column.
	Row *Type
	// KeyEncode and ValueEncode, when set, write the key or value struct
	// column as Avro (kafka sink only).
	KeyEncode, ValueEncode *Encode
}

// FileOptions are a file sink's options besides its codec's.
type FileOptions struct {
	// Format is "json" or "csv".
	Format string
	// Header is set when a csv sink writes the header line first.
	Header bool
}

// Encode is an Avro format out for a kafka sink's key or value column.
type Encode struct {
	// Format is "avro" or "confluent-avro".
	Format string
	// Schema is the spec's schema name; Type the column's struct type,
	// which has that schema's shape (and carries its Avro details).
	Schema string
	Type   *Type
	// Subject is the registry subject for confluent-avro: as given, or
	// named by Strategy (a subject name strategy, "" for
	// TopicNameStrategy) from Topic, IsKey and the record's full name.
	Subject  string
	Strategy string
	Topic    string
	IsKey    bool
	// Register is set when the schema is registered if missing (as
	// Confluent's serializers do), not only looked up.
	Register bool
	Pos      diag.Pos
}

// Encodes reports whether the sink writes its key or value with format.
func (s *Sink) Encodes(format string) bool {
	return (s.KeyEncode != nil && s.KeyEncode.Format == format) || (s.ValueEncode != nil && s.ValueEncode.Format == format)
}
