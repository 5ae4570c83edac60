package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportExportOrders: the orders kind of the CSV contract through the
// commands: blank prices resolved by the engine on the order's total of the
// SKU as of the order date, the export writing the same columns back, a bad
// file refused whole with every bad row listed.
func TestImportExportOrders(t *testing.T) {
	t.Parallel()
	dir, db := priceDB(t)
	// K1's MAK-1: 3.20 from its head office until the order's total reaches 20
	// (the branch's own 2.95 tier, valid in the first half of 2026).
	src := "order_no;account_code;order_date;sku;quantity;unit_price;discount_pct;status;delivered_date\n" +
		"ZAM/1;K1;15.03.2026;MAK-1;12;;;;\n" +
		"ZAM/1;K1;15.03.2026;MAK-1;8;;;;\n" +
		"ZAM/1;K1;15.03.2026;SER-1;2,5;;5;;\n" +
		"ZAM/2;HQ;2026-07-01;MAK-1;3;;;delivered;2026-07-03\n"
	code, out, errs := ctl(t, db, "import", "orders", writeFile(t, dir, "orders.csv", []byte(src)))
	if code != exitOK || !strings.Contains(out, "orders: created 2, updated 0, unchanged 0") {
		t.Fatalf("import orders = %d %q %q", code, out, errs)
	}
	code, out, errs = ctl(t, db, "export", "orders")
	want := "order_no,account_code,order_date,sku,quantity,unit_price,discount_pct,status,delivered_date\n" +
		"ZAM/1,K1,2026-03-15,MAK-1,12,2.95,,confirmed,\n" +
		"ZAM/1,K1,2026-03-15,MAK-1,8,2.95,,confirmed,\n" +
		"ZAM/1,K1,2026-03-15,SER-1,2.5,27.50,5,confirmed,\n" +
		"ZAM/2,HQ,2026-07-01,MAK-1,3,3.20,,delivered,2026-07-03\n"
	if code != exitOK || strings.TrimPrefix(out, "\ufeff") != want {
		t.Fatalf("export orders = %d %q\n%s\nwant\n%s", code, errs, out, want)
	}
	// The export imports back unchanged.
	code, out, _ = ctl(t, db, "import", "orders", writeFile(t, dir, "again.csv", []byte(strings.TrimPrefix(out, "\ufeff"))))
	if code != exitOK || !strings.Contains(out, "created 0, updated 0, unchanged 2") {
		t.Errorf("re-import = %d %q", code, out)
	}
	xlsx := filepath.Join(dir, "orders.xlsx")
	if code, out, errs := ctl(t, db, "export", "orders", "--out", xlsx); code != exitOK || !strings.Contains(out, ": 2 orders") {
		t.Errorf("export xlsx = %d %q %q", code, out, errs)
	} else if st, err := os.Stat(xlsx); err != nil || st.Size() == 0 {
		t.Errorf("xlsx: %v", err)
	}

	bad := "order_no,account_code,order_date,sku,quantity,status,delivered_date\n" +
		"ZAM/3,K1,2026-03-15,MAK-1,1,,\n" +
		"ZAM/4,NOPE,2026-03-15,MAK-1,1,,\n" +
		"ZAM/5,K1,2026-03-15,MAK-1,1.5,,\n" +
		"ZAM/6,K1,2026-03-15,MAK-1,1,delivered,\n"
	code, _, errs = ctl(t, db, "import", "orders", writeFile(t, dir, "bad.csv", []byte(bad)))
	if code != exitInvalid {
		t.Fatalf("bad file = %d %q", code, errs)
	}
	for _, w := range []string{"bad.csv:3: account_code: no account with code NOPE", "bad.csv:4: quantity: ",
		"bad.csv:5: delivered_date: a delivered order needs its delivery date"} {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
	if _, out, _ := ctl(t, db, "export", "orders"); strings.Contains(out, "ZAM/3") {
		t.Errorf("a bad file imported its good rows")
	}
}
