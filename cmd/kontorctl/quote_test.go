package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kontor/domain"
	"kontor/store"
)

// quoteDB is priceDB with a quote for K1 sent and edited: revision 1 has
// 4 × MAK-1, revision 2 (current) adds 2.5 kg of SER-1.
func quoteDB(t *testing.T) (dir, db, number string, day domain.Date) {
	t.Helper()
	dir, db = priceDB(t)
	ctx := context.Background()
	s, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	prices := store.NewPriceService(s)
	quotes := store.NewQuoteService(s, prices)
	k1, err := store.NewAccountService(s).FindAccountByCode(ctx, "K1")
	if err != nil {
		t.Fatal(err)
	}
	day = domain.DateOf(time.Now()) // a sent quote must not have expired
	priced := func(skus []string, qtys []domain.Quantity) []domain.DocumentLine {
		var lines []domain.DocumentLine
		for i, sku := range skus {
			p, err := store.NewProductService(s).FindProductBySKU(ctx, sku)
			if err != nil {
				t.Fatal(err)
			}
			lines = append(lines, domain.NewDocumentLine(p, qtys[i]))
		}
		res, err := prices.Reprice(ctx, k1.ID, day, domain.PriceLines(lines))
		if err != nil {
			t.Fatal(err)
		}
		domain.ApplyPrices(lines, res)
		return lines
	}
	qf := domain.NewQuoteFields(k1, day, 30)
	qf.Lines = priced([]string{"MAK-1"}, []domain.Quantity{4 * domain.One})
	q, err := quotes.CreateQuote(ctx, qf)
	if err != nil {
		t.Fatal(err)
	}
	if q, err = quotes.SetQuoteStatus(ctx, q.ID, q.Version, domain.QuoteSent); err != nil {
		t.Fatal(err)
	}
	upd := domain.QuoteUpdate{QuoteFields: q.QuoteFields, Version: q.Version}
	upd.Lines = priced([]string{"MAK-1", "SER-1"}, []domain.Quantity{4 * domain.One, 2500})
	if _, err := quotes.UpdateQuote(ctx, q.ID, upd); err != nil {
		t.Fatal(err)
	}
	return dir, db, q.Number, day
}

func TestQuoteCommand(t *testing.T) {
	t.Parallel()
	dir, db, number, day := quoteDB(t)
	// Revision 2: MAK-1 4 × 3.20 (HQ's price for its branch) = 12.80; SER-1 2.5 × 27.50 = 68.75; both 5 %:
	// net 81.55, VAT 4.08 (4.0775), gross 85.63.
	csvPath := filepath.Join(dir, "oferta.csv")
	code, out, errs := ctl(t, db, "quote", "--number", number, "--out", csvPath)
	if code != exitOK || !strings.Contains(out, number+" R2, 2 lines, gross 85.63 PLN") {
		t.Fatalf("quote csv = %d %q %q", code, out, errs)
	}
	data, _ := os.ReadFile(csvPath)
	for _, want := range []string{"\ufeffIndeks,Nazwa,", "MAK-1,Mąka pszenna typ 650 1 kg,4,opak,3.20,0,12.80,5,,",
		"SER-1,Ser gouda,2.5,kg,27.50,0,68.75,5,,", ",Razem 5%,,,,,81.55,5,4.08,85.63", "Oferta " + number + " R2 z dnia " + day.String()} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("csv lacks %q:\n%s", want, data)
		}
	}
	// Revision 1, in English, as a PDF.
	pdfPath := filepath.Join(dir, "quote-r1.pdf")
	if code, out, errs = ctl(t, db, "quote", "--number", strings.ToLower(number), "--revision", "1", "--lang", "en",
		"--out", pdfPath); code != exitOK || !strings.Contains(out, "1 lines, gross 13.44 PLN") {
		t.Fatalf("quote pdf = %d %q %q", code, out, errs)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", "-layout", pdfPath, "-").Output()
		for _, want := range []string{"QUOTATION", "No. " + number, "Społem Łódź", "Customer code: K1", "12.80", "13.44 PLN", "Page 1 of 1"} {
			if err != nil || !bytes.Contains(text, []byte(want)) {
				t.Errorf("pdf lacks %q (%v):\n%s", want, err, text)
			}
		}
		if bytes.Contains(text, []byte("SER-1")) {
			t.Error("revision 1 prints a line of revision 2")
		}
	}
	xlsxPath := filepath.Join(dir, "oferta.xlsx")
	if code, _, errs = ctl(t, db, "quote", "--number", number, "--out", xlsxPath); code != exitOK {
		t.Fatalf("quote xlsx = %d %q", code, errs)
	}
	if data, _ := os.ReadFile(xlsxPath); !bytes.HasPrefix(data, []byte("PK")) {
		t.Error("not an xlsx")
	}

	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"--out", csvPath}, exitUsage},
		{[]string{"--number", number}, exitUsage},
		{[]string{"--number", number, "--out", filepath.Join(dir, "x.docx")}, exitUsage},
		{[]string{"--number", number, "--lang", "de", "--out", csvPath}, exitUsage},
		{[]string{"--number", "OF/1999/00001", "--out", filepath.Join(dir, "none.pdf")}, exitNotFound},
		{[]string{"--number", number, "--revision", "9", "--out", filepath.Join(dir, "none.pdf")}, exitNotFound},
	} {
		if code, _, errs := ctl(t, db, append([]string{"quote"}, c.args...)...); code != c.code {
			t.Errorf("quote %v = %d (%s), want %d", c.args, code, errs, c.code)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "none.pdf")); !os.IsNotExist(err) {
		t.Error("a failed quote left a file")
	}
}
