package plan

import "testing"

func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"InvoiceNumber": "InvoiceNumber", "snake_case": "SnakeCase", "2nd col": "X2ndCol",
		"a-b.c": "ABC", "": "X", "_": "X", "ünï": "Ünï", "日本": "X日本", "$x": "X",
	} {
		if got := GoName(in); got != want {
			t.Errorf("GoName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFileBase(t *testing.T) {
	for in, want := range map[string]string{
		"Invoice": "invoice", "GpsReading": "gps_reading", "HTTPServer": "http_server", "AB_2": "ab_2", "X": "x",
	} {
		if got := FileBase(in); got != want {
			t.Errorf("FileBase(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNamerDisambiguatesCaseInsensitively(t *testing.T) {
	n := newNamer(reservedFieldNames)
	got := []string{n.take("AB"), n.take("Ab"), n.take("AB"), n.take("DecodeJSON"), n.take("AB_2")}
	want := []string{"AB", "Ab_2", "AB_3", "DecodeJSON_2", "AB_2_2"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("take #%d = %q, want %q", i, got[i], want[i])
		}
	}
}
