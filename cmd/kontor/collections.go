package main

import (
	"context"
	"os"
	"path/filepath"

	"kontor/store"
	"kontor/store/eml"
	"kontor/store/pdf"
	"kontor/ui"
)

// collectionsDeps are the store's collections service, the letters'
// printer and the e-mail drafts, for the shell.
func collectionsDeps(db *store.DB, d *ui.Deps) {
	c := store.NewCollectionsService(db)
	d.Collections = c
	d.Letters = pdf.LetterPrinter{Collections: c, Company: store.NewCompanyService(db)}
	d.Drafts = eml.Drafts{}
	d.ImportRates = func(ctx context.Context, path string) (int, int, error) {
		data, err := os.ReadFile(path)
		if err != nil {
			return 0, 0, err
		}
		rates, err := store.ParseNBP(data, filepath.Base(path))
		if err != nil {
			return 0, 0, err
		}
		return c.ImportNBPRates(ctx, rates)
	}
}
