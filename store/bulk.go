package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"

	"kontor/domain"
)

// Bulk is a write transaction for writing many rows at once: the CSV imports,
// the demo generator (store/demo) and the performance suite (store/bench)
// write through it. Rows are queued by table and written by multi-row INSERTs
// (Add, Flush); what triggers keep row by row (the search indexes, the history
// index, each account's last contact, the daily order counts) and the
// indexes of a table being filled can be suspended and rebuilt in one pass
// afterwards; allocations and the number series' counters are written the way
// the services write them.
//
// Rows of one table go in in the order added. When a table has a full
// statement's worth queued, the tables first added to before it are written
// first: add a document's row before its lines, and the document is in before
// them. Within BulkLoad foreign keys are checked at commit, so rows added in
// another order are allowed, but each parent row written after a child waiting
// for it looks for its children, slowly where their indexes are suspended.
type Bulk struct {
	ctx     context.Context
	tx      *sql.Tx
	db      *DB
	batches map[*rowShape]*batch
	order   []*batch        // the batches in first use, flushed in that order
	words   map[string]bool // words of the activities written, for the history search
}

func newBulk(ctx context.Context, db *DB, tx *sql.Tx) *Bulk {
	return &Bulk{ctx: ctx, tx: tx, db: db, batches: map[*rowShape]*batch{}, words: map[string]bool{}}
}

// BulkLoad runs fn in one write transaction on a writer tuned for large
// writes, committed when fn returns nil (after the rows still queued are
// written), rolled back otherwise: on any error nothing is kept.
func (db *DB) BulkLoad(ctx context.Context, fn func(b *Bulk) error) error {
	end, err := db.bulkWriteMode(ctx)
	if err != nil {
		return err
	}
	defer end()
	err = db.write(ctx, func(tx *sql.Tx) error {
		b := newBulk(ctx, db, tx)
		defer b.close()
		// Lines may be written before their documents' rows (see Bulk).
		if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
		if err := fn(b); err != nil {
			return err
		}
		return b.Flush()
	})
	if err == nil {
		db.settleLog(ctx)
	}
	return err
}

// settleLog copies a large write's pages from the write-ahead log into the
// file and empties the log, which would otherwise keep the size of the whole
// write on disk (a team join: 1.7 GB beside the file) and leave copying it
// to the next write (the first sync round). A reader in the middle of a
// snapshot for longer than the busy timeout makes it give up; later writes
// then copy the log as usual.
func (db *DB) settleLog(ctx context.Context) {
	_, _ = db.w.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
}

// bulkWriteMode gives the writer connection a large page cache while a bulk
// load runs: indexes filled in random order (names, parents) spill and re-read
// pages with SQLite's default 2 MB cache (a demo of 20,000 accounts: 6.1 s with
// it, 4.4 s without; an import of 100,000 order lines: 13.7 s).
func (db *DB) bulkWriteMode(ctx context.Context) (restore func(), err error) {
	var old int64
	if err := db.w.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&old); err != nil {
		return nil, wrap("read cache size", err)
	}
	if _, err := db.w.ExecContext(ctx, `PRAGMA cache_size = -262144`); err != nil {
		return nil, wrap("set cache size", err)
	}
	return func() {
		db.w.ExecContext(context.Background(), `PRAGMA cache_size = `+itoa(int(old)))
	}, nil
}

// Add queues a row; a table's rows are written a full statement at a time,
// after what is queued for the tables first added to before it.
func (b *Bulk) Add(r Row) error {
	for _, w := range r.words {
		b.words[w] = true
	}
	q := b.batch(r.shape)
	if !q.push(r.vals) {
		return nil
	}
	for _, o := range b.order {
		if err := o.flush(b.ctx, b.tx); err != nil || o == q {
			return err
		}
	}
	return nil
}

func (b *Bulk) batch(s *rowShape) *batch {
	q := b.batches[s]
	if q == nil {
		q = newBatch(s)
		b.batches[s] = q
		b.order = append(b.order, q)
	}
	return q
}

