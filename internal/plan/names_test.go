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

func TestVarPrefixSpaces(t *testing.T) {
	for _, tc := range []struct {
		prefix, name string
		want         bool
	}{
		{"x", "xLoc", true}, {"x", "xDec3", true}, {"x", "xCsvOpts12", true},
		{"x", "xProcessor", false}, {"x", "newXProcessor", false}, {"x", "xDec", false},
		{"x", "x_2Dec3", false}, {"x", "xdec3", false}, {"x", "csvColumns_X", false},
		{"x", "xValueFields", true}, {"x", "xFields", false},
	} {
		if got := inSpace(tc.prefix, tc.name); got != tc.want {
			t.Errorf("inSpace(%q, %q) = %v", tc.prefix, tc.name, got)
		}
	}
	for _, tc := range []struct {
		a, b string
		want bool
	}{{"x", "xAll", true}, {"x", "x", false}, {"x", "xA1", false}, {"x", "x_2", false}, {"x", "xa", false}} {
		if got := extends(tc.a, tc.b); got != tc.want {
			t.Errorf("extends(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}

func TestFileNamesAvoidBuildConstraintsAndCodecFiles(t *testing.T) {
	n := newNamer(map[string]bool{"doc": true})
	got := []string{
		n.takeFiles("s", "", "_json"), n.takeFiles("s_json", "", "_json"), n.takeFiles("s_test", ""),
		n.takeFiles("s_linux", ""), n.takeFiles("s_arm64", ""), n.takeFiles("doc", ""), n.takeFiles("s_linuxx", ""),
	}
	want := []string{"s", "s_json_2", "s_test_2", "s_linux_2", "s_arm64_2", "doc_2", "s_linuxx"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("takeFiles #%d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestPackageNameAvoidsKeywordsAndMain(t *testing.T) {
	for in, want := range map[string]string{"type": "apptype", "main": "appmain", "func": "appfunc", "types": "types", "2x": "app2x"} {
		if got := PackageName(in); got != want {
			t.Errorf("PackageName(%q) = %q, want %q", in, got, want)
		}
	}
}
