package jsongen_test

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/streamc/streamc/generated/invoices"
	"github.com/streamc/streamc/internal/runtime/jsonx"
)

// Reading a subset of fields (a query's projection) must give, for those
// fields, exactly what reading every field gives, on good input and bad:
// a syntax error in a skipped field still makes every field null, and a
// type mismatch in a skipped field leaves the others alone.
func TestDecodeJSONFieldsAgreesWithFullDecode(t *testing.T) {
	const notify = 1<<0 | 1<<6 | 1<<7 // InvoiceNumber, CustomerCardNo, TotalAmount
	rng := rand.New(rand.NewPCG(4, 2))
	inputs := readLines(t, "invoices.jsonl")
	mutations := [][]byte{[]byte("}"), []byte(`"`), []byte("[1,"), []byte(`"x"`), []byte("1e"), []byte("{}"), []byte("null"), []byte(`\u12`)}
	for _, line := range inputs[:100] {
		for range 20 {
			// Replace a random span with a random fragment: syntax errors
			// and type mismatches land anywhere, often in skipped fields.
			i := rng.IntN(len(line))
			j := min(len(line), i+rng.IntN(8))
			bad := bytes.Join([][]byte{line[:i], mutations[rng.IntN(len(mutations))], line[j:]}, nil)
			inputs = append(inputs, bad)
		}
	}
	var inFull, inPart jsonx.Decoder
	inPart.Borrow = true
	syntaxErrors := 0
	for _, data := range inputs {
		var full, part invoices.Invoice
		errFull := full.DecodeJSONWith(&inFull, data)
		errPart := part.DecodeJSONFieldsWith(&inPart, data, notify)
		if (inFull.Err() != nil) != (inPart.Err() != nil) {
			t.Fatalf("%s\nsyntax error full %v, projected %v", data, errFull, errPart)
		}
		if inFull.Err() != nil {
			syntaxErrors++
		}
		want := invoices.Invoice{InvoiceNumber: full.InvoiceNumber, CustomerCardNo: full.CustomerCardNo, TotalAmount: full.TotalAmount}
		if diff := cmp.Diff(want, part); diff != "" {
			t.Fatalf("%s\nprojected decode differs (-full +projected):\n%s", data, diff)
		}
	}
	if syntaxErrors == 0 || syntaxErrors == len(inputs) {
		t.Fatalf("%d of %d inputs had syntax errors: the mutations test nothing", syntaxErrors, len(inputs))
	}
}
