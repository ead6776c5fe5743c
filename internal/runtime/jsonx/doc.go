// Package jsonx is the reflection-free JSON reader and writer that streamc's
// generated code calls, in the manner of easyjson's jlexer/jwriter but with
// the semantics of Spark 3.5's from_json (JacksonParser over Jackson 2.15 with
// Spark's default JSONOptions) and to_json (JacksonGenerator).
//
// The API is meant for generated code. A generated decoder looks like this:
//
//	func (x *Invoice) DecodeJSON(data []byte) error {
//		var in jsonx.Decoder
//		in.Reset(data)
//		x.ReadJSON(&in)
//		return in.Finish()
//	}
//
//	func (x *Invoice) ReadJSON(in *jsonx.Decoder) {
//		if !in.BeginObject() {
//			return
//		}
//		for in.NextField() {
//			switch string(in.Key()) {
//			case "InvoiceNumber":
//				x.InvoiceNumber.V, x.InvoiceNumber.Valid = in.String()
//			case "TotalAmount":
//				x.TotalAmount.V, x.TotalAmount.Valid = in.Float64()
//			default:
//				in.Skip()
//			}
//		}
//	}
//
// Every typed reader returns (value, ok); ok == false means SQL NULL. A JSON
// null gives NULL silently. A token of the wrong JSON type gives NULL, records
// a *MismatchError (the first one is kept) and skips the whole value, and
// reading goes on, as Spark's partial results do. Malformed JSON records a
// *SyntaxError; errors are sticky, so every later call returns quickly and
// the generated loops end. Finish reports, in that order: the syntax error,
// ErrEmpty for empty or whitespace-only input (Spark's from_json gives a NULL
// struct), the first mismatch, or nil. Input after the first top-level value
// is ignored, as Spark's JacksonParser never reads it.
//
// # Spark's JSON dialect
//
// Spark's defaults enable two Jackson extensions, which Decoder accepts unless
// Strict is set: single-quoted strings and field names (with \' as an escape),
// and the non-numeric number tokens NaN, Infinity, +Infinity, -Infinity, +INF
// and -INF. Nesting deeper than 1000 and numbers with more than 1000 digits are
// syntax errors (Jackson 2.15's StreamReadConstraints). Invalid UTF-8 inside a
// string reads as U+FFFD, one per malformed sequence as Java's UTF-8 decoder
// groups them (Spark reads the bytes through an InputStreamReader); an
// unpaired surrogate escape such as \ud800 becomes '?' (Java's
// String.getBytes); anything else that is not ASCII outside a string is a
// syntax error.
//
// # Writing
//
// The Append functions write values as Spark's to_json and JSON file sink
// print them (Jackson's WriterBasedJsonGenerator): strings escape only '"',
// '\\' and control characters (\b \t \n \f \r, others \u00XX with upper-case
// hex), everything else is written as UTF-8; invalid UTF-8 in a string is
// written as U+FFFD, grouped as Java's decoder groups it, because Spark turns
// the UTF8String into a Java String first. Doubles and floats are Java's
// toString, with NaN and the infinities as the quoted strings "NaN",
// "Infinity" and "-Infinity" (Jackson's QUOTE_NON_NUMERIC_NUMBERS).
package jsonx
