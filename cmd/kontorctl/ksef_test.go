package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
	"kontor/store/ksef"
)

// ksefDB is a database made through the import commands whose invoices are
// from KSeF's time: K1 had Z1 delivered on 3 November and Z2 on 5 November,
// K2 (a German firm) Z3 on 6 November; the seller's details are saved after
// the import, which builds the files that waited for them.
func ksefDB(t *testing.T) (dir, db string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "kontor.db")
	for _, step := range []struct{ kind, src string }{
		{"accounts", "code,name,tax_id,street,postal_code,city,country,payment_terms\n" +
			"K1,Społem Łódź,725-180-11-26,ul. Piotrkowska 1,90-001,Łódź,PL,net 30\n" +
			"K2,Bäckerei Müller GmbH,DE123456789,Hauptstraße 5,10115,Berlin,DE,net 14\n"},
		{"products", "sku,name,unit,list_price,vat_rate\nMAK-1,Mąka pszenna,opak,10.00,23\nSER-1,Ser gouda,kg,20.00,5\nEKS-1,Karton,szt,5.00,0\n"},
		{"orders", "order_no,account_code,order_date,sku,quantity,unit_price,status,delivered_date\n" +
			"Z1,K1,2026-11-02,MAK-1,10,10.00,delivered,2026-11-03\nZ2,K1,2026-11-04,SER-1,5,20.00,delivered,2026-11-05\n" +
			"Z3,K2,2026-11-05,EKS-1,100,5.00,delivered,2026-11-06\n"},
	} {
		if code, _, errs := ctl(t, db, "import", step.kind, writeFile(t, dir, step.kind+".csv", []byte(step.src))); code != exitOK {
			t.Fatalf("import %s: %s", step.kind, errs)
		}
	}
	s, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := store.NewCompanyService(s).SaveCompany(context.Background(), domain.CompanySettings{Name: "Złoty Łan Sp. z o.o.",
		Street: "ul. Źródłowa 12", PostalCode: "90-001", City: "Łódź", TaxID: "5260001246", BankAccount: "PL61109010140000071219812874"}); err != nil {
		t.Fatal(err)
	}
	return dir, db
}

func ksefStatus(t *testing.T, db string) ksefStatusJSON {
	t.Helper()
	code, out, errs := ctl(t, db, "ksef", "status", "--json")
	if code != exitOK {
		t.Fatalf("ksef status = %d %s", code, errs)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("not JSON: %s", out)
	}
	for _, k := range []string{"waiting", "sent", "rejected", "not_for_ksef", "late"} {
		if v, ok := raw[k].(float64); !ok || v != float64(int(v)) {
			t.Errorf("%q is %v, want an integer", k, raw[k])
		}
	}
	var s ksefStatusJSON
	json.Unmarshal([]byte(out), &s)
	return s
}

