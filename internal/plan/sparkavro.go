package plan

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/streamc/streamc/internal/ir"
	"github.com/streamc/streamc/internal/runtime/avroschema"
)

// sparkAvroRecordName is the name Spark's to_avro gives the top-level record
// of a schema it derives from a Spark type.
const sparkAvroRecordName = "topLevelRecord"

// sparkAvroSchema is the Avro schema Spark's to_avro derives from a Spark
// struct type (SchemaConverters.toAvroType): record "topLevelRecord", nested
// records named after their field in the parent's namespace, nullable values
// as [T, "null"], dates as int/date, timestamps as long/timestamp-micros,
// timestamp_ntz as long/local-timestamp-micros, decimals as fixed with the
// fewest bytes that hold their precision. The text is what Avro's Java
// Schema.toString writes, so a registry sees the schema Spark would register.
func sparkAvroSchema(t *ir.Type) (string, error) {
	var b bytes.Buffer
	if err := writeSparkAvro(&b, t, false, sparkAvroRecordName, "", ""); err != nil {
		return "", err
	}
	return b.String(), nil
}

// writeSparkAvro writes t as toAvroType(t, nullable, recordName, nameSpace)
// does; enclosing is the namespace Java's writer is in (named types repeat
// theirs only where it differs).
func writeSparkAvro(b *bytes.Buffer, t *ir.Type, nullable bool, recordName, nameSpace, enclosing string) error {
	if nullable && t.Kind != ir.Null {
		b.WriteByte('[')
		defer b.WriteString(`,"null"]`)
	}
	prim := func(name, logical string) {
		if logical == "" {
			writeAvroName(b, name)
			return
		}
		fmt.Fprintf(b, `{"type":%q,"logicalType":%q}`, name, logical)
	}
	switch t.Kind {
	case ir.Boolean:
		prim("boolean", "")
	case ir.Byte, ir.Short, ir.Int:
		prim("int", "")
	case ir.Long:
		prim("long", "")
	case ir.Date:
		prim("int", "date")
	case ir.Timestamp:
		prim("long", "timestamp-micros")
	case ir.TimestampNTZ:
		prim("long", "local-timestamp-micros")
	case ir.Float:
		prim("float", "")
	case ir.Double:
		prim("double", "")
	case ir.String:
		prim("string", "")
	case ir.Null:
		prim("null", "")
	case ir.Binary:
		prim("bytes", "")
	case ir.Decimal:
		ns := recordName
		if nameSpace != "" {
			ns = nameSpace + "." + recordName
		}
		b.WriteString(`{"type":"fixed","name":"fixed"`)
		if ns != enclosing {
			b.WriteString(`,"namespace":`)
			writeAvroName(b, ns)
		}
		fmt.Fprintf(b, `,"size":%d,"logicalType":"decimal","precision":%d,"scale":%d}`,
			ir.DecimalFixedSize(t.Precision), t.Precision, t.Scale)
	case ir.Array:
		b.WriteString(`{"type":"array","items":`)
		if err := writeSparkAvro(b, t.Elem, t.ContainsNull, recordName, nameSpace, enclosing); err != nil {
			return err
		}
		b.WriteByte('}')
	case ir.Map:
		if t.Key.Kind != ir.String {
			return fmt.Errorf("Avro maps have string keys; a map with %s keys cannot be written as Avro", t.Key.SimpleString())
		}
		b.WriteString(`{"type":"map","values":`)
		if err := writeSparkAvro(b, t.Value, t.ValueContainsNull, recordName, nameSpace, enclosing); err != nil {
			return err
		}
		b.WriteByte('}')
	case ir.Struct:
		child := recordName
		if nameSpace != "" {
			child = nameSpace + "." + recordName
		}
		b.WriteString(`{"type":"record","name":`)
		writeAvroName(b, recordName)
		if nameSpace != enclosing {
			b.WriteString(`,"namespace":`)
			writeAvroName(b, nameSpace)
		}
		b.WriteString(`,"fields":[`)
		for i, f := range t.Fields {
			if !avroschema.ValidName(f.Name) {
				return fmt.Errorf("field name %q is not a valid Avro name (letters, digits and _, not starting with a digit)", f.Name)
			}
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`{"name":`)
			writeAvroName(b, f.Name)
			b.WriteString(`,"type":`)
			if err := writeSparkAvro(b, f.Type, f.Nullable, f.Name, child, nameSpace); err != nil {
				return fmt.Errorf("field %s: %w", f.Name, err)
			}
			b.WriteByte('}')
		}
		b.WriteString("]}")
	default:
		return fmt.Errorf("type %s has no Avro form", t.SimpleString())
	}
	return nil
}

// writeAvroName writes a name or namespace of the schema as a JSON string.
// Avro names are ASCII letters, digits, '_' and '.', which JSON and Go
// quote alike.
func writeAvroName(b *bytes.Buffer, s string) { b.WriteString(strconv.Quote(s)) }