// Flush writes every row queued, and the words of the activities written so
// far for the history search.
func (b *Bulk) Flush() error {
	for _, q := range b.order {
		if err := q.flush(b.ctx, b.tx); err != nil {
			return err
		}
	}
	if len(b.words) == 0 {
		return nil
	}
	words := slices.Sorted(maps.Keys(b.words))
	clear(b.words)
	return addHistoryWords(b.ctx, b.tx, words)
}

// noteHistory records the words of an activity written outside Add.
func (b *Bulk) noteHistory(subject, notes string) {
	for _, w := range historyWords(subject, notes) {
		b.words[w] = true
	}
}

// close releases the prepared statements.
func (b *Bulk) close() {
	for _, q := range b.order {
		q.close()
	}
}

// Table names a table whose triggers, indexes or search ranks a Bulk
// suspends or rebuilds.
type Table string

// The tables a Bulk suspends or rebuilds the upkeep of.
const (
	Accounts    Table = "accounts"
	Contacts    Table = "contacts"
	Activities  Table = "activities"
	Products    Table = "products"
	Orders      Table = "orders"
	OrderLines  Table = "order_lines"
	Invoices    Table = "invoices"
	Payments    Table = "payments"
	Settlements Table = "settlements"
)

// SuspendSearch drops the triggers that keep the search indexes of the
// tables (accounts, contacts, products) and returns what restores them. Rows
// reach a search index in name order only when it is rebuilt: call
// RerankSearch once the rows are in. Inside the transaction nobody sees the
// difference.
func (b *Bulk) SuspendSearch(tables ...Table) (restore func() error, err error) {
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = string(t)
	}
	return suspendSearch(b.ctx, b.tx, names...)
}

// SuspendTriggers drops every trigger on t and returns what restores them.
// For activities that is the history index and the accounts' last contact
// (RebuildHistoryIndex and RefreshLastContact rebuild them), for orders the
// daily counts (CountOrders). Without triggers an INSERT of a row needs no
// statement journal either, so each row costs about half as much.
func (b *Bulk) SuspendTriggers(t Table) (restore func() error, err error) {
	return suspendSchema(b.ctx, b.tx, `type = 'trigger' AND tbl_name = ? AND name NOT LIKE ? ESCAPE '\'`,
		string(t), strings.ReplaceAll(OutboxTriggerPrefix, "_", `\_`)+"%")
}

// OutboxTriggerPrefix begins the names of the triggers a team's file records
// its changes with (store/team installs them): a bulk write never suspends
// them, so every row it writes reaches the outbox in its own transaction.
const OutboxTriggerPrefix = "kontor_outbox_"

// SuspendIndexes drops t's indexes and returns what builds them again: a
// table filled while they are away has each index sorted once at the end
// instead of written row by row in random order.
func (b *Bulk) SuspendIndexes(t Table) (restore func() error, err error) {
	return suspendSchema(b.ctx, b.tx, `type = 'index' AND tbl_name = ?`, string(t))
}

// suspendSearch drops the triggers of the tables that maintain search
// indexes (named *_search_* or *_fts_*).
func suspendSearch(ctx context.Context, tx *sql.Tx, tables ...string) (restore func() error, err error) {
	return suspendSchema(ctx, tx, `type = 'trigger' AND tbl_name IN (SELECT value FROM json_each(?))
		AND (name LIKE '%\_search\_%' ESCAPE '\' OR name LIKE '%\_fts\_%' ESCAPE '\')`, jsonList(tables))
}

// suspendSchema drops the schema objects that where selects, in name order,
// and returns what creates them again in that order.
func suspendSchema(ctx context.Context, tx *sql.Tx, where string, args ...any) (restore func() error, err error) {
	type object struct{ typ, name, sql string }
	var dropped []object
	err = EachRow(ctx, tx, `SELECT type, name, sql FROM sqlite_schema WHERE `+where+` AND sql IS NOT NULL ORDER BY name`,
		func(rows *sql.Rows) error {
			var o object
			err := rows.Scan(&o.typ, &o.name, &o.sql)
			dropped = append(dropped, o)
			return err
		}, args...)
	if err != nil {
		return nil, err
	}
	for _, o := range dropped {
		if _, err := tx.ExecContext(ctx, `DROP `+o.typ+` "`+o.name+`"`); err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, o := range dropped {
			if _, err := tx.ExecContext(ctx, o.sql); err != nil {
				return fmt.Errorf("restore %s %s: %w", o.typ, o.name, err)
			}
		}
		return nil
	}, nil
}

