package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// nbpEUR is NBP table A as its API returns it, for the last business days
// of September and November 2026 (the compensation rates of invoices due in
// October and December).
const nbpEUR = `[{"table":"A","no":"189/A/NBP/2026","effectiveDate":"2026-09-30","rates":[{"currency":"euro","code":"EUR","mid":4.2500}]},
{"table":"A","no":"231/A/NBP/2026","effectiveDate":"2026-11-30","rates":[{"currency":"euro","code":"EUR","mid":4.2012},{"currency":"dolar amerykański","code":"USD","mid":3.61}]}]`

func TestRatesImport(t *testing.T) {
	dir, db := ledgerDB(t)
	code, out, errs := ctl(t, db, "rates", "import", writeFile(t, dir, "a.json", []byte(nbpEUR)))
	if code != exitOK || !strings.Contains(out, "2 NBP table A tables (2026-09-30 – 2026-11-30), 3 rates imported") {
		t.Fatalf("rates import = %d %q %q", code, out, errs)
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"import", writeFile(t, dir, "b.json", []byte(`[{"table":"B","no":"1","effectiveDate":"2026-11-25","rates":[{"code":"AFN","mid":0.05}]}]`))},
			exitInvalid, "holds NBP table B; Kontor needs table A"},
		{[]string{"import", writeFile(t, dir, "x.csv", []byte("kod;kurs\nEUR;4,2\n"))}, exitInvalid, "is not NBP table A as NBP publishes it"},
		{[]string{"export"}, exitUsage, "rates takes: import FILE"},
	} {
		code, _, errs := ctl(t, db, append([]string{"rates"}, tc.args...)...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("rates %v = %d %q, want %d %q", tc.args, code, errs, tc.code, tc.msg)
		}
	}
}

func TestInterestCommand(t *testing.T) {
	dir, db := ledgerDB(t)
	// Without rates: the note says which table to import.
	code, _, errs := ctl(t, db, "interest", "--account", "K1", "--date", "2026-12-06", "--json")
	if code != exitNotFound || !strings.Contains(errs, "import NBP table A for 2026-09") {
		t.Fatalf("no rates = %d %q", code, errs)
	}
	if code, _, errs := ctl(t, db, "rates", "import", writeFile(t, dir, "a.json", []byte(nbpEUR))); code != exitOK {
		t.Fatal(errs)
	}
	code, out, errs := ctl(t, db, "interest", "--account", "K1", "--date", "2026-12-06", "--json")
	if code != exitOK {
		t.Fatalf("interest --json = %d %q", code, errs)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	invs := raw["invoices"].([]any)
	first := invs[0].(map[string]any)
	period := first["periods"].([]any)[0].(map[string]any)
	if _, ok := period["days"].(float64); !ok || first["paid_on"] != nil {
		t.Errorf("shapes: days %T, paid_on %v", period["days"], first["paid_on"])
	}
	var got interestJSON
	json.Unmarshal([]byte(out), &got)
	// FV/2026/10/0001 (123.00, due 31 October): 9 days on 123.00 at 13.75 %
	// (0.417 → 0.42), from the payment of 50.00 on 10 November 27 days on
	// 73.00 (0.742 → 0.74); 40 EUR × 4.2500 = 170.00. FV/2026/11/0001 (105.00,
	// due 3 December): 3 days (0.118 → 0.12); 40 EUR × 4.2012 = 168.05 (168.048).
	want := interestJSON{Invoices: []interestInvoiceJSON{
		{Number: "FV/2026/10/0001", Due: "2026-10-31", Periods: []interestPeriodJSON{
			{From: "2026-11-01", To: "2026-11-09", Days: 9, Base: "123.00", Rate: "13.75", Interest: "0.42"},
			{From: "2026-11-10", To: "2026-12-06", Days: 27, Base: "73.00", Rate: "13.75", Interest: "0.74"}},
			Interest: "1.16", CompensationEUR: "40.00", EURRate: "4.2500", EURRateDate: "2026-09-30", CompensationPLN: "170.00"},
		{Number: "FV/2026/11/0001", Due: "2026-12-03", Periods: []interestPeriodJSON{
			{From: "2026-12-04", To: "2026-12-06", Days: 3, Base: "105.00", Rate: "13.75", Interest: "0.12"}},
			Interest: "0.12", CompensationEUR: "40.00", EURRate: "4.2012", EURRateDate: "2026-11-30", CompensationPLN: "168.05"}},
		Interest: "1.28", Compensation: "338.05", Total: "339.33", Account: "K1", Date: "2026-12-06"}
	gotJSON, _ := json.Marshal(got)
	wantJSON, _ := json.Marshal(want)
	if !bytes.Equal(gotJSON, wantJSON) {
		t.Errorf("interest --json\n got %s\nwant %s", gotJSON, wantJSON)
	}
	note := filepath.Join(dir, "nota.pdf")
	code, out, errs = ctl(t, db, "interest", "--account", "K1", "--date", "2026-12-06", "--out", note)
	if code != exitOK || !strings.Contains(out, "2 invoices, interest 1.28, compensation 338.05, total 339.33 PLN") {
		t.Fatalf("interest --out = %d %q %q", code, out, errs)
	}
	if data, _ := os.ReadFile(note); !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Error("the note is not a PDF")
	}
	// Both invoices are claimed now: a second note has nothing to say.
	code, _, errs = ctl(t, db, "interest", "--account", "K1", "--date", "2026-12-06", "--out", filepath.Join(dir, "n2.pdf"))
	if code != exitInvalid || !strings.Contains(errs, "not on an earlier note") {
		t.Errorf("second note = %d %q", code, errs)
	}
	// Its history has the note.
	code, out, _ = ctl(t, db, "export", "activities")
	if code != exitOK || !strings.Contains(out, ",document,Nota odsetkowa") || !strings.Contains(out, "nota.pdf") {
		t.Errorf("history export = %d %s", code, out)
	}
}

