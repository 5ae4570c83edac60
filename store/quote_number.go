package store

import (
	"context"
	"database/sql"
	"strings"

	"kontor/domain"
)

// FindQuoteByNumber returns a quote by its number (any case) at a revision: 0
// is the current one. It is how kontorctl names a quote; the app opens quotes
// by ID from its lists.
func (s *QuoteService) FindQuoteByNumber(ctx context.Context, number string, revision int) (*domain.Quote, error) {
	var id int64
	err := s.db.r.QueryRowContext(ctx, `SELECT id FROM quotes WHERE number = ?`, strings.TrimSpace(number)).Scan(&id)
	if err == sql.ErrNoRows {
		return nil, domain.Errorf(domain.ENotFound, "quote.number_not_found", "there is no quote {{.Number}}",
			map[string]any{"Number": strings.TrimSpace(number)})
	}
	if err != nil {
		return nil, wrap("find quote by number", err)
	}
	if revision == 0 {
		return s.FindQuoteByID(ctx, domain.QuoteID(id))
	}
	return s.FindQuoteRevision(ctx, domain.QuoteID(id), revision)
}
