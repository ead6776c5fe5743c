package demo

import (
	"strings"
	"testing"
)

func TestReadyAddr(t *testing.T) {
	addr, err := readyAddr(strings.NewReader("kafka 127.0.0.1:40123\nschema-registry http://127.0.0.1:40124\ntopic invoices 3\nready\n"))
	if err != nil || addr != "127.0.0.1:40123" {
		t.Errorf("readyAddr = %q, %v", addr, err)
	}
	for _, in := range []string{"kafka 127.0.0.1:1\n", "schema-registry http://x\nready\n", ""} {
		if addr, err := readyAddr(strings.NewReader(in)); err == nil {
			t.Errorf("readyAddr(%q) = %q, want an error", in, addr)
		}
	}
}

func TestProgressTotals(t *testing.T) {
	log := `{"time":"x","level":"INFO","msg":"query starting","query":"notify"}
{"level":"INFO","msg":"query progress","name":"flatten","batchId":0,"numInputRows":300,"sink":{"description":"file","numOutputRows":900}}
{"level":"INFO","msg":"query progress","name":"notify","batchId":0,"numInputRows":500,"sink":{"numOutputRows":500}}
not json
{"level":"INFO","msg":"query progress","name":"flatten","batchId":1,"numInputRows":200,"sink":{"numOutputRows":658}}
`
	tot, err := progressTotals(strings.NewReader(log))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tot.String(), "flatten 500 in -> 1558 out, notify 500 in -> 500 out"; got != want {
		t.Errorf("totals %q, want %q", got, want)
	}
}

func TestSameSorted(t *testing.T) {
	if err := sameSorted("rows", []string{"b", "a"}, []string{"a", "b"}, "f"); err != nil {
		t.Error(err)
	}
	err := sameSorted("rows", []string{"a", "c"}, []string{"a", "b"}, "f")
	if err == nil || !strings.Contains(err.Error(), "got: c") || !strings.Contains(err.Error(), "want: b") {
		t.Errorf("error %v", err)
	}
}
