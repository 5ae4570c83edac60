package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kontor/domain"
	"kontor/store"
	"kontor/store/demo"
)

// TestExportQuote saves a demo quote as the app does: a PDF with letterhead
// and buyer, a spreadsheet and a CSV; a failed export leaves the file there
// as it was and no temporary file.
func TestExportQuote(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := store.Open(ctx, filepath.Join(dir, "k.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := demo.Generate(ctx, db, demo.Options{Accounts: 20, Seed: 1}, nil); err != nil {
		t.Fatal(err)
	}
	quotes := store.NewQuoteService(db, store.NewPriceService(db))
	rows, _, err := quotes.FindQuotes(ctx, domain.QuoteFilter{DocumentFilter: domain.DocumentFilter{Limit: 1}})
	if err != nil || len(rows) == 0 {
		t.Fatalf("no demo quote: %v", err)
	}
	q, err := quotes.FindQuoteByID(ctx, rows[0].ID)
	if err != nil || len(q.Lines) == 0 {
		t.Fatalf("quote: %v", err)
	}
	export := exportQuote(db)
	gross := q.Totals().Gross.String()

	for _, format := range []string{"csv", "xlsx"} {
		path := filepath.Join(dir, "oferta."+format)
		if err := export(ctx, q, format, domain.Polish, path); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		data, _ := os.ReadFile(path)
		if format == "csv" && (!strings.HasPrefix(string(data), "\ufeffIndeks,Nazwa") || !bytes.Contains(data, []byte(gross))) {
			t.Errorf("CSV lacks the header or the gross %s:\n%s", gross, data)
		}
		if format == "xlsx" && !bytes.HasPrefix(data, []byte("PK")) {
			t.Errorf("not an xlsx: %q", data[:min(len(data), 8)])
		}
	}

	pdfPath := filepath.Join(dir, "oferta.pdf")
	if err := export(ctx, q, "pdf", domain.English, pdfPath); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(pdfPath)
	if !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Fatalf("not a PDF: %q", data[:min(len(data), 8)])
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", pdfPath, "-").Output()
		text := string(out)
		if err != nil || !strings.Contains(text, "QUOTATION") || !strings.Contains(text, q.Number) || !strings.Contains(text, q.Lines[0].SKU) {
			t.Errorf("pdftotext: %v; text lacks the title, %s or %s:\n%s", err, q.Number, q.Lines[0].SKU, text)
		}
	}

	// A logo that is gone fails the PDF; the file saved before stays whole.
	company := store.NewCompanyService(db)
	c, _ := company.FindCompany(ctx)
	c.Logo = filepath.Join(dir, "gone.png")
	if _, err := company.SaveCompany(ctx, *c); err != nil {
		t.Fatal(err)
	}
	if err := export(ctx, q, "pdf", domain.Polish, pdfPath); domain.ErrorCode(err) != domain.EInvalid {
		t.Errorf("missing logo: %v", err)
	}
	if again, _ := os.ReadFile(pdfPath); !bytes.Equal(again, data) {
		t.Error("a failed export changed the file")
	}
	if files, _ := filepath.Glob(filepath.Join(dir, ".oferta*")); len(files) != 0 {
		t.Errorf("temporary files left: %v", files)
	}
	if err := export(ctx, q, "docx", domain.Polish, filepath.Join(dir, "x.docx")); err == nil {
		t.Error("an unknown format was written")
	}
}
