package pdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store/pdf"
)

const testLink = "https://qr-test.ksef.mf.gov.pl/invoice/5260001246/27-11-2026/UtQp9Gpc51y-u3xApZjIjgkpZ01js-J8KflSPW8WzIE"

// handInvoice has a line at every rate; its sums are worked out by hand in
// TestInvoiceText (the same lines as store/ksef's mixed invoice).
func handInvoice() *domain.Invoice {
	lines := []domain.DocumentLine{
		{ProductID: 1, SKU: "MAK-650", Name: "Mąka pszenna typ 650 1 kg", Unit: "szt", Quantity: 10 * domain.One, Price: 123456,
			Discount: 500, VATRate: domain.VAT23},
		{ProductID: 2, SKU: "SLO-01", Name: "Wafle „Grześki” 36 g", Unit: "szt", Quantity: 4 * domain.One, Price: 75000, VATRate: domain.VAT8},
		{ProductID: 3, SKU: "SER-ŻÓŁ", Name: "Ser żółty gouda", Unit: "kg", Quantity: 2500, Price: 89900, VATRate: domain.VAT5},
		{ProductID: 4, SKU: "EKS-01", Name: "Karton eksportowy", Unit: "karton", Quantity: domain.One, Price: 1000000, VATRate: domain.VAT0},
		{ProductID: 5, SKU: "USŁ-01", Name: "Szkolenie z obsługi wagi", Unit: "szt", Quantity: 3 * domain.One, Price: 100000000,
			VATRate: domain.VATExempt},
	}
	inv := &domain.Invoice{ID: 1, Kind: domain.KindInvoice, Number: "FV/2026/11/0001", AccountCode: buyer.Code, AccountName: buyer.Name,
		OrderNumber: "ZAM/2026/00042", Date: domain.NewDate(2026, 11, 27), Due: domain.NewDate(2026, 12, 27),
		Terms: domain.PaymentTerms{Days: 30}, Currency: "PLN", Totals: domain.ComputeTotals(lines)}
	for i, l := range lines {
		inv.Lines = append(inv.Lines, domain.InvoiceLine{No: i + 1, DocumentLine: l})
	}
	return inv
}

func invoiceSeller() domain.CompanySettings {
	c := seller
	c.BankName = "Bank Śląski"
	return c
}

func extras(k *domain.InvoiceKSeF) pdf.InvoiceExtras {
	return pdf.InvoiceExtras{Buyer: buyer, KSeF: k, PlaceOfIssue: "Łódź", ExemptionBasis: "art. 43 ust. 1 pkt 29 ustawy o VAT"}
}

func waiting() *domain.InvoiceKSeF {
	return &domain.InvoiceKSeF{Invoice: 1, Number: "FV/2026/11/0001", Date: domain.NewDate(2026, 11, 27), Status: domain.KSeFWaiting,
		XML: []byte("<Faktura/>"), Link: testLink, SellerNIP: "5260001246"}
}

func renderInvoice(t testing.TB, inv *domain.Invoice, x pdf.InvoiceExtras, opt pdf.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := pdf.Invoice(&b, invoiceSeller(), inv, x, opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", b.Bytes()[:min(20, b.Len())])
	}
	return b.Bytes()
}

// tool finds a program the invoice tests need. Their Debian packages are in
// the Makefile's list, so a machine without one fails here: the PDF's text
// and its QR code are never left unchecked.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not installed: the invoice PDF cannot be checked (apt-get install %s; make test does)", name, pkg)
	}
	return bin
}