func TestKSeFCommands(t *testing.T) {
	dir, db := ksefDB(t)
	if s := ksefStatus(t, db); s.Waiting != 3 || s.Sent != 0 || s.Rejected != 0 || s.NotForKSeF != 0 {
		t.Fatalf("status %+v", s)
	}
	out := filepath.Join(dir, "ksef")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	code, stdout, errs := ctl(t, db, "ksef", "export", "--month", "2026-11", "--out", out)
	if code != exitOK || !strings.Contains(stdout, "3 FA(3) files written") {
		t.Fatalf("export = %d %s %s", code, stdout, errs)
	}
	names := dirNames(t, out)
	if strings.Join(names, " ") != "FV_2026_11_0001.xml FV_2026_11_0002.xml FV_2026_11_0003.xml" {
		t.Fatalf("files %v", names)
	}
	file, err := os.ReadFile(filepath.Join(out, "FV_2026_11_0003.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<P_2>FV/2026/11/0003</P_2>", "<KodUE>DE</KodUE>", "<NrVatUE>123456789</NrVatUE>",
		"<P_13_6_2>500.00</P_13_6_2>", "<P_12>0 WDT</P_12>"} {
		if !bytes.Contains(file, []byte(want)) {
			t.Errorf("FV_2026_11_0003.xml lacks %s", want)
		}
	}
	// The link carries the hash of exactly the exported bytes.
	code, stdout, _ = ctl(t, db, "ksef", "link", "--number", "fv/2026/11/0003")
	if want := ksef.Link(domain.KSeFProduction, "5260001246", domain.NewDate(2026, 11, 6), file); code != exitOK || strings.TrimSpace(stdout) != want {
		t.Errorf("link = %d %q, want %s", code, stdout, want)
	}
	// The invoice PDF.
	pdfPath := filepath.Join(dir, "FV_2026_11_0003.pdf")
	code, stdout, errs = ctl(t, db, "invoice", "--number", "FV/2026/11/0003", "--out", pdfPath, "--lang", "en")
	if head, _ := os.ReadFile(pdfPath); code != exitOK || !bytes.HasPrefix(head, []byte("%PDF-")) || !strings.Contains(stdout, "KSeF: waiting (OFFLINE") {
		t.Fatalf("invoice = %d %s %s", code, stdout, errs)
	}
	// A receipt for the exported file records its number; twice is no news.
	number := ksef.NumberFor("5260001246", domain.NewDate(2026, 11, 7), 0xA0D6723E)
	doc := domain.UPODocument{SellerNIP: "5260001246", InvoiceNumber: "FV/2026/11/0003", IssueDate: domain.NewDate(2026, 11, 6),
		KSeFNumber: number, Hash: ksef.Hash(file), AssignedAt: time.Date(2026, 11, 7, 8, 0, 0, 0, time.UTC)}
	receipt := writeFile(t, dir, "upo.xml", ksef.WriteReceipt([]domain.UPODocument{doc}))
	code, stdout, errs = ctl(t, db, "ksef", "upo", receipt)
	if code != exitOK || !strings.Contains(stdout, "FV/2026/11/0003: KSeF number "+number+" recorded") {
		t.Fatalf("upo = %d %s %s", code, stdout, errs)
	}
	code, stdout, _ = ctl(t, db, "ksef", "upo", receipt)
	if code != exitOK || !strings.Contains(stdout, "was recorded already") {
		t.Errorf("upo twice = %d %s", code, stdout)
	}
	if s := ksefStatus(t, db); s.Waiting != 2 || s.Sent != 1 {
		t.Errorf("status after the receipt %+v", s)
	}
	code, stdout, _ = ctl(t, db, "invoice", "--number", "FV/2026/11/0003", "--out", pdfPath)
	if code != exitOK || !strings.Contains(stdout, "KSeF: sent, "+number) {
		t.Errorf("invoice after the receipt = %d %s", code, stdout)
	}
	// Waiting: the other two.
	waitingDir := filepath.Join(dir, "waiting")
	os.Mkdir(waitingDir, 0o755)
	if code, _, errs := ctl(t, db, "ksef", "export", "--waiting", "--out", waitingDir); code != exitOK || len(dirNames(t, waitingDir)) != 2 {
		t.Errorf("export --waiting = %d %s %v", code, errs, dirNames(t, waitingDir))
	}
	// A receipt for a changed file is refused, the rest recorded; exit 3.
	other, _ := os.ReadFile(filepath.Join(out, "FV_2026_11_0001.xml"))
	good := domain.UPODocument{SellerNIP: "5260001246", InvoiceNumber: "FV/2026/11/0001", IssueDate: domain.NewDate(2026, 11, 3),
		KSeFNumber: ksef.NumberFor("5260001246", domain.NewDate(2026, 11, 4), 7), Hash: ksef.Hash(other)}
	bad := good
	bad.InvoiceNumber, bad.KSeFNumber, bad.Hash = "FV/2026/11/0002", ksef.NumberFor("5260001246", domain.NewDate(2026, 11, 6), 8), ksef.Hash([]byte("changed"))
	code, stdout, errs = ctl(t, db, "ksef", "upo", writeFile(t, dir, "mixed.xml", ksef.WriteReceipt([]domain.UPODocument{good, bad})))
	if code != exitInvalid || !strings.Contains(stdout, "FV/2026/11/0001: KSeF number") || !strings.Contains(errs, "FV/2026/11/0002: refused") ||
		!strings.Contains(errs, "not the one Kontor keeps") {
		t.Errorf("mixed receipt = %d %s %s", code, stdout, errs)
	}
}

func TestKSeFCommandErrors(t *testing.T) {
	dir, db := ksefDB(t)
	notXML := writeFile(t, dir, "upo.txt", []byte("KSeF;FV/1\n"))
	for _, c := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"ksef"}, exitUsage, "subcommand"},
		{[]string{"ksef", "send"}, exitUsage, "no subcommand"},
		{[]string{"ksef", "export", "--out", dir}, exitUsage, "one of --month"},
		{[]string{"ksef", "export", "--month", "2026-11", "--waiting", "--out", dir}, exitUsage, "one of --month"},
		{[]string{"ksef", "export", "--month", "2026-11", "--out", filepath.Join(dir, "nope")}, exitInvalid, "does not exist"},
		{[]string{"ksef", "export", "--number", "FV/1999/01/0001", "--out", dir}, exitNotFound, "does not exist"},
		{[]string{"ksef", "upo", notXML}, exitInvalid, "not an XML file"},
		{[]string{"ksef", "upo", filepath.Join(dir, "missing.xml")}, exitInvalid, "cannot read"},
		{[]string{"ksef", "upo", filepath.Join(dir, "kontor.db")}, exitInvalid, "not an XML file"},
		{[]string{"ksef", "link", "--number", "FV/1999/01/0001"}, exitNotFound, "does not exist"},
		{[]string{"ksef", "link"}, exitUsage, "--number"},
		{[]string{"invoice", "--number", "FV/2026/11/0001"}, exitUsage, "--out"},
		{[]string{"invoice", "--number", "FV/2026/11/0001", "--out", "x.txt"}, exitUsage, ".pdf"},
		{[]string{"invoice", "--number", "FV/1999/01/0001", "--out", filepath.Join(dir, "x.pdf")}, exitNotFound, "does not exist"},
	} {
		code, _, errs := ctl(t, db, c.args...)
		if code != c.code || !strings.Contains(errs, c.err) {
			t.Errorf("%v = %d %q, want %d and %q", c.args, code, errs, c.code, c.err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("a failed invoice left a file")
	}
}

// dirNames lists a folder's file names in order.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}
