package store

import "context"

// What a database holds, in numbers: kontorctl's summaries and the
// performance suite's notes.

// Counts reports how many accounts and contacts the database holds.
func (db *DB) Counts(ctx context.Context) (accounts, contacts int, err error) {
	err = db.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM accounts), (SELECT count(*) FROM contacts)`).Scan(&accounts, &contacts)
	return accounts, contacts, wrap("count rows", err)
}

// HistoryCounts reports how many activities and open tasks the database holds.
func (db *DB) HistoryCounts(ctx context.Context) (activities, tasks int, err error) {
	err = db.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM activities WHERE deleted_at IS NULL),
		(SELECT count(*) FROM activities t WHERE `+openTasks+`)`).Scan(&activities, &tasks)
	return activities, tasks, wrap("count activities", err)
}

// CatalogCounts counts the products and the price agreements (ended ones too),
// for kontorctl demo's summary.
func (db *DB) CatalogCounts(ctx context.Context) (products, agreements int, err error) {
	err = db.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM products), (SELECT count(*) FROM price_agreements)`).
		Scan(&products, &agreements)
	return products, agreements, wrap("count the catalog", err)
}

// DocumentCounts reports how many orders, order lines and quotes the database holds.
func (db *DB) DocumentCounts(ctx context.Context) (orders, lines, quotes int, err error) {
	err = db.r.QueryRowContext(ctx, `SELECT (SELECT coalesce(sum(n), 0) FROM order_counts),
		(SELECT coalesce(sum(line_count), 0) FROM orders), (SELECT count(*) FROM quotes)`).Scan(&orders, &lines, &quotes)
	return orders, lines, quotes, wrap("count documents", err)
}

// ReceivableCounts reports how many invoices (credit notes included) and
// payments the database holds.
func (db *DB) ReceivableCounts(ctx context.Context) (invoices, payments int, err error) {
	err = db.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM invoices), (SELECT count(*) FROM payments)`).Scan(&invoices, &payments)
	return invoices, payments, wrap("count receivables", err)
}
