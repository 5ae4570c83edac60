package store

import (
	"context"
	"database/sql"

	"kontor/domain"
)

// What the team sync (store/team) needs of the store to write rows that came
// from the server into this file the way the store's own services write them:
// the single writer, and the columns the store derives from a row's fields.

// WriteTx runs fn in one write transaction on the file's single writer
// connection: committed when fn returns nil, rolled back otherwise.
func (db *DB) WriteTx(ctx context.Context, fn func(tx *sql.Tx) error) error { return db.write(ctx, fn) }

// LargeWriteTx is WriteTx for a transaction that rewrites thousands of rows
// spread over large tables (a sync round pulling 10,000 changes): the writer
// keeps BulkLoad's large page cache meanwhile, instead of spilling pages to
// the log and reading them back.
func (db *DB) LargeWriteTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	end, err := db.bulkWriteMode(ctx)
	if err != nil {
		return err
	}
	defer end()
	return db.write(ctx, fn)
}

// ReadTx runs fn in a read transaction on a snapshot of the file.
func (db *DB) ReadTx(ctx context.Context, fn func(tx *sql.Tx) error) error { return db.read(ctx, fn) }

// DerivedColumns returns the columns the store keeps beside a row of table
// (sort keys, folded search text), computed from the row's columns as the
// store's services compute them. row holds local column names; text columns
// are strings.
func DerivedColumns(table string, row map[string]any) map[string]any {
	s := func(col string) string { v, _ := row[col].(string); return v }
	switch table {
	case "accounts":
		f := domain.AccountFields{Code: s("code"), Name: s("name"), TaxID: s("tax_id"), City: s("city")}
		return map[string]any{"name_key": nameKey(f.Name), "search_text": accountSearchText(&f)}
	case "contacts":
		f := domain.ContactFields{FirstName: s("first_name"), LastName: s("last_name"), Email: s("email")}
		return map[string]any{"name_key": contactNameKey(f.FirstName, f.LastName), "search_text": contactSearchText(&f)}
	case "products":
		f := domain.ProductFields{SKU: s("sku"), Name: s("name"), Description: s("description")}
		return map[string]any{"name_key": nameKey(f.Name), "search_text": productSearchText(&f)}
	}
	return nil
}

// ActivityWords returns the words of an activity's subject and notes that
// the history search's word list must hold (AddActivityWords).
func ActivityWords(subject, notes string) []string { return historyWords(subject, notes) }

// AddActivityWords records words of activities written in tx.
func AddActivityWords(ctx context.Context, tx *sql.Tx, words []string) error {
	return addHistoryWords(ctx, tx, words)
}

// FillTx runs fn in one bulk write transaction (BulkLoad) prepared for
// filling a file that holds no accounts, contacts, products, activities or
// documents yet with many rows (a team join): the search and history
// triggers and the orders' daily counts are suspended, the indexes of
// accounts, contacts, products, activities, documents and ledgers dropped,
// and all of them rebuilt once at the end. Triggers fn creates are kept. fn
// must not look those tables up by an indexed column (their uid included):
// it writes them, and knows the ids it wrote. inTimeOrder says
// fn writes the activities in the order of their dates, which lets the
// history index be written without sorting its keys first
// (RebuildHistoryIndex). then, if given, runs after that in the same
// transaction, with every index back (what reads through them: allocating
// the ledgers).
func (db *DB) FillTx(ctx context.Context, inTimeOrder bool, fn func(tx *sql.Tx) error, then ...func(tx *sql.Tx) error) error {
	return db.BulkLoad(ctx, func(b *Bulk) error {
		restoreSearch, err := b.SuspendSearch(Accounts, Contacts, Products)
		if err != nil {
			return err
		}
		restoreHistory, err := b.SuspendTriggers(Activities)
		if err != nil {
			return err
		}
		restoreCounts, err := b.SuspendTriggers(Orders)
		if err != nil {
			return err
		}
		var restoreIndexes []func() error
		for _, t := range []Table{Accounts, Contacts, Products, Activities, "quotes", "quote_lines", Orders, OrderLines, Invoices, Payments} {
			r, err := b.SuspendIndexes(t)
			if err != nil {
				return err
			}
			restoreIndexes = append(restoreIndexes, r)
		}
		if err := fn(b.tx); err != nil {
			return err
		}
		for _, r := range restoreIndexes {
			if err := r(); err != nil {
				return err
			}
		}
		if err := restoreCounts(); err != nil {
			return err
		}
		if err := b.CountOrders(0); err != nil {
			return err
		}
		if err := restoreHistory(); err != nil {
			return err
		}
		if err := b.RebuildHistoryIndex(inTimeOrder); err != nil {
			return err
		}
		if err := b.RefreshLastContact(); err != nil {
			return err
		}
		if err := restoreSearch(); err != nil {
			return err
		}
		if err := b.RerankSearch(Accounts, Contacts, Products); err != nil {
			return err
		}
		for _, f := range then {
			if err := f(b.tx); err != nil {
				return err
			}
		}
		return nil
	})
}

// ChangesHistoryText says whether an update of the activities' columns
// changed (by name) changes what the history search indexes.
func ChangesHistoryText(changed map[string]bool) bool {
	return changed["account_id"] || changed["occurred_at"] || changed["subject"] || changed["notes"] || changed["deleted_at"]
}

// ReindexHistoryAround runs update, which rewrites the activities whose ids
// idsQuery (a SELECT of ids, run before and after) returns, and keeps the
// history search index right with three statements instead of a delete and
// an insert per row: FTS5 flushes its pending terms whenever a row is
// deleted after others were added, so per-row reindexing costs a segment
// merge per activity.
func ReindexHistoryAround(ctx context.Context, tx *sql.Tx, idsQuery string, update func() error) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM activities_fts WHERE rowid IN
		(SELECT `+ftsKey+` FROM activities t WHERE t.id IN (`+idsQuery+`) AND t.deleted_at IS NULL)`); err != nil {
		return err
	}
	var sqls []string
	rows, err := tx.QueryContext(ctx, `SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'activities_fts_update'`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return err
		}
		sqls = append(sqls, s)
	}
	rows.Close()
	if len(sqls) > 0 {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER activities_fts_update`); err != nil {
			return err
		}
	}
	if err := update(); err != nil {
		return err
	}
	for _, s := range sqls {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return err
		}
	}
	return inOneSegment(ctx, tx, "activities_fts", func() error {
		_, err := tx.ExecContext(ctx, `INSERT INTO activities_fts (rowid, body)
			SELECT `+ftsKey+`, `+ftsBody+`
			FROM activities t WHERE t.id IN (`+idsQuery+`) AND t.deleted_at IS NULL ORDER BY 1`)
		return err
	})
}

// Reallocate allocates the ledgers of accounts again and stores the result
// (open and unapplied amounts, settlements), as the store does after its own
// writes: for invoices and payments that came from the team.
func Reallocate(ctx context.Context, tx *sql.Tx, accounts []domain.AccountID) error {
	return reallocateAccounts(ctx, tx, accounts)
}

// Today is the local date of the store's clock (SetClock): the date a
// document made now carries.
func (db *DB) Today() domain.Date { return db.today() }
