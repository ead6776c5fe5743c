package jsonx

import "testing"

// Error texts are what a FAILFAST query stops with: no package prefix,
// the field's path and the byte offset.
func TestErrorMessages(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		read     func(d *Decoder)
	}{
		{`{"a": 1,}`, "malformed JSON at byte 8: unexpected character '}', expected field name", nil},
		{`{"a": "x"}`, `field "a" at byte 6: expected int, got string`, func(d *Decoder) {
			for d.BeginObject(); d.NextField(); {
				d.Int32()
			}
		}},
		{`"x"`, "top-level value at byte 0: expected object, got string", func(d *Decoder) { d.BeginObject() }},
		{` `, "empty JSON input", nil},
	} {
		var d Decoder
		d.Reset([]byte(tc.in))
		if tc.read != nil {
			tc.read(&d)
		} else {
			d.Skip()
		}
		err := d.Finish()
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: error %v, want %q", tc.in, err, tc.want)
		}
	}
}
