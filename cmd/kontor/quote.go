package main

import (
	"context"
	"fmt"
	"io"

	"kontor/domain"
	"kontor/store"
	"kontor/store/pdf"
	"kontor/store/xfer"
)

// exportQuote is how the app saves a quote for its buyer: format "pdf" (the
// letterhead from the company settings, the buyer's address from the account),
// "xlsx" or "csv", in loc's words, written to a temporary file beside path and
// renamed over it, so a failure never leaves half a file. It prints the quote
// as given, so an earlier revision opened read only exports as it was.
func exportQuote(db *store.DB) func(ctx context.Context, q *domain.Quote, format string, loc domain.Locale, path string) error {
	company, accounts := store.NewCompanyService(db), store.NewAccountService(db)
	return func(ctx context.Context, q *domain.Quote, format string, loc domain.Locale, path string) error {
		var render func(io.Writer) error
		switch format {
		case "pdf":
			seller, err := company.FindCompany(ctx)
			if err != nil {
				return err
			}
			buyer, err := accounts.FindAccountByID(ctx, q.AccountID)
			if err != nil {
				return err
			}
			render = func(w io.Writer) error { return pdf.Quote(w, *seller, q, buyer, pdf.Options{Locale: loc}) }
		case "xlsx", "csv":
			render = func(w io.Writer) error { return xfer.WriteQuote(w, xfer.Format(format), q, loc) }
		default:
			return fmt.Errorf("export quote: unknown format %q (pdf, xlsx or csv)", format)
		}
		return writeFile(path, render)
	}
}
