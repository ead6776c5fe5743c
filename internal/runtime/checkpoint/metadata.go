package checkpoint

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
)

// encodeMetadata writes Spark's StreamMetadata: {"id":"..."}, no newline.
func encodeMetadata(id string) []byte {
	var b bytes.Buffer
	b.WriteString(`{"id":`)
	appendJSONString(&b, id)
	b.WriteByte('}')
	return b.Bytes()
}

func parseMetadata(data []byte) (string, error) {
	lines := splitLines(data)
	if len(lines) == 0 {
		return "", errors.New("empty file")
	}
	if len(lines) > 1 {
		return "", errors.New("more than one line")
	}
	md, err := parseObject[struct {
		ID string `json:"id"`
	}](lines[0])
	if err != nil {
		return "", err
	}
	if md.ID == "" {
		return "", errors.New(`missing "id"`)
	}
	return md.ID, nil
}

// newUUID returns a random (version 4) UUID, as Spark's UUID.randomUUID.
func newUUID() (string, error) {
	var u [16]byte
	if _, err := rand.Read(u[:]); err != nil {
		return "", err
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], u[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], u[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], u[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], u[8:10])
	s[23] = '-'
	hex.Encode(s[24:], u[10:])
	return string(s[:]), nil
}
