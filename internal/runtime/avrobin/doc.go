// Package avrobin reads and writes Avro binary values over byte slices without
// reflection. It knows no schema: streamc's generated decoders and encoders
// call it in straight-line code, one call per field.
//
// A generated decoder looks like this:
//
//	func (x *Invoice) DecodeAvro(data []byte) error {
//		var r avrobin.Reader
//		r.Reset(data)
//		x.ReadAvro(&r)
//		return r.Done()
//	}
//
//	func (x *Invoice) ReadAvro(r *avrobin.Reader) {
//		x.InvoiceNumber = r.String()
//		if r.Union(2) == 1 { // ["null","double"]
//			x.TotalAmount.V, x.TotalAmount.Valid = r.Double(), true
//		}
//		for n := r.BlockCount(1); n > 0; n = r.BlockCount(1) {
//			for i := 0; i < n; i++ {
//				var it LineItem
//				it.ReadAvro(r)
//				x.Items = append(x.Items, it)
//			}
//		}
//	}
//
// Errors are sticky: the first one is kept and every later read returns a
// zero value, so generated code checks once at the end (Err or Done) and its
// loops end quickly. Errors are *Error values carrying the byte offset and
// wrapping one of the Err sentinels. No input makes a Reader panic, and a
// length or count prefix is checked against the bytes left before anything
// is allocated for it; counts of items that may take zero bytes are bounded by
// MaxZeroSizeItems per datum.
//
// Bytes, Fixed and StringView alias the input; String and BytesCopy copy.
//
// # Writing
//
// The Append functions write values to the end of dst and return the extended
// slice; they do not allocate when dst has room. Complex types are written by
// the caller: a record is its fields in order, a union is AppendLong(branch)
// then the branch's value, an enum is AppendInt(index), and an array or map is
// one block of items followed by the end marker 0 (a map item is
// AppendString(key) then the value; an empty array is just the 0):
//
//	if len(items) > 0 {
//		dst = avrobin.AppendLong(dst, int64(len(items)))
//		for _, it := range items {
//			dst = it.AppendAvro(dst)
//		}
//	}
//	dst = avrobin.AppendLong(dst, 0)
//
// Decimals follow Avro Java's DecimalConversion (minimal big-endian two's
// complement, exact rescaling only), so Spark's to_avro and streamc agree
// byte for byte.
package avrobin
