package bench

import (
	"context"
	"database/sql"
	"fmt"

	"kontor/domain"
	"kontor/store"
)

// TargetDashboardMS is the start page's dashboard target: it loads in at most 150 ms
// (p95) on the 20,000-account demo.
const TargetDashboardMS = 150

const nameDashboard = "dashboard (sales by month, pipeline, overdue, top accounts; whole file and each rep), p95"

// benchDashboard loads the dashboard for the whole file and for each owner
// as of the newest invoice's day, beside the same statements run bare.
func benchDashboard(ctx context.Context, db *store.DB, plain *store.Plain) (Figure, error) {
	var newest sql.NullString
	if err := plain.DB().QueryRowContext(ctx, `SELECT max(issued_on) FROM invoices`).Scan(&newest); err != nil {
		return Figure{}, err
	}
	if !newest.Valid {
		return NotMeasured(nameDashboard, "ms", TargetDashboardMS, "the database has no invoices (kontorctl demo makes them)"), nil
	}
	today, err := domain.ParseDate(newest.String)
	if err != nil {
		return Figure{}, err
	}
	queries := []domain.DashboardQuery{{Today: today}}
	err = store.EachRow(ctx, plain.DB(), `SELECT DISTINCT owner FROM accounts WHERE owner <> '' ORDER BY 1`, func(rows *sql.Rows) error {
		q := domain.DashboardQuery{Today: today}
		err := rows.Scan(&q.Owner)
		queries = append(queries, q)
		return err
	})
	if err != nil {
		return Figure{}, err
	}
	// The whole file is what the page opens with: it gets as many samples
	// as all the reps' together.
	runs := append([]domain.DashboardQuery(nil), queries...)
	for range len(queries) - 1 {
		runs = append(runs, queries[0])
	}
	s := store.NewDashboardService(db)
	var st, bt timings
	for pass := 0; pass < 2; pass++ { // the first pass warms the page cache
		st, bt = nil, nil
		for _, q := range runs {
			if err := st.time(func() error { _, err := s.Dashboard(ctx, q); return err }); err != nil {
				return Figure{}, fmt.Errorf("dashboard %+v: %w", q, err)
			}
			if err := bt.time(func() error { return plain.Dashboard(ctx, q) }); err != nil {
				return Figure{}, fmt.Errorf("bare dashboard %+v: %w", q, err)
			}
		}
	}
	return withBare(nameDashboard, TargetDashboardMS, st, bt, "loads"), nil
}
