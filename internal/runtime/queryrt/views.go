package queryrt

import "unsafe"

// Bytes views s as bytes without copying. The caller must not modify the
// result; sinks copy what they keep, so a message may point into a string.
func Bytes(s string) []byte {
	if s == "" {
		return []byte{}
	}
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// String views b as a string without copying. b must not change while the
// string is in use: processors give each such buffer to one expression,
// which rewrites it only when it computes its next value.
func String(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}
