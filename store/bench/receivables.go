package bench

import (
	"context"
	"database/sql"
	"fmt"

	"kontor/domain"
	"kontor/store"
)

// The receivables figures of the performance suite: the
// receivables screen over every account, and the account view's balance and
// aging (part of the account view figure, benchView), each beside the same
// statements run bare. The statement figures are kontorctl's (they print PDFs).

// TargetReceivablesMS is the receivables screen's target on the large dataset.
const TargetReceivablesMS = 200

const nameReceivables = "receivables screen (every open balance with aging; all, by owner, by group), p95"

// receivablesFilters are what a back-office user opens the screen with: no
// filter, each owner, each customer group.
func receivablesFilters(ctx context.Context, q *sql.DB) ([]domain.ReceivablesFilter, error) {
	out := []domain.ReceivablesFilter{{}}
	err := store.EachRow(ctx, q, `SELECT DISTINCT owner FROM accounts WHERE owner <> '' ORDER BY 1`, func(rows *sql.Rows) error {
		var f domain.ReceivablesFilter
		err := rows.Scan(&f.Owner)
		out = append(out, f)
		return err
	})
	if err != nil {
		return nil, err
	}
	err = store.EachRow(ctx, q, `SELECT id FROM customer_groups ORDER BY id`, func(rows *sql.Rows) error {
		var f domain.ReceivablesFilter
		err := rows.Scan(&f.Group)
		out = append(out, f)
		return err
	})
	return out, err
}

func benchReceivables(ctx context.Context, db *store.DB, plain *store.Plain) (Figure, error) {
	invoices, _, err := db.ReceivableCounts(ctx)
	if err != nil {
		return Figure{}, err
	}
	if invoices == 0 {
		return NotMeasured(nameReceivables, "ms", TargetReceivablesMS, "the database has no invoices (kontorctl demo makes them)"), nil
	}
	filters, err := receivablesFilters(ctx, plain.DB())
	if err != nil {
		return Figure{}, err
	}
	s := store.NewReceivablesService(db)
	// The unfiltered list is what the screen opens with: it gets as many
	// samples as all the filtered ones together.
	runs := append([]domain.ReceivablesFilter(nil), filters...)
	for range len(filters) - 1 {
		runs = append(runs, domain.ReceivablesFilter{})
	}
	var st, bt timings
	for pass := 0; pass < 2; pass++ { // the first pass warms the page cache
		st, bt = nil, nil
		for _, f := range runs {
			if err := st.time(func() error { _, _, err := s.FindReceivables(ctx, f); return err }); err != nil {
				return Figure{}, fmt.Errorf("receivables %+v: %w", f, err)
			}
			if err := bt.time(func() error { return plain.FindReceivables(ctx, f) }); err != nil {
				return Figure{}, fmt.Errorf("bare receivables %+v: %w", f, err)
			}
		}
	}
	return withBare(nameReceivables, TargetReceivablesMS, st, bt, "lists"), nil
}
