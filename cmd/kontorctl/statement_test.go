package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kontor/store/storetest"
)

// ledgerDB makes a database through the import commands: K1 (net 30) had
// order Z1 delivered on 1 October (10 × 10.00 at 23 % = 123.00, due 31
// October) and Z2 on 3 November (5 × 20.00 at 5 % = 105.00, due 3 December),
// and paid 50.00 on 10 November; K/2 (14 EOM) had Z3 delivered on 12 November
// (12.30, due 14 December), paid in full on 20 November; K3 has nothing.
func ledgerDB(t *testing.T) (dir, db string) {
	t.Helper()
	dir = t.TempDir()
	db = storetest.PathIn(t, dir, "kontor.db")
	for _, step := range []struct{ kind, src string }{
		{"accounts", "code,name,street,postal_code,city,payment_terms,credit_limit\n" +
			"K1,Społem Łódź,ul. Piotrkowska 1,90-001,Łódź,net 30,10000\nK/2,Café Müller Gdańsk,,,Gdańsk,14 EOM,\nK3,Cisza,,,Kraków,,\n"},
		{"products", "sku,name,unit,list_price,vat_rate\nMAK-1,Mąka pszenna,opak,10.00,23\nSER-1,Ser gouda,kg,20.00,5\n"},
		{"orders", "order_no,account_code,order_date,sku,quantity,unit_price,status,delivered_date\n" +
			"Z1,K1,2026-09-20,MAK-1,10,10.00,delivered,2026-10-01\nZ2,K1,2026-11-02,SER-1,5,20.00,delivered,2026-11-03\n" +
			"Z3,K/2,2026-11-10,MAK-1,1,10.00,delivered,2026-11-12\n"},
		{"payments", "account_code,date,amount,reference\nK1,2026-11-10,50.00,\nK/2,2026-11-20,12.30,\n"},
	} {
		if code, _, errs := ctl(t, db, "import", step.kind, writeFile(t, dir, step.kind+".csv", []byte(step.src))); code != exitOK {
			t.Fatalf("import %s: %s", step.kind, errs)
		}
	}
	return dir, db
}

func TestStatementJSON(t *testing.T) {
	t.Parallel()
	_, db := ledgerDB(t)
	code, out, errs := ctl(t, db, "statement", "--account", "k1", "--month", "2026-11", "--json")
	if code != exitOK {
		t.Fatalf("statement --json = %d %q", code, errs)
	}
	// The contract's shapes: amounts are strings, a payment's due is null.
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	for _, key := range []string{"opening", "closing"} {
		if _, ok := raw[key].(string); !ok {
			t.Errorf("%q is %T, want a string", key, raw[key])
		}
	}
	if items, ok := raw["open_items"].([]any); !ok || len(items) != 2 {
		t.Errorf("open_items = %v", raw["open_items"])
	} else if days, ok := items[0].(map[string]any)["days_overdue"].(float64); !ok || days != 30 {
		t.Errorf("days_overdue = %v, want the number 30", items[0])
	}
	if lines, ok := raw["lines"].([]any); !ok || len(lines) != 2 || lines[1].(map[string]any)["due"] != nil {
		t.Errorf("lines = %v", raw["lines"])
	}
	var got statementJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	// Opening: Z1's 123.00. Then Z2's 105.00 and the payment of 50.00, which
	// settles the oldest invoice: Z1 keeps 73.00 open, 30 days late on the 30th.
	due := "2026-12-03"
	want := statementJSON{Opening: "123.00", Closing: "178.00", Lines: []statementLineJSON{
		{Date: "2026-11-03", Kind: "invoice", Number: "FV/2026/11/0001", Due: &due, Amount: "105.00", Balance: "228.00"},
		{Date: "2026-11-10", Kind: "payment", Number: "", Amount: "-50.00", Balance: "178.00", Settles: []string{"FV/2026/10/0001"}}},
		Aging: agingJSON{Current: "105.00", D1_30: "73.00", D31_60: "0.00", D61_90: "0.00", Over90: "0.00", Credit: "0.00"},
		OpenItems: []openItemJSON{
			{Number: "FV/2026/10/0001", Date: "2026-10-01", Due: "2026-10-31", DaysOverdue: 30, Gross: "123.00", Open: "73.00"},
			{Number: "FV/2026/11/0001", Date: "2026-11-03", Due: "2026-12-03", DaysOverdue: 0, Gross: "105.00", Open: "105.00"}},
		Account: "K1", Month: "2026-11", Date: "2026-11-30", Currency: "PLN"}
	gotJSON, _ := json.Marshal(got)
	wantJSON, _ := json.Marshal(want)
	if !bytes.Equal(gotJSON, wantJSON) {
		t.Errorf("statement --json\n got %s\nwant %s", gotJSON, wantJSON)
	}
	// A month without movement still answers, with no lines ([] not null).
	code, out, _ = ctl(t, db, "statement", "--account", "K3", "--month", "11.2026", "--json")
	if code != exitOK || !strings.Contains(out, `"lines": []`) || !strings.Contains(out, `"closing": "0.00"`) ||
		!strings.Contains(out, `"open_items": []`) {
		t.Errorf("empty statement = %d %s", code, out)
	}
}

