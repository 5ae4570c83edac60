package xfer

import (
	"bytes"
	"strings"
	"testing"

	"kontor/domain"
)

func TestReadOrdersGroupsLines(t *testing.T) {
	src := "order_no;account_code;order_date;sku;quantity;unit_price;discount_pct;status;delivered_date\n" +
		"Z/1;K1;27.11.2026;A;1 000;12,5;;;\n" +
		"Z/2;K2;2026-11-27;B;2,5;;10;Delivered;28.11.2026\n" +
		" z/1 ;k1;2026-11-27;C;3;;;confirmed;\n" // the same order: number and code ignore case, blank status is confirmed
	f, err := ReadOrders("o.csv", strings.NewReader(src))
	if err != nil || len(f.Errs) != 0 {
		t.Fatalf("%v %v", err, f.Errs)
	}
	if len(f.Orders) != 2 || f.Rows != 3 || len(f.Orders[0].Lines) != 2 || f.Orders[0].Lines[1].SKU != "C" {
		t.Fatalf("orders %+v", f.Orders)
	}
	l := f.Orders[0].Lines[0]
	if l.Quantity != 1000*domain.One || !l.HasPrice || l.Price != 125000 || l.Status != domain.OrderConfirmed || l.Date != domain.NewDate(2026, 11, 27) {
		t.Errorf("line %+v", l)
	}
	o := f.Orders[1]
	if o.Status != domain.OrderDelivered || o.Delivered != domain.NewDate(2026, 11, 28) || o.Lines[0].HasPrice || o.Lines[0].Discount != 1000 {
		t.Errorf("order %+v", o)
	}
}

// FuzzReadOrders: whatever the file, reading it neither panics nor drops a
// row: every data row is a line of an order or has a problem named by its line.
func FuzzReadOrders(f *testing.F) {
	f.Add([]byte("order_no,account_code,order_date,sku,quantity\nZ/1,K1,2026-11-27,A,1\n"))
	f.Add([]byte("order_no;account_code;order_date;sku;quantity;status;delivered_date\nZ;K;27.11.2026;A;0,5;delivered;\nZ;J;x;B;-1;;\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		of, err := ReadOrders("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			checkLines(t, err)
			return
		}
		lines := 0
		for _, o := range of.Orders {
			if o.Number == "" || len(o.Lines) == 0 {
				t.Fatalf("order %+v", o)
			}
			lines += len(o.Lines)
		}
		bad := map[int]bool{}
		for _, e := range of.Errs {
			bad[e.Line] = true
		}
		if lines > of.Rows || lines+len(bad) < of.Rows {
			t.Fatalf("%d rows: %d lines, %d bad", of.Rows, lines, len(bad))
		}
	})
}
