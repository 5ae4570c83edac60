package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"time"

	"kontor/domain"
)

// ApplicationID marks a SQLite file as Kontor's ("KNTR").
const ApplicationID = 0x4B4E5452

// DB is an open Kontor database.
type DB struct {
	path     string
	w        *sql.DB // one connection: every transaction on it is a write transaction
	r        *sql.DB // readers
	now      func() time.Time
	readOnly bool
	srcDSN   string // a read-only handle on the file, for backups
	onWait   func(waiting bool)

	// Created reports that Open made a new, empty database.
	Created bool
}

// Options tune Open.
type Options struct {
	BusyTimeout time.Duration // how long a save waits for another writer; default 5 s
	// ReadOnly opens the database for reading only: a missing file is not
	// created, an older one not upgraded, nothing is written, and a file on a
	// read-only disk or in a folder Kontor may not write opens all the same.
	ReadOnly bool
	// OnWait, when set, is told when a save has waited WaitNotice for
	// another writer (another program's import, a long save of this one) —
	// true — and when that wait is over — false —, so that a user sees why
	// nothing happens. Called from the saving goroutine or a timer's.
	OnWait func(waiting bool)
}

// WaitNotice is how long a save waits for the write lock before OnWait is told.
const WaitNotice = 300 * time.Millisecond

// Open opens the Kontor database at path, migrating it to the current schema.
// Only a path where nothing exists becomes a new database: it is built as a
// hidden file beside path and given its name once complete, so no crash ever
// leaves an empty or half-made database under it. Anything that is not a
// complete Kontor database — another program's file, an empty or cut-short
// file, a damaged one, one written by a newer Kontor, a device — is refused
// before a byte is written, and so is a file Kontor cannot write (unless
// opt.ReadOnly).
func Open(ctx context.Context, path string, opt Options) (*DB, error) {
	if opt.BusyTimeout == 0 {
		opt.BusyTimeout = 5 * time.Second
	}
	registerCollation()
	created := false
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if opt.ReadOnly {
			return nil, domain.Errorf(domain.ENotFound, "db.missing",
				"there is no database at {{.Path}}; check the path (--db or KONTOR_DB)", map[string]any{"Path": path})
		}
		if created, err = create(ctx, path); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, cannotOpen(path, err)
	}
	version, err := inspect(ctx, path)
	if err != nil {
		return nil, err
	}
	if opt.ReadOnly {
		if version < SchemaVersion() {
			return nil, domain.Errorf(domain.EReadOnly, "db.needs_upgrade",
				"{{.Path}} was written by an earlier version of Kontor and must be updated before this one can read it; open it once where Kontor may write it",
				map[string]any{"Path": path})
		}
	} else if err := checkWritable(path); err != nil {
		return nil, err
	}
	db := &DB{path: path, now: time.Now, Created: created, readOnly: opt.ReadOnly,
		srcDSN: readDSN(path, opt.BusyTimeout), onWait: opt.OnWait}
	writer, reader := dsn(path, opt.BusyTimeout, false), dsn(path, opt.BusyTimeout, true)
	if opt.ReadOnly {
		writer = db.srcDSN + "&_pragma=query_only(1)"
		reader = writer
	}
	if db.w, err = sql.Open(driverName, writer); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.w.SetMaxOpenConns(1)
	db.w.SetConnMaxIdleTime(0)
	if db.r, err = sql.Open(driverName, reader); err != nil {
		db.w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.r.SetMaxOpenConns(4)
	db.r.SetMaxIdleConns(4)
	if opt.ReadOnly {
		return db, nil
	}
	if err := db.migrateWaiting(ctx, opt.BusyTimeout); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.refreshNameKeys(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// LimitSize caps how large the file may grow, in bytes (rounded down to
// pages): a save that needs more fails as on a full disk (EFull) and saves
// nothing. The fault tests simulate a full disk with it, portably.
func (db *DB) LimitSize(ctx context.Context, bytes int64) error {
	var pageSize int64
	if err := db.w.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&pageSize); err != nil {
		return wrap("limit size", err)
	}
	_, err := db.w.ExecContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, max(1, bytes/pageSize)))
	return wrap("limit size", err)
}

// ReadOnly reports whether the database was opened for reading only.
func (db *DB) ReadOnly() bool { return db.readOnly }

// migrateWaiting retries a migration that found the file busy, for up to
// wait: switching a new file to WAL takes its lock without SQLite's busy
// handler, so two programs creating one file at once would otherwise fail.
func (db *DB) migrateWaiting(ctx context.Context, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for {
		err := db.migrate(ctx)
		if e, ok := domain.AsError(err); !ok || e.Key != "db.locked" || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Path is the database file.
func (db *DB) Path() string { return db.path }

// Close closes the database.
func (db *DB) Close() error {
	var errs []error
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	if db.w != nil {
		errs = append(errs, db.w.Close())
	}
	return errors.Join(errs...)
}

// SetClock replaces the clock that stamps created_at/updated_at (tests).
func (db *DB) SetClock(now func() time.Time) { db.now = now }

func dsn(path string, busy time.Duration, reader bool) string {
	q := url.Values{}
	// The pragmas run in this order: the busy timeout first, so that switching
	// to WAL waits for another program opening the file instead of failing.
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	if !reader {
		q.Add("_pragma", "journal_mode(WAL)")
	}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if reader {
		q.Add("_pragma", "query_only(1)")
		q.Set("_txlock", "deferred")
	} else {
		q.Set("_txlock", "immediate")
		// A statement that may fail halfway (foreign keys, checks, triggers
		// writing other tables) keeps a statement journal, and bulk writers
		// keep temporary tables. In a file, the journal of a write that
		// changes more than 16 pages (an account saved on a joined file) is
		// a temporary file created, written and deleted within the
		// statement, and a bulk write's every first change of a page is a
		// write(2) (100,000 activities inserted with their triggers: half
		// the time).
		q.Add("_pragma", "temp_store(MEMORY)")
		// A log that grew with one large write shrinks back once copied.
		q.Add("_pragma", "journal_size_limit(67108864)")
	}
	return fileURI(path) + "?" + q.Encode()
}

// readDSN is a handle that reads path without changing it or leaving
// anything beside it. Where Kontor may write, it is an ordinary handle (one
// that only reads: the last to close removes SQLite's -wal and -shm as
// usual); on a read-only disk or file it is a read-only one, told the file
// is immutable when no -wal holds recent changes, so SQLite creates nothing.
// Not query_only: that refuses VACUUM INTO, which writes only its target.
func readDSN(path string, busy time.Duration) string {
	q := url.Values{}
	if checkWritable(path) != nil {
		q.Set("mode", "ro")
		if !exists(path + "-wal") {
			q.Set("immutable", "1")
		}
	}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Set("_txlock", "deferred")
	return fileURI(path) + "?" + q.Encode()
}

// inspectDSN reads path strictly as it is, for a check or as a restore's
// source: read-only, and told the file is immutable when no -wal holds
// recent changes, so that not even a journal beside it is rolled back.
func inspectDSN(path string, busy time.Duration) string {
	q := url.Values{}
	q.Set("mode", "ro")
	if !exists(path + "-wal") {
		q.Set("immutable", "1")
	}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busy.Milliseconds()))
	q.Set("_txlock", "deferred")
	return fileURI(path) + "?" + q.Encode()
}

func fileURI(path string) string { return "file:" + (&url.URL{Path: path}).EscapedPath() }

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
