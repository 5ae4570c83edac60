package pdf_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store/pdf"
)

var seller = domain.CompanySettings{Name: "Hurtownia Żółw sp. z o.o.", Street: "ul. Źródlana 5", PostalCode: "90-001", City: "Łódź",
	Country: "PL", TaxID: "5260001246", BankAccount: "PL61109010140000071219812874", Email: "biuro@zolw.pl"}

func sheet(n int) *domain.PriceSheet {
	s := &domain.PriceSheet{Date: domain.NewDate(2026, 3, 15),
		Account: &domain.Account{AccountFields: domain.AccountFields{Code: "K001", Name: "Zakład Mięsny „Łoś” — Oddział Gdańsk",
			Street: "ul. Długa 1", PostalCode: "80-001", City: "Gdańsk", Country: "PL", TaxID: "5260001246"}}}
	for i := 0; i < n; i++ {
		l := domain.PriceSheetLine{SKU: fmt.Sprintf("MAK-%05d", i), Name: fmt.Sprintf("Mąka pszenna typ 650 1 kg — Żuławy %d", i),
			Unit: "opak", VATRate: domain.VAT5, ListPrice: 34900,
			Breaks: []domain.PriceBreak{{MinQty: domain.One, Price: 31410, Source: domain.SourceGroup, Agreement: 7}}}
		if i%3 == 0 {
			l.Breaks = append(l.Breaks, domain.PriceBreak{MinQty: 10 * domain.One, Price: 29999, Source: domain.SourceAccount, Agreement: 9},
				domain.PriceBreak{MinQty: 12500, Price: 28765, Source: domain.SourceAccount, Agreement: 10})
		}
		s.Lines = append(s.Lines, l)
	}
	return s
}

func render(t *testing.T, c domain.CompanySettings, s *domain.PriceSheet, opt pdf.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := pdf.PriceSheet(&b, c, s, opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", b.Bytes()[:min(20, b.Len())])
	}
	return b.Bytes()
}

func TestPriceSheetIsReproducible(t *testing.T) {
	a := render(t, seller, sheet(120), pdf.Options{})
	b := render(t, seller, sheet(120), pdf.Options{})
	if !bytes.Equal(a, b) {
		t.Fatal("the same sheet rendered twice differs")
	}
	c := render(t, seller, sheet(120), pdf.Options{Created: time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC)})
	if bytes.Equal(a, c) {
		t.Fatal("the creation date is not in the file")
	}
}

// pdfText extracts the text with pdftotext, skipping the test where it is not installed.
func pdfText(t *testing.T, doc []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed (apt-get install poppler-utils)")
	}
	path := filepath.Join(t.TempDir(), "sheet.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestPriceSheetText(t *testing.T) {
	text := pdfText(t, render(t, seller, sheet(120), pdf.Options{}))
	for _, want := range []string{
		"Hurtownia Żółw sp. z o.o.", "ul. Źródlana 5", "90-001 Łódź", "NIP: 526-000-12-46", "PL61 1090 1014 0000 0712 1981 2874",
		"Cennik indywidualny", "Ceny na dzień: 15.03.2026", "Zakład Mięsny „Łoś” — Oddział Gdańsk", "(K001)",
		"MAK-00000", "Mąka pszenna typ 650 1 kg — Żuławy 0", "opak", "5%", "3,49", "3,141", "od 10: 2,9999; od 12,5: 2,8765",
		"Strona 1 z 3", "Strona 3 z 3",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF text lacks %q", want)
		}
	}
	// One product a row: every SKU is on the line of its name and prices.
	for _, line := range strings.Split(text, "\n") {
		if strings.Contains(line, "MAK-00042") && !(strings.Contains(line, "Żuławy 42") && strings.Contains(line, "3,1410")) {
			t.Errorf("row split: %q", line)
		}
	}
	en := pdfText(t, render(t, seller, sheet(3), pdf.Options{Locale: domain.English}))
	for _, want := range []string{"Customer price list", "Prices on: 15 Mar 2026", "from 10: 2.9999; from 12.5: 2.8765", "Page 1 of 1"} {
		if !strings.Contains(en, want) {
			t.Errorf("the English PDF lacks %q:\n%s", want, en)
		}
	}
}

func TestPriceSheetSurvivesOddText(t *testing.T) {
	s := sheet(2)
	s.Lines[0].Name = "Tort urodzinowy 🎂 z napisem\tnowa\nlinia"
	s.Account.Name = "Kwiaciarnia 🌷"
	c := seller
	c.Name = ""
	text := pdfText(t, render(t, c, s, pdf.Options{}))
	if !strings.Contains(text, "Tort urodzinowy") || !strings.Contains(text, "uzupełnij dane firmy") {
		t.Errorf("text with emoji and no company name:\n%s", text)
	}
	empty := &domain.PriceSheet{Date: s.Date, Account: s.Account}
	if text := pdfText(t, render(t, seller, empty, pdf.Options{})); !strings.Contains(text, "Brak aktywnych produktów") {
		t.Errorf("empty sheet:\n%s", text)
	}
}
