package csvgen_test

import (
	"testing"

	"github.com/streamc/streamc/examples/orders/generated/orders"
	"github.com/streamc/streamc/internal/runtime/csvx"
)

// A generated decoder's errors name the schema's columns.
func TestDecodeErrorsNameColumns(t *testing.T) {
	o := csvx.DefaultReadOptions()
	for line, want := range map[string]string{
		"A-4,X,abc,2,1.5,true,,":   `column "Amount" at byte 6: "abc" is not a decimal(12,2)`,
		"A-4,X,1.5,two,1.5,true,,": `column "Qty" at byte 10: "two" is not an int`,
		"A-4,X,1.5,2,1.5,true,,x":  `column "ShipBy" at byte 22: "x" is not a date`,
		"A-4,X":                    "malformed CSV record: 2 tokens for 8 fields",
	} {
		var x orders.Order
		if err := x.DecodeCSV([]byte(line), &o); err == nil || err.Error() != want {
			t.Errorf("%s: error %v, want %q", line, err, want)
		}
	}
}
