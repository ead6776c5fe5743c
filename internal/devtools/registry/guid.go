package registry

import (
	"crypto/md5"
	"encoding/binary"
	"fmt"
)

// guidOf is the GUID of a stored schema: the MD5 of its text followed by
// each reference's name, subject and big-endian 32-bit version, printed as
// a UUID, as Confluent's registry derives it (MD5.ofSchema). The same text
// and references always give the same GUID, in any registry.
func guidOf(s Schema) string {
	h := md5.New()
	h.Write([]byte(s.Schema))
	for _, ref := range s.References {
		h.Write([]byte(ref.Name))
		h.Write([]byte(ref.Subject))
		h.Write(binary.BigEndian.AppendUint32(nil, uint32(ref.Version)))
	}
	b := h.Sum(nil)
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
