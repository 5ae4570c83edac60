package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportExportPayments: the payments kind of the CSV contract through the
// commands: a bank export recorded, the export writing the same columns back
// (which re-imports as payments already recorded), a bad file refused whole.
func TestImportExportPayments(t *testing.T) {
	t.Parallel()
	dir, db := priceDB(t)
	src := "account_code;date;amount;reference\n" +
		"K1;03.11.2026;1 234,50;Przelew za fakturę FV/2026/10/0001\n" +
		"HQ;2026-11-02;0,01;\n"
	code, out, errs := ctl(t, db, "import", "payments", writeFile(t, dir, "bank.csv", []byte(src)))
	if code != exitOK || !strings.Contains(out, "payments: created 2, updated 0, unchanged 0") {
		t.Fatalf("import payments = %d %q %q", code, out, errs)
	}
	code, out, errs = ctl(t, db, "export", "payments")
	want := "account_code,date,amount,reference\n" +
		"HQ,2026-11-02,0.01,\n" +
		"K1,2026-11-03,1234.50,Przelew za fakturę FV/2026/10/0001\n"
	if code != exitOK || strings.TrimPrefix(out, "\ufeff") != want {
		t.Fatalf("export payments = %d %q\n%s\nwant\n%s", code, errs, out, want)
	}
	code, out, _ = ctl(t, db, "import", "payments", writeFile(t, dir, "again.csv", []byte(strings.TrimPrefix(out, "\ufeff"))))
	if code != exitOK || !strings.Contains(out, "created 0, updated 0, unchanged 2") {
		t.Errorf("re-import = %d %q", code, out)
	}
	xlsx := filepath.Join(dir, "payments.xlsx")
	if code, out, errs := ctl(t, db, "export", "payments", "--format", "xlsx", "--out", xlsx); code != exitOK ||
		!strings.Contains(out, ": 2 payments") {
		t.Errorf("export xlsx = %d %q %q", code, out, errs)
	} else if st, err := os.Stat(xlsx); err != nil || st.Size() == 0 {
		t.Errorf("xlsx: %v", err)
	}

	bad := "account_code,date,amount,reference\n" +
		"K1,2026-11-05,10,ok\n" +
		"NOPE,2026-11-05,10,\n" +
		"K1,2026-11-31,10,\n" +
		"K1,2026-11-05,-10,\n" +
		"K1,2026-11-05,10.001,\n"
	code, _, errs = ctl(t, db, "import", "payments", writeFile(t, dir, "bad.csv", []byte(bad)))
	if code != exitInvalid {
		t.Fatalf("bad file = %d %q", code, errs)
	}
	for _, w := range []string{"bad.csv:3: account_code: there is no account with code NOPE",
		"bad.csv:4: date: 2026-11-31 is not a date: month 11 of 2026 has 30 days",
		"bad.csv:5: amount: a payment must be more than 0", "bad.csv:6: amount: 10.001 has more than 2 decimal places",
		"4 problems found; nothing was imported"} {
		if !strings.Contains(errs, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errs)
		}
	}
	if _, out, _ := ctl(t, db, "export", "payments"); strings.Contains(out, "ok") {
		t.Errorf("a bad file imported its good rows")
	}
}
