package avroschema

import "strconv"

// Kind is the type of a schema node.
type Kind uint8

// The kinds of Avro schemas. "error" schemas are records with IsError set.
const (
	Null Kind = iota + 1
	Boolean
	Int
	Long
	Float
	Double
	Bytes
	String
	Record
	Enum
	Array
	Map
	Union
	Fixed
)

var kindNames = [...]string{
	Null: "null", Boolean: "boolean", Int: "int", Long: "long", Float: "float",
	Double: "double", Bytes: "bytes", String: "string", Record: "record",
	Enum: "enum", Array: "array", Map: "map", Union: "union", Fixed: "fixed",
}

// String returns the Avro type name of the kind ("record" for errors too).
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Named reports whether schemas of the kind have a name (record, enum, fixed).
func (k Kind) Named() bool { return k == Record || k == Enum || k == Fixed }

// Logical type names recognised on valid underlying types.
const (
	LogicalDecimal              = "decimal"                // bytes or fixed; Precision and Scale set
	LogicalUUID                 = "uuid"                   // string, or fixed(16)
	LogicalDate                 = "date"                   // int: days since 1970-01-01
	LogicalTimeMillis           = "time-millis"            // int: milliseconds after midnight
	LogicalTimeMicros           = "time-micros"            // long: microseconds after midnight
	LogicalTimestampMillis      = "timestamp-millis"       // long: milliseconds since the epoch, UTC
	LogicalTimestampMicros      = "timestamp-micros"       // long
	LogicalTimestampNanos       = "timestamp-nanos"        // long (specification 1.12)
	LogicalLocalTimestampMillis = "local-timestamp-millis" // long: local time, no zone
	LogicalLocalTimestampMicros = "local-timestamp-micros" // long
	LogicalLocalTimestampNanos  = "local-timestamp-nanos"  // long (specification 1.12)
	LogicalDuration             = "duration"               // fixed(12): months, days, milliseconds
)

// Node is one schema in the tree. Nodes of named types are shared: every
// reference to a name points at the node that defines it, so a recursive
// record is a cycle. Nodes are immutable once Parse returns.
type Node struct {
	Kind Kind

	// Named types (record, enum, fixed).
	Name      string   // simple name
	Namespace string   // resolved namespace, "" for the null namespace
	FullName  string   // Namespace + "." + Name, or Name
	Aliases   []string // full names, resolved against Namespace
	Doc       string

	// Record.
	IsError bool // declared with "type": "error"
	Fields  []*Field

	// Enum.
	Symbols        []string
	EnumDefault    string // a symbol, when HasEnumDefault
	HasEnumDefault bool

	// Fixed.
	Size int

	Items    *Node   // Array
	Values   *Node   // Map
	Branches []*Node // Union, in declared order

	// Logical type, when one of the Logical* names is valid on this node;
	// empty otherwise (an invalid logical type is ignored).
	Logical   string
	Precision int // decimal
	Scale     int // decimal

	minSize int // fewest bytes an encoded value takes (a lower bound)
}

// Field is a record field.
type Field struct {
	Name    string
	Aliases []string
	Doc     string
	Type    *Node
	Index   int // position in the record

	// Default is the field's default as JSON: nil, bool, json.Number,
	// string, []any or MapValue (an object, keys in given order). HasDefault
	// tells a null default from none.
	Default    any
	HasDefault bool

	Order string // "ascending" (also when absent), "descending" or "ignore"
}

// MinSize returns the fewest bytes an encoded value of n can take. It is a
// lower bound (a record that contains itself counts as 0 at the cycle), which
// is what block-count checks against hostile input need.
func (n *Node) MinSize() int { return n.minSize }

// Field returns the field of a record named name, or nil.
func (n *Node) Field(name string) *Field {
	for _, f := range n.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// SymbolIndex returns the index of an enum symbol, or -1.
func (n *Node) SymbolIndex(sym string) int {
	for i, s := range n.Symbols {
		if s == sym {
			return i
		}
	}
	return -1
}

// TypeName describes the node for messages: the full name of a named type,
// the kind otherwise, with a valid logical type in parentheses.
func (n *Node) TypeName() string {
	s := n.Kind.String()
	if n.Kind.Named() {
		s += " " + n.FullName
	}
	switch n.Logical {
	case "":
	case LogicalDecimal:
		s += " (decimal(" + strconv.Itoa(n.Precision) + "," + strconv.Itoa(n.Scale) + "))"
	default:
		s += " (" + n.Logical + ")"
	}
	return s
}

// Schema is a parsed schema.
type Schema struct {
	root      *Node
	text      string
	canonical string
	named     map[string]*Node
}

// Root returns the top node.
func (s *Schema) Root() *Node { return s.root }

// String returns the schema text as given, compacted (no insignificant
// whitespace).
func (s *Schema) String() string { return s.text }

// Canonical returns the Parsing Canonical Form.
func (s *Schema) Canonical() string { return s.canonical }

// Lookup returns the named type with the given full name, or nil.
func (s *Schema) Lookup(fullName string) *Node { return s.named[fullName] }

// Name describes the schema for messages: the full name of a named root,
// else its canonical form when short, else its kind.
func (s *Schema) Name() string {
	if s.root.Kind.Named() {
		return s.root.FullName
	}
	if len(s.canonical) <= 64 {
		return s.canonical
	}
	return s.root.Kind.String()
}

// Pair is one entry of a Map or Record value.
type Pair struct {
	Key   string
	Value any
}

// MapValue is an Avro map value, or a JSON object in a default, in encoded order.
type MapValue []Pair

// Get returns the value of the first entry with the key.
func (m MapValue) Get(key string) (any, bool) {
	for _, p := range m {
		if p.Key == key {
			return p.Value, true
		}
	}
	return nil, false
}

// RecordValue is an Avro record value: its fields in schema order.
type RecordValue []Pair

// Get returns the value of the named field.
func (r RecordValue) Get(name string) (any, bool) {
	for _, p := range r {
		if p.Key == name {
			return p.Value, true
		}
	}
	return nil, false
}
