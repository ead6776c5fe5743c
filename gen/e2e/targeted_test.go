package e2e

import (
	"testing"
)

// targetedInvoices exercise Spark's rules one at a time. Each expectation
// below is derived from Spark 3.5's behaviour:
//
//   - from_json: a missing field is null; a syntax error makes every field
//     null; an int field given 1.0 is null alone (3.4+ partial results); a
//     string field given a number keeps its text; escapes in input strings
//     are decoded.
//   - explode drops a row whose array is null or empty, and keeps a null
//     element (a row whose LineItem fields are all null).
//   - to_json and the JSON sink leave null fields out, print doubles as
//     Java's Double.toString and escape strings as Jackson does: `"`, `\`,
//     \b \t \n \f \r, other control characters as \u00XX in upper case;
//     '/', DEL, <&> and non-ASCII as they are.
//   - TotalAmount * 0.2 is IEEE double arithmetic.
var targetedInvoices = []string{
	`{"InvoiceNumber":"T-null"}`,
	`{"InvoiceNumber":"T-empty","TotalAmount":1.0E7,"InvoiceLineItems":[]}`,
	`{"InvoiceNumber":"T-nullitems","TotalAmount":11114.0,"InvoiceLineItems":null}`,
	`{"InvoiceNumber":"T-small","CustomerCardNo":"q\"b\\s\/\u0001\t\n","TotalAmount":1.0E-4}`,
	`{"InvoiceNumber":12345,"TotalAmount":-0.0}`,
	`{"InvoiceNumber":"T-bad",`,
	`{"InvoiceNumber":"T-items","CreatedTime":1595688900137,"StoreID":"S<&>","PosID":"P\u00e9\u20ac","CustomerType":"PRIME",` +
		`"PaymentMethod":"CARD","DeliveryType":"TAKEAWAY","DeliveryAddress":{"City":"Zürich","State":"ZH"},"InvoiceLineItems":[` +
		`{"ItemCode":"a","ItemDescription":"quote\" back\\ c\b\f\r\u001f del` + "\x7f" + `","ItemPrice":159.99800000000002,"ItemQty":2,"TotalValue":319.99600000000004},` +
		`null,` +
		`{"ItemCode":"b","ItemQty":1.0,"ItemPrice":1.0E-4,"TotalValue":2.5E-5},` +
		`{}],"TotalAmount":159.99800000000002}`,
}

// targetedNotes are query notify's records; a null key's partition is the
// partitioner's choice and is not compared.
var targetedNotes = []struct {
	key   *string
	value string
}{
	{ptr("T-null"), `{"InvoiceNumber":"T-null"}`},
	{ptr("T-empty"), `{"InvoiceNumber":"T-empty","TotalAmount":1.0E7,"EarnedLoyaltyPoints":2000000.0}`},
	{ptr("T-nullitems"), `{"InvoiceNumber":"T-nullitems","TotalAmount":11114.0,"EarnedLoyaltyPoints":2222.8}`},
	{ptr("T-small"), `{"InvoiceNumber":"T-small","CustomerCardNo":"q\"b\\s/\u0001\t\n","TotalAmount":1.0E-4,"EarnedLoyaltyPoints":2.0E-5}`},
	{ptr("12345"), `{"InvoiceNumber":"12345","TotalAmount":-0.0,"EarnedLoyaltyPoints":-0.0}`},
	{nil, `{}`},
	{ptr("T-items"), `{"InvoiceNumber":"T-items","TotalAmount":159.99800000000002,"EarnedLoyaltyPoints":31.999600000000004}`},
}

// targetedRows are query flatten's rows, sorted.
var targetedRows = sortedStrings([][]byte{
	[]byte(`{"InvoiceNumber":"T-items","CreatedTime":1595688900137,"StoreID":"S<&>","PosID":"Pé€","CustomerType":"PRIME","PaymentMethod":"CARD","DeliveryType":"TAKEAWAY","City":"Zürich","State":"ZH",` +
		`"ItemCode":"a","ItemDescription":"quote\" back\\ c\b\f\r\u001F del` + "\x7f" + `","ItemPrice":159.99800000000002,"ItemQty":2,"TotalValue":319.99600000000004}`),
	[]byte(`{"InvoiceNumber":"T-items","CreatedTime":1595688900137,"StoreID":"S<&>","PosID":"Pé€","CustomerType":"PRIME","PaymentMethod":"CARD","DeliveryType":"TAKEAWAY","City":"Zürich","State":"ZH"}`),
	[]byte(`{"InvoiceNumber":"T-items","CreatedTime":1595688900137,"StoreID":"S<&>","PosID":"Pé€","CustomerType":"PRIME","PaymentMethod":"CARD","DeliveryType":"TAKEAWAY","City":"Zürich","State":"ZH",` +
		`"ItemCode":"b","ItemPrice":1.0E-4,"TotalValue":2.5E-5}`),
	[]byte(`{"InvoiceNumber":"T-items","CreatedTime":1595688900137,"StoreID":"S<&>","PosID":"Pé€","CustomerType":"PRIME","PaymentMethod":"CARD","DeliveryType":"TAKEAWAY","City":"Zürich","State":"ZH"}`),
})

func ptr(s string) *string { return &s }

func TestTargetedRows(t *testing.T) {
	t.Parallel()
	bin := build(t, "generated/cmd/invoices")
	k := cluster(t)
	var lines [][]byte
	for _, l := range targetedInvoices {
		lines = append(lines, []byte(l))
	}
	produce(t, k, lines)
	dir := t.TempDir()
	runProgram(t, bin, dir, appArgs(k)...)

	got := notes(t, k)
	var want []note
	for i, n := range got {
		if n.partition < 0 || n.partition >= partitions {
			t.Errorf("record %v: partition out of range", n)
		}
		if n.key == nil {
			got[i].partition = -1 // the partitioner's choice
		}
	}
	for _, n := range targetedNotes {
		w := note{partition: -1, value: n.value}
		if n.key != nil {
			w.key = []byte(*n.key)
			w.partition = murmur2Partition(w.key)
		}
		want = append(want, w)
	}
	checkNotes(t, got, want)
	checkLines(t, "flattened rows", committedLines(t, dir), targetedRows)
}

// The partition oracle agrees with Spark's output for the fixture invoices.
func TestMurmur2Oracle(t *testing.T) {
	for _, n := range expectedNotes(t, fixture(t, "expected-notifications.jsonl")) {
		if got := murmur2Partition(n.key); got != n.partition {
			t.Errorf("key %q: partition %d, Spark wrote %d", n.key, got, n.partition)
		}
	}
}
