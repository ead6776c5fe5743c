package schema

import (
	"bytes"
	"fmt"

	"github.com/streamc/streamc/internal/runtime/avroschema"
)

// SparkAvroRecordName is the name Spark's to_avro gives the top-level record
// of a schema it derives from a Spark type.
const SparkAvroRecordName = "topLevelRecord"

// SparkAvroSchema is the Avro schema Spark's to_avro derives from a Spark
// struct type (SchemaConverters.toAvroType): record "topLevelRecord", nested
// records named after their field in the parent's namespace, nullable values
// as [T, "null"], dates as int/date, timestamps as long/timestamp-micros,
// timestamp_ntz as long/local-timestamp-micros, decimals as fixed with the
// fewest bytes that hold their precision. The text is what Avro's Java
// Schema.toString writes, so a registry sees the schema Spark would register.
func SparkAvroSchema(t *Type) (string, error) {
	var b bytes.Buffer
	if err := writeSparkAvro(&b, t, false, SparkAvroRecordName, "", ""); err != nil {
		return "", err
	}
	return b.String(), nil
}

// writeSparkAvro writes t as toAvroType(t, nullable, recordName, nameSpace)
// does; enclosing is the namespace Java's writer is in (named types repeat
// theirs only where it differs).
func writeSparkAvro(b *bytes.Buffer, t *Type, nullable bool, recordName, nameSpace, enclosing string) error {
	if nullable && t.Kind != Null {
		b.WriteByte('[')
		defer b.WriteString(`,"null"]`)
	}
	prim := func(name, logical string) {
		if logical == "" {
			writeJSONString(b, name)
			return
		}
		fmt.Fprintf(b, `{"type":%q,"logicalType":%q}`, name, logical)
	}
	switch t.Kind {
	case Boolean:
		prim("boolean", "")
	case Byte, Short, Int:
		prim("int", "")
	case Long:
		prim("long", "")
	case Date:
		prim("int", "date")
	case Timestamp:
		prim("long", "timestamp-micros")
	case TimestampNTZ:
		prim("long", "local-timestamp-micros")
	case Float:
		prim("float", "")
	case Double:
		prim("double", "")
	case String:
		prim("string", "")
	case Null:
		prim("null", "")
	case Binary:
		prim("bytes", "")
	case Decimal:
		ns := recordName
		if nameSpace != "" {
			ns = nameSpace + "." + recordName
		}
		b.WriteString(`{"type":"fixed","name":"fixed"`)
		if ns != enclosing {
			b.WriteString(`,"namespace":`)
			writeJSONString(b, ns)
		}
		fmt.Fprintf(b, `,"size":%d,"logicalType":"decimal","precision":%d,"scale":%d}`,
			DecimalFixedSize(t.Precision), t.Precision, t.Scale)
	case Array:
		b.WriteString(`{"type":"array","items":`)
		if err := writeSparkAvro(b, t.Elem, t.ContainsNull, recordName, nameSpace, enclosing); err != nil {
			return err
		}
		b.WriteByte('}')
	case Map:
		if t.Key.Kind != String {
			return fmt.Errorf("Avro maps have string keys; a map with %s keys cannot be written as Avro", t.Key.SimpleString())
		}
		b.WriteString(`{"type":"map","values":`)
		if err := writeSparkAvro(b, t.Value, t.ValueContainsNull, recordName, nameSpace, enclosing); err != nil {
			return err
		}
		b.WriteByte('}')
	case Struct:
		child := recordName
		if nameSpace != "" {
			child = nameSpace + "." + recordName
		}
		b.WriteString(`{"type":"record","name":`)
		writeJSONString(b, recordName)
		if nameSpace != enclosing {
			b.WriteString(`,"namespace":`)
			writeJSONString(b, nameSpace)
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
			writeJSONString(b, f.Name)
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
