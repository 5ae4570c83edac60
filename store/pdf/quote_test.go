package pdf_test

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store/pdf"
)

var buyer = &domain.Account{AccountFields: domain.AccountFields{Code: "K-ŁÓDŹ-7", Name: "Przedsiębiorstwo Handlowe „Gęś” Spółka Jawna",
	Street: "ul. Piotrkowska 120/4", PostalCode: "90-006", City: "Łódź", Country: "PL", TaxID: "7251801126"}}

// handQuote has three lines whose totals are worked out by hand in
// TestQuoteText; its number and revision are those of a re-sent quote.
func handQuote() *domain.Quote {
	return &domain.Quote{Number: "OF/2026/00042", Revision: 2, Currency: "PLN", AccountName: buyer.Name,
		ContactName: "Małgorzata Wójcik", QuoteFields: domain.QuoteFields{AccountCode: buyer.Code,
			Date: domain.NewDate(2026, 11, 27), ValidUntil: domain.NewDate(2026, 12, 27),
			PaymentTerms: domain.PaymentTerms{Days: 30}, DeliveryTerms: "DAP Łódź, dostawa w ciągu 3 dni roboczych",
			Notes: "Ceny zawierają transport.\nRabat 5% na mąkę obowiązuje przy odbiorze całości.", Owner: "Jan Żurawski",
			Lines: []domain.DocumentLine{
				// 10 × 12.3456 × 0.95 = 117.2832 → 117.28
				{SKU: "MAK-650", Name: "Mąka pszenna typ 650 1 kg", Unit: "szt", Quantity: 10 * domain.One, Price: 123456,
					Discount: 500, VATRate: domain.VAT23},
				// 2.5 × 8.99 = 22.475 → 22.48 (half away from zero)
				{SKU: "SER-ŻÓŁ", Name: "Ser żółty gouda", Unit: "kg", Quantity: 2500, Price: 89900, VATRate: domain.VAT5},
				// 3 × 10,000 = 30,000.00, exempt
				{SKU: "USŁ-01", Name: "Szkolenie z obsługi wagi", Unit: "usł", Quantity: 3 * domain.One, Price: 1000000 * 100,
					VATRate: domain.VATExempt},
			}}}
}

// longQuote has n lines, every seventh with a name too long for one row.
func longQuote(n int) *domain.Quote {
	q := handQuote()
	q.Lines = nil
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("Kasza gryczana palona %d × 500 g", i)
		if i%7 == 3 {
			name = fmt.Sprintf("Zestaw upominkowy „Świąteczna Łąka” %d: czekolada gorzka, żurawina suszona, miód wielokwiatowy, "+
				"herbata źródlana w puszce ozdobnej", i)
		}
		q.Lines = append(q.Lines, domain.DocumentLine{SKU: fmt.Sprintf("KSZ-%04d", i), Name: name, Unit: "opak",
			Quantity: domain.Quantity(i+1) * domain.One, Price: domain.UnitPrice(45000 + 5*i), Discount: domain.Percent(i % 3 * 250),
			VATRate: []domain.VATRate{domain.VAT5, domain.VAT8, domain.VAT23}[i%3]})
	}
	return q
}

// plain turns the no-break spaces of Polish numbers into the spaces pdftotext prints.
func plain(s string) string { return strings.ReplaceAll(s, "\u00a0", " ") }

func renderQuote(t *testing.T, c domain.CompanySettings, q *domain.Quote, opt pdf.Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := pdf.Quote(&b, c, q, buyer, opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", b.Bytes()[:min(20, b.Len())])
	}
	return b.Bytes()
}

