package sqlfn

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
)

// Base64 is base64(b): Spark 3.5 uses java.util.Base64's MIME encoder, so
// the text is broken into lines of 76 characters separated by "\r\n"
// (spark.sql.chunkBase64String.enabled, true by default).
func Base64(b []byte) string {
	enc := base64.StdEncoding.EncodeToString(b)
	if len(enc) <= 76 {
		return enc
	}
	var sb strings.Builder
	sb.Grow(len(enc) + len(enc)/76*2)
	for i := 0; i < len(enc); i += 76 {
		if i > 0 {
			sb.WriteString("\r\n")
		}
		sb.WriteString(enc[min(i, len(enc)):min(i+76, len(enc))])
	}
	return sb.String()
}

// UnBase64 is unbase64(s): java.util.Base64's MIME decoder, which skips
// characters outside the alphabet (line breaks included). Bad padding is
// an error, as Spark fails the query with the JDK's exception.
func UnBase64(s string) ([]byte, error) {
	out := make([]byte, 0, len(s)*3/4)
	bits, shift := 0, 18
	i := 0
	for i < len(s) {
		c := s[i]
		i++
		v := b64val(c)
		if v < 0 {
			if c == '=' {
				if shift == 6 && (i == len(s) || s[i] != '=') || shift == 18 {
					return nil, errors.New("IllegalArgumentException: Input byte array has wrong 4-byte ending unit")
				}
				if shift == 6 {
					i++
				}
				break
			}
			continue
		}
		bits |= v << shift
		shift -= 6
		if shift < 0 {
			out = append(out, byte(bits>>16), byte(bits>>8), byte(bits))
			bits, shift = 0, 18
		}
	}
	switch shift {
	case 6:
		out = append(out, byte(bits>>16))
	case 0:
		out = append(out, byte(bits>>16), byte(bits>>8))
	case 12:
		return nil, errors.New("IllegalArgumentException: Last unit does not have enough valid bits")
	}
	for ; i < len(s); i++ {
		if b64val(s[i]) >= 0 {
			return nil, errors.New("IllegalArgumentException: Input byte array has incorrect ending byte at " + strconv.Itoa(i))
		}
	}
	return out, nil
}

func b64val(c byte) int {
	switch {
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 26
	case c >= '0' && c <= '9':
		return int(c-'0') + 52
	case c == '+':
		return 62
	case c == '/':
		return 63
	}
	return -1
}

const hexUpper = "0123456789ABCDEF"

// Hex is hex(b) for BINARY or STRING (its UTF-8 bytes): upper-case digits.
func Hex(b []byte) string {
	out := make([]byte, len(b)*2)
	for i, c := range b {
		out[2*i] = hexUpper[c>>4]
		out[2*i+1] = hexUpper[c&15]
	}
	return string(out)
}

// HexString is hex(s) for a STRING.
func HexString(s string) string { return Hex(bytesOf(s)) }

// HexInt64 is hex(n) for an integral n: upper-case digits of the 64-bit
// two's complement, without leading zeros.
func HexInt64(n int64) string {
	return strings.ToUpper(strconv.FormatUint(uint64(n), 16))
}

// Unhex is unhex(s): pairs of hex digits to bytes (an odd length reads the
// first digit alone); NULL (ok=false) on any other character.
func Unhex(s string) ([]byte, bool) {
	out := make([]byte, (len(s)+1)/2)
	i, j := 0, 0
	if len(s)%2 == 1 {
		v := unhexDigit(s[0])
		if v < 0 {
			return nil, false
		}
		out[0] = byte(v)
		i, j = 1, 1
	}
	for ; i < len(s); i += 2 {
		a, b := unhexDigit(s[i]), unhexDigit(s[i+1])
		if a < 0 || b < 0 {
			return nil, false
		}
		out[j] = byte(a<<4 | b)
		j++
	}
	return out, true
}

func unhexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
