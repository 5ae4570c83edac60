package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"os"
	"strconv"
	"sync"
	"time"

	"kontor/domain"
	"kontor/store/safefile"
)

// write runs fn in one write transaction: committed when fn returns nil, rolled
// back otherwise. The writer pool has one connection and begins IMMEDIATE, so
// a transaction that reads then writes never loses to another writer midway.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return db.writeOn(ctx, db.w.BeginTx, fn)
}

// writeOn is write in a transaction beginTx begins.
func (db *DB) writeOn(ctx context.Context, beginTx func(context.Context, *sql.TxOptions) (*sql.Tx, error), fn func(tx *sql.Tx) error) error {
	tx, err := db.beginOn(ctx, beginTx)
	if err != nil {
		return wrap("begin", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return db.fail(err)
	}
	return db.fail(wrap("commit", tx.Commit()))
}

// writeChecked is write for a large write whose every reference to another
// row its caller has checked under the same lock (the order import: see
// importRun). SQLite's own foreign-key lookups, one per parent of every row
// written, are a sixth of such a write, so they are off for it. No other
// write runs without them meanwhile: the writer's one connection is held
// from the pragma to its reset, and one whose reset failed is discarded.
func (db *DB) writeChecked(ctx context.Context, fn func(tx *sql.Tx) error) error {
	conn, err := db.w.Conn(ctx)
	if err != nil {
		return db.fail(wrap("begin", err))
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return db.fail(wrap("begin", err))
	}
	defer func() {
		if _, err := conn.ExecContext(context.Background(), `PRAGMA foreign_keys = ON`); err != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	return db.writeOn(ctx, conn.BeginTx, fn)
}

// beginOn starts a write transaction with beginTx, telling Options.OnWait
// when it has to wait long for the lock (another writer holds it) and when
// it has it.
func (db *DB) beginOn(ctx context.Context, beginTx func(context.Context, *sql.TxOptions) (*sql.Tx, error)) (*sql.Tx, error) {
	if db.onWait == nil {
		return beginTx(ctx, nil)
	}
	var mu sync.Mutex
	told, over := false, false
	timer := time.AfterFunc(WaitNotice, func() {
		mu.Lock()
		defer mu.Unlock()
		if !over {
			told = true
			db.onWait(true)
		}
	})
	tx, err := beginTx(ctx, nil)
	timer.Stop()
	mu.Lock()
	over = true
	if told {
		db.onWait(false)
	}
	mu.Unlock()
	return tx, err
}

// fail words a database error for people, naming this database where the
// message needs it: a full disk says how much room to make.
func (db *DB) fail(err error) error {
	err = mapError(err)
	if e, ok := domain.AsError(err); ok && e.Key == "db.full" {
		// The write transaction was at most the size of the log SQLite keeps
		// beside the file; free that much again, and at least 16 MB.
		var need int64
		if st, serr := os.Stat(db.path + "-wal"); serr == nil {
			need = st.Size()
		}
		return safefile.DiskFull(db.path, need)
	}
	return err
}

// read runs fn in a read transaction on a snapshot of the database.
func (db *DB) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return wrap("begin read", err)
	}
	defer tx.Rollback()
	return db.fail(fn(tx))
}

// queryer is what both *sql.Tx and *sql.DB offer.
type queryer interface {
	Querier
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Querier runs queries: a *sql.DB, *sql.Tx or *sql.Conn.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// EachRow runs a query and calls scan for each row it returns; it stops at
// the first error, scan's or the query's.
func EachRow(ctx context.Context, q Querier, query string, scan func(*sql.Rows) error, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func itoa(n int) string { return strconv.Itoa(n) }