// RerankSearch spaces the name ranks of the tables evenly in name order and
// rebuilds their search indexes in one pass (see rerankSearch), for rows
// written with the search triggers suspended.
func (b *Bulk) RerankSearch(tables ...Table) error {
	names := make([]string, len(tables))
	for i, t := range tables {
		names[i] = string(t)
	}
	return rerankSearch(b.ctx, b.tx, names...)
}

// RebuildHistoryIndex writes the history search index afresh from the live
// activities, for activities written with their triggers suspended. inTimeOrder
// says the activities' ids run in the order of their dates (a generator that
// wrote them so), which saves sorting the index's keys first.
func (b *Bulk) RebuildHistoryIndex(inTimeOrder bool) error {
	return rebuildHistoryIndex(b.ctx, b.tx, inTimeOrder)
}

// rebuildHistoryIndex writes activities_fts afresh from the live activities,
// in ascending rowid (time) order: FTS5 then appends to growing segments
// instead of starting a new one at every fall in rowid. When the ids are not
// known to be in time order (inIDOrder false), the keys are sorted on their
// own first, in a small temporary table keyed by them, so the texts are never
// sorted. While it writes, FTS5 keeps up to 64 MB of terms in memory and does
// not merge segments as it goes; at the end it merges them into one.
func rebuildHistoryIndex(ctx context.Context, tx *sql.Tx, inIDOrder bool) error {
	fill := []string{`INSERT INTO activities_fts (rowid, body)
		SELECT ` + ftsKey + `, ` + ftsBody + `
		FROM activities t WHERE t.deleted_at IS NULL ORDER BY t.id`}
	if !inIDOrder {
		fill = []string{
			`CREATE TEMP TABLE history_keys (k INTEGER PRIMARY KEY, id INTEGER NOT NULL)`,
			`INSERT INTO temp.history_keys SELECT ` + ftsKey + `, t.id FROM activities t WHERE t.deleted_at IS NULL`,
			`INSERT INTO activities_fts (rowid, body)
				SELECT h.k, ` + ftsBody + `
				FROM temp.history_keys h CROSS JOIN activities t ON t.id = h.id ORDER BY h.k`,
			`DROP TABLE temp.history_keys`}
	}
	exec := func(steps ...string) error {
		for _, q := range steps {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	}
	err := exec(`INSERT INTO activities_fts (activities_fts) VALUES ('delete-all')`,
		`INSERT INTO activities_fts (activities_fts, rank) VALUES ('automerge', 0)`)
	if err == nil {
		err = inOneSegment(ctx, tx, "activities_fts", func() error { return exec(fill...) })
	}
	if err != nil {
		return err
	}
	return exec(
		// One segment: otherwise the first everyday writes after a rebuild
		// (a sync round pulling 10,000 changes on a million activities) pay
		// for merging the rebuild's segments, 78,000 pages, then and there.
		`INSERT INTO activities_fts (activities_fts) VALUES ('optimize')`,
		// Back to FTS5's default for the small writes of everyday use.
		`INSERT INTO activities_fts (activities_fts, rank) VALUES ('automerge', 4)`)
}

// RefreshLastContact sets every account's last contact from its live calls,
// meetings and e-mails, for activities written with their triggers suspended.
func (b *Bulk) RefreshLastContact() error { return refreshLastContact(b.ctx, b.tx) }

func refreshLastContact(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE accounts SET last_contact_at = (SELECT t.occurred_at FROM activities t
		WHERE t.account_id = accounts.id AND t.deleted_at IS NULL AND t.kind IN `+contactKinds+`
		ORDER BY t.occurred_at DESC LIMIT 1)`)
	return err
}

// CountOrders adds the orders with ids after after to the daily counts the
// orders list totals from, for orders written with their triggers suspended.
func (b *Bulk) CountOrders(after domain.OrderID) error {
	_, err := b.tx.ExecContext(b.ctx, `INSERT INTO order_counts (ordered_on, status, owner, n)
		SELECT ordered_on, status, owner, count(*) FROM orders WHERE id > ? GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
		ON CONFLICT (ordered_on, status, owner) DO UPDATE SET n = n + excluded.n`, int64(after))
	return err
}

// SaveDocumentSeries records that the quote or order series of kind has handed
// out numbers up to last in year (0 for a series that does not restart
// yearly); a counter never goes back.
func (b *Bulk) SaveDocumentSeries(kind domain.DocumentKind, year int, last int64) error {
	return saveSeries(b.ctx, b.tx, "document_series", "year", string(kind), year, last)
}

// SaveInvoiceSeries records that the invoice or credit note series has handed
// out numbers up to last in period (domain.NumberSeries.Period); a counter
// never goes back.
func (b *Bulk) SaveInvoiceSeries(kind domain.InvoiceKind, period int, last int64) error {
	return saveSeries(b.ctx, b.tx, "invoice_series", "period", string(kind), period, last)
}

// saveSeries records a series' counter in table, keyed by kind and keyColumn
// (document_series by year, invoice_series by period); a counter never goes
// back.
func saveSeries(ctx context.Context, tx *sql.Tx, table, keyColumn, kind string, key int, last int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (kind, `+keyColumn+`, last) VALUES (?, ?, ?)
		ON CONFLICT (kind, `+keyColumn+`) DO UPDATE SET last = max(last, excluded.last)`, kind, key, last)
	return err
}