func TestQuoteText(t *testing.T) {
	text := pdfText(t, renderQuote(t, seller, handQuote(), pdf.Options{}))
	for _, want := range []string{
		// letterhead
		"Hurtownia Żółw sp. z o.o.", "ul. Źródlana 5", "90-001 Łódź", "NIP: 526-000-12-46", "Konto: PL61 1090 1014 0000 0712 1981 2874",
		// title, number and revision, dates
		"OFERTA", "Nr OF/2026/00042 R2", "Data oferty: 27.11.2026", "Ważna do: 27.12.2026", "Ceny netto w PLN",
		// buyer and people
		"Nabywca:", "Przedsiębiorstwo Handlowe „Gęś” Spółka Jawna", "Kod klienta: K-ŁÓDŹ-7", "ul. Piotrkowska 120/4",
		"90-006 Łódź", "NIP: 725-180-11-26", "Osoba kontaktowa:", "Małgorzata Wójcik", "Opiekun handlowy:", "Jan Żurawski",
		// table
		"Lp.", "Indeks", "Nazwa", "Ilość", "J.m.", "Cena netto", "Rabat", "Wartość netto", "VAT",
		"Mąka pszenna typ 650 1 kg", "12,3456", "117,28", "Ser żółty gouda", "2,5", "8,99", "22,48", "Szkolenie z obsługi wagi",
		"10 000,00", "30 000,00",
		// totals per rate, hand computed: 23%: 117.28 + 26.97; 5%: 22.48 + 1.12; zw: 30,000.00
		"Stawka VAT", "Netto", "Brutto", "26,97", "144,25", "1,12", "23,60", "30 139,76", "28,09", "30 167,85",
		"Wartość oferty brutto:", "30 167,85 zł",
		// terms
		"Warunki płatności:", "przelew, 30 dni od daty faktury", "Warunki dostawy:", "DAP Łódź, dostawa w ciągu 3 dni roboczych",
		"Ważność oferty:", "oferta ważna do 27.12.2026", "Uwagi:", "Ceny zawierają transport.",
		"Rabat 5% na mąkę obowiązuje przy odbiorze całości.",
		"Strona 1 z 1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the quote PDF lacks %q", want)
		}
	}
	// Each line on one text line: SKU, quantity, price, discount, net value and rate together.
	rows := map[string][]string{"MAK-650": {"10", "12,3456", "5%", "117,28", "23%"}, "SER-ŻÓŁ": {"2,5", "kg", "8,99", "22,48", "5%"},
		"USŁ-01": {"3", "usł", "10 000,00", "30 000,00", "zw"}}
	for _, line := range strings.Split(text, "\n") {
		for sku, cells := range rows {
			if !strings.Contains(line, sku) {
				continue
			}
			for _, c := range cells {
				if !strings.Contains(line, c) {
					t.Errorf("row of %s lacks %q: %q", sku, c, line)
				}
			}
			delete(rows, sku)
		}
	}
	if len(rows) > 0 {
		t.Errorf("rows not found: %v", rows)
	}
}

func TestQuoteEnglish(t *testing.T) {
	q := handQuote()
	q.Revision = 1
	q.PaymentTerms = domain.PaymentTerms{Days: 14, EOM: true}
	text := pdfText(t, renderQuote(t, seller, q, pdf.Options{Locale: domain.English}))
	for _, want := range []string{"QUOTATION", "No. OF/2026/00042", "Quote date: 27 Nov 2026", "Valid until: 27 Dec 2026",
		"Buyer:", "Customer code: K-ŁÓDŹ-7", "Tax ID: 725-180-11-26", "SKU", "Qty", "Unit", "Net price", "Disc.", "Net value",
		"12.3456", "117.28", "10,000.00", "VAT rate", "ex.", "30,139.76", "28.09", "Quote total (gross):", "30,167.85 PLN",
		"bank transfer, 14 days after the end of the invoice month", "this quote is valid until 27 Dec 2026", "Page 1 of 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the English quote lacks %q", want)
		}
	}
	if strings.Contains(text, "R1") || strings.Contains(text, "OF/2026/00042 R") {
		t.Error("a first revision is printed without a revision label")
	}
}

// TestQuotePages: a long quote breaks between rows, each page's table starts
// with the header, the totals come once at the end and every page is numbered.
func TestQuotePages(t *testing.T) {
	q := longQuote(90)
	text := pdfText(t, renderQuote(t, seller, q, pdf.Options{}))
	pages := strings.Split(strings.TrimRight(text, "\f\n"), "\f")
	if len(pages) < 3 {
		t.Fatalf("%d pages for 90 lines", len(pages))
	}
	seen := 0
	for p, page := range pages {
		if want := fmt.Sprintf("Strona %d z %d", p+1, len(pages)); !strings.Contains(page, want) {
			t.Errorf("page %d lacks %q", p+1, want)
		}
		first := strings.Index(page, "KSZ-")
		if first < 0 {
			continue
		}
		if h := strings.Index(page, "Wartość netto"); h < 0 || h > first {
			t.Errorf("page %d: the table header does not precede its rows", p+1)
		}
		for _, line := range strings.Split(page, "\n") {
			i := strings.Index(line, "KSZ-")
			if i < 0 {
				continue
			}
			var n int
			fmt.Sscanf(line[i:], "KSZ-%04d", &n)
			if n != seen {
				t.Errorf("page %d: line %d follows %d", p+1, n, seen-1)
			}
			seen = n + 1
			// The row's numbers stay on its first text line, however its name wraps.
			if want := plain(domain.Polish.FormatDecimal(q.Lines[n].Net().Decimal(), 2)); !strings.Contains(line, want) {
				t.Errorf("row %d lacks its net value %s: %q", n, want, line)
			}
		}
	}
	if seen != len(q.Lines) {
		t.Errorf("%d of %d lines printed", seen, len(q.Lines))
	}
	total := plain(domain.Polish.FormatAmount(q.Totals().Gross, "PLN"))
	if strings.Count(text, "Wartość oferty brutto") != 1 || !strings.Contains(pages[len(pages)-1], total) {
		t.Errorf("the grand total %s is not once, on the last page", total)
	}
	// Long names wrap instead of being cut.
	if !strings.Contains(text, "wielokwiatowy, herbata źródlana w puszce") || strings.Count(text, "ozdobnej") != 13 {
		t.Error("a long name was cut")
	}
}

