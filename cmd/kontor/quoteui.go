package main

import (
	"context"

	"kontor/domain"
	"kontor/store"
	"kontor/ui/documents"
)

// quoteExporter hands the quote export (exportQuote) to the quote builder
// with its typed format.
func quoteExporter(db *store.DB) documents.Exporter {
	export := exportQuote(db)
	return func(ctx context.Context, q *domain.Quote, f documents.Format, loc domain.Locale, path string) error {
		return export(ctx, q, string(f), loc, path)
	}
}