func invoiceText(t *testing.T, doc []byte) string {
	t.Helper()
	bin := tool(t, "pdftotext", "poppler-utils")
	path := filepath.Join(t.TempDir(), "invoice.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// Label and value cells sit apart on a line: one space for the gap.
	return regexp.MustCompile(`: {2,}`).ReplaceAllString(plain(string(out)), ": ")
}

func TestInvoiceText(t *testing.T) {
	text := invoiceText(t, renderInvoice(t, handInvoice(), extras(waiting()), pdf.Options{}))
	for _, want := range []string{
		"FAKTURA", "Nr FV/2026/11/0001", "Data wystawienia: 27.11.2026", "Data dostawy: 27.11.2026", "Miejsce wystawienia: Łódź",
		"Zamówienie: ZAM/2026/00042",
		"Sprzedawca:", "Hurtownia Żółw sp. z o.o.", "ul. Źródlana 5", "NIP: 526-000-12-46",
		"Nabywca:", "Przedsiębiorstwo Handlowe „Gęś” Spółka Jawna", "Kod klienta: K-ŁÓDŹ-7", "NIP: 725-180-11-26",
		"Mąka pszenna typ 650 1 kg", "12,3456", "117,28", "Wafle „Grześki” 36 g", "7,50", "30,00", "Ser żółty gouda", "8,99", "22,48",
		"Karton eksportowy", "100,00", "Szkolenie z obsługi wagi", "10 000,00", "30 000,00",
		// per rate, by hand: 23 %: 117.28 + 26.97 = 144.25; 8 %: 30.00 + 2.40 = 32.40; 5 %: 22.48 + 1.12 = 23.60;
		// 0 %: 100.00; zw: 30,000.00; total 30,269.76 net + 30.49 VAT = 30,300.25
		"26,97", "144,25", "2,40", "32,40", "1,12", "23,60", "30 269,76", "30,49", "30 300,25",
		"Do zapłaty:", "30 300,25 zł", "Słownie: trzydzieści tysięcy trzysta złotych dwadzieścia pięć groszy",
		"Termin płatności: 27.12.2026", "Forma płatności: przelew", "Numer rachunku: PL61 1090 1014 0000 0712 1981 2874 (Bank Śląski)",
		"Podstawa zwolnienia z VAT: art. 43 ust. 1 pkt 29 ustawy o VAT", "karton",
		"OFFLINE", "Faktura nie ma jeszcze numeru KSeF (OFFLINE).", "Strona 1 z 1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the invoice PDF lacks %q", want)
		}
	}
	if strings.Contains(text, "mechanizm podzielonej płatności") {
		t.Error("split payment printed on an invoice without it")
	}
	// English, sent, split payment.
	sent := waiting()
	sent.Status, sent.KSeFNumber = domain.KSeFSent, "5260001246-20261127-0200A0D6723E-6C"
	x := extras(sent)
	x.SplitPayment = true
	en := invoiceText(t, renderInvoice(t, handInvoice(), x, pdf.Options{Locale: domain.English}))
	for _, want := range []string{"INVOICE", "Date of issue: 27 Nov 2026", "Seller:", "Buyer:", "Amount due:",
		"30,300.25 PLN", "In words (Polish): trzydzieści tysięcy trzysta złotych dwadzieścia pięć groszy", "Due date: 27 Dec 2026",
		"split payment (mechanizm podzielonej płatności)", "KSeF number: 5260001246-20261127-0200A0D6723E-6C", "Page 1 of 1"} {
		if !strings.Contains(en, want) {
			t.Errorf("the English invoice PDF lacks %q\n%s", want, en)
		}
	}
	if strings.Contains(en, "OFFLINE") {
		t.Error("a sent invoice says OFFLINE")
	}
}

func TestCreditNoteText(t *testing.T) {
	orig := handInvoice()
	note, err := domain.BuildCreditNote(orig, nil, domain.CreditNoteRequest{Invoice: 1, Date: domain.NewDate(2026, 12, 3),
		Reason: "zwrot: szkolenie odwołane", Lines: []domain.CreditLine{{LineNo: 5, Quantity: domain.One}, {LineNo: 3, Quantity: domain.One}}})
	if err != nil {
		t.Fatal(err)
	}
	note.Number = "KOR/2026/12/0001"
	k := waiting()
	k.Number, k.Date = note.Number, note.Date
	x := extras(k)
	x.Original = &domain.InvoiceKSeF{Number: orig.Number, Date: orig.Date, Status: domain.KSeFSent,
		KSeFNumber: "5260001246-20261127-0200A0D6723E-6C"}
	text := invoiceText(t, renderInvoice(t, note, x, pdf.Options{}))
	for _, want := range []string{"FAKTURA KORYGUJĄCA", "Nr KOR/2026/12/0001", "Data wystawienia: 03.12.2026",
		"Faktura korygowana: FV/2026/11/0001 z dnia 27.11.2026", "Numer KSeF faktury korygowanej: 5260001246-20261127-0200A0D6723E-6C",
		"Przyczyna korekty: zwrot: szkolenie odwołane", "-1", "-10 000,00", "-8,99", "-0,45", "-9,44", "-10 009,44",
		"Do zwrotu:", "10 009,44 zł", "Słownie: dziesięć tysięcy dziewięć złotych czterdzieści cztery grosze"} {
		if !strings.Contains(text, want) {
			t.Errorf("the credit note PDF lacks %q", want)
		}
	}
	if strings.Contains(text, "Termin płatności") || strings.Contains(text, "Data dostawy") {
		t.Error("a credit note prints payment terms or a delivery date")
	}
}