func TestQuoteIsReproducible(t *testing.T) {
	a := renderQuote(t, seller, longQuote(40), pdf.Options{})
	if b := renderQuote(t, seller, longQuote(40), pdf.Options{}); !bytes.Equal(a, b) {
		t.Fatal("the same quote rendered twice differs")
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20261127000000")) {
		t.Error("without Created the creation date is not the quote's date")
	}
	c := renderQuote(t, seller, longQuote(40), pdf.Options{Created: time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC)})
	if !bytes.Contains(c, []byte("/CreationDate (D:20270102030405")) {
		t.Error("Created is not the creation date")
	}
}

func TestQuoteOddInput(t *testing.T) {
	q := handQuote()
	q.Lines[0].Name = "Tort 🎂 z\tnapisem"
	q.Notes, q.DeliveryTerms, q.ContactName, q.Owner = "", "", "", ""
	text := pdfText(t, renderQuote(t, domain.CompanySettings{}, q, pdf.Options{}))
	for _, want := range []string{"Tort", "uzupełnij dane firmy", "30 167,85 zł"} {
		if !strings.Contains(text, want) {
			t.Errorf("lacks %q:\n%s", want, text)
		}
	}
	for _, absent := range []string{"Uwagi:", "Warunki dostawy:", "Osoba kontaktowa:"} {
		if strings.Contains(text, absent) {
			t.Errorf("prints %q with nothing to say", absent)
		}
	}
	// Large numbers are set smaller, never cut.
	big := handQuote()
	big.Lines[0].Quantity, big.Lines[0].Price = 1234567890, 99999999
	text = pdfText(t, renderQuote(t, seller, big, pdf.Options{}))
	for _, a := range []domain.Amount{big.Lines[0].Net(), big.Totals().ByRate[0].Gross, big.Totals().Gross} {
		if want := plain(domain.Polish.FormatDecimal(a.Decimal(), 2)); !strings.Contains(text, want) {
			t.Errorf("the large amount %s is cut:\n%s", want, text)
		}
	}
	if !strings.Contains(text, "1 234 567,89") || strings.Contains(text, "…") {
		t.Errorf("a large quantity is cut:\n%s", text)
	}
	q.Lines = nil
	if text := pdfText(t, renderQuote(t, seller, q, pdf.Options{})); !strings.Contains(text, "Oferta nie ma pozycji.") ||
		!strings.Contains(text, "0,00 zł") {
		t.Errorf("empty quote:\n%s", text)
	}
	// Without the account the quote's own name and code are the buyer.
	var b bytes.Buffer
	if err := pdf.Quote(&b, seller, handQuote(), nil, pdf.Options{}); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, b.Bytes()); !strings.Contains(text, "Kod klienta: K-ŁÓDŹ-7") {
		t.Errorf("no account:\n%s", text)
	}
}

func writeLogo(t *testing.T, name string) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 120, 40))
	for x := 0; x < 120; x++ {
		for y := 0; y < 40; y++ {
			img.Set(x, y, color.RGBA{R: uint8(x * 2), G: 90, B: 160, A: 255})
		}
	}
	path := filepath.Join(t.TempDir(), name)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestQuoteLogo(t *testing.T) {
	c := seller
	c.Logo = writeLogo(t, "logo żółw.png")
	doc := renderQuote(t, c, handQuote(), pdf.Options{})
	if !bytes.Contains(doc, []byte("/Subtype /Image")) {
		t.Error("the logo is not in the PDF")
	}
	if !strings.Contains(pdfText(t, doc), "Hurtownia Żółw sp. z o.o.") {
		t.Error("the letterhead is gone beside the logo")
	}
	for name, content := range map[string][]byte{"missing.png": nil, "logo.png": []byte("not an image")} {
		c.Logo = filepath.Join(t.TempDir(), name)
		if content != nil {
			os.WriteFile(c.Logo, content, 0o600)
		}
		err := pdf.Quote(&bytes.Buffer{}, c, handQuote(), buyer, pdf.Options{})
		var de *domain.Error
		if !errors.As(err, &de) || de.Key != "company.logo_unreadable" || !strings.Contains(err.Error(), name) {
			t.Errorf("logo %s: err %v, want company.logo_unreadable naming the file", name, err)
		}
	}
}

// TestQuoteTermsStayTogether: whatever the table's length, the terms and the
// notes share one page, and the totals share one page.
func TestQuoteTermsStayTogether(t *testing.T) {
	// Around 60 lines the table ends near the foot of page 2 (a widow there once).
	for _, n := range []int{24, 44, 56, 58, 60, 62, 64, 76} {
		text := pdfText(t, renderQuote(t, seller, longQuote(n), pdf.Options{}))
		together := func(first, last string) {
			for _, page := range strings.Split(text, "\f") {
				if strings.Contains(page, first) != strings.Contains(page, last) {
					t.Errorf("%d lines: %q and %q on different pages", n, first, last)
				}
			}
		}
		together("Warunki płatności:", "Rabat 5% na mąkę obowiązuje przy odbiorze całości.")
		together("Stawka VAT", "Wartość oferty brutto:")
	}
}