// InvoiceOrderLines gives each invoice its order's lines, as issuing an
// invoice on delivery does, in one statement: for a generator that wrote
// invoices (not credit notes) without their lines into an empty table.
func (b *Bulk) InvoiceOrderLines() error {
	_, err := b.tx.ExecContext(b.ctx, `INSERT INTO invoice_lines (invoice_id, `+invoiceLineColumns+`)
		SELECT i.id, l.line_no, l.product_id, l.sku, l.name, l.unit, l.qty_e3, l.price_e4, l.discount_e2, l.vat_rate, l.net_minor
		FROM invoices i JOIN order_lines l ON l.order_id = i.order_id WHERE i.kind = 'invoice' ORDER BY i.id, l.line_no`)
	return err
}

// Allocated is an account's allocation as the store keeps it: each invoice's
// open amount (a credit note's: minus the credit it still gives), each
// payment's unapplied amount, and the settlements (SettlementRow).
type Allocated struct {
	Open        map[domain.InvoiceID]domain.Amount
	Unapplied   map[domain.PaymentID]domain.Amount
	Settlements []domain.Settlement
}

// Allocate allocates an account's ledger as every change to its money does
// (domain.Allocate over everything recorded; see reallocate), for a generator
// that writes the ledger's rows once, allocated already: the invoices and
// payments with the amounts it returns, then the settlements. (A settlement
// written before its invoice is allowed until the commit, but with the
// settlements' indexes suspended each invoice written after it would scan
// them all.)
func Allocate(l domain.Ledger) Allocated {
	a, open := allocate(l)
	return Allocated{Open: open, Unapplied: a.Unapplied, Settlements: a.Settlements}
}

// SaveCompany saves the seller's details.
func (b *Bulk) SaveCompany(c domain.CompanySettings) error { return saveCompany(b.ctx, b.tx, c) }

// HasAccounts reports whether the database holds any account.
func (b *Bulk) HasAccounts() (bool, error) {
	var has bool
	err := b.tx.QueryRowContext(b.ctx, `SELECT EXISTS (SELECT 1 FROM accounts)`).Scan(&has)
	return has, err
}

// GroupIDs maps the customer groups' names to their ids.
func (b *Bulk) GroupIDs() (map[string]domain.GroupID, error) {
	out := map[string]domain.GroupID{}
	err := EachRow(b.ctx, b.tx, `SELECT id, name FROM customer_groups`, func(rows *sql.Rows) error {
		var id domain.GroupID
		var name string
		err := rows.Scan(&id, &name)
		out[name] = id
		return err
	})
	return out, err
}

// Pricer loads the whole catalog, every agreement and every account's head
// office chain and group, to price many lines (see Pricer).
func (b *Bulk) Pricer() (*Pricer, error) { return loadPricer(b.ctx, b.tx, true, nil) }