// TestInvoiceQRCode renders the page and reads its QR code with zbarimg: it
// is exactly the verification link.
func TestInvoiceQRCode(t *testing.T) {
	pdftoppm, zbarimg := tool(t, "pdftoppm", "poppler-utils"), tool(t, "zbarimg", "zbar-tools")
	dir := t.TempDir()
	path := filepath.Join(dir, "invoice.pdf")
	if err := os.WriteFile(path, renderInvoice(t, handInvoice(), extras(waiting()), pdf.Options{}), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(pdftoppm, "-png", "-r", "150", "-singlefile", path, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	out, err := exec.Command(zbarimg, "--raw", "-q", filepath.Join(dir, "page.png")).Output()
	if err != nil {
		t.Fatalf("zbarimg found no code: %v", err)
	}
	if got := strings.TrimRight(string(out), "\n"); got != testLink {
		t.Errorf("the QR code says %q, want %q", got, testLink)
	}
	// An invoice not for KSeF has no code.
	x := extras(&domain.InvoiceKSeF{Status: domain.KSeFNotFor})
	if err := os.WriteFile(path, renderInvoice(t, handInvoice(), x, pdf.Options{}), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(pdftoppm, "-png", "-r", "150", "-singlefile", path, filepath.Join(dir, "plain")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	if out, err := exec.Command(zbarimg, "--raw", "-q", filepath.Join(dir, "plain.png")).Output(); err == nil {
		t.Errorf("an invoice not for KSeF has a code: %s", out)
	}
}

// TestInvoiceGolden: the hand invoice with a fixed creation date renders to
// the same bytes every time. Run with -update after a deliberate change, look
// at the new file, and commit it.
func TestInvoiceGolden(t *testing.T) {
	got := renderInvoice(t, handInvoice(), extras(waiting()), pdf.Options{Created: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)})
	path := filepath.Join("testdata", "invoice.golden.pdf")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -run TestInvoiceGolden -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		out := filepath.Join(t.TempDir(), "invoice.pdf")
		os.WriteFile(out, got, 0o600)
		t.Fatalf("the invoice differs from %s (%d bytes, want %d); the new one is %s", path, len(got), len(want), out)
	}
}

// A long invoice runs over pages with the table header on each and the code on the last.
func TestInvoiceLong(t *testing.T) {
	inv := handInvoice()
	var lines []domain.DocumentLine
	for i := 0; i < 120; i++ {
		lines = append(lines, domain.DocumentLine{ProductID: domain.ProductID(i), SKU: "KSZ-" + strings.Repeat("X", i%5),
			Name: "Kasza gryczana palona × 500 g", Unit: "opak", Quantity: domain.One, Price: 45000, VATRate: domain.VAT5})
	}
	inv.Lines, inv.Totals = nil, domain.ComputeTotals(lines)
	for i, l := range lines {
		inv.Lines = append(inv.Lines, domain.InvoiceLine{No: i + 1, DocumentLine: l})
	}
	text := invoiceText(t, renderInvoice(t, inv, extras(waiting()), pdf.Options{}))
	if n := strings.Count(text, "Wartość netto"); n < 3 {
		t.Errorf("the table header is on %d pages", n)
	}
	if !strings.Contains(text, "Strona 4 z 4") || !strings.Contains(text, "OFFLINE") {
		t.Errorf("the long invoice lacks its last page or its code:\n%s", text)
	}
}

// BenchmarkInvoicePDF: one invoice with its QR code; the target is 30 ms.
func BenchmarkInvoicePDF(b *testing.B) {
	inv, x := handInvoice(), extras(waiting())
	renderInvoice(b, inv, x, pdf.Options{}) // the process cuts its font once
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		renderInvoice(b, inv, x, pdf.Options{})
	}
}
