package main

import (
	"context"
	"io"
	"os"
	"path/filepath"

	"kontor/domain"
	"kontor/store"
	"kontor/store/pdf"
	"kontor/store/xfer"
	"kontor/ui/prices"
)

// exportSheet is how the app saves a price sheet: the store renders the PDF
// (with the letterhead from the company settings) or the CSV, written to a
// temporary file beside the one chosen and renamed over it, so a failure
// never leaves half a file.
func exportSheet(db *store.DB) prices.Exporter {
	company := store.NewCompanyService(db)
	return func(ctx context.Context, sheet *domain.PriceSheet, format prices.SheetFormat, loc domain.Locale, path string) error {
		render := func(w io.Writer) error { return writeSheetCSV(w, sheet) }
		if format == prices.SheetPDF {
			seller, err := company.FindCompany(ctx)
			if err != nil {
				return err
			}
			render = func(w io.Writer) error { return pdf.PriceSheet(w, *seller, sheet, pdf.Options{Locale: loc}) }
		}
		return writeFile(path, render)
	}
}

// writeSheetCSV writes one row per product and quantity break, in the
// columns of the pricesheet export.
func writeSheetCSV(w io.Writer, sheet *domain.PriceSheet) error {
	xw, err := xfer.NewWriter(xfer.CSV, w, xfer.PriceSheetSchema)
	if err != nil {
		return err
	}
	for i := range sheet.Lines {
		for _, cells := range xfer.PriceSheetCells(&sheet.Lines[i]) {
			if err := xw.Write(cells); err != nil {
				return err
			}
		}
	}
	return xw.Close()
}

// writeFile writes path through a temporary file in the same folder.
func writeFile(path string, render func(io.Writer) error) error {
	// Named as Kontor's other writers name theirs (.NAME.*.tmp): one a crash
	// leaves is removed by the next batch writing in the folder.
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing left to remove
	if err := render(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil { // a sheet is made to be shared
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil { // on disk before it has the name
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