func TestStatementPDFCommand(t *testing.T) {
	t.Parallel()
	dir, db := ledgerDB(t)
	path := filepath.Join(dir, "k1.pdf")
	code, out, errs := ctl(t, db, "statement", "--account", "K1", "--month", "2026-11", "--out", path)
	if code != exitOK || !strings.Contains(out, "statement of K1 for 2026-11, 2 lines, opening 123.00, closing 178.00 PLN") {
		t.Fatalf("statement --out = %d %q %q", code, out, errs)
	}
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %v", err)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", "-layout", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"ZESTAWIENIE ROZRACHUNKÓW", "Społem Łódź", "Kod klienta: K1", "FV/2026/11/0001",
			"Saldo otwarcia na 01.11.2026", "123,00", "228,00", "-50,00", "178,00", "73,00", "Do zapłaty: 178,00 zł"} {
			if !strings.Contains(string(text), want) {
				t.Errorf("the statement PDF lacks %q", want)
			}
		}
	}
}

func TestStatementBadInput(t *testing.T) {
	t.Parallel()
	dir, db := ledgerDB(t)
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--account", "NOPE", "--month", "2026-11", "--json"}, exitNotFound, "no such account: NOPE"},
		{[]string{"--account", "K1", "--month", "2026-13", "--json"}, exitInvalid, "2026-13 is not a month"},
		{[]string{"--account", "K1", "--month", "2026-11"}, exitUsage, "either --out FILE.pdf or --json"},
		{[]string{"--account", "K1", "--month", "2026-11", "--json", "--out", "x.pdf"}, exitUsage, "either --out"},
		{[]string{"--account", "K1", "--month", "2026-11", "--out", "x.txt"}, exitUsage, "--out must end in .pdf"},
		{[]string{"--account", "K1", "--month", "2026-11", "--out", filepath.Join(dir, "brak", "x.pdf")}, exitNotFound, "brak does not exist"},
		{[]string{"--month", "2026-11", "--json"}, exitUsage, "needs --account and --month"},
	} {
		code, _, errs := ctl(t, db, append([]string{"statement"}, tc.args...)...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("statement %v = %d %q, want %d %q", tc.args, code, errs, tc.code, tc.msg)
		}
	}
}

func TestStatementsCommand(t *testing.T) {
	t.Parallel()
	dir, db := ledgerDB(t)
	outDir := filepath.Join(dir, "wyciagi")
	if err := os.Mkdir(outDir, 0o700); err != nil {
		t.Fatal(err)
	}
	code, out, errs := ctl(t, db, "statements", "--month", "2026-11", "--out", outDir)
	if code != exitOK || !strings.Contains(out, "2 statements for 2026-11 written, 0 without movement skipped, 0 failed") {
		t.Fatalf("statements = %d %q %q", code, out, errs)
	}
	if !strings.Contains(errs, "statements: 2/2\n") {
		t.Errorf("no progress on stderr: %q", errs)
	}
	entries, _ := os.ReadDir(outDir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		if data, _ := os.ReadFile(filepath.Join(outDir, e.Name())); !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Errorf("%s is not a PDF", e.Name())
		}
	}
	// K3 has neither movement nor balance; K/2's slash cannot be in a file name.
	if strings.Join(names, " ") != "K%2F2_2026-11.pdf K1_2026-11.pdf" {
		t.Errorf("files %v", names)
	}
	// A missing folder is made, as most command-line tools do.
	made := filepath.Join(dir, "nowy", "2026-11")
	if code, out, errs := ctl(t, db, "statements", "--month", "2026-11", "--out", made); code != exitOK ||
		!strings.Contains(out, "2 statements for 2026-11 written") {
		t.Errorf("statements into a missing folder = %d %q %q", code, out, errs)
	} else if entries, _ := os.ReadDir(made); len(entries) != 2 {
		t.Errorf("%d files in the new folder", len(entries))
	}
	all := filepath.Join(dir, "wszystkie.pdf")
	if code, out, errs := ctl(t, db, "statements", "--month", "2026-11", "--out", all, "--combined", "--lang", "en"); code != exitOK ||
		!strings.Contains(out, "wszystkie.pdf: 2 statements") {
		t.Errorf("statements --combined = %d %q %q", code, out, errs)
	} else if data, _ := os.ReadFile(all); !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Error("the combined file is not a PDF")
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--month", "2026-13", "--out", outDir}, exitInvalid, "2026-13 is not a month"},
		{[]string{"--month", "2026-11", "--out", all}, exitInvalid, "is a file, not a folder"},
		{[]string{"--month", "2026-11", "--out", outDir, "--combined"}, exitUsage, "--out is a FILE.pdf"},
		{[]string{"--month", "2026-11"}, exitUsage, "needs --month and --out"},
	} {
		code, _, errs := ctl(t, db, append([]string{"statements"}, tc.args...)...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("statements %v = %d %q, want %d %q", tc.args, code, errs, tc.code, tc.msg)
		}
	}
}
