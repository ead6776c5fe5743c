package jsonx

import (
	"encoding/json"
	"testing"

	"github.com/streamc/streamc/runtime/sqltypes"
)

// The types and methods below have the shape streamc's generator emits for
// the invoice schema; the benchmarks compare them with encoding/json.

type address struct {
	AddressLine, City, State, PinCode, ContactNumber sqltypes.Null[string]
}

type lineItem struct {
	ItemCode, ItemDescription sqltypes.Null[string]
	ItemPrice                 sqltypes.Null[float64]
	ItemQty                   sqltypes.Null[int32]
	TotalValue                sqltypes.Null[float64]
}

type invoice struct {
	InvoiceNumber    sqltypes.Null[string]
	CreatedTime      sqltypes.Null[int64]
	StoreID          sqltypes.Null[string]
	PosID            sqltypes.Null[string]
	CashierID        sqltypes.Null[string]
	CustomerType     sqltypes.Null[string]
	CustomerCardNo   sqltypes.Null[string]
	TotalAmount      sqltypes.Null[float64]
	NumberOfItems    sqltypes.Null[int32]
	PaymentMethod    sqltypes.Null[string]
	CGST, SGST, CESS sqltypes.Null[float64]
	DeliveryType     sqltypes.Null[string]
	DeliveryAddress  sqltypes.Null[address]
	InvoiceLineItems sqltypes.Null[[]lineItem]
}

func (x *invoice) DecodeJSON(data []byte) error {
	var in Decoder
	in.Reset(data)
	x.ReadJSON(&in)
	return in.Finish()
}

func (x *invoice) ReadJSON(in *Decoder) {
	*x = invoice{InvoiceLineItems: sqltypes.Null[[]lineItem]{V: x.InvoiceLineItems.V[:0]}}
	if !in.BeginObject() {
		return
	}
	for in.NextField() {
		switch string(in.Key()) {
		case "InvoiceNumber":
			x.InvoiceNumber.V, x.InvoiceNumber.Valid = in.String()
		case "CreatedTime":
			x.CreatedTime.V, x.CreatedTime.Valid = in.Int64()
		case "StoreID":
			x.StoreID.V, x.StoreID.Valid = in.String()
		case "PosID":
			x.PosID.V, x.PosID.Valid = in.String()
		case "CashierID":
			x.CashierID.V, x.CashierID.Valid = in.String()
		case "CustomerType":
			x.CustomerType.V, x.CustomerType.Valid = in.String()
		case "CustomerCardNo":
			x.CustomerCardNo.V, x.CustomerCardNo.Valid = in.String()
		case "TotalAmount":
			x.TotalAmount.V, x.TotalAmount.Valid = in.Float64()
		case "NumberOfItems":
			x.NumberOfItems.V, x.NumberOfItems.Valid = in.Int32()
		case "PaymentMethod":
			x.PaymentMethod.V, x.PaymentMethod.Valid = in.String()
		case "CGST":
			x.CGST.V, x.CGST.Valid = in.Float64()
		case "SGST":
			x.SGST.V, x.SGST.Valid = in.Float64()
		case "CESS":
			x.CESS.V, x.CESS.Valid = in.Float64()
		case "DeliveryType":
			x.DeliveryType.V, x.DeliveryType.Valid = in.String()
		case "DeliveryAddress":
			if x.DeliveryAddress.Valid = in.BeginObject(); x.DeliveryAddress.Valid {
				x.DeliveryAddress.V.readJSONFields(in)
			}
		case "InvoiceLineItems":
			if x.InvoiceLineItems.Valid = in.BeginArray(); x.InvoiceLineItems.Valid {
				items := x.InvoiceLineItems.V[:0]
				for in.NextElem() {
					var e lineItem
					if in.BeginObject() {
						e.readJSONFields(in)
					}
					items = append(items, e)
				}
				x.InvoiceLineItems.V = items
			}
		default:
			in.Skip()
		}
	}
}