func TestRemindersCommand(t *testing.T) {
	dir, db := ledgerDB(t)
	if code, _, errs := ctl(t, db, "rates", "import", writeFile(t, dir, "a.json", []byte(nbpEUR))); code != exitOK {
		t.Fatal(errs)
	}
	out := filepath.Join(dir, "wezwania", "grudzien") // made when missing
	code, stdout, errs := ctl(t, db, "reminders", "--date", "2026-12-06", "--out", out, "--json")
	if code != exitOK {
		t.Fatalf("reminders = %d %q", code, errs)
	}
	var got remindersJSON
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	// K1's oldest invoice is 36 days overdue (the second level), the other 3 days; K/2 paid.
	if len(got.Reminders) != 1 || got.Reminders[0].Account != "K1" || got.Reminders[0].Level != 2 || got.Reminders[0].Overdue != "178.00" ||
		got.Reminders[0].Deadline != "2026-12-13" || filepath.Base(got.Reminders[0].File) != "K1_wezwanie-2_2026-12-06.pdf" {
		t.Fatalf("reminders %s", stdout)
	}
	if data, _ := os.ReadFile(got.Reminders[0].File); !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Error("not a PDF")
	}
	// Sent: not again.
	code, stdout, _ = ctl(t, db, "reminders", "--date", "2026-12-06", "--out", out)
	if code != exitOK || !strings.Contains(stdout, "0 reminders for 2026-12-06 written") {
		t.Errorf("again = %d %q", code, stdout)
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--date", "2020-01-01", "--out", out}, exitInvalid, "a reminder cannot be dated before the invoices it lists"},
		{[]string{"--date", "2999-01-01", "--out", out}, exitInvalid, "is after today"},
		{[]string{"--date", "2026-12-06", "--out", writeFile(t, dir, "plik.txt", []byte("x"))}, exitInvalid, "is a file, not a folder"},
		{[]string{"--date", "2026-12-06"}, exitUsage, "needs --date and --out"},
	} {
		code, _, errs := ctl(t, db, append([]string{"reminders"}, tc.args...)...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("reminders %v = %d %q, want %d %q", tc.args, code, errs, tc.code, tc.msg)
		}
	}
}
