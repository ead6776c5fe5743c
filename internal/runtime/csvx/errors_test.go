package csvx

import "testing"

// Error texts are what a FAILFAST query stops with: they name the column
// (once the generated decoder has set it) and carry no package prefix.
func TestErrorMessages(t *testing.T) {
	o := DefaultReadOptions()
	var d Decoder
	d.Reset([]byte("x,oops"), &o)
	d.String()
	d.Int64()
	err := d.Finish()
	if got, want := err.Error(), `field 1 at byte 2: "oops" is not a bigint`; got != want {
		t.Errorf("unnamed: %q, want %q", got, want)
	}
	NameColumn(err, []string{"name", "user_id"})
	if got, want := err.Error(), `column "user_id" at byte 2: "oops" is not a bigint`; got != want {
		t.Errorf("named: %q, want %q", got, want)
	}

	d.Reset([]byte("1"), &o)
	d.Int32()
	d.Int32()
	err = d.Finish()
	NameColumn(err, []string{"a", "b"})
	if got, want := err.Error(), "malformed CSV record: 1 tokens for 2 fields"; got != want {
		t.Errorf("short row: %q, want %q", got, want)
	}
	if got, want := (&SyntaxError{Offset: 3, Reason: "unclosed quote"}).Error(), "malformed CSV at byte 3: unclosed quote"; got != want {
		t.Errorf("syntax: %q, want %q", got, want)
	}
	NameColumn(nil, []string{"a"}) // no error: nothing to name
}