func (x *address) readJSONFields(in *Decoder) {
	for in.NextField() {
		switch string(in.Key()) {
		case "AddressLine":
			x.AddressLine.V, x.AddressLine.Valid = in.String()
		case "City":
			x.City.V, x.City.Valid = in.String()
		case "State":
			x.State.V, x.State.Valid = in.String()
		case "PinCode":
			x.PinCode.V, x.PinCode.Valid = in.String()
		case "ContactNumber":
			x.ContactNumber.V, x.ContactNumber.Valid = in.String()
		default:
			in.Skip()
		}
	}
}

func (x *lineItem) readJSONFields(in *Decoder) {
	for in.NextField() {
		switch string(in.Key()) {
		case "ItemCode":
			x.ItemCode.V, x.ItemCode.Valid = in.String()
		case "ItemDescription":
			x.ItemDescription.V, x.ItemDescription.Valid = in.String()
		case "ItemPrice":
			x.ItemPrice.V, x.ItemPrice.Valid = in.Float64()
		case "ItemQty":
			x.ItemQty.V, x.ItemQty.Valid = in.Int32()
		case "TotalValue":
			x.TotalValue.V, x.TotalValue.Valid = in.Float64()
		default:
			in.Skip()
		}
	}
}

// AppendJSON is the shape of a generated to_json: null fields omitted.
func (x *invoice) AppendJSON(dst []byte) []byte {
	dst = append(dst, '{')
	sep := false
	str := func(key string, v sqltypes.Null[string]) {
		if v.Valid {
			if sep {
				dst = append(dst, ',')
			}
			dst = append(dst, key...)
			dst = AppendString(dst, v.V)
			sep = true
		}
	}
	dbl := func(key string, v sqltypes.Null[float64]) {
		if v.Valid {
			if sep {
				dst = append(dst, ',')
			}
			dst = append(dst, key...)
			dst = AppendDouble(dst, v.V)
			sep = true
		}
	}
	str(`"InvoiceNumber":`, x.InvoiceNumber)
	if x.CreatedTime.Valid {
		dst = append(dst, `,"CreatedTime":`...)
		dst = AppendInt(dst, x.CreatedTime.V)
	}
	str(`"StoreID":`, x.StoreID)
	str(`"PosID":`, x.PosID)
	str(`"CashierID":`, x.CashierID)
	str(`"CustomerType":`, x.CustomerType)
	str(`"CustomerCardNo":`, x.CustomerCardNo)
	dbl(`"TotalAmount":`, x.TotalAmount)
	if x.NumberOfItems.Valid {
		dst = append(dst, `,"NumberOfItems":`...)
		dst = AppendInt(dst, int64(x.NumberOfItems.V))
	}
	str(`"PaymentMethod":`, x.PaymentMethod)
	dbl(`"CGST":`, x.CGST)
	dbl(`"SGST":`, x.SGST)
	dbl(`"CESS":`, x.CESS)
	str(`"DeliveryType":`, x.DeliveryType)
	if a := x.DeliveryAddress; a.Valid {
		dst = append(dst, `,"DeliveryAddress":{`...)
		sep = false
		str(`"AddressLine":`, a.V.AddressLine)
		str(`"City":`, a.V.City)
		str(`"State":`, a.V.State)
		str(`"PinCode":`, a.V.PinCode)
		str(`"ContactNumber":`, a.V.ContactNumber)
		dst = append(dst, '}')
		sep = true
	}
	if items := x.InvoiceLineItems; items.Valid {
		dst = append(dst, `,"InvoiceLineItems":[`...)
		for i, it := range items.V {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, '{')
			sep = false
			str(`"ItemCode":`, it.ItemCode)
			str(`"ItemDescription":`, it.ItemDescription)
			dbl(`"ItemPrice":`, it.ItemPrice)
			if it.ItemQty.Valid {
				dst = append(dst, `,"ItemQty":`...)
				dst = AppendInt(dst, int64(it.ItemQty.V))
			}
			dbl(`"TotalValue":`, it.TotalValue)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	return append(dst, '}')
}

// stdInvoice is the encoding/json baseline.
type stdInvoice struct {
	InvoiceNumber   string  `json:"InvoiceNumber,omitempty"`
	CreatedTime     *int64  `json:"CreatedTime,omitempty"`
	StoreID         string  `json:"StoreID,omitempty"`
	PosID           string  `json:"PosID,omitempty"`
	CashierID       string  `json:"CashierID,omitempty"`
	CustomerType    string  `json:"CustomerType,omitempty"`
	CustomerCardNo  *string `json:"CustomerCardNo,omitempty"`
	TotalAmount     *float64
	NumberOfItems   *int32
	PaymentMethod   string
	CGST, SGST      *float64
	CESS            *float64
	DeliveryType    string
	DeliveryAddress *struct {
		AddressLine, City, State, PinCode, ContactNumber string
	} `json:",omitempty"`
	InvoiceLineItems []struct {
		ItemCode, ItemDescription string
		ItemPrice                 float64
		ItemQty                   int32
		TotalValue                float64
	}
}

const sampleInvoice = `{"InvoiceNumber":"51500001","CreatedTime":1595688908833,"StoreID":"STR6386","PosID":"POS443","CashierID":"OAS622","CustomerType":"NONPRIME","DeliveryType":"HOME-DELIVERY","PaymentMethod":"CASH","DeliveryAddress":{"AddressLine":"369, Road 29","City":"Bengaluru","State":"Karnataka","PinCode":"619869","ContactNumber":"4059906722"},"InvoiceLineItems":[{"ItemCode":"458","ItemDescription":"Wine glass","ItemPrice":1644.0,"ItemQty":1,"TotalValue":1644.0},{"ItemCode":"458","ItemDescription":"Wine glass","ItemPrice":1644.0,"ItemQty":1,"TotalValue":1644.0},{"ItemCode":"351","ItemDescription":"Bed sheet","ItemPrice":799.99,"ItemQty":2,"TotalValue":1599.98}],"TotalAmount":4887.98,"NumberOfItems":3,"CGST":122.2,"SGST":122.2,"CESS":6.11}`

func TestInvoice(t *testing.T) {
	var x invoice
	if err := x.DecodeJSON([]byte(sampleInvoice)); err != nil {
		t.Fatal(err)
	}
	if x.InvoiceNumber.V != "51500001" || x.TotalAmount.V != 4887.98 || len(x.InvoiceLineItems.V) != 3 ||
		x.InvoiceLineItems.V[2].ItemPrice.V != 799.99 || x.DeliveryAddress.V.City.V != "Bengaluru" || x.CustomerCardNo.Valid {
		t.Fatalf("decoded %+v", x)
	}
	// Re-encoding gives the same members (in schema order).
	var back, std map[string]any
	if err := json.Unmarshal(x.AppendJSON(nil), &back); err != nil {
		t.Fatal(err)
	}
	json.Unmarshal([]byte(sampleInvoice), &std)
	a, _ := json.Marshal(back)
	b, _ := json.Marshal(std)
	if string(a) != string(b) {
		t.Errorf("round trip:\n%s\n%s", a, b)
	}
	// Only the 18 strings allocate: the Decoder stays on the stack and the
	// line-item slice is reused.
	data := []byte(sampleInvoice)
	allocs := testing.AllocsPerRun(100, func() { x.DecodeJSON(data) })
	if allocs != 18 {
		t.Errorf("DecodeJSON: %v allocations", allocs)
	}
}

func BenchmarkDecodeInvoice(b *testing.B) {
	data := []byte(sampleInvoice)
	b.Run("jsonx", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		var x invoice
		for b.Loop() {
			if err := x.DecodeJSON(data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var x stdInvoice
			if err := json.Unmarshal(data, &x); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkEncodeInvoice(b *testing.B) {
	var x invoice
	if err := x.DecodeJSON([]byte(sampleInvoice)); err != nil {
		b.Fatal(err)
	}
	var std stdInvoice
	json.Unmarshal([]byte(sampleInvoice), &std)
	b.Run("jsonx", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf = x.AppendJSON(buf[:0])
		}
		b.SetBytes(int64(len(buf)))
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		var n int
		for b.Loop() {
			out, _ := json.Marshal(&std)
			n = len(out)
		}
		b.SetBytes(int64(n))
	})
}
