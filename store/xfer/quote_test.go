package xfer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"kontor/domain"
)

func testQuote() *domain.Quote {
	return &domain.Quote{Number: "OF/2026/00042", Revision: 2, Currency: "PLN", QuoteFields: domain.QuoteFields{
		Date: domain.NewDate(2026, 11, 27), ValidUntil: domain.NewDate(2026, 12, 27),
		Lines: []domain.DocumentLine{
			// 10 × 12.3456 × 0.95 = 117.2832 → 117.28
			{SKU: "MAK-650", Name: "Mąka pszenna typ 650, 1 kg", Unit: "szt", Quantity: 10 * domain.One, Price: 123456,
				Discount: 500, VATRate: domain.VAT23},
			// 2.5 × 8.99 = 22.475 → 22.48
			{SKU: "SER-ŻÓŁ", Name: "Ser żółty gouda", Unit: "kg", Quantity: 2500, Price: 89900, VATRate: domain.VAT5},
			{SKU: "=HYPERLINK", Name: "-formuła", Unit: "usł", Quantity: 3 * domain.One, Price: 1000000, VATRate: domain.VATExempt},
		}}}
}

func writeQuote(t *testing.T, f Format, loc domain.Locale) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteQuote(&b, f, testQuote(), loc); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestQuoteCSV(t *testing.T) {
	got := string(writeQuote(t, CSV, domain.Polish))
	// Totals by hand: 23%: 117.28, VAT 26.97 (117.28 × 0.23 = 26.9744); 5%: 22.48, VAT 1.12 (1.124); zw: 300.00.
	want := "\uFEFFIndeks,Nazwa,Ilość,J.m.,Cena netto,Rabat %,Wartość netto,Stawka VAT,VAT,Wartość brutto\n" +
		"MAK-650,\"Mąka pszenna typ 650, 1 kg\",10,szt,12.3456,5,117.28,23,,\n" +
		"SER-ŻÓŁ,Ser żółty gouda,2.5,kg,8.99,0,22.48,5,,\n" +
		"'=HYPERLINK,'-formuła,3,usł,100.00,0,300.00,zw,,\n" +
		",,,,,,,,,\n" +
		",Razem 23%,,,,,117.28,23,26.97,144.25\n" +
		",Razem 5%,,,,,22.48,5,1.12,23.60\n" +
		",Razem zw,,,,,300.00,zw,0.00,300.00\n" +
		",Razem (PLN),,,,,439.76,,28.09,467.85\n" +
		",\"Oferta OF/2026/00042 R2 z dnia 2026-11-27, ważna do 2026-12-27\",,,,,,,,\n"
	if got != want {
		t.Errorf("csv =\n%s\nwant\n%s", got, want)
	}
	en := string(writeQuote(t, CSV, domain.English))
	for _, s := range []string{"SKU,Name,Quantity,Unit,Net price,Discount %,Net value,VAT rate,VAT,Gross value\n",
		",Total (PLN),,,,,439.76,,28.09,467.85\n", "Quote OF/2026/00042 R2 of 2026-11-27, valid until 2026-12-27"} {
		if !strings.Contains(en, s) {
			t.Errorf("English csv lacks %q:\n%s", s, en)
		}
	}
}

func TestQuoteXLSX(t *testing.T) {
	data := writeQuote(t, XLSX, domain.Polish)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var s sheet
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		switch f.Name {
		case "xl/workbook.xml":
			if !bytes.Contains(b, []byte(`<sheet name="Oferta"`)) {
				t.Errorf("workbook = %s", b)
			}
		case "xl/worksheets/sheet1.xml":
			if !bytes.Contains(b, []byte(`</sheetViews><cols><col min="1" max="1" width="14" customWidth="1"/><col min="2" max="2" width="60"`)) {
				t.Errorf("no column widths before the data: %.400s", b)
			}
			if err := xml.Unmarshal(b, &s); err != nil {
				t.Fatal(err)
			}
		}
	}
	// header, 3 lines, a blank row, 3 rates, the total and the quote's row
	if len(s.Rows) != 10 {
		t.Fatalf("%d rows", len(s.Rows))
	}
	cells := map[string][2]string{} // ref → style, value
	for _, r := range s.Rows {
		for _, c := range r.Cells {
			v := c.Value
			if c.Type == "inlineStr" {
				v = c.Text
			}
			cells[c.Ref] = [2]string{c.Style, v}
		}
	}
	for ref, want := range map[string][2]string{
		"A1": {"1", "Indeks"}, "G1": {"1", "Wartość netto"},
		"C2": {"", "10"}, "E2": {"", "12.3456"}, "F2": {"", "5"}, "G2": {"2", "117.28"}, "H2": {"", "23"},
		"A4": {"", "=HYPERLINK"}, "B4": {"", "-formuła"},
		"B6": {"", "Razem 23%"}, "G6": {"2", "117.28"}, "I6": {"2", "26.97"}, "J6": {"2", "144.25"},
		"B9": {"", "Razem (PLN)"}, "G9": {"2", "439.76"}, "I9": {"2", "28.09"}, "J9": {"2", "467.85"},
	} {
		if got := cells[ref]; got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	if _, ok := cells["I2"]; ok {
		t.Error("a line has a VAT cell of its own")
	}
}
