package avrojson

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"time"

	"github.com/streamc/streamc/internal/runtime/avroschema"
)

// intValue converts v to an int or long; strings are accepted for the date
// and time logical types.
func intValue(v any, logicalType string, bits int) (int64, error) {
	var n int64
	switch v := v.(type) {
	case json.Number:
		i, err := strconv.ParseInt(v.String(), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("want an integer, got number %s", v)
		}
		n = i
	case float64: // what encoding/json gives callers of Encode without UseNumber
		if v != math.Trunc(v) || math.Abs(v) > 1<<63 {
			return 0, fmt.Errorf("want an integer, got number %v", v)
		}
		n = int64(v)
	case int:
		n = int64(v)
	case int32:
		n = int64(v)
	case int64:
		n = v
	case string:
		i, err := fromText(v, logicalType)
		if err != nil {
			return 0, err
		}
		n = i
	default:
		return 0, mismatch("an integer", v)
	}
	if bits == 32 && (n < math.MinInt32 || n > math.MaxInt32) {
		return 0, fmt.Errorf("%d does not fit an Avro int", n)
	}
	return n, nil
}

// fromText reads a date or time given as text for a logical type.
func fromText(s, logicalType string) (int64, error) {
	var layout string
	switch logicalType {
	case "date":
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return 0, fmt.Errorf("date %q: want yyyy-mm-dd", s)
		}
		return int64(math.Floor(float64(d.Unix()) / 86400)), nil
	case "timestamp-millis", "timestamp-micros":
		layout = time.RFC3339Nano
	case "local-timestamp-millis", "local-timestamp-micros":
		layout = "2006-01-02T15:04:05.999999999"
	default:
		return 0, fmt.Errorf("want an integer, got string %q", s)
	}
	ts, err := time.Parse(layout, s)
	if err != nil {
		return 0, fmt.Errorf("%s %q: want %s", logicalType, s, layout)
	}
	if logicalType[len(logicalType)-6:] == "millis" {
		return ts.UnixMilli(), nil
	}
	return ts.UnixMicro(), nil
}

func floatValue(v any) (float64, error) {
	switch v := v.(type) {
	case json.Number:
		return strconv.ParseFloat(v.String(), 64)
	case float64:
		return v, nil
	case int:
		return float64(v), nil
	case int64:
		return float64(v), nil
	case string: // Avro's JSON encoding writes these as strings
		switch v {
		case "NaN":
			return math.NaN(), nil
		case "Infinity":
			return math.Inf(1), nil
		case "-Infinity":
			return math.Inf(-1), nil
		}
	}
	return 0, mismatch("a number", v)
}

// bytesValue converts v to the bytes of a bytes or fixed type (size >= 0).
// Plain bytes are given as Avro's JSON encoding does: a string whose code
// points 0-255 are the bytes. Decimals are given as numbers.
func bytesValue(v any, n *avroschema.Node, size int) ([]byte, error) {
	if n.Logical == avroschema.LogicalDecimal {
		if _, isString := v.(string); !isString || isDecimal(v.(string)) {
			return decimalBytes(v, n.Scale, size)
		}
	}
	s, ok := v.(string)
	if !ok {
		return nil, mismatch("a string of byte code points", v)
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			return nil, fmt.Errorf("code point %U is not a byte", r)
		}
		b = append(b, byte(r))
	}
	if size >= 0 && len(b) != size {
		return nil, fmt.Errorf("fixed of size %d given %d bytes", size, len(b))
	}
	return b, nil
}

func isDecimal(s string) bool {
	_, ok := new(big.Rat).SetString(s)
	return ok && s != ""
}

// decimalBytes is the big-endian two's complement of v * 10^scale, as short
// as it can be (bytes) or sign-extended to size (fixed).
func decimalBytes(v any, scale, size int) ([]byte, error) {
	var text string
	switch v := v.(type) {
	case json.Number:
		text = v.String()
	case string:
		text = v
	case float64:
		text = strconv.FormatFloat(v, 'f', -1, 64)
	default:
		return nil, mismatch("a decimal number", v)
	}
	r, ok := new(big.Rat).SetString(text)
	if !ok {
		return nil, fmt.Errorf("%q is not a decimal number", text)
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil)))
	if !r.IsInt() {
		return nil, fmt.Errorf("%s has more than %d digits after the point", text, scale)
	}
	b := twosComplement(r.Num())
	if size < 0 {
		return b, nil
	}
	if len(b) > size {
		return nil, fmt.Errorf("%s does not fit a fixed of %d bytes", text, size)
	}
	pad := byte(0)
	if b[0]&0x80 != 0 {
		pad = 0xff
	}
	out := make([]byte, size)
	for i := range size - len(b) {
		out[i] = pad
	}
	copy(out[size-len(b):], b)
	return out, nil
}

func twosComplement(n *big.Int) []byte {
	if n.Sign() >= 0 {
		b := n.Bytes()
		if len(b) == 0 || b[0]&0x80 != 0 {
			b = append([]byte{0}, b...)
		}
		return b
	}
	// -n-1 has the same bits as n, inverted.
	m := new(big.Int).Neg(n)
	m.Sub(m, big.NewInt(1))
	b := m.Bytes()
	if len(b) == 0 || b[0]&0x80 != 0 {
		b = append([]byte{0}, b...)
	}
	for i := range b {
		b[i] = ^b[i]
	}
	return b
}
