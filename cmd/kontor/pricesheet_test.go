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
	"kontor/ui/prices"
)

// TestExportSheet writes a demo customer's price sheet as the app does when a
// user saves it: CSV rows per product and break, and a PDF with the letterhead.
func TestExportSheet(t *testing.T) {
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
	rows, _, err := store.NewAccountService(db).ListAccountRows(ctx, domain.AccountFilter{Limit: 1})
	if err != nil || len(rows) == 0 {
		t.Fatalf("no demo account: %v", err)
	}
	sheet, err := store.NewPriceService(db).PriceSheet(ctx, rows[0].AccountID, domain.NewDate(2026, 11, 27))
	if err != nil || len(sheet.Lines) == 0 {
		t.Fatalf("sheet: %v", err)
	}
	export := exportSheet(db)

	csvPath := filepath.Join(dir, "cennik.csv")
	if err := export(ctx, sheet, prices.SheetCSV, domain.Polish, csvPath); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(csvPath)
	if !bytes.Contains(data, []byte(sheet.Lines[0].SKU)) || !strings.HasPrefix(strings.TrimPrefix(string(data), "\ufeff"), "sku") {
		t.Errorf("CSV starts %q", string(data[:min(len(data), 120)]))
	}

	pdfPath := filepath.Join(dir, "cennik.pdf")
	if err := export(ctx, sheet, prices.SheetPDF, domain.Polish, pdfPath); err != nil {
		t.Fatal(err)
	}
	data, _ = os.ReadFile(pdfPath)
	if !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Fatalf("not a PDF: %q", data[:min(len(data), 8)])
	}
	if files, _ := filepath.Glob(filepath.Join(dir, ".cennik*")); len(files) != 0 {
		t.Errorf("temporary files left: %v", files)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", pdfPath, "-").Output()
		if err != nil || !strings.Contains(string(out), sheet.Lines[0].SKU) {
			t.Errorf("pdftotext: %v; text lacks %s", err, sheet.Lines[0].SKU)
		}
	}

	if err := export(ctx, sheet, prices.SheetPDF, domain.Polish, filepath.Join(dir, "missing", "x.pdf")); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
}
